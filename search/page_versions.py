"""What else a location's public page shows, and so what else changes its version.

Its stations, ports, hours and live status already refresh the listing (signals.py);
photos and the answers to drivers' reports show on the page without being counted in
the listing, so they only touch its version. Their senders are named, not imported:
photos and reports are features of their own.
"""

from django.db.models.signals import post_delete, post_save

from ports.models import Port
from search.models import Listing


def photo_changed(sender, instance, **kwargs):
    Listing.touch([instance.site_id])


def report_changed(sender, instance, **kwargs):
    Listing.touch(Port.objects.filter(pk=instance.port_id).values("station__site_id"))


for name, signal in [("saved", post_save), ("deleted", post_delete)]:
    signal.connect(photo_changed, sender="photos.Photo", dispatch_uid=f"page-photo-{name}")
    signal.connect(report_changed, sender="reports.Report", dispatch_uid=f"page-report-{name}")
