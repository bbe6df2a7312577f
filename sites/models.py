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
from sites.states import USState


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


zip_code_validator = RegexValidator(
    r"^\d{5}(-\d{4})?$", "Enter a 5-digit ZIP code, like 10001 or 10001-1234."
)


class Site(models.Model):
    """A charging location: one address, one or more stations."""

    name = models.CharField(max_length=200)
    street_address = models.CharField("street address", max_length=200)
    city = models.CharField(max_length=100)
    state = models.CharField(max_length=2, choices=USState, blank=True)
    zip_code = models.CharField("ZIP code", max_length=10)
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
    origin = models.CharField(max_length=10, choices=Origin, default=Origin.OWNER)
    source_id = models.CharField(
        "source id",
        max_length=50,
        blank=True,
        help_text="The record's id at its source (the NREL AFDC id for imported locations).",
    )
    network = models.CharField(max_length=100, blank=True, help_text="As NREL names it.")
    access = models.CharField(
        "access hours", max_length=300, blank=True, help_text="When drivers can charge here."
    )
    pricing = models.CharField(max_length=300, blank=True)
    facility_type = models.CharField("facility type", max_length=50, blank=True)
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
                condition=~Q(country="USA") | ~Q(state=""),
                name="site_us_address_has_state",
                violation_error_message="A US location needs its state.",
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

    def get_absolute_url(self):
        return reverse("sites:detail", args=[self.pk])

    def get_public_url(self):
        return reverse("sites:public", args=[self.pk])

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
            return f"{self.street_address}, {self.zip_code} {self.city}, {self.country}"
        return f"{self.street_address}, {self.city}, {self.state} {self.zip_code}"

    def clean(self):
        super().clean()
        if self.country == "USA":
            errors = {}
            if not self.state:
                errors["state"] = "Choose the state the location is in."
            if self.zip_code and not zip_code_validator.regex.match(self.zip_code):
                errors["zip_code"] = zip_code_validator.message
            if errors:
                raise ValidationError(errors)
        self.validate_location_limit()

    def validate_location_limit(self):
        """An owner may hold as many locations as their plan allows.

        Call inside the transaction that saves the location: the owner's row
        stays locked until it commits, so concurrent adds cannot both pass.
        """
        if self.owner_id is None or self._already_owned_by_owner():
            return
        with transaction.atomic():
            owner = User.objects.lock(self.owner_id)
            held = Site.objects.filter(owner=owner).exclude(pk=self.pk).count()
            plan = owner.plan_choice
            if held >= plan.limits.locations:
                raise ValidationError(limit_message(plan, "location", "locations"), code="limit")

    def _already_owned_by_owner(self) -> bool:
        return (
            not self._state.adding
            and Site.objects.filter(pk=self.pk, owner_id=self.owner_id).exists()
        )


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
