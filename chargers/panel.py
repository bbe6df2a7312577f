"""The owner's "Connect this charger" panel: what the station page's inclusion tag and the
charger views render, loaded in a fixed number of queries whatever the number of chargers."""

from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Prefetch

from chargers.forms import AcceptsForm, ConnectorsForm, TagForm
from chargers.models import ChargerConnector
from chargers.vocabulary import LIVE

OCPP_PATH = "/ocpp/1.6/"


def endpoint_base(request) -> str:
    """Where chargers connect: OCPP_PUBLIC_URL when set (a separate host or port for the OCPP
    server), else this host; wss:// in production, ws:// only in development."""
    public = getattr(settings, "OCPP_PUBLIC_URL", "").strip().rstrip("/")
    if public:
        if "://" not in public:
            public = f"{'ws' if settings.DEBUG else 'wss'}://{public}"
        parts = urlsplit(public)
        return f"{parts.scheme}://{parts.netloc}"
    return f"{'ws' if settings.DEBUG else 'wss'}://{request.get_host()}"


def chargers_of(station, ports=None):
    """The station's chargers, each with its connectors (their ports resolved from `ports`, the
    list the station page already holds) and its accepted tags: three queries at most."""
    connectors = ChargerConnector.objects.order_by("connector_id")
    chargers = list(
        station.chargers.order_by("pk").prefetch_related(
            Prefetch("connectors", queryset=connectors), "tags"
        )
    )
    if ports is None:
        ports = list(station.ports.all()) if chargers else []
    attach_ports(chargers, ports)
    return chargers, ports


def attach_ports(chargers, ports):
    """Each connector's port from `ports` (no query), and on each port the connector holding it."""
    by_pk = {port.pk: port for port in ports}
    for port in ports:
        port.held_by = None
    for charger in chargers:
        for connector in charger.connectors.all():
            connector.port = by_pk.get(connector.port_id)
            live = LIVE.get(connector.status)
            connector.drivers_read = live.label if live else ""
            if connector.port is not None:
                connector.port.held_by = connector


def prepare(request, charger, ports, *, bound=None):
    """Attach what the charger's card shows; `bound` is the one form that came back with errors."""
    bound = bound or {}
    # Some chargers ask for the URL without their id and add it themselves.
    charger.endpoint_without_id = f"{endpoint_base(request)}{OCPP_PATH}"
    charger.endpoint = f"{charger.endpoint_without_id}{charger.charge_point_id}"
    charger.connectors_form = bound.get("connectors") or ConnectorsForm(charger, ports)
    charger.accepts_form = bound.get("accepts") or AcceptsForm(instance=charger)
    charger.tag_form = bound.get("tag") or TagForm(charger)
    return charger
