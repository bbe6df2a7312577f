"""`{% load chargers %}`: how the station page shows its chargers without importing them."""

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

from chargers.panel import chargers_of, prepare
from chargesites.ui import icon

register = template.Library()


@register.inclusion_tag("chargers/station_chargers.html", takes_context=True)
def charger_panel(context):
    """The station page's "Connect this charger" section; reuses the page's `ports` list."""
    request, station = context["request"], context["station"]
    chargers, ports = chargers_of(station, context.get("ports"))
    for charger in chargers:
        prepare(request, charger, ports)
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "station": station,
        "chargers": chargers,
    }


@register.simple_tag
def connection_pill(charger, now=None):
    """ "Connected · last heard 20 s ago", "Offline since 14:05" or "Never connected"."""
    now = now or timezone.now()
    if charger.last_heard_at is None:
        return _pill("muted", "question", "Never connected")
    if charger.is_online(now):
        return _pill(
            "ok", "signal", f"Connected · last heard {heard_ago(charger.last_heard_at, now)}"
        )
    return _pill(
        "bad",
        "x-circle",
        f"Offline since {clock(charger.offline_since or charger.last_heard_at, now)}",
    )


def _pill(tone, name, words):
    return format_html(
        '<span class="pill pill--{}">{}<span>{}</span></span>', tone, icon(name), words
    )


def heard_ago(moment, now=None) -> str:
    """ "20 s ago", "4 min ago", "3 h ago": a heartbeat is seconds apart, so seconds count."""
    seconds = max(int(((now or timezone.now()) - moment).total_seconds()), 0)
    if seconds < 60:
        return f"{seconds} s ago"
    if seconds < 3600:
        return f"{seconds // 60} min ago"
    return f"{seconds // 3600} h ago"


def clock(moment, now=None) -> str:
    """ "14:05" today, "Nov 29, 14:05" before, in the site's time zone."""
    local, today = timezone.localtime(moment), timezone.localtime(now or timezone.now()).date()
    if local.date() == today:
        return date_format(local, "H:i")
    return date_format(local, "M j, H:i")


register.filter("heard_ago", heard_ago)
register.filter("clock", clock)
