from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from ports.vocabulary import (
    BUSY_LIVE_STATUSES,
    LIVE_STATUS_FRESH_FOR,
    MAX_PORT_KW,
    POWER_TOLERANCE,
    ConnectorType,
    LiveStatus,
    PortStatus,
    PowerType,
)
from stations.models import Station


def busy_now(now=None) -> Q:
    """A fresh network report says the port cannot be used right now."""
    since = (now or timezone.now()) - LIVE_STATUS_FRESH_FOR
    return Q(live_status__in=BUSY_LIVE_STATUSES, live_status_at__gte=since)


def available_now(now=None) -> Q:
    """The rule for "available", in one place: operational, and no fresh report says busy."""
    return Q(status=PortStatus.OPERATIONAL) & ~busy_now(now)


class PortQuerySet(models.QuerySet):
    def for_owner(self, user):
        return self.filter(station__site__owner=user) if user.is_authenticated else self.none()

    def listed(self):
        """What drivers see: ports of published stations that still exist physically."""
        return self.filter(station__is_published=True, network_removed=False).exclude(
            status=PortStatus.DECOMMISSIONED
        )

    def available(self, now=None):
        return self.listed().filter(available_now(now))

    def out_of_service(self):
        return self.filter(status=PortStatus.OUT_OF_SERVICE)

    def needing_attention(self):
        """Broken ports, longest broken first."""
        return self.out_of_service().order_by("out_of_service_since", "pk")


def _compatible_power_types():
    return Q(
        *[
            Q(connector_type=connector, power_type__in=connector.power_types)
            for connector in ConnectorType
        ],
        _connector=Q.OR,
    )


class PositionQuerySet(models.QuerySet):
    def for_owner(self, user):
        return self.filter(station__site__owner=user) if user.is_authenticated else self.none()


class Position(models.Model):
    """A charging position (OCPI's EVSE): ports that share one cable cabinet and so charge
    one car at a time. A port without a position is a position of its own, as most are.

    "N ports available" counts positions, never two ports of one.
    """

    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="positions")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PositionQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"Position {self.pk} of {self.station}"

    @classmethod
    @transaction.atomic
    def group(cls, station, ports, *, by) -> "Position":
        """These ports of the station charge one car at a time from now on.

        Raises ValidationError, naming the port that cannot join, and saves nothing.
        """
        if len(ports) < 2:
            raise ValidationError(
                "Tick at least two ports: a single port already charges one car at a time."
            )
        position = cls.objects.create(station=station)
        for port in ports:
            emptied = port.position_id
            port.position = position
            port.updated_by = by
            try:
                port.full_clean()
            except ValidationError as error:
                raise ValidationError(f"“{port}” cannot join: {' '.join(error.messages)}") from None
            port.save()  # one save each: drivers' search recounts the location
            if emptied:  # a position left without ports means nothing
                cls.objects.filter(pk=emptied, ports__isnull=True).delete()
        return position

    @transaction.atomic
    def split(self, *, by) -> list["Port"]:
        """Each port charges separately again; the position is gone."""
        ports = list(self.ports.all())
        for port in ports:
            port.position = None
            port.updated_by = by
            port.save()
        self.delete()
        return ports


