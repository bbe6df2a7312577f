from decimal import Decimal
from functools import cache

from django import template
from django.templatetags.static import static
from django.utils.html import format_html

from chargesites.ui import icon
from ports.vocabulary import ConnectorType

register = template.Library()


@register.simple_tag
def connector_icon(connector, size=32):
    """The connector's icon, with its name as the text alternative."""
    return _icon(ConnectorType(connector), size)


@cache
def _icon(connector: ConnectorType, size: int):
    # Five connectors, a few sizes: search results draw dozens per page.
    return format_html(
        '<img class="connector-icon" src="{}" alt="{}" title="{}" width="{}" height="{}">',
        static(connector.icon),
        connector.label,
        connector.description,
        size,
        size,
    )


@register.filter
def kw(value):
    """7.20 -> "7.2", 350.00 -> "350": as drivers read power."""
    if value is None:
        return ""
    return f"{Decimal(value).normalize():f}"


@register.simple_tag
def status_pill(status, text=""):
    """A port status (or live status) as a pill: colour, icon and words, never colour alone."""
    tone, name = status.look
    return format_html(
        '<span class="pill pill--{}">{}<span>{}</span></span>',
        tone,
        icon(name),
        text or status.label,
    )
