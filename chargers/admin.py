from django.contrib import admin, messages
from django.db.models import Q
from django.utils import timezone

from chargers.models import AcceptedTag, Charger, ChargerConnector, ChargingSession
from ports.admin import ReadOnlyAdmin


class ConnectorInline(admin.TabularInline):
    model = ChargerConnector
    extra = 0
    fields = ["connector_id", "port", "status", "error_code", "info", "vendor_error_code"]
    readonly_fields = ["status", "error_code", "info", "vendor_error_code", "status_at"]
    autocomplete_fields = ["port"]  # a select of every port would be thousands long


class TagInline(admin.TabularInline):
    model = AcceptedTag
    extra = 0


class OnlineFilter(admin.SimpleListFilter):
    """As the offline sweep last judged (it runs every few seconds)."""

    title = "connection"
    parameter_name = "connection"
    CHOICES = {
        "online": Q(last_heard_at__isnull=False, offline_since__isnull=True),
        "offline": Q(offline_since__isnull=False),
        "never": Q(last_heard_at__isnull=True),
    }

    def lookups(self, request, model_admin):
        return [("online", "Connected"), ("offline", "Offline"), ("never", "Never connected")]

    def queryset(self, request, queryset):
        condition = self.CHOICES.get(self.value())
        return queryset if condition is None else queryset.filter(condition)


@admin.register(Charger)
class ChargerAdmin(admin.ModelAdmin):
    list_display = [
        "charge_point_id",
        "station",
        "location",
        "connection",
        "vendor",
        "model",
        "firmware_version",
    ]
    list_filter = [OnlineFilter, "accepts", "vendor"]
    search_fields = [
        "charge_point_id",
        "serial_number",
        "station__name",
        "station__site__name",
        "station__site__city",
    ]
    list_select_related = ["station__site"]
    autocomplete_fields = ["station"]
    readonly_fields = [
        "password_version",
        "password_issued_at",
        "vendor",
        "model",
        "serial_number",
        "firmware_version",
        "booted_at",
        "connected_at",
        "last_heard_at",
        "offline_since",
        "created_at",
    ]
    fieldsets = [
        (None, {"fields": ["charge_point_id", "station", "accepts", "heartbeat_interval"]}),
        ("Password", {"fields": ["password_version", "password_issued_at"]}),
        (
            "As the charger describes itself (BootNotification)",
            {"fields": ["vendor", "model", "serial_number", "firmware_version", "booted_at"]},
        ),
        ("Connection", {"fields": ["connected_at", "last_heard_at", "offline_since"]}),
    ]
    inlines = [ConnectorInline, TagInline]
    actions = ["issue_new_passwords"]

    @admin.display(description="location", ordering="station__site__name")
    def location(self, charger):
        return charger.station.site

    @admin.display(description="connection", ordering="last_heard_at")
    def connection(self, charger):
        if charger.last_heard_at is None:
            return "Never connected"
        if charger.is_online():
            return f"Connected · last heard {timezone.localtime(charger.last_heard_at):%H:%M:%S}"
        since = charger.offline_since or charger.last_heard_at
        return f"Offline since {timezone.localtime(since):%Y-%m-%d %H:%M}"

    def save_model(self, request, charger, form, change):
        if not change:
            self._issue(request, charger)
        super().save_model(request, charger, form, change)

    @admin.action(description="Issue a new password (the old one stops working at once)")
    def issue_new_passwords(self, request, queryset):
        for charger in queryset:
            self._issue(request, charger)
            charger.save(update_fields=["password_hash", "password_version", "password_issued_at"])

    def _issue(self, request, charger):
        password = charger.issue_password()
        # Shown once: only its hash is kept.
        messages.warning(
            request,
            f"Password for {charger.charge_point_id}: {password} — give it to the charger's "
            "owner now; it is stored hashed and cannot be shown again.",
        )


@admin.register(ChargingSession)
class ChargingSessionAdmin(ReadOnlyAdmin):
    """What chargers reported: read, never edited."""

    list_display = [
        "pk",
        "charger",
        "connector_id",
        "port",
        "id_tag",
        "started_at",
        "stopped_at",
        "energy_kwh",
        "stop_reason",
    ]
    list_filter = ["stop_reason"]
    search_fields = ["=id", "charger__charge_point_id", "id_tag"]
    list_select_related = ["charger", "port"]
    date_hierarchy = "started_at"

    @admin.display(description="energy (kWh)")
    def energy_kwh(self, session):
        energy = session.energy_wh
        return "—" if energy is None else f"{energy / 1000:.2f}"
