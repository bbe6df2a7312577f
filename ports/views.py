"""The spec's port workflows. Each view answers HTMX with the fragment it changed (marking what
gets focus with data-focus and saying what happened through the live region) and a plain browser
with a full page or a redirect (post/redirect/get)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe
from django_htmx.http import trigger_client_event

from chargesites.announce import announce
from ports.forms import PortForm, StatusForm
from ports.models import Port
from ports.uptime import attach as attach_uptime
from ports.vocabulary import PortStatus
from stations.models import Station

SECTION = "ports/station_ports.html"
FORM_PAGE = "ports/port_form.html"
DELETE_PAGE = "ports/delete_port.html"
STATUS_PAGE = "ports/status_form.html"


def _get_port(request, pk):
    return get_object_or_404(
        Port.objects.for_owner(request.user).select_related("station__site"), pk=pk
    )


def _get_station(request, pk):
    return get_object_or_404(Station.objects.for_owner(request.user).select_related("site"), pk=pk)


def _flash(port) -> str:
    # A port just put Out of Service is a warning to its drivers, not a success.
    return "just-warned" if port.is_out_of_service else "just-saved"


def _render_row(request, port, **extra):
    """The port's row; focus=True puts the keyboard back on it after the swap."""
    attach_uptime([port], timezone.now())
    return render(request, f"{SECTION}#port-row", {"port": port, "station": port.station, **extra})


def _render_panel(request, panel, context):
    """Open a port's row into a panel holding a form or the delete confirmation."""
    return render(request, f"{SECTION}#port-panel", {"panel": panel, **context})


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
            added = render(request, f"{SECTION}#port-added", context)
            return _ports_changed(announce(added, f"{port} added"))
        return redirect(f"{station.get_absolute_url()}?added={port.pk}#charging-ports")
    context = {"form": form, "station": station, "site": station.site, "port": None}
    return render(request, f"{FORM_PAGE}#port-form" if request.htmx else FORM_PAGE, context)


@require_safe
@login_required
def port_detail(request, pk):
    port = _get_port(request, pk)
    if request.htmx:
        return _render_row(request, port, focus=True)  # "Cancel" in an inline form
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
            row = _render_row(request, port, saved=True, flash=_flash(port), focus=True)
            return _ports_changed(announce(row, f"{port} saved"))
        messages.success(request, f"Changes to “{port}” saved.")
        return redirect(f"{port.station.get_absolute_url()}#port-{port.pk}")
    context = {"form": form, "port": port, "station": port.station, "site": port.station.site}
    if request.htmx:
        return _render_panel(request, f"{FORM_PAGE}#port-form", context)
    return render(request, FORM_PAGE, context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def mark_port(request, pk):
    """GET asks in place (a note and repair date; or whether to remove the repair notes);
    POST marks. A one-click POST without those fields keeps the notes as they are."""
    port = _get_port(request, pk)
    if request.method == "POST":
        form = StatusForm(port, request.POST)
        if "status" in form.errors:
            return HttpResponseBadRequest("Choose a status: operational or out_of_service.")
        if form.is_valid() and form.save(by=request.user):
            return _marked(request, port)
    else:
        wanted = request.GET.get("to", PortStatus.OUT_OF_SERVICE)
        if wanted not in (PortStatus.OPERATIONAL, PortStatus.OUT_OF_SERVICE):
            return HttpResponseBadRequest("Choose a status: operational or out_of_service.")
        form = StatusForm(port, initial={"status": wanted, "note": port.notes})
    context = {"form": form, "port": port, "station": port.station, "site": port.station.site}
    if request.htmx:
        return _render_panel(request, f"{STATUS_PAGE}#status-form", context)
    return render(request, STATUS_PAGE, context)


def _marked(request, port):
    port.station.site.mark_verified()
    said = f"{port} marked {port.current_status.label}"
    if request.htmx:
        row = _render_row(request, port, saved=True, flash=_flash(port), focus=True)
        return announce(row, said)
    messages.success(request, f"“{port}” is now {port.current_status.label}.")
    return redirect(f"{port.station.get_absolute_url()}#port-{port.pk}")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def delete_port(request, pk):
    port = _get_port(request, pk)
    station = port.station
    if request.method == "POST":
        name = str(port)
        # Where the row was, so the message can stand in its place.
        place = list(station.ports.values_list("pk", flat=True)).index(port.pk)
        port.delete()
        station.site.mark_verified()
        if request.htmx:
            ports = attach_uptime(station.ports.all(), timezone.now())
            context = {"station": station, "ports": ports, "deleted": name, "place": place}
            listed = render(request, f"{SECTION}#port-list", context)
            return _ports_changed(announce(listed, f"{name} deleted"))
        messages.success(request, f"“{name}” deleted.")
        return redirect(f"{station.get_absolute_url()}#charging-ports")
    context = {"port": port, "station": station, "site": station.site}
    if request.htmx:
        return _render_panel(request, f"{DELETE_PAGE}#delete-confirm", context)
    return render(request, DELETE_PAGE, context)


def _ports_changed(response):
    # The station page's other lists of its ports (Charging positions) fetch themselves again.
    return trigger_client_event(response, "ports-changed")
