"""Our listings as OCPI 2.2.1 Locations (sender side): claimed locations, published
stations, ports that exist; private and draft data never leaves."""

from django.conf import settings
from django.db.models import Prefetch

from ocpi import mapping
from ports.models import Port
from sites.models import Site
from stations.models import Station


def locations():
    """Claimed locations with at least one published station, with what a Location needs."""
    ports = Prefetch("ports", queryset=Port.objects.listed(), to_attr="listed_ports")
    stations = Prefetch(
        "stations",
        queryset=Station.objects.published().prefetch_related(ports),
        to_attr="published_stations",
    )
    return (
        Site.objects.claimed()
        .filter(stations__is_published=True, listing__isnull=False)
        .distinct()
        .select_related("listing")
        .prefetch_related(stations)
        .order_by("listing__updated_at", "pk")
    )


def location_json(site, now) -> dict:
    evses = [evse_json(station, now) for station in site.published_stations]
    return {
        "country_code": settings.OCPI_COUNTRY_CODE,
        "party_id": settings.OCPI_PARTY_ID,
        "id": str(site.pk),
        "publish": True,
        "name": site.name,
        "address": site.street_address[:45],
        "city": site.city[:45],
        "postal_code": site.zip_code,
        "state": site.state,
        "country": site.country,
        "coordinates": {"latitude": f"{site.latitude:.6f}", "longitude": f"{site.longitude:.6f}"},
        "evses": [evse for evse in evses if evse["connectors"]],
        "time_zone": settings.TIME_ZONE,
        "last_updated": mapping.ocpi_time(site.listing.updated_at),
    }


def evse_json(station, now) -> dict:
    connectors = []
    for port in station.listed_ports:
        standard = mapping.standard_of(port)
        if standard:  # an "Other" port naming no standard connector is not sent
            connectors.append(mapping.connector_json(port, standard))
    updated = max([station.updated_at, *(p.updated_at for p in station.listed_ports)])
    return {
        "uid": str(station.pk),
        "evse_id": f"{settings.OCPI_COUNTRY_CODE}*{settings.OCPI_PARTY_ID}*E{station.pk}",
        "status": mapping.evse_status(station.listed_ports, now)
        if station.listed_ports
        else "UNKNOWN",
        "connectors": connectors,
        "last_updated": mapping.ocpi_time(updated),
    }
