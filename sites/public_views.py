"""Pages drivers see: no login, no JavaScript needed."""

from datetime import timedelta

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from ports import uptime
from ports.models import Port
from reports.models import Report
from sites.listing import ListingSummary
from sites.models import Site


@require_safe
def home(request):
    return render(request, "home.html")


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


@require_safe
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
            "photos": _public_photos(site, ports),
            "now": now,
        },
    )
