"""Our listings as OCPI 2.2.1 Locations (sender side): claimed public locations, published
stations, ports that exist; private and draft data never leaves.

An OCPI EVSE charges one car at a time: it is one of our charging positions, with a
connector per port. A port without a position is an EVSE of its own.
"""

from django.conf import settings
from django.db.models import Prefetch

from ocpi import hours, mapping
from ports.models import Port
from sites.models import Site
from stations.models import Station

PHYSICAL_REFERENCE_LENGTH = 16  # OCPI 2.2.1: string(16)


def locations():
    """Claimed public locations with at least one published station, with what a Location needs."""
    ports = Prefetch("ports", queryset=Port.objects.listed(), to_attr="listed_ports")
    stations = Prefetch(
        "stations",
        queryset=Station.objects.published().prefetch_related(ports),
        to_attr="published_stations",
    )
    return (
        Site.objects.claimed()
        .public()  # a private location never leaves, whatever its search row says
        .filter(stations__is_published=True, listing__isnull=False)
        .distinct()
        .select_related("listing")
        .prefetch_related(stations, "opening_hours")
        .order_by("listing__updated_at", "pk")
    )


def location_json(site, now) -> dict:
    evses = [
        evse_json(station, ports, now)
        for station in site.published_stations
        for ports in positions(station.listed_ports)
    ]
    data = {
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
        "time_zone": site.time_zone or settings.TIME_ZONE,
        "last_updated": mapping.ocpi_time(site.listing.updated_at),
    }
    if opening_times := opening_times_json(site):
        data["opening_times"] = opening_times
    return data


def positions(ports) -> list[list]:
    """The ports grouped by charging position, in the order of each position's first port."""
    grouped = {}
    for port in ports:
        grouped.setdefault(port.position_key, []).append(port)
    return list(grouped.values())


def evse_uid(port) -> str:
    """Stable per position: "P<position id>", or "C<port id>" for a port on its own."""
    return f"P{port.position_id}" if port.position_id else f"C{port.pk}"


def evse_json(station, ports, now) -> dict:
    connectors = []
    for port in ports:
        standard = mapping.standard_of(port)
        if standard:  # an "Other" port naming no standard connector is not sent
            connectors.append(mapping.connector_json(port, standard))
    uid = evse_uid(ports[0])
    updated = max([station.updated_at, *(port.updated_at for port in ports)])
    data = {
        "uid": uid,
        "evse_id": f"{settings.OCPI_COUNTRY_CODE}*{settings.OCPI_PARTY_ID}*E{uid}",
        "status": mapping.evse_status(ports, now),
        "connectors": connectors,
        "last_updated": mapping.ocpi_time(updated),
    }
    reference = "/".join(port.label for port in ports if port.label)
    if reference and len(reference) <= PHYSICAL_REFERENCE_LENGTH:  # cut short, it would mislead
        data["physical_reference"] = reference
    return data


def opening_times_json(site) -> dict | None:
    """OCPI opening_times when the location has hours; None when they are not known."""
    if site.always_open:
        return {"twentyfourseven": True}
    rows = site.opening_hours.all()
    if not rows:
        return None
    return {"twentyfourseven": False, "regular_hours": hours.to_ocpi(rows)}
