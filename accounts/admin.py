from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "display_name", "plan", "is_staff", "date_joined"]
    list_filter = ["plan", "is_staff", "is_active"]
    search_fields = ["email", "display_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Owner", {"fields": ["display_name", "plan"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        ("Dates", {"fields": ["last_login", "date_joined", "email_confirmed_at"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "display_name", "plan", "password1", "password2"],
            },
        ),
    ]
    filter_horizontal = ["groups"]

    def get_readonly_fields(self, request, obj=None):
        # Set by the owner's own click on the mailed link (or a password reset), by no one else.
        confirmed = ["email_confirmed_at"]
        if request.user.is_superuser:
            return [*super().get_readonly_fields(request, obj), *confirmed]
        # Support staff change owners' plans; who is staff or superuser is for superusers.
        readonly = [*confirmed, "is_staff", "is_superuser", "groups", "user_permissions"]
        if _is_staff(obj):
            readonly.append("is_active")  # deactivating a colleague removes them as surely
        return readonly

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False  # else support could set a superuser's password and log in as them
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        # The bulk "delete selected" action asks this for every account it would delete.
        if _is_staff(obj) and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)


def _is_staff(user) -> bool:
    return user is not None and (user.is_staff or user.is_superuser)
