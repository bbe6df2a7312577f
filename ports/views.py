"""The spec's port workflows. Each view answers HTMX with the fragment it changed
and a plain browser with a full page or a redirect (post/redirect/get)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ports.forms import PortForm, StatusForm
from ports.models import Port
from ports.uptime import attach as attach_uptime
from ports.vocabulary import PortStatus
from stations.models import Station

SECTION = "ports/station_ports.html"
FORM_PAGE = "ports/port_form.html"
DELETE_PAGE = "ports/delete_port.html"


def _get_port(request, pk):
    return get_object_or_404(
        Port.objects.for_owner(request.user).select_related("station__site"), pk=pk
    )


def _get_station(request, pk):
    return get_object_or_404(Station.objects.for_owner(request.user).select_related("site"), pk=pk)


def _render_row(request, port, **extra):
    attach_uptime([port], timezone.now())
    return render(request, f"{SECTION}#port-row", {"port": port, "station": port.station, **extra})


def _render_panel(request, panel, context):
    """Open a port's row into a panel holding the edit form or the delete confirmation."""
    return render(request, f"{SECTION}#port-panel", {"panel": panel, **context})


def _render_list(request, station):
    ports = attach_uptime(station.ports.all(), timezone.now())
    return render(request, f"{SECTION}#port-list", {"station": station, "ports": ports})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def add_port(request, station_pk):
    station = _get_station(request, station_pk)
    form = PortForm(request.POST or None, instance=Port(station=station, updated_by=request.user))
    if request.method == "POST" and form.is_valid():
        port = form.save()
        station.site.mark_verified()
        if request.htmx:
            ports = attach_uptime(station.ports.all(), timezone.now())
            context = {"station": station, "ports": ports, "added": port}
            return render(request, f"{SECTION}#port-added", context)
        return redirect(f"{station.get_absolute_url()}?added={port.pk}#charging-ports")
    context = {"form": form, "station": station, "site": station.site, "port": None}
    return render(request, f"{FORM_PAGE}#port-form" if request.htmx else FORM_PAGE, context)


@require_safe
@login_required
def port_detail(request, pk):
    port = _get_port(request, pk)
    if request.htmx:
        return _render_row(request, port)  # "Cancel" in an inline form
    return render(
        request,
        "ports/port.html",
        {"port": port, "station": port.station, "site": port.station.site},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def edit_port(request, pk):
    port = _get_port(request, pk)
    form = PortForm(request.POST or None, instance=port)
    if request.method == "POST" and form.is_valid():
        port = form.save(commit=False)
        port.updated_by = request.user
        port.needs_review = False  # the owner has looked at it
        port.save()
        port.station.site.mark_verified()
        if request.htmx:
            return _render_row(request, port, saved=True)
        messages.success(request, f"Changes to “{port}” saved.")
        return redirect(f"{port.station.get_absolute_url()}#port-{port.pk}")
    context = {"form": form, "port": port, "station": port.station, "site": port.station.site}
    if request.htmx:
        return _render_panel(request, f"{FORM_PAGE}#port-form", context)
    return render(request, FORM_PAGE, context)


@require_POST
@login_required
def mark_port(request, pk):
    port = _get_port(request, pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("Choose a status: operational or out_of_service.")
    if port.current_status is PortStatus.DECOMMISSIONED:
        return HttpResponseBadRequest("A Decommissioned port changes status through Edit.")
    try:
        port.mark(
            form.cleaned_data["status"],
            by=request.user,
            clear_notes=form.cleaned_data["clear_notes"],
        )
    except ValidationError as error:
        port.refresh_from_db()
        problem = " ".join(error.messages)
        if request.htmx:
            return _render_row(request, port, problem=problem)
        messages.error(request, f"“{port}” was not changed: {problem}")
    else:
        port.station.site.mark_verified()
        if request.htmx:
            return _render_row(request, port, saved=True)
        messages.success(request, f"“{port}” is now {port.current_status.label}.")
    return redirect(f"{port.station.get_absolute_url()}#port-{port.pk}")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def delete_port(request, pk):
    port = _get_port(request, pk)
    station = port.station
    if request.method == "POST":
        name = str(port)
        port.delete()
        station.site.mark_verified()
        if request.htmx:
            return _render_list(request, station)
        messages.success(request, f"“{name}” deleted.")
        return redirect(f"{station.get_absolute_url()}#charging-ports")
    context = {"port": port, "station": station, "site": station.site}
    if request.htmx:
        return _render_panel(request, f"{DELETE_PAGE}#delete-confirm", context)
    return render(request, DELETE_PAGE, context)
