import math
from datetime import time
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from accounts.models import User
from accounts.plans import limit_message
from sites.access import Access, AccessDetail, card_names, facility_name
from sites.states import USState
from sites.time_zones import zone_of


class Origin(models.TextChoices):
    OWNER = "owner", "Added by its owner"
    NREL = "nrel", "Imported from NREL"
    OCPI = "ocpi", "Reported by its network (OCPI)"


class SiteQuerySet(models.QuerySet):
    def for_owner(self, user):
        return self.filter(owner=user) if user.is_authenticated else self.none()

    def claimed(self):
        return self.filter(owner__isnull=False)

    def unclaimed(self):
        return self.filter(owner__isnull=True)

    def without_stations(self):
        return self.filter(stations__isnull=True)

    def public(self):
        return self.filter(access=Access.PUBLIC)

    def around(self, latitude, longitude, metres: float):
        """Within a box `metres` each way of a point: a cheap first cut before the exact
        distance (sites.nearby measures it)."""
        lat, lng = float(latitude), float(longitude)
        dlat = metres / 111_320
        dlng = metres / max(111_320 * math.cos(math.radians(lat)), 1.0)
        return self.filter(
            latitude__range=(Decimal(f"{lat - dlat:.6f}"), Decimal(f"{lat + dlat:.6f}")),
            longitude__range=(Decimal(f"{lng - dlng:.6f}"), Decimal(f"{lng + dlng:.6f}")),
        )


def _price(verbose_name):
    return models.DecimalField(
        verbose_name,
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0), "A price cannot be below $0.")],
    )


zip_code_validator = RegexValidator(
    r"^\d{5}(-\d{4})?$", "Enter a 5-digit ZIP code, like 10001 or 10001-1234."
)


