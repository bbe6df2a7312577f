"""Chargers that talk to us over OCPP 1.6J, their connectors, accepted tags and sessions.

A Charger belongs to a Station (a station may hold more than one); each OCPP connector
maps to at most one Port. What any process of the OCPP server needs lives here, in the
database: a charger's connection lives in one process, its state in none.
"""

import hashlib
import hmac
import secrets
import string

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from chargers.vocabulary import OcppStatus
from ports.models import Port
from stations.models import Station

# OCPP's CiString limits, and what a URL path segment carries without escaping.
CHARGE_POINT_ID_CHARS = string.ascii_uppercase + string.digits
DEFAULT_HEARTBEAT_SECONDS = 60


def hash_password(password: str) -> str:
    # Passwords are ours, long and random (never chosen by a person): a plain digest keeps
    # them unreadable at rest and costs microseconds when 2,000 chargers reconnect at once.
    return hashlib.sha256(password.encode()).hexdigest()


def new_charge_point_id() -> str:
    return "CS" + "".join(secrets.choice(CHARGE_POINT_ID_CHARS) for _ in range(10))


class ChargerQuerySet(models.QuerySet):
    def for_owner(self, user):
        return self.filter(station__site__owner=user) if user.is_authenticated else self.none()

    def authenticate(self, charge_point_id: str, password: str):
        """The charger these credentials open, or None (unknown id and wrong password alike)."""
        charger = self.filter(charge_point_id=charge_point_id).first()
        if charger is None or not charger.password_hash:
            return None
        if not hmac.compare_digest(charger.password_hash, hash_password(password)):
            return None
        return charger


CHARGE_POINT_ID_TAKEN = (
    "Another charger already uses this charge point id: choose another, "
    "or leave it empty and we make one up."
)
TAG_TAKEN = "This charger already accepts that tag."


def _saved_or_field_error(save, field, message, taken):
    """save(), or the field's message when the unique row it needs was taken meanwhile (by a
    request the form's check could not see yet); the savepoint keeps the caller's
    transaction usable."""
    try:
        with transaction.atomic():
            save()
    except IntegrityError:
        if taken():
            raise ValidationError({field: message}) from None
        raise


class Charger(models.Model):
    """One OCPP charge point, as its owner registered it and as it last described itself."""

    class Accepts(models.TextChoices):
        EVERYONE = "everyone", "Every driver (free, or paid at the unit)"
        LISTED = "listed", "Only the RFID tags listed here"

    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="chargers")
    charge_point_id = models.CharField(
        "charge point id", max_length=48, unique=True, default=new_charge_point_id
    )
    password_hash = models.CharField(max_length=64, editable=False)
    # Bumped on every new password: a process holding a connection opened with an older
    # one closes it (chargers.revocation).
    password_version = models.PositiveIntegerField(default=0, editable=False)
    password_issued_at = models.DateTimeField(null=True, blank=True, editable=False)
    accepts = models.CharField(
        "drivers accepted", max_length=10, choices=Accepts, default=Accepts.EVERYONE
    )
    heartbeat_interval = models.PositiveIntegerField(
        "heartbeat interval (s)", default=DEFAULT_HEARTBEAT_SECONDS
    )

    # From BootNotification.
    vendor = models.CharField(max_length=20, blank=True)
    model = models.CharField(max_length=20, blank=True)
    serial_number = models.CharField("serial number", max_length=25, blank=True)
    firmware_version = models.CharField("firmware version", max_length=50, blank=True)
    booted_at = models.DateTimeField(null=True, blank=True)

    # Connection state, kept by whichever server process holds the connection.
    connected_at = models.DateTimeField(null=True, blank=True)
    last_heard_at = models.DateTimeField(null=True, blank=True)
    # Set by the offline sweep once the charger has been silent for two heartbeats.
    offline_since = models.DateTimeField(null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)

    objects = ChargerQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(heartbeat_interval__gte=10, heartbeat_interval__lte=3600),
                name="charger_heartbeat_interval_range",
            ),
        ]

    def __str__(self):
        return self.charge_point_id

    def save(self, *args, **kwargs):
        _saved_or_field_error(
            lambda: super(Charger, self).save(*args, **kwargs),
            "charge_point_id",
            CHARGE_POINT_ID_TAKEN,
            lambda: (
                Charger.objects.exclude(pk=self.pk)
                .filter(charge_point_id=self.charge_point_id)
                .exists()
            ),
        )

    def clean(self):
        if not 10 <= (self.heartbeat_interval or 0) <= 3600:
            raise ValidationError(
                {"heartbeat_interval": "Choose a heartbeat interval between 10 and 3,600 seconds."}
            )

    def issue_password(self) -> str:
        """A new password, returned once and stored hashed; the old one stops working."""
        password = secrets.token_urlsafe(24)
        self.password_hash = hash_password(password)
        self.password_version += 1
        self.password_issued_at = timezone.now()
        return password

    def is_online(self, now=None) -> bool:
        if self.last_heard_at is None or self.offline_since is not None:
            return False
        silent_for = (now or timezone.now()) - self.last_heard_at
        return silent_for.total_seconds() <= 2 * self.heartbeat_interval


