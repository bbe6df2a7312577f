from django import forms
from django.contrib import admin, messages
from django.db.models import Case, When
from django.urls import reverse
from django.utils.html import format_html

from ocpi.models import (
    LinkRequest,
    LinkStatus,
    OcpiConnector,
    OcpiEvse,
    OcpiLocation,
    Partner,
)


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


class LinkReviewForm(forms.ModelForm):
    """What support staff decide about an owner's request to link a network's location."""

    decision = forms.ChoiceField(
        choices=[("", "Keep pending"), ("approve", "Approve"), ("reject", "Reject")],
        required=False,
        help_text="Approving moves the network's stations onto the owner's location, "
        "once nothing stands in the way (the note then says what it waits for).",
    )

    class Meta:
        model = LinkRequest
        fields = ["review_note"]

    def clean(self):
        data = super().clean()
        if data.get("decision") and not self.instance.is_pending:
            self.add_error(
                "decision", f"This request is already {self.instance.get_status_display().lower()}."
            )
        elif data.get("decision") == "reject" and not data.get("review_note", "").strip():
            self.add_error("review_note", "Tell the owner why the request is rejected.")
        return data


@admin.register(LinkRequest)
class LinkRequestAdmin(admin.ModelAdmin):
    form = LinkReviewForm
    list_display = ["site", "partner", "location_id", "requested_by", "status", "created_at"]
    list_filter = ["status", "partner"]
    search_fields = ["site__name", "location_id", "requested_by__email"]
    list_select_related = ["site", "partner", "requested_by"]
    actions = ["approve_selected"]
    readonly_fields = [
        "site",
        "owners_address",
        "requested_by",
        "partner",
        "location_id",
        "network_location",
        "status",
        "reviewed_by",
        "reviewed_at",
        "created_at",
    ]
    fieldsets = [
        ("Owner's location", {"fields": ["site", "owners_address", "requested_by", "created_at"]}),
        ("Network's location", {"fields": ["partner", "location_id", "network_location"]}),
        ("Review", {"fields": ["status", "decision", "review_note", "reviewed_by", "reviewed_at"]}),
    ]

    def get_ordering(self, request):
        # Pending first: they are the work.
        return [Case(When(status=LinkStatus.PENDING, then=0), default=1), "-created_at"]

    def has_add_permission(self, request):
        return False  # owners ask from their location's page

    @admin.display(description="address")
    def owners_address(self, link):
        return link.site.full_address

    @admin.display(description="what the network sent")
    def network_location(self, link):
        # What support compares with the owner's location before approving.
        location = link.partner.locations.filter(location_id=link.location_id).first()
        if location is None:
            return "Nothing yet: the network has not sent a location with this id."
        placeholder = location.site
        return format_html(
            '“{}”, {} · {} station(s) · {} pending claim(s) · now shown on <a href="{}">{}</a>',
            location.data.get("name") or location.location_id,
            placeholder.full_address,
            placeholder.stations.count(),
            placeholder.claims.pending().count(),
            reverse("admin:sites_site_change", args=[placeholder.pk]),
            placeholder,
        )

    @admin.action(description="Approve the selected link requests")
    def approve_selected(self, request, queryset):
        for link in queryset.select_related("site", "partner").filter(status=LinkStatus.PENDING):
            self._approve(request, link)

    def save_model(self, request, link, form, change):
        decision = form.cleaned_data.get("decision")
        if decision == "approve" and link.is_pending:
            self._approve(request, link)
        elif decision == "reject" and link.status != LinkStatus.REJECTED:
            link.reject(request.user, form.cleaned_data["review_note"])
        else:
            link.save()

    def _approve(self, request, link):
        if link.approve(request.user):
            messages.success(request, f"{link.partner} now reports live status on {link.site}.")
        else:
            messages.warning(
                request,
                f"{link}: stays {link.get_status_display().lower()}: {link.review_note}",
            )
