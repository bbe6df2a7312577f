from django.contrib import admin, messages
from django.db.models import Case, When
from django.utils.html import format_html

from claims.forms import ReviewForm
from claims.models import Claim, ClaimStatus
from sites.models import location_limit_reached


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    form = ReviewForm
    list_display = ["site", "claimant", "business_name", "relationship", "status", "created_at"]
    list_filter = ["status", "relationship"]
    search_fields = ["site__name", "claimant__email", "business_name", "full_name"]
    list_select_related = ["site", "claimant"]
    readonly_fields = [
        "site",
        "claimant",
        "full_name",
        "title",
        "business_name",
        "contact_email",
        "contact_phone",
        "relationship",
        "document",
        "room",
        "status",
        "reviewed_by",
        "reviewed_at",
        "created_at",
    ]
    fieldsets = [
        ("Claim", {"fields": ["site", "claimant", "relationship", "document", "created_at"]}),
        (
            "Claimant",
            {"fields": ["full_name", "title", "business_name", "contact_email", "contact_phone"]},
        ),
        (
            "Review",
            {"fields": ["room", "status", "decision", "review_note", "reviewed_by", "reviewed_at"]},
        ),
    ]

    def get_ordering(self, request):
        # Pending first: they are the work.
        return [Case(When(status=ClaimStatus.PENDING, then=0), default=1), "-created_at"]

    @admin.display(description="proof of ownership")
    def document(self, claim):
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">Open the {} document</a>',
            claim.get_proof_url(),
            claim.proof_type.upper(),
        )

    @admin.display(description="room on their plan")
    def room(self, claim):
        if not claim.is_pending:
            return "-"
        if limit := location_limit_reached(claim.claimant, "their"):
            return f"Full: approving keeps the claim waiting. {limit}"
        return "Yes: approving makes them the owner."

    def has_add_permission(self, request):
        return False  # owners file claims from the location page

    def save_model(self, request, claim, form, change):
        decision = form.cleaned_data.get("decision")
        if decision == "approve" and claim.is_pending:
            if claim.approve(request.user):
                messages.success(request, f"{claim.claimant} now manages {claim.site}.")
            else:
                # Support read about the claimant's plan, not their own.
                limit = claim.is_pending and location_limit_reached(claim.claimant, "their")
                messages.warning(
                    request,
                    f"The claim stays {claim.get_status_display().lower()}: "
                    f"{limit or claim.review_note}",
                )
        elif decision == "reject" and claim.status != ClaimStatus.REJECTED:
            claim.reject(request.user, form.cleaned_data["review_note"])
        else:
            claim.save()
