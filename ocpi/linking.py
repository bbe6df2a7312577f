"""An owner links a network's location to their own location.

A network that pushes a location we do not know gets a placeholder location of
its own (unclaimed). Its owner, once the network says which location id it uses,
moves the network's EVSEs (stations, with their ports) onto their location; the
placeholder goes. The plan's station limit applies to what moves in.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from ocpi.models import OcpiLocation, Partner
from search.models import Listing
from sites.models import Origin, Site
from stations.models import Station


@transaction.atomic
def link(site: Site, partner: Partner, location_id: str) -> OcpiLocation:
    location = (
        OcpiLocation.objects.select_for_update()
        .select_related("site")
        .filter(partner=partner, location_id=location_id.strip())
        .first()
    )
    if location is None:
        raise ValidationError(
            {
                "location_id": f"{partner.name} has not sent us a location “{location_id}” yet. "
                "Check the id in the network's portal, or ask the network to push its locations."
            }
        )
    if location.site_id == site.pk:
        return location
    placeholder = location.site
    if placeholder.is_claimed or placeholder.origin != Origin.OCPI:
        raise ValidationError(
            {
                "location_id": "That network location is already linked to another location. "
                "If that is wrong, write to support."
            }
        )
    stations = list(Station.objects.filter(site=placeholder))
    if stations:
        Station(site=site).validate_station_limit(adding=len(stations))
    taken = {name.lower() for name in site.stations.values_list("name", flat=True)}
    for station in stations:
        if station.name.lower() in taken:
            station.name = f"{station.name} ({partner.name})"[:200]
        taken.add(station.name.lower())
        station.site = site
    Station.objects.bulk_update(stations, ["site", "name"])
    location.site = site
    location.save(update_fields=["site"])
    if not placeholder.stations.exists():
        placeholder.delete()
    Listing.refresh([site.pk])
    site.mark_verified()
    return location