class Port(models.Model):
    """One connector on a station."""

    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="ports")
    position = models.ForeignKey(
        Position,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ports",
        help_text="Ports sharing a position charge one car at a time; empty: its own position.",
    )
    connector_type = models.CharField("connector type", max_length=10, choices=ConnectorType)
    power_type = models.CharField("power type", max_length=10, choices=PowerType)
    max_power_kw = models.DecimalField(
        "max power (kW)",
        max_digits=6,
        decimal_places=2,
        validators=[
            MinValueValidator(Decimal("0.01"), "Max power must be above 0 kW."),
            MaxValueValidator(
                MAX_PORT_KW,
                "Max power can be at most 1,000 kW. Check the nameplate: "
                "a figure in watts must be divided by 1,000.",
            ),
        ],
        help_text="The most this port can deliver, from the nameplate or the specs.",
    )
    voltage = models.PositiveSmallIntegerField(
        "voltage (V)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(1500)],
        help_text="Optional: leave blank if unsure.",
    )
    amperage = models.PositiveSmallIntegerField(
        "amperage (A)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
        help_text="Optional: leave blank if unsure.",
    )
    status = models.CharField(
        "operational status",
        max_length=20,
        choices=PortStatus,
        default=PortStatus.OPERATIONAL,
    )
    label = models.CharField(
        "port label",
        max_length=50,
        blank=True,
        help_text='Helps drivers pick the right port: "Port 1", "Left Port".',
    )
    notes = models.TextField(
        max_length=500,
        blank=True,
        help_text='For drivers: "Requires ChargePoint app to activate", "Awaiting parts".',
    )
    expected_repair_date = models.DateField(
        "expected repair date",
        null=True,
        blank=True,
        help_text="Optional, for ports that are Out of Service.",
    )
    live_status = models.CharField(
        "live status",
        max_length=20,
        choices=LiveStatus,
        blank=True,
        help_text="As the station's network last reported it.",
    )
    live_status_at = models.DateTimeField("live status reported at", null=True, blank=True)
    live_source = models.CharField("live status source", max_length=100, blank=True)
    network_removed = models.BooleanField(
        "removed by its network",
        default=False,
        help_text="The network reported this port's EVSE as REMOVED: hidden from drivers.",
    )
    needs_review = models.BooleanField(
        "needs review",
        default=False,
        help_text="Imported data its owner has not yet confirmed or edited.",
    )
    # When the port last went out of service, so the longest-broken come first.
    out_of_service_since = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    # Live status churns every few minutes; its own history is StatusChange.
    history = HistoricalRecords(
        excluded_fields=[
            "updated_at",
            "out_of_service_since",
            "live_status",
            "live_status_at",
            "live_source",
        ]
    )
    objects = PortQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_power_kw__gt=0, max_power_kw__lte=MAX_PORT_KW),
                name="port_max_power_in_range",
                violation_error_message="Max power must be above 0 and at most 1,000 kW.",
            ),
            models.CheckConstraint(
                condition=_compatible_power_types(),
                name="port_connector_matches_power_type",
                violation_error_message="This connector cannot deliver that power type.",
            ),
            models.CheckConstraint(
                condition=~Q(connector_type=ConnectorType.OTHER) | ~Q(notes=""),
                name="port_other_connector_named_in_notes",
                violation_error_message="Name the connector in the notes when it is “Other”.",
            ),
            models.CheckConstraint(
                condition=Q(voltage__isnull=True)
                | Q(amperage__isnull=True)
                # Decimal first: volts x amps overflows PostgreSQL's smallint.
                | Q(max_power_kw__lte=POWER_TOLERANCE * F("voltage") * F("amperage") / 1000),
                name="port_power_within_volts_times_amps",
                violation_error_message="Max power cannot exceed voltage × amperage.",
            ),
            models.CheckConstraint(
                condition=Q(expected_repair_date__isnull=True)
                | Q(status=PortStatus.OUT_OF_SERVICE),
                name="port_repair_date_only_when_out_of_service",
                violation_error_message="Only Out of Service ports have an expected repair date.",
            ),
            models.UniqueConstraint(
                fields=["station", "label"],
                condition=~Q(label=""),
                name="port_label_unique_per_station",
                violation_error_message="Another port on this station has this label.",
            ),
        ]
        indexes = [
            models.Index(
                fields=["out_of_service_since"],
                condition=Q(status=PortStatus.OUT_OF_SERVICE),
                name="port_out_of_service",
            )
        ]

    def __str__(self):
        return self.label or f"{self.connector.label} port"

    def save(self, *args, **kwargs):
        before = getattr(self, "_saved_status", None)
        if self.is_out_of_service:
            self.out_of_service_since = self.out_of_service_since or timezone.now()
        else:
            self.out_of_service_since = None
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "status" in update_fields:
            kwargs["update_fields"] = {*update_fields, "out_of_service_since"}
        self._save_label_checked(*args, **kwargs)
        if before != self.status:
            StatusChange.record(
                self,
                StatusChange.Kind.OPERATIONAL,
                before or "",
                self.status,
                source=str(self.updated_by) if self.updated_by_id else "ChargeSites",
            )
        self._saved_status = self.status

    def get_absolute_url(self):
        return reverse("ports:detail", args=[self.pk])

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        port = super().from_db(db, field_names, values, **kwargs)
        port._saved_status = port.__dict__.get("status")
        return port

    def _save_label_checked(self, *args, **kwargs):
        if not self.label:
            return super().save(*args, **kwargs)
        # A label taken between clean() and here (a path that skipped the lock) reads as
        # the form's message; the savepoint keeps the caller's transaction usable.
        try:
            with transaction.atomic():
                super().save(*args, **kwargs)
        except IntegrityError:
            if self._label_taken():
                raise ValidationError({"label": self.label_taken_message}) from None
            raise

    @property
    def connector(self) -> ConnectorType:
        return ConnectorType(self.connector_type)

    @property
    def power(self) -> PowerType:
        return PowerType(self.power_type)

    @property
    def current_status(self) -> PortStatus:
        return PortStatus(self.status)

    @property
    def is_out_of_service(self) -> bool:
        return self.status == PortStatus.OUT_OF_SERVICE

    @property
    def is_operational(self) -> bool:
        return self.status == PortStatus.OPERATIONAL

    def live_now(self, now=None) -> LiveStatus | None:
        """The network's report, while it is fresh; None when there is none or it is stale."""
        if not self.live_status or self.live_status_at is None:
            return None
        if self.live_status_at < (now or timezone.now()) - LIVE_STATUS_FRESH_FOR:
            return None
        return LiveStatus(self.live_status)

    def is_available_now(self, now=None) -> bool:
        return self.is_operational and self.live_now(now) not in BUSY_LIVE_STATUSES

    @property
    def rated_kw(self) -> Decimal | None:
        """Voltage × amperage in kW, when both are known."""
        if self.voltage and self.amperage:
            return Decimal(self.voltage * self.amperage) / 1000
        return None

    @property
    def position_key(self) -> tuple[str, int]:
        """Equal for ports that charge one car at a time between them."""
        return ("position", self.position_id) if self.position_id else ("port", self.pk)

    def clean(self):
        super().clean()
        errors = self.rule_errors()
        if self.position_id and self.position.station_id != self.station_id:
            errors["position"] = (
                "A port shares a position only with ports of its own station: "
                "choose one of this station's positions, or none."
            )
        if self.label and self.station_id:
            with transaction.atomic():
                # Two requests giving one label at once queue on the station's row; the
                # second then sees the first's port (the lock lasts the request's transaction).
                Station.objects.lock(self.station_id)
                if self._label_taken():
                    errors["label"] = self.label_taken_message
        if errors:
            raise ValidationError(errors)

    @property
    def label_taken_message(self) -> str:
        return (
            f"Another port on this station is labelled “{self.label}”. "
            "Give each port its own label."
        )

    def _label_taken(self) -> bool:
        taken = Port.objects.filter(station_id=self.station_id, label=self.label)
        return taken.exclude(pk=self.pk).exists()

    def validate_rules(self):
        """The port's own rules, without the database: for imports that check many at once."""
        if errors := self.rule_errors():
            raise ValidationError(errors)

    def rule_errors(self) -> dict[str, str]:
        errors = {}
        known = self.connector_type in ConnectorType.values and self.power_type in PowerType.values
        if known and self.power not in self.connector.power_types:
            errors["power_type"] = self.connector.power_type_advice
        if self.connector_type == ConnectorType.OTHER and not self.notes.strip():
            errors["notes"] = (
                "Name the connector in the notes (for example “NEMA 14-50 outlet”): "
                "“Other” alone tells drivers nothing."
            )
        rated = self.rated_kw
        if rated and self.max_power_kw and self.max_power_kw > rated * POWER_TOLERANCE:
            errors["max_power_kw"] = (
                f"Don't overestimate power: {self.voltage} V × {self.amperage} A gives "
                f"{rated.normalize():f} kW, less than {self.max_power_kw.normalize():f} kW. "
                "Enter the nameplate power, or correct the voltage and amperage."
            )
        if self.expected_repair_date and not self.is_out_of_service:
            errors["expected_repair_date"] = (
                "Only ports that are Out of Service have an expected repair date: "
                "clear the date, or set the status to Out of Service."
            )
        return errors

    def set_status(self, status: PortStatus, *, clear_notes: bool = False):
        """Change the status in memory, with what that does to the repair details.

        The one home of this rule, for Edit, the row's buttons, reports, admin and imports: once a
        port is no longer Out of Service (repaired or decommissioned) its expected repair date
        means nothing to a driver and goes; its notes go too when the owner asks.
        """
        status = PortStatus(status)
        if self.is_out_of_service and status is not PortStatus.OUT_OF_SERVICE:
            self.expected_repair_date = None
            if clear_notes:
                self.notes = ""
        self.status = status

    def mark(
        self,
        status: PortStatus,
        *,
        by,
        clear_notes: bool = False,
        note: str | None = None,
        repair_date=None,
    ):
        """Change only the operational status, as the row's buttons do; going Out of Service,
        with an optional note for drivers and expected repair date (None keeps what is there).

        Raises ValidationError, and saves nothing, for a Decommissioned port (it comes back
        through Edit, where its details are checked) or a change that breaks a rule.
        """
        if self.current_status is PortStatus.DECOMMISSIONED:
            raise ValidationError(f"“{self}” is Decommissioned: it changes status through Edit.")
        if PortStatus(status) is PortStatus.DECOMMISSIONED:
            raise ValidationError(
                "Decommission a port through Edit, where its details are checked."
            )
        self.set_status(status, clear_notes=clear_notes)
        if self.is_out_of_service:
            if note is not None:
                self.notes = note.strip()
            if repair_date is not None:
                self.expected_repair_date = repair_date
        self.updated_by = by
        self.full_clean()
        self.save()


class StatusChange(models.Model):
    """One change of a port's operational or live status: what uptime is computed from."""

    class Kind(models.TextChoices):
        OPERATIONAL = "operational", "Operational status"
        LIVE = "live", "Live status"

    port = models.ForeignKey(Port, on_delete=models.CASCADE, related_name="status_changes")
    kind = models.CharField(max_length=12, choices=Kind)
    old = models.CharField("from", max_length=20, blank=True)
    new = models.CharField("to", max_length=20)
    at = models.DateTimeField(default=timezone.now)
    source = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["port", "at"], name="status_change_port_at")]

    def __str__(self):
        return f"{self.port_id}: {self.kind} {self.old or '-'} -> {self.new} at {self.at}"

    @classmethod
    def record(cls, port, kind, old, new, *, source="", at=None):
        cls.record_many([port.pk], kind, old, new, source=source, at=at)

    @classmethod
    def record_many(cls, port_ids, kind, old, new, *, source="", at=None):
        if settings.KEEP_STATUS_HISTORY and port_ids:
            at = at or timezone.now()
            cls.objects.bulk_create(
                cls(port_id=pk, kind=kind, old=old, new=new, source=source[:100], at=at)
                for pk in port_ids
            )
