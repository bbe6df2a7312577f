from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Lower
from django.urls import reverse

from accounts.models import User
from accounts.plans import limit_message
from ports.vocabulary import PortStatus
from sites.models import Site

# Suggestions for the network field; owners may type any other network.
COMMON_NETWORKS = [
    "ChargePoint",
    "Electrify America",
    "EVgo",
    "Blink",
    "Tesla",
    "Shell Recharge",
    "EV Connect",
    "Volta",
    "Non-Networked",
]


NAME_TAKEN = (
    "This location already has a station with that name. "
    "Give each station its own name, like “Bank A” and “Bank B”."
)


class StationQuerySet(models.QuerySet):
    def for_owner(self, user):
        return self.filter(site__owner=user) if user.is_authenticated else self.none()

    def published(self):
        return self.filter(is_published=True)

    def drafts(self):
        return self.filter(is_published=False)

    def lock(self, pk):
        """Lock a station's row until the transaction ends: its ports' labels are checked
        under it, so two requests giving one label at once queue instead of both passing."""
        return self.select_for_update(no_key=True).filter(pk=pk).first()

    def without_ports(self):
        """Stations no driver can find by a port: none yet, or only decommissioned ones or
        ones their network removed."""
        ports = self.model.ports.rel.related_model.objects  # ports.models imports this module
        findable = ports.filter(station=OuterRef("pk"), network_removed=False).exclude(
            status=PortStatus.DECOMMISSIONED
        )
        return self.exclude(Exists(findable))


class Station(models.Model):
    """One charging unit at a location; its ports are the connectors drivers plug in."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="stations")
    name = models.CharField(max_length=200, help_text='As drivers see it: "ChargePoint CT4000".')
    manufacturer = models.CharField(max_length=100, blank=True)
    model = models.CharField(max_length=100, blank=True)
    network = models.CharField(
        max_length=100,
        default="Non-Networked",
        help_text='The network drivers pay through, or "Non-Networked".',
    )
    is_published = models.BooleanField(
        "published",
        default=True,
        help_text="Drivers see published stations only; a draft stays private to you.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = StationQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                F("site"),
                Lower("name"),
                name="station_name_unique_per_site",
                violation_error_message="This location already has a station with that name.",
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # A name taken between clean() and here (a path that skipped the lock) reads as
        # the form's message; the savepoint keeps the caller's transaction usable.
        try:
            with transaction.atomic():
                super().save(*args, **kwargs)
        except IntegrityError:
            if self._name_taken():
                raise ValidationError({"name": NAME_TAKEN}) from None
            raise

    def get_absolute_url(self):
        return reverse("stations:detail", args=[self.pk])

    def clean(self):
        super().clean()
        with transaction.atomic():
            if self.site_id and self.name:
                # The location's row first, then the owner's (the limit): two requests
                # naming a station alike queue here and the second sees the first's.
                Site.objects.select_for_update(no_key=True).filter(pk=self.site_id).first()
            self.validate_station_limit()
            if self.site_id and self.name and self._name_taken():
                raise ValidationError({"name": NAME_TAKEN})

    def _name_taken(self) -> bool:
        taken = Station.objects.filter(site_id=self.site_id, name__iexact=self.name)
        return taken.exclude(pk=self.pk).exists()

    def validate_station_limit(self, adding: int = 1):
        """A location may hold as many stations as its owner's plan allows.

        `adding` is how many new stations are being saved together (an admin
        inline can add several at once). Like the location limit, it locks the
        owner's row for the rest of the caller's transaction.
        """
        site = getattr(self, "site", None)
        if site is None or site.owner_id is None or self._already_on_site():
            return  # unclaimed locations have no plan to limit them
        with transaction.atomic():
            owner = User.objects.lock(site.owner_id)
            if message := station_limit_reached(site, owner, adding=adding, exclude=self.pk):
                raise ValidationError(message, code="limit")

    def _already_on_site(self) -> bool:
        return (
            not self._state.adding
            and Station.objects.filter(pk=self.pk, site_id=self.site_id).exists()
        )


def station_limit_reached(site, owner=None, *, adding: int = 1, exclude=None) -> str:
    """The plan's sentence when `site` cannot take `adding` more stations, else "".

    The one rule behind the model's check and a disabled "Add Station".
    """
    owner = owner or site.owner
    if owner is None:
        return ""  # unclaimed locations have no plan to limit them
    plan = owner.plan_choice
    allowed = plan.limits.stations_per_location
    if allowed is None:
        return ""
    held = 0 if site.pk is None else site.stations.exclude(pk=exclude).count()
    if held + adding > allowed:
        return limit_message(plan, "station", "stations_per_location", " per location")
    return ""
