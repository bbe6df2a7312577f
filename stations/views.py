from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ports.models import Position
from ports.uptime import attach as attach_uptime
from sites.models import Site
from stations.forms import PositionForm, StationForm
from stations.models import Station, station_limit_reached

PAGE = "stations/station.html"


def _get_station(request, pk):
    return get_object_or_404(Station.objects.for_owner(request.user).select_related("site"), pk=pk)


def _positions(station, ports, form=None, done=""):
    """The "Charging positions" section's context: groups of ports sharing a position."""
    by_position = defaultdict(list)
    for port in ports:
        if port.position_id:
            by_position[port.position_id].append(port)
    form = form or PositionForm(station, ports)
    return {
        "station": station,
        "positions": [(pk, members) for pk, members in by_position.items() if len(members) > 1],
        "position_form": form,
        "can_group": len(form.offered) > 1,
        "done": done,
    }


def _render_positions(request, station, **kwargs):
    context = _positions(station, list(station.ports.all()), **kwargs)
    return render(request, f"{PAGE}#charging-positions", context)


def _names(ports) -> str:
    names = [f"“{port}”" for port in ports]
    return ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else "".join(names)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def add_station(request, site_pk):
    site = get_object_or_404(Site.objects.for_owner(request.user), pk=site_pk)
    limit = station_limit_reached(site)
    if limit and request.method != "POST":
        # Said before the form is filled; a POST is still refused by the model.
        return render(request, "stations/station_form.html", {"site": site, "limit": limit})
    form = StationForm(request.POST or None, instance=Station(site=site))
    if request.method == "POST" and form.is_valid():
        station = form.save()
        site.mark_verified()
        messages.success(request, f"“{station.name}” added. Now add its ports.")
        return redirect(station)
    over_limit = form.has_error(NON_FIELD_ERRORS, "limit")
    return render(
        request,
        "stations/station_form.html",
        {"form": form, "site": site, "over_limit": over_limit},
    )


@require_safe
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
    return _render_page(request, station, added=added)


def _render_page(request, station, *, added=None, position_form=None):
    ports = attach_uptime(station.ports.all(), timezone.now())
    return render(
        request,
        PAGE,
        {
            **_positions(station, ports, form=position_form),
            "site": station.site,
            "ports": ports,
            "added": added,
            "unreviewed": station.ports.filter(needs_review=True).count(),
        },
    )


@require_POST
@login_required
def group_ports(request, pk):
    """ "These ports charge one car at a time": one new position for the ticked ports."""
    station = _get_station(request, pk)
    form = PositionForm(station, list(station.ports.all()), request.POST)
    if form.is_valid() and (position := form.save(by=request.user)):
        station.site.mark_verified()
        done = f"{_names(position.ports.all())} now charge one car at a time."
        if request.htmx:
            return _render_positions(request, station, done=done)
        messages.success(request, done)
        return redirect(f"{station.get_absolute_url()}#charging-positions")
    if request.htmx:
        return _render_positions(request, station, form=form)
    return _render_page(request, station, position_form=form)


@require_POST
@login_required
def split_position(request, pk):
    """ "Charge separately": each port of the position becomes its own position again."""
    position = get_object_or_404(
        Position.objects.for_owner(request.user).select_related("station__site"), pk=pk
    )
    station = position.station
    ports = position.split(by=request.user)
    station.site.mark_verified()
    done = f"{_names(ports)} charge separately again."
    if request.htmx:
        return _render_positions(request, station, done=done)
    messages.success(request, done)
    return redirect(f"{station.get_absolute_url()}#charging-positions")


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


@require_http_methods(["GET", "HEAD", "POST"])
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
