from django.contrib import admin

from labels.models import PortLabel


@admin.register(PortLabel)
class PortLabelAdmin(admin.ModelAdmin):
    """Support looks up which port a driver's label code belongs to. Codes are never edited
    (they are printed on the hardware) nor added by hand; deleting a port or station in the
    admin takes its label with it, so deletion stays allowed."""

    list_display = ["code", "port", "station", "created_at"]
    search_fields = ["=code", "port__station__name", "port__station__site__name"]
    list_select_related = ["port__station"]
    readonly_fields = ["code", "port", "created_at"]

    @admin.display(description="station")
    def station(self, label):
        return label.port.station

    def has_add_permission(self, request):
        return False
