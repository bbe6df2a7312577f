from django.contrib import admin

from photos.models import Photo


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    list_display = ["caption", "site", "station", "port", "position", "created_at"]
    search_fields = ["caption", "site__name"]
    list_select_related = ["site", "station", "port"]
    autocomplete_fields = ["site"]
    raw_id_fields = ["station", "port"]
    # Files arrive through the owners' upload, which checks them and strips their metadata.
    readonly_fields = ["image", "thumbnail", "width", "height", "uploaded_by", "created_at"]

    def has_add_permission(self, request):
        return False