class Site(models.Model):
    """A charging location: one address, one or more stations."""

    name = models.CharField(max_length=200)
    # Owners must give all three (SiteForm); an imported record with good coordinates
    # but no street or ZIP is still a place drivers can find.
    street_address = models.CharField("street address", max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=2, choices=USState, blank=True)
    zip_code = models.CharField("ZIP code", max_length=10, blank=True)
    # Networks also report locations abroad (OCPI); US addresses get US rules.
    country = models.CharField(max_length=3, default="USA", help_text="ISO 3166 alpha-3 code.")
    latitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        validators=[MinValueValidator(Decimal(-90)), MaxValueValidator(Decimal(90))],
        help_text="Decimal degrees, like 40.748817. Right-click the spot on a map to copy it.",
    )
    longitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        validators=[MinValueValidator(Decimal(-180)), MaxValueValidator(Decimal(180))],
        help_text="Decimal degrees, like -73.985428. US longitudes are negative.",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sites",
        help_text="Empty while the location is unclaimed.",
    )
    owned_since = models.DateTimeField(
        "owned since",
        null=True,
        blank=True,
        editable=False,
        help_text="When its current owner took it over: their status history starts then.",
    )
    origin = models.CharField(max_length=10, choices=Origin, default=Origin.OWNER)
    source_id = models.CharField(
        "source id",
        max_length=50,
        blank=True,
        help_text="The record's id at its source (the NREL AFDC id for imported locations).",
    )
    network = models.CharField(max_length=100, blank=True, help_text="The network's usual name.")
    access = models.CharField(
        max_length=10,
        choices=Access,
        default=Access.PUBLIC,
        help_text="Private locations are hidden from drivers' search.",
    )
    access_detail = models.CharField(
        "restriction",
        max_length=30,
        choices=AccessDetail,
        blank=True,
        help_text="What a driver must know before coming, if anything.",
    )
    restricted = models.BooleanField(
        "restricted access",
        default=False,
        help_text="Public, but with restrictions drivers should read first.",
    )
    always_open = models.BooleanField("open 24/7", default=False)
    hours_note = models.CharField(
        "hours",
        max_length=300,
        blank=True,
        help_text='As written for drivers: "7am-7pm M-F; pay lot".',
    )
    free = models.BooleanField("free to charge", default=False)
    price_per_kwh = _price("price per kWh ($)")
    price_per_hour = _price("price per hour ($)")
    price_per_session = _price("price per session ($)")
    pricing = models.CharField(
        "pricing note",
        max_length=300,
        blank=True,
        help_text='Anything else about price: "$2 per hour idle fee after 4 hours".',
    )
    phone = models.CharField(max_length=30, blank=True)
    cards_accepted = models.CharField(
        "cards accepted",
        max_length=200,
        blank=True,
        help_text='AFDC payment codes, space-separated: "A D M V APPLE_PAY".',
    )
    facility_type = models.CharField("facility type", max_length=50, blank=True)
    opened_on = models.DateField("open since", null=True, blank=True)
    time_zone = models.CharField(
        "time zone",
        max_length=50,
        blank=True,
        help_text="Its opening hours' clock; from the state when left empty.",
    )
    # What the source said when we last read it: an unchanged record writes nothing.
    source_fingerprint = models.CharField(max_length=32, blank=True, editable=False)
    source_confirmed_on = models.DateField(
        "confirmed by the source on", null=True, blank=True, editable=False
    )
    verified_at = models.DateTimeField(
        "verified by its owner at",
        null=True,
        blank=True,
        editable=False,
        help_text="When the owner last saved or confirmed this location's data.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SiteQuerySet.as_manager()

    class Meta:
        verbose_name = "location"
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90)
                & Q(longitude__gte=-180, longitude__lte=180),
                name="site_coordinates_on_earth",
                violation_error_message="Latitude is -90 to 90 and longitude -180 to 180.",
            ),
            models.CheckConstraint(
                # An imported record may lack its state; it is still a place on the map.
                condition=~Q(country="USA") | ~Q(state="") | Q(origin=Origin.NREL),
                name="site_us_address_has_state",
                violation_error_message="A US location needs its state.",
            ),
            models.CheckConstraint(
                condition=Q(free=False)
                | Q(price_per_kwh__isnull=True, price_per_hour__isnull=True)
                & Q(price_per_session__isnull=True),
                name="site_free_has_no_price",
                violation_error_message="A free location has no price.",
            ),
            models.CheckConstraint(
                condition=Q(origin=Origin.OWNER) | ~Q(source_id=""),
                name="site_imported_has_source_id",
                violation_error_message="An imported location needs its source id.",
            ),
            models.UniqueConstraint(
                fields=["origin", "source_id"],
                condition=~Q(source_id=""),
                name="site_unique_source_id",
                violation_error_message="A location with this source id already exists.",
            ),
        ]
        indexes = [models.Index(fields=["owner", "name"], name="site_owner_name")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.time_zone:
            self.time_zone = zone_of(self.state, self.latitude, self.longitude)
        if self.owner_id != getattr(self, "_saved_owner_id", None) or (
            self.owner_id and not self.owned_since
        ):
            # Claimed, handed over or given up: the new owner's history starts now.
            self.owned_since = timezone.now() if self.owner_id else None
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "owner" in update_fields:
            kwargs["update_fields"] = {*update_fields, "owned_since"}
        super().save(*args, **kwargs)
        self._saved_owner_id = self.owner_id

    def get_absolute_url(self):
        return reverse("sites:detail", args=[self.pk])

    @property
    def is_private(self) -> bool:
        return self.access == Access.PRIVATE

    @property
    def restriction(self) -> str:
        """Why a driver might not be able to charge here, in a few words ("" when nothing)."""
        if self.access_detail:
            return AccessDetail(self.access_detail).label
        return "Restricted access" if self.restricted else ""

    @property
    def prices(self) -> list[str]:
        """ "Free", or each price: ["$0.35 per kWh", "$1 per session"]; [] when unknown."""
        if self.free:
            return ["Free"]
        return [
            f"${amount:.2f} per {unit}"
            for amount, unit in [
                (self.price_per_kwh, "kWh"),
                (self.price_per_hour, "hour"),
                (self.price_per_session, "session"),
            ]
            if amount is not None
        ]

    @property
    def weekly_hours(self) -> list[tuple[str, str]]:
        """(day, hours) for Monday to Sunday, "Closed" for a day without hours."""
        by_day = {hours.weekday: hours for hours in self.opening_hours.all()}
        return [(day.label, by_day[day].text if day in by_day else "Closed") for day in Weekday]

    @property
    def card_names(self) -> list[str]:
        return card_names(self.cards_accepted)

    @property
    def facility_name(self) -> str:
        return facility_name(self.facility_type)

    def get_public_url(self):
        return reverse("sites:public", args=[self.pk])

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        site = super().from_db(db, field_names, values, **kwargs)
        site._saved_owner_id = site.__dict__.get("owner_id")
        return site

    @property
    def is_claimed(self) -> bool:
        return self.owner_id is not None

    @property
    def is_imported(self) -> bool:
        return self.origin == Origin.NREL

    @property
    def verified_ago(self) -> str:
        """ "12 days ago", or "today": when the owner last saved or confirmed its data."""
        if not self.verified_at:
            return ""
        days = (timezone.now() - self.verified_at).days
        if days < 1:
            return "today"
        return ngettext("%(days)d day ago", "%(days)d days ago", days) % {"days": days}

    def mark_verified(self):
        self.verified_at = timezone.now()
        Site.objects.filter(pk=self.pk).update(verified_at=self.verified_at)

    @property
    def full_address(self) -> str:
        if self.country != "USA":
            parts = [self.street_address, f"{self.zip_code} {self.city}", self.country]
        else:
            parts = [self.street_address, self.city, f"{self.state} {self.zip_code}"]
        return ", ".join(part.strip() for part in parts if part.strip())

    def clean(self):
        super().clean()
        amounts = [self.price_per_kwh, self.price_per_hour, self.price_per_session]
        if self.free and any(amount is not None for amount in amounts):
            raise ValidationError(
                {"free": "A free location has no price: untick “Free” or clear the prices."}
            )
        if self.country == "USA" and self.origin != Origin.NREL:
            errors = {}
            if not self.state:
                errors["state"] = "Choose the state the location is in."
            if self.zip_code and not zip_code_validator.regex.match(self.zip_code):
                errors["zip_code"] = zip_code_validator.message
            if errors:
                raise ValidationError(errors)
        self.validate_location_limit()

    def validate_location_limit(self, whose: str = "your"):
        """An owner may hold as many locations as their plan allows.

        Call inside the transaction that saves the location: the owner's row
        stays locked until it commits, so concurrent adds cannot both pass.
        """
        if self.owner_id is None or self._already_owned_by_owner():
            return
        with transaction.atomic():
            owner = User.objects.lock(self.owner_id)
            if message := location_limit_reached(owner, whose, exclude=self.pk):
                raise ValidationError(message, code="limit")

    def _already_owned_by_owner(self) -> bool:
        return (
            not self._state.adding
            and Site.objects.filter(pk=self.pk, owner_id=self.owner_id).exists()
        )


def location_limit_reached(owner, whose: str = "your", exclude=None) -> str:
    """The plan's sentence when `owner` holds every location their plan allows, else "".

    The one rule behind the model's check, a disabled "Add Location" and a refused claim.
    """
    held = Site.objects.filter(owner=owner).exclude(pk=exclude).count()
    plan = owner.plan_choice
    if held >= plan.limits.locations:
        return limit_message(plan, "location", "locations", whose=whose)
    return ""


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class OpeningHours(models.Model):
    """When drivers can charge on one day of the week, on the location's own clock.

    `closes` at or before `opens` means after midnight: 18:00-02:00 is open into
    the next day, 00:00-00:00 all day. A day without a row is closed, unless the
    location is open 24/7.
    """

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(choices=Weekday)
    opens = models.TimeField()
    closes = models.TimeField()

    class Meta:
        verbose_name_plural = "opening hours"
        ordering = ["site", "weekday"]
        constraints = [
            models.UniqueConstraint(fields=["site", "weekday"], name="opening_hours_one_per_day"),
            models.CheckConstraint(
                condition=Q(weekday__gte=0, weekday__lte=6), name="opening_hours_weekday"
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}-{self.closes:%H:%M}"

    @property
    def text(self) -> str:
        """ "6:00 AM – 11:59 PM", or "All day"."""
        if self.opens == self.closes == time(0):
            return "All day"
        return f"{_clock(self.opens)} – {_clock(self.closes)}"

    @property
    def minutes(self) -> tuple[int, int]:
        """(opens, closes) in minutes from the start of the day; closes may pass 1440."""
        opens = self.opens.hour * 60 + self.opens.minute
        closes = self.closes.hour * 60 + self.closes.minute
        if closes <= opens:
            closes += 1440
        return opens, closes

    def clean(self):
        super().clean()
        # 08:00-08:00 would read as 24 hours from 8 AM: most likely a slip, so ask.
        if self.opens is not None and self.opens == self.closes and self.opens != time(0):
            day = Weekday(self.weekday).label if self.weekday in Weekday.values else "This day"
            raise ValidationError(
                {
                    "closes": f"{day} opens and closes at {_clock(self.opens)}: "
                    "correct the closing time, or set both to midnight (12:00 AM) for open all day."
                }
            )


def _clock(moment: time) -> str:
    if moment == time(0):
        return "midnight"
    return f"{moment.hour % 12 or 12}:{moment.minute:02d} {'AM' if moment.hour < 12 else 'PM'}"


class SuggestionStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    ACCEPTED = "accepted", "Accepted"
    DISMISSED = "dismissed", "Dismissed"


class SuggestionQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=SuggestionStatus.PENDING)

    def for_owner(self, user):
        return self.filter(site__owner=user) if user.is_authenticated else self.none()


class Suggestion(models.Model):
    """A difference a source found in a claimed location, for its owner to accept or dismiss.

    A claimed location is never overwritten by an import: the owner decides.
    """

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="suggestions")
    # A Site field name, or "ports:<power type>" for a difference in port counts.
    field = models.CharField(max_length=50)
    message = models.CharField(max_length=300)
    value = models.JSONField(help_text="What the source says.")
    status = models.CharField(
        max_length=10, choices=SuggestionStatus, default=SuggestionStatus.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["site", "field"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "field"],
                condition=Q(status=SuggestionStatus.PENDING),
                name="suggestion_one_pending_per_field",
            )
        ]

    def __str__(self):
        return self.message

    @property
    def is_about_ports(self) -> bool:
        return self.field.startswith("ports:")
