from django.contrib import admin

from ports.models import Port
from stations.models import Station


class PortInline(admin.TabularInline):
    model = Port
    fields = [
        "connector_type",
        "power_type",
        "max_power_kw",
        "voltage",
        "amperage",
        "status",
        "label",
        "notes",
        "expected_repair_date",
    ]
    show_change_link = True
    extra = 0


@admin.register(Station)
class StationAdmin(admin.ModelAdmin):
    list_display = ["name", "site", "network", "is_published"]
    list_filter = ["is_published", "network"]
    search_fields = ["name", "site__name", "site__city"]
    list_select_related = ["site"]
    autocomplete_fields = ["site"]
    inlines = [PortInline]

    def save_formset(self, request, form, formset, change):
        ports = formset.save(commit=False)
        for port in ports:
            port.updated_by = request.user
            port.save()
        for port in formset.deleted_objects:
            port.delete()
        formset.save_m2m()
