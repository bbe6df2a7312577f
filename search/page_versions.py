"""What else a location's public page shows, and so what else changes its version.

Its stations, ports, hours and live status already refresh the listing (signals.py);
photos, the answers to drivers' reports, and drivers' check-ins, reviews and their answers
show on the page without being counted in the listing, so they only touch its version.
Their senders are named, not imported: photos, reports and community are features of
their own.
"""

from django.db.models.signals import post_delete, post_save

from ports.models import Port
from search.models import Listing


def photo_changed(sender, instance, **kwargs):
    Listing.touch([instance.site_id])


def community_changed(sender, instance, **kwargs):
    # A check-in also marks the listing stale (signals.py): its community signal is counted.
    Listing.touch([instance.site_id])


def report_changed(sender, instance, **kwargs):
    Listing.touch(Port.objects.filter(pk=instance.port_id).values("station__site_id"))


for name, signal in [("saved", post_save), ("deleted", post_delete)]:
    signal.connect(photo_changed, sender="photos.Photo", dispatch_uid=f"page-photo-{name}")
    signal.connect(report_changed, sender="reports.Report", dispatch_uid=f"page-report-{name}")
    for model in ("community.CheckIn", "community.Review"):
        signal.connect(community_changed, sender=model, dispatch_uid=f"page-{model}-{name}")
