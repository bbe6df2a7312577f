"""Keep each location's Listing in step with its ports, stations and itself.

Refreshed in the same transaction as the change, so the next search sees it.
Bulk writers (the NREL import) call Listing.refresh themselves.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from ports.models import Port
from search.models import Listing, bump_version
from sites.models import Site
from stations.models import Station

_paused = ContextVar("listing_refresh_paused", default=False)


@contextmanager
def paused():
    """For bulk writers that refresh the listings themselves once they are done."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


@receiver([post_save, post_delete], sender=Port)
def port_changed(sender, instance, origin=None, **kwargs):
    if _paused.get() or _site_is_going(origin):
        return
    Listing.refresh([instance.station.site_id])


@receiver([post_save, post_delete], sender=Station)
def station_changed(sender, instance, origin=None, **kwargs):
    bump_version()
    if _paused.get() or _site_is_going(origin):
        return
    Listing.refresh([instance.site_id])


@receiver(post_save, sender=Site)
def site_saved(sender, instance, **kwargs):
    bump_version()
    Listing.refresh([instance.pk])


@receiver(post_delete, sender=Site)
def site_deleted(sender, instance, **kwargs):
    bump_version()


def _site_is_going(origin) -> bool:
    # Deleting a location deletes its listing too; refreshing it mid-way would recreate it.
    return isinstance(origin, Site)
