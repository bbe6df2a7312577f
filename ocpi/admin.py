from django.contrib import admin, messages

from ocpi.models import OcpiConnector, OcpiEvse, OcpiLocation, Partner


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "country_code", "party_id", "token_hint", "is_active", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["name", "party_id"]
    readonly_fields = ["token_hint", "created_at"]
    actions = ["issue_new_tokens"]

    def save_model(self, request, partner, form, change):
        if not change:
            self._issue(request, partner)
        super().save_model(request, partner, form, change)

    @admin.action(description="Issue a new token (the old one stops working)")
    def issue_new_tokens(self, request, queryset):
        for partner in queryset:
            self._issue(request, partner)
            partner.save(update_fields=["token_hash", "token_hint"])

    def _issue(self, request, partner):
        token = partner.issue_token()
        # Shown once: only its hash is kept.
        messages.warning(
            request,
            f"Token for {partner.name}: {token} — give it to the partner now; "
            "it is stored hashed and cannot be shown again.",
        )


class _Linked(admin.ModelAdmin):
    """Support staff link a network's objects to ours; the network's data is read-only."""

    readonly_fields = ["last_updated", "data"]

    def has_add_permission(self, request):
        return False  # networks create them by pushing


@admin.register(OcpiLocation)
class OcpiLocationAdmin(_Linked):
    list_display = ["location_id", "partner", "site", "last_updated"]
    list_filter = ["partner"]
    search_fields = ["location_id", "site__name"]
    autocomplete_fields = ["site"]


@admin.register(OcpiEvse)
class OcpiEvseAdmin(_Linked):
    list_display = ["uid", "location", "station", "status", "last_updated"]
    list_filter = ["status", "location__partner"]
    search_fields = ["uid", "location__location_id"]
    autocomplete_fields = ["station"]
    raw_id_fields = ["position"]  # a select of every position would be thousands long
    list_select_related = ["location__partner", "station"]


@admin.register(OcpiConnector)
class OcpiConnectorAdmin(_Linked):
    list_display = ["connector_id", "evse", "port", "last_updated"]
    search_fields = ["connector_id", "evse__uid"]
    autocomplete_fields = ["port"]
    list_select_related = ["evse__location__partner", "port"]