class ChargerConnector(models.Model):
    """An OCPP connector (1, 2, ...) of a charger, the port it is, and what it last said."""

    charger = models.ForeignKey(Charger, on_delete=models.CASCADE, related_name="connectors")
    connector_id = models.PositiveSmallIntegerField("connector id")
    port = models.OneToOneField(
        Port, on_delete=models.SET_NULL, null=True, blank=True, related_name="ocpp_connector"
    )
    status = models.CharField(max_length=20, choices=OcppStatus, blank=True)
    error_code = models.CharField("error code", max_length=30, blank=True)
    info = models.CharField(max_length=50, blank=True)
    vendor_error_code = models.CharField("vendor error code", max_length=50, blank=True)
    status_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["charger", "connector_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["charger", "connector_id"], name="charger_connector_unique"
            ),
            models.CheckConstraint(
                condition=Q(connector_id__gte=1), name="charger_connector_id_positive"
            ),
        ]

    def __str__(self):
        return f"{self.charger} connector {self.connector_id}"

    def clean(self):
        if self.port_id and self.port.station_id != self.charger.station_id:
            raise ValidationError({"port": "Choose a port of this charger's station."})


class AcceptedTag(models.Model):
    """An RFID tag (OCPP idTag) a charger accepts when it accepts listed tags only."""

    charger = models.ForeignKey(Charger, on_delete=models.CASCADE, related_name="tags")
    id_tag = models.CharField("RFID tag", max_length=20)
    label = models.CharField(max_length=100, blank=True, help_text='e.g. "Fleet van 3".')

    class Meta:
        ordering = ["id_tag"]
        constraints = [
            # OCPP compares idTags without regard to case (CiString): so does the rule.
            models.UniqueConstraint(
                "charger", Lower("id_tag"), name="accepted_tag_unique_any_case"
            ),
        ]

    def __str__(self):
        return self.id_tag

    def save(self, *args, **kwargs):
        _saved_or_field_error(
            lambda: super(AcceptedTag, self).save(*args, **kwargs),
            "id_tag",
            TAG_TAKEN,
            lambda: (
                AcceptedTag.objects.exclude(pk=self.pk)
                .filter(charger_id=self.charger_id, id_tag__iexact=self.id_tag)
                .exists()
            ),
        )


class ChargingSession(models.Model):
    """One OCPP transaction: its pk is the transactionId the charger is given."""

    charger = models.ForeignKey(Charger, on_delete=models.CASCADE, related_name="sessions")
    connector_id = models.PositiveSmallIntegerField("connector id")
    port = models.ForeignKey(
        Port, on_delete=models.SET_NULL, null=True, blank=True, related_name="charging_sessions"
    )
    id_tag = models.CharField("RFID tag", max_length=20)
    started_at = models.DateTimeField()
    meter_start_wh = models.BigIntegerField("meter at start (Wh)")
    stopped_at = models.DateTimeField(null=True, blank=True)
    meter_stop_wh = models.BigIntegerField("meter at stop (Wh)", null=True, blank=True)
    # The latest MeterValues reading while the session runs.
    meter_last_wh = models.BigIntegerField("latest meter reading (Wh)", null=True, blank=True)
    stop_reason = models.CharField("stop reason", max_length=20, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["charger", "-started_at"], name="session_charger_started")]

    def __str__(self):
        return f"{self.charger} #{self.pk}"

    @property
    def energy_wh(self) -> int | None:
        end = self.meter_stop_wh if self.meter_stop_wh is not None else self.meter_last_wh
        if end is None:
            return None
        return max(end - self.meter_start_wh, 0)
