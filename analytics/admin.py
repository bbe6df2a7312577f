from django.contrib import admin

from analytics.models import DailyCount


@admin.register(DailyCount)
class DailyCountAdmin(admin.ModelAdmin):
    list_display = ["site", "day", "kind", "count"]
    list_filter = ["kind"]
    date_hierarchy = "day"
    raw_id_fields = ["site"]
    readonly_fields = ["site", "day", "kind", "count"]
