from django.contrib import admin

from reports.models import Report, flagged_port_ids


class FlaggedFilter(admin.SimpleListFilter):
    title = "flagged (3+ not working in 24 h)"
    parameter_name = "flagged"

    def lookups(self, request, model_admin):
        return [("yes", "Flagged ports")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(port_id__in=flagged_port_ids())
        return queryset


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["created_at", "problem", "port", "site", "resolved_at"]
    list_filter = [FlaggedFilter, "problem", ("resolved_at", admin.EmptyFieldListFilter)]
    search_fields = ["comment", "port__station__site__name"]
    list_select_related = ["port__station__site"]
    readonly_fields = ["port", "problem", "comment", "client", "created_at"]

    @admin.display(description="location")
    def site(self, report):
        return report.port.station.site
