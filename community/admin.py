from django.contrib import admin
from django.db.models import Count

from community.models import CheckIn, Review, ReviewFlag


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    list_display = ["created_at", "outcome", "site", "port", "driver", "answered_at"]
    list_filter = ["outcome", ("answered_at", admin.EmptyFieldListFilter)]
    search_fields = ["comment", "site__name", "driver__email"]
    list_select_related = ["site", "port", "driver"]
    raw_id_fields = ["site", "port", "driver"]
    readonly_fields = ["created_at", "answered_at", "answer_edited_at"]


class ReviewFlagInline(admin.TabularInline):
    model = ReviewFlag
    extra = 0
    can_delete = False
    readonly_fields = ["client", "created_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    """Support staff hide a review (with a reason its author reads) or show it again."""

    list_display = ["created_at", "site", "driver", "rating", "flag_count", "hidden"]
    list_filter = ["hidden", "rating"]
    search_fields = ["text", "site__name", "driver__email"]
    list_select_related = ["site", "driver"]
    raw_id_fields = ["site", "driver"]
    readonly_fields = ["created_at", "edited_at", "answered_at", "answer_edited_at"]
    fields = [
        "site", "driver", "rating", "text", "created_at", "edited_at",
        "hidden", "hidden_reason", "answer", "answered_at", "answer_edited_at",
    ]  # fmt: skip
    inlines = [ReviewFlagInline]
    actions = ["restore"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(flag_count=Count("flags"))

    @admin.display(description="flags", ordering="flag_count")
    def flag_count(self, review):
        return review.flag_count

    @admin.action(description="Show the selected reviews again")
    def restore(self, request, queryset):
        # One by one, not update(): saving tells the location page to show it again.
        hidden = list(queryset.filter(hidden=True))
        for review in hidden:
            review.hidden, review.hidden_reason = False, ""
            review.save(update_fields=["hidden", "hidden_reason"])
        self.message_user(request, f"{len(hidden)} review(s) shown on their location pages again.")
