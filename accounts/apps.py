from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Owners and staff"

    def ready(self):
        post_migrate.connect(_refresh_support_permissions, sender=self)


def _refresh_support_permissions(sender, using="default", **kwargs):
    """A new model's permissions reach support staff with the migration that adds it."""
    from django.contrib.auth.models import Group

    from accounts.support import support_group

    if Group.objects.using(using).filter(name="Support").exists():
        support_group()
