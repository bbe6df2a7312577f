from dataclasses import dataclass
from datetime import date

from django.contrib import admin
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from simple_history.admin import SimpleHistoryAdmin

from ports.models import Port
from ports.templatetags.connectors import kw

HistoricalPort = Port.history.model

# How many of a port's changes its change page shows; the rest are one click away.
RECENT_CHANGES = 10
UNITS = {"max_power_kw": "kW", "voltage": "V", "amperage": "A"}
FIELD_ORDER = {field.name: index for index, field in enumerate(Port._meta.fields)}
ACTIONS = {"+": "Created", "~": "Changed", "-": "Deleted"}


@dataclass(frozen=True)
class Change:
    """One field of a port, from what to what, in the words the forms use."""

    field: str
    old: str
    new: str


def describe_changes(pairs):
    """For each (record, previous record or None), the fields that changed, shown as people
    read them: "Operational status: Operational → Out of Service", "Max power (kW): 7.2 kW → 50 kW".

    A list for each pair; None for a first record. Related rows (a port's station or
    position) cost one query per kind of relation that changed, whatever the row count.
    """
    deltas = [
        None if previous is None else record.diff_against(previous).changes
        for record, previous in pairs
    ]
    related = _related_names(change for delta in deltas if delta for change in delta)
    return [
        None
        if delta is None
        else [
            Change(
                field=capfirst(Port._meta.get_field(c.field).verbose_name),
                old=_shown(c.field, c.old, related),
                new=_shown(c.field, c.new, related),
            )
            for c in sorted(delta, key=lambda c: FIELD_ORDER.get(c.field, len(FIELD_ORDER)))
        ]
        for delta in deltas
    ]


def _related_names(changes):
    """{(field name, pk): name} for the related rows these changes point to."""
    wanted = {}
    for change in changes:
        field = Port._meta.get_field(change.field)
        if field.is_relation:
            wanted.setdefault(field.name, set()).update(
                pk for pk in (change.old, change.new) if pk is not None
            )
    names = {}
    for name, pks in wanted.items():
        rows = Port._meta.get_field(name).related_model._default_manager.in_bulk(pks)
        names |= {(name, pk): str(row) for pk, row in rows.items()}
    return names


def _shown(name, value, related=None):
    if value in (None, ""):
        return "(empty)"
    field = Port._meta.get_field(name)
    if field.is_relation:
        return (related or {}).get((name, value), f"#{value} (deleted)")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date):
        return formats.date_format(value)
    if name in UNITS:
        return f"{kw(value)} {UNITS[name]}"
    return str(value)


def _who(record):
    return str(record.history_user) if record.history_user else "(a script or import)"


def _reason(record):
    # simple-history keeps None when no reason was given: show nothing, never "None".
    return (record.history_change_reason or "").strip()


