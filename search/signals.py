"""Keep each location's Listing in step with its ports, stations and itself.

Refreshed in the same transaction as the change, so the next search sees it; a check-in
only marks its listing stale, for the next search to refresh.
Bulk writers (the NREL import) write inside `sites.signals.bulk_writes()`, where
the per-row receivers below wait, and then send `locations_changed` once.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from community.models import CheckIn
from ports.models import Port
from search.models import Listing, bump_version
from sites.models import OpeningHours, Site
from sites.signals import is_bulk_writing, locations_changed
from stations.models import Station


@receiver(locations_changed)
def locations_changed_in_bulk(sender, site_ids, **kwargs):
    bump_version()
    Listing.refresh(site_ids)


@receiver([post_save, post_delete], sender=Port)
def port_changed(sender, instance, origin=None, **kwargs):
    if is_bulk_writing() or _site_is_going(origin):
        return
    Listing.refresh([instance.station.site_id])


@receiver([post_save, post_delete], sender=Station)
def station_changed(sender, instance, origin=None, **kwargs):
    bump_version()
    if is_bulk_writing() or _site_is_going(origin):
        return
    Listing.refresh([instance.site_id])


@receiver(post_save, sender=Site)
def site_saved(sender, instance, **kwargs):
    bump_version()
    if is_bulk_writing():
        return
    Listing.refresh([instance.pk])


@receiver([post_save, post_delete], sender=OpeningHours)
def hours_changed(sender, instance, origin=None, **kwargs):
    # "Open now" reads the listing's copy of the hours.
    if is_bulk_writing() or _site_is_going(origin):
        return
    Listing.refresh([instance.site_id])


@receiver([post_save, post_delete], sender=CheckIn)
def check_in_changed(sender, instance, origin=None, **kwargs):
    # The community signal changes; recomputed at the next search rather than here, so a
    # driver checking in waits for one UPDATE, not for the listing's whole refresh.
    if _site_is_going(origin):
        return
    Listing.objects.mark_stale([instance.site_id])


@receiver(post_delete, sender=Site)
def site_deleted(sender, instance, **kwargs):
    bump_version()


def _site_is_going(origin) -> bool:
    # Deleting a location deletes its listing too; refreshing it mid-way would recreate it.
    return isinstance(origin, Site)
