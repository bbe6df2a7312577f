"""Support staff: what they may do in the admin, in one place."""

from django.contrib.auth.models import Group, Permission

# Every model permission of these apps.
SUPPORT_APPS = [
    "accounts",
    "sites",
    "stations",
    "ports",
    "claims",
    "ocpi",
    "photos",
    "reports",
    "helpcenter",
    "community",
]


def support_group() -> Group:
    group, _ = Group.objects.get_or_create(name="Support")
    group.permissions.set(Permission.objects.filter(content_type__app_label__in=SUPPORT_APPS))
    return group