def recent_changes(port, limit=RECENT_CHANGES):
    """The port's last changes, newest first: when, who, what, and whether older ones exist.
    Two queries: the records (one more than shown, to diff the oldest) and any related names.
    """
    records = list(
        port.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    shown = records[:limit]
    pairs = [
        (record, records[i + 1] if i + 1 < len(records) else None) for i, record in enumerate(shown)
    ]
    return [
        {
            "when": record.history_date,
            "who": _who(record),
            "action": ACTIONS[record.history_type],
            "changes": changes,
            "reason": _reason(record),
        }
        for (record, _), changes in zip(pairs, describe_changes(pairs), strict=True)
    ], len(records) > limit


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records something else writes (a port's history, the sessions chargers report): staff
    read them, and an edit would make them say what did not happen."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Port)
class PortAdmin(SimpleHistoryAdmin):
    list_display = [
        "__str__",
        "location",
        "station_name",
        "connector_type",
        "power_type",
        "max_power",
        "status",
    ]
    list_filter = ["connector_type", "power_type", "status"]
    search_fields = ["label", "notes", "station__name", "station__site__name"]
    list_select_related = ["station__site"]
    autocomplete_fields = ["station"]
    readonly_fields = ["out_of_service_since", "created_at", "updated_at", "updated_by"]
    object_history_list_template = "admin/ports/port/object_history_list.html"

    class Media:
        css = {"all": ["css/admin-ports.css"]}

    @admin.display(description="location", ordering="station__site__name")
    def location(self, port):
        site = port.station.site
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:sites_site_change", args=[site.pk]), site
        )

    @admin.display(description="station", ordering="station__name")
    def station_name(self, port):
        station = port.station
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:stations_station_change", args=[station.pk]),
            station,
        )

    @admin.display(description="max power", ordering="max_power_kw")
    def max_power(self, port):
        return _shown("max_power_kw", port.max_power_kw)

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk is not None:
            context["recent_changes"], context["older_changes"] = recent_changes(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        # The full history page: the same words as the change page and the list of changes.
        records = list(historical_records)
        if not records:
            return
        before_page = (
            HistoricalPort.objects.filter(
                id=records[-1].id, history_date__lt=records[-1].history_date
            )
            .order_by("-history_date", "-history_id")
            .first()
        )
        pairs = [
            (record, records[i + 1] if i + 1 < len(records) else before_page)
            for i, record in enumerate(records)
        ]
        for record, changes in zip(records, describe_changes(pairs), strict=True):
            record.history_delta_changes = changes
            record.reason = _reason(record)
            record.who = _who(record)


@admin.register(HistoricalPort)
class PortChangeAdmin(ReadOnlyAdmin):
    """Every port change, deleted ports included: who, when, and what changed from what."""

    list_display = ["when", "who", "action", "port", "station_name", "changes"]
    list_display_links = ["when"]
    list_filter = ["history_type", "history_date"]
    search_fields = ["=id", "label", "history_user__email"]
    # The historical station key is nullable and unconstrained: a LEFT JOIN keeps
    # the rows of a deleted station, whose station is then None.
    list_select_related = ["history_user", "station"]
    date_hierarchy = "history_date"

    class Media:
        css = {"all": ["css/admin-ports.css"]}

    def get_queryset(self, request):
        earlier = HistoricalPort.objects.filter(
            id=OuterRef("id"), history_date__lt=OuterRef("history_date")
        ).order_by("-history_date", "-history_id")
        return (
            super()
            .get_queryset(request)
            .annotate(previous_id=Subquery(earlier.values("history_id")[:1]))
            .order_by("-history_date", "-history_id")
        )

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        # One query for every row's previous record, not one per row.
        records = list(changelist.result_list)
        previous = HistoricalPort.objects.in_bulk([r.previous_id for r in records if r.previous_id])
        pairs = [(record, previous.get(record.previous_id)) for record in records]
        for record, changes in zip(records, describe_changes(pairs), strict=True):
            record.field_changes = changes
        return changelist

    def get_exclude(self, request, obj=None):
        # A record's own page: a reason only when one was given.
        if obj is not None and not _reason(obj):
            return ["history_change_reason"]
        return super().get_exclude(request, obj)

    @admin.display(description="when", ordering="history_date")
    def when(self, record):
        return formats.localize(timezone.localtime(record.history_date))

    @admin.display(description="who", ordering="history_user__email")
    def who(self, record):
        return _who(record)

    @admin.display(description="port")
    def port(self, record):
        return f"#{record.id} {record.label or record.get_connector_type_display()}"

    @admin.display(description="station")
    def station_name(self, record):
        return record.station or f"#{record.station_id} (deleted)"

    @admin.display(description="action", ordering="history_type")
    def action(self, record):
        return ACTIONS[record.history_type]

    @admin.display(description="what changed")
    def changes(self, record):
        changes = getattr(record, "field_changes", None)
        reason = _reason(record)
        if changes is None:
            shown = "(first record)"
        elif not changes:
            shown = "(no field changed)"
        else:
            shown = format_html(
                "<ul>{}</ul>",
                format_html_join(
                    "", "<li>{}: {} → {}</li>", ((c.field, c.old, c.new) for c in changes)
                ),
            )
        if reason:
            return format_html("{}<p>Reason: {}</p>", shown, reason)
        return shown
