"""A network's location joins an owner's location, once support staff approve the request.

A network that pushes a location we do not know gets a placeholder location of its own
(unclaimed). An owner asks for it to be linked to theirs (ocpi.models.LinkRequest); on
approval the network's EVSEs (stations, with their ports and drivers' photos) move onto
the owner's location. Nothing of anyone else's is lost: while claims for the placeholder
are pending the link waits for them, and a placeholder that keeps decided claims (with
their proof documents) stays, hidden from drivers, for support's records.
"""

from django.core.exceptions import ValidationError

from search.models import Listing
from sites.access import Access
from sites.models import Origin, Site
from stations.models import Station

# What support reads on a request that cannot be approved yet, or ever.
WAITING = "waiting"
REFUSED = "refused"


def link(site: Site, partner, location_id: str):
    """Move the partner's location `location_id` onto `site`; returns its OcpiLocation.

    Runs inside the caller's transaction, holding the network location's and the
    placeholder's rows locked so that a claim approved at the same moment waits. Raises
    ValidationError, code WAITING (try again later) or REFUSED (never), and moves nothing.
    """
    location = partner.locations.select_for_update().filter(location_id=location_id.strip()).first()
    if location is None:
        raise ValidationError(
            f"{partner.name} has not sent us a location “{location_id}” yet: "
            "ask the network to push its locations, or check the id with the owner.",
            code=WAITING,
        )
    if location.site_id == site.pk:
        return location
    placeholder = Site.objects.select_for_update().get(pk=location.site_id)
    if placeholder.is_claimed or placeholder.origin != Origin.OCPI:
        raise ValidationError(
            "That network location is linked to another location already.", code=REFUSED
        )
    if pending := placeholder.claims.pending().count():
        raise ValidationError(
            f"{pending} claim{'s' if pending > 1 else ''} for the network's own location "
            f"“{placeholder.name}” {'are' if pending > 1 else 'is'} pending: decide "
            f"{'them' if pending > 1 else 'it'} first.",
            code=WAITING,
        )
    stations = list(placeholder.stations.all())
    if stations:
        try:
            Station(site=site).validate_station_limit(adding=len(stations))
        except ValidationError as error:
            raise ValidationError(" ".join(error.messages), code=WAITING) from None
    _move(stations, site, partner)
    placeholder.photos.update(site=site)  # drivers' photos of the stations that moved
    location.site = site
    location.save(update_fields=["site"])
    _retire(placeholder)
    Listing.refresh([site.pk])
    site.mark_verified()
    return location


def _move(stations, site, partner):
    taken = {name.lower() for name in site.stations.values_list("name", flat=True)}
    for station in stations:
        if station.name.lower() in taken:
            station.name = f"{station.name} ({partner.name})"[:200]
        taken.add(station.name.lower())
        station.site = site
    Station.objects.bulk_update(stations, ["site", "name"])


def _retire(placeholder: Site):
    """The placeholder goes, unless something of someone's still hangs on it."""
    if placeholder.stations.exists() or placeholder.ocpi_locations.exists():
        Listing.refresh([placeholder.pk])  # another network location still reports there
    elif placeholder.claims.exists():
        # Decided claims and their proof documents are support's records: kept, and the
        # empty location hidden from drivers' search.
        placeholder.access = Access.PRIVATE
        placeholder.save(update_fields=["access", "updated_at"])
    else:
        placeholder.delete()
