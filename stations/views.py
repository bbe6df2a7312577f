from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ports.uptime import attach as attach_uptime
from sites.models import Site
from stations.forms import StationForm
from stations.models import Station


def _get_station(request, pk):
    return get_object_or_404(Station.objects.for_owner(request.user).select_related("site"), pk=pk)


@require_http_methods(["GET", "POST"])
@login_required
def add_station(request, site_pk):
    site = get_object_or_404(Site.objects.for_owner(request.user), pk=site_pk)
    form = StationForm(request.POST or None, instance=Station(site=site))
    if request.method == "POST" and form.is_valid():
        station = form.save()
        site.mark_verified()
        messages.success(request, f"“{station.name}” added. Now add its ports.")
        return redirect(station)
    return render(request, "stations/station_form.html", {"form": form, "site": site})


@require_GET
@login_required
def station_detail(request, pk):
    station = _get_station(request, pk)
    # ?added= shows "Add Another Port" after a port was saved without JavaScript.
    added_pk = request.GET.get("added", "")
    added = (
        station.ports.filter(pk=added_pk).first()
        if added_pk.isascii() and added_pk.isdigit()
        else None
    )
    return render(
        request,
        "stations/station.html",
        {
            "station": station,
            "site": station.site,
            "ports": attach_uptime(station.ports.all(), timezone.now()),
            "added": added,
            "unreviewed": station.ports.filter(needs_review=True).count(),
        },
    )


@require_POST
@login_required
def confirm_ports(request, pk):
    """ "These ports are right": the owner reviewed imported data and confirms it all."""
    station = _get_station(request, pk)
    for port in station.ports.filter(needs_review=True):
        port.needs_review = False
        port.updated_by = request.user
        port.save()
    station.site.mark_verified()
    messages.success(
        request, f"Ports of “{station.name}” confirmed. Drivers see them as owner-verified."
    )
    return redirect(station)


@require_http_methods(["GET", "POST"])
@login_required
def edit_station(request, pk):
    station = _get_station(request, pk)
    form = StationForm(request.POST or None, instance=station)
    if request.method == "POST" and form.is_valid():
        form.save()
        station.site.mark_verified()
        messages.success(request, "Station saved.")
        return redirect(station)
    return render(
        request,
        "stations/station_form.html",
        {"form": form, "site": station.site, "station": station},
    )
