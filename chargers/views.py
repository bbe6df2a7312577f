"""The owner's chargers on the station page. Each view answers HTMX with the charger's card
(focus on what changed, the live region told what happened) and a plain browser with a page or
a redirect. A new password is only ever in the one response that creates it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from chargers import live
from chargers.forms import AcceptsForm, ConnectForm, ConnectorsForm, TagForm
from chargers.models import AcceptedTag, Charger
from chargers.panel import chargers_of, prepare
from chargesites.announce import announce
from stations.models import Station

SECTION = "chargers/station_chargers.html"
PAGE = "chargers/charger.html"
CONNECT_PAGE = "chargers/connect.html"
CONFIRM_PAGE = "chargers/confirm.html"
ACCEPTS_SAID = {
    Charger.Accepts.EVERYONE: "Charger {} accepts every driver",
    Charger.Accepts.LISTED: "Charger {} accepts only the RFID tags listed",
}


def _get_station(request, pk):
    return get_object_or_404(Station.objects.for_owner(request.user).select_related("site"), pk=pk)


def _get_charger(request, pk):
    return get_object_or_404(
        Charger.objects.for_owner(request.user).select_related("station__site"), pk=pk
    )


def _loaded(charger):
    """The charger again with its connectors and tags, and its station's ports."""
    chargers, ports = chargers_of(charger.station)
    fresh = next((c for c in chargers if c.pk == charger.pk), None)
    if fresh is None:
        raise Http404("This charger was removed meanwhile.")
    fresh.station = charger.station
    return fresh, ports


def _render(request, charger, *, bound=None, status=200, **extra):
    """The charger's card for HTMX; for a plain browser, the charger's own page."""
    charger, ports = _loaded(charger)
    prepare(request, charger, ports, bound=bound)
    charger.new_password = extra.pop("new_password", "")
    context = {"charger": charger, "station": charger.station, "site": charger.station.site}
    context.update(extra)
    template = f"{SECTION}#charger-card" if request.htmx else PAGE
    return render(request, template, context, status=status)


def _done(request, charger, said, *, focus="card"):
    if request.htmx:
        return announce(_render(request, charger, flash=True, focus=focus), said)
    messages.success(request, said)
    return redirect(f"{charger.station.get_absolute_url()}#charger-{charger.pk}")


def _with_password(request, charger, password, said, *, added=False):
    # Rendered, not redirected: a redirect would need the password stored to show it again.
    if request.htmx and added:
        chargers, ports = chargers_of(charger.station)
        for each in chargers:
            prepare(request, each, ports)
            each.new_password = password if each.pk == charger.pk else ""
        context = {"station": charger.station, "chargers": chargers, "oob": True}
        response = render(request, f"{SECTION}#charger-added", context)
    else:
        response = _render(request, charger, new_password=password, focus="password")
    patch_cache_control(response, no_store=True)
    return announce(response, said) if request.htmx else response


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def connect_charger(request, station_pk):
    station = _get_station(request, station_pk)
    form = ConnectForm(request.POST or None, instance=Charger(station=station))
    if request.method == "POST" and form.is_valid():
        charger = form.save(commit=False)
        password = charger.issue_password()
        try:
            charger.save()
        except ValidationError as taken:  # by another request since the form's check
            form.add_error(None, taken)
        else:
            return _with_password(
                request, charger, password, f"Charger {charger} added", added=True
            )
    context = {"form": form, "station": station, "site": station.site}
    return render(
        request, f"{CONNECT_PAGE}#connect-form" if request.htmx else CONNECT_PAGE, context
    )


@require_safe
@login_required
def charger_detail(request, pk):
    charger = _get_charger(request, pk)
    return _render(request, charger, focus="card")  # HTMX: "Cancel" in a question


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def issue_password(request, pk):
    """GET asks first: the old password stops working at once and the charger goes offline
    until its settings hold the new one."""
    charger = _get_charger(request, pk)
    if request.method == "POST":
        password = charger.issue_password()
        charger.save(update_fields=["password_hash", "password_version", "password_issued_at"])
        return _with_password(request, charger, password, f"New password for {charger}")
    return _ask(request, charger, "password")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def remove_charger(request, pk):
    charger = _get_charger(request, pk)
    if request.method == "POST":
        station, name = charger.station, str(charger)
        live.remove(charger.pk)
        said = f"Charger {name} removed"
        if request.htmx:
            return announce(render(request, f"{SECTION}#charger-removed", {"name": name}), said)
        messages.success(request, f"{said}. Connect it again any time.")
        return redirect(f"{station.get_absolute_url()}#chargers")
    return _ask(request, charger, "remove")


def _ask(request, charger, question):
    context = {
        "charger": charger,
        "station": charger.station,
        "site": charger.station.site,
        "question": question,
        "sessions": charger.sessions.count() if question == "remove" else 0,
    }
    return render(request, f"{CONFIRM_PAGE}#confirm" if request.htmx else CONFIRM_PAGE, context)


@require_POST
@login_required
def map_connectors(request, pk):
    charger = _get_charger(request, pk)
    loaded, ports = _loaded(charger)
    form = ConnectorsForm(loaded, ports, request.POST)
    if not form.is_valid():
        return _render(request, charger, bound={"connectors": form}, focus="connectors")
    changed = form.save()
    said = "Connectors saved" if changed else "No change to the connectors"
    return _done(request, charger, f"{said} for {charger}", focus="connectors")


@require_POST
@login_required
def set_accepts(request, pk):
    charger = _get_charger(request, pk)
    form = AcceptsForm(request.POST, instance=charger)
    if not form.is_valid():
        return _render(request, charger, bound={"accepts": form}, focus="accepts")
    charger = form.save()
    return _done(request, charger, ACCEPTS_SAID[charger.accepts].format(charger), focus="accepts")


@require_POST
@login_required
def add_tag(request, pk):
    charger = _get_charger(request, pk)
    form = TagForm(charger, request.POST)
    if not form.is_valid():
        return _render(request, charger, bound={"tag": form}, focus="tags")
    try:
        tag = form.save()
    except ValidationError as taken:  # by another request since the form's check
        form.add_error(None, taken)
        return _render(request, charger, bound={"tag": form}, focus="tags")
    return _done(request, charger, f"Tag {tag} accepted by {charger}", focus="tags")


@require_POST
@login_required
def remove_tag(request, pk):
    tag = get_object_or_404(
        AcceptedTag.objects.filter(charger__station__site__owner=request.user).select_related(
            "charger__station__site"
        ),
        pk=pk,
    )
    tag.delete()
    return _done(
        request, tag.charger, f"Tag {tag} no longer accepted by {tag.charger}", focus="tags"
    )
