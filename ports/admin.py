from django.contrib import admin
from django.db.models import OuterRef, Subquery
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from ports.models import Port

HistoricalPort = Port.history.model


@admin.register(Port)
class PortAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "station", "connector_type", "power_type", "max_power_kw", "status"]
    list_filter = ["connector_type", "power_type", "status"]
    search_fields = ["label", "notes", "station__name", "station__site__name"]
    list_select_related = ["station"]
    autocomplete_fields = ["station"]
    readonly_fields = ["out_of_service_since", "created_at", "updated_at", "updated_by"]

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(HistoricalPort)
class PortChangeAdmin(admin.ModelAdmin):
    """Every port change, deleted ports included: who, when, and what changed from what."""

    list_display = ["history_date", "history_user", "action", "port", "station_name", "changes"]
    list_filter = ["history_type", "history_date"]
    search_fields = ["=id", "label", "history_user__email"]
    # The historical station key is nullable and unconstrained: a LEFT JOIN keeps
    # the rows of a deleted station, whose station is then None.
    list_select_related = ["history_user", "station"]
    date_hierarchy = "history_date"

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
        for record in records:
            record.previous = previous.get(record.previous_id)
        return changelist

    @admin.display(description="port")
    def port(self, record):
        return f"#{record.id} {record.label or record.get_connector_type_display()}"

    @admin.display(description="station")
    def station_name(self, record):
        return record.station or f"#{record.station_id} (deleted)"

    @admin.display(description="action", ordering="history_type")
    def action(self, record):
        return {"+": "Created", "~": "Changed", "-": "Deleted"}[record.history_type]

    @admin.display(description="what changed")
    def changes(self, record):
        previous = record.previous
        if previous is None:
            return "(first record)"
        delta = record.diff_against(previous)
        if not delta.changes:
            return "(no field changed)"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{}: {} → {}</li>",
                ((c.field, _shown(c.old), _shown(c.new)) for c in delta.changes),
            ),
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _shown(value):
    return "(empty)" if value in (None, "") else value
