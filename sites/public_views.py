"""Pages drivers see: no login, no JavaScript needed."""

from datetime import timedelta

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from chargesites import page_cache
from ports import uptime
from ports.models import Port
from ports.vocabulary import ConnectorType
from reports.models import Report
from sites.listing import ListingSummary
from sites.models import Site


@require_safe
def home(request):
    return render(
        request,
        "home.html",
        {"connectors": [c for c in ConnectorType.choices if c[0] != ConnectorType.OTHER]},
    )


def _pending_claim(request, site):
    if site.is_claimed or not request.user.is_authenticated:
        return None
    return site.claims.pending().filter(claimant=request.user).first()


def _public_photos(site, listed_ports):
    """Photos of the location, and of stations and ports drivers can see: not of drafts."""
    listed = {port.pk for port in listed_ports}
    return [
        photo
        for photo in site.photos.select_related("station")
        if (photo.station_id is None or photo.station.is_published)
        and (photo.port_id is None or photo.port_id in listed)
    ]


def _place_photos(photos, stations, ports):
    """Each port's photos beside that port, each station's in its section; the rest (of the
    whole location) go in the gallery."""
    for each in [*stations, *ports]:
        each.photos_here = []
    by_port = {port.pk: port for port in ports}
    by_station = {station.pk: station for station in stations}
    for photo in photos:
        if photo.port_id in by_port:
            by_port[photo.port_id].photos_here.append(photo)
        elif photo.port_id is None and photo.station_id in by_station:
            by_station[photo.station_id].photos_here.append(photo)


@require_safe
@page_cache.for_visitors(page_cache.location_key)
def location(request, pk):
    site = get_object_or_404(Site.objects.prefetch_related("opening_hours"), pk=pk)
    stations = list(
        site.stations.published().prefetch_related(
            Prefetch("ports", queryset=Port.objects.listed(), to_attr="listed_ports")
        )
    )
    for station in stations:
        station.site = site  # what reliability() reads, without a query per port
    now = timezone.now()
    ports = [port for station in stations for port in station.listed_ports]
    uptime.attach(ports, now)
    answered = Report.objects.filter(
        port__in=ports, resolved_at__gte=now - timedelta(days=30)
    ).exclude(reply="")
    by_port = {}
    for report in answered:
        by_port.setdefault(report.port_id, []).append(report)
    by_position = {}
    for port in ports:
        if port.position_id:
            by_position.setdefault(port.position_id, []).append(port)
    for port in ports:
        port.live = port.live_now(now)
        port.shares_with = [
            str(other) for other in by_position.get(port.position_id, []) if other is not port
        ]
        port.answered_reports = by_port.get(port.pk, [])
    summary = ListingSummary.of(ports, claimed=site.is_claimed, now=now)
    for port in ports:
        port.counted_available = port.pk in summary.available_ports
    photos = _public_photos(site, ports)
    _place_photos(photos, stations, ports)
    return render(
        request,
        "sites/location.html",
        {
            "site": site,
            "stations": stations,
            "summary": summary,
            "reliability": uptime.reliability(ports, now),
            "is_owner": request.user.is_authenticated and site.owner_id == request.user.pk,
            "pending_claim": _pending_claim(request, site),
            "photos": [photo for photo in photos if not photo.port_id and not photo.station_id],
            "now": now,
        },
    )
