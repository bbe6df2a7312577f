from django.db.models.signals import post_save
from django.dispatch import receiver

from labels.models import PortLabel
from ports.models import Port


@receiver(post_save, sender=Port, dispatch_uid="labels.issue_on_create")
def issue_label(sender, instance, created, raw=False, **kwargs):
    # Fixtures (raw) bring their labels with them, if any.
    if created and not raw:
        PortLabel.objects.issue(instance)
