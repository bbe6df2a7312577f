"""A charging network talking OCPI 2.2.1 to us, and the Location bodies it sends.

The specification's own examples are read at test time and sent unchanged; the
bodies built here describe a US location in Albany, NY, with J1772 connectors.
"""

import base64
import json
import re
from datetime import UTC, datetime, timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ocpi.models import OcpiConnector, OcpiEvse, OcpiLocation, Partner
from ports.models import Port, Position, StatusChange
from search.models import Listing
from sites.models import OpeningHours, Site
from stations.models import Station
from tests.shared_data import OCPI_EXAMPLES

EXAMPLES = OCPI_EXAMPLES
# Every table a push may write to: a refused push changes none of their counts.
TABLES = [
    Site,
    OpeningHours,
    Station,
    Position,
    Port,
    StatusChange,
    Listing,
    OcpiLocation,
    OcpiEvse,
    OcpiConnector,
]
TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def example(name: str) -> bytes:
    return (EXAMPLES / name).read_bytes()


def example_json(name: str) -> dict:
    return json.loads(example(name))


def stamp(moment: datetime) -> str:
    """An OCPI DateTime, in UTC, to the second."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def ago(**delta) -> str:
    return stamp(timezone.now() - timedelta(**delta))


def row_counts() -> dict[str, int]:
    return {table.__name__: table.objects.count() for table in TABLES}


def envelope(response, status: int = 200, code: int = 1000) -> dict:
    """The OCPI response envelope, checked; returns it."""
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"data", "status_code", "status_message", "timestamp"}
    assert body["status_code"] == code, body
    assert body["status_message"]
    assert TIMESTAMP.fullmatch(body["timestamp"])
    return body


def encode(token: str) -> str:
    return base64.b64encode(token.encode()).decode()


class Network:
    """One partner: its token issued as support staff issue it, its requests signed with it."""

    def __init__(self, name: str, country_code: str, party_id: str):
        self.partner = Partner(name=name, country_code=country_code, party_id=party_id)
        self.token = self.partner.issue_token()
        self.partner.save()
        self.headers = {"Authorization": f"Token {encode(self.token)}"}
        self.client = Client()

    def url(self, *path, cc=None, party=None) -> str:
        """The receiver's URL of a location, an EVSE or a connector (by default our party's)."""
        cc = cc or self.partner.country_code
        party = party or self.partner.party_id
        name = ["location", "evse", "connector"][len(path) - 1]
        return reverse(f"ocpi:{name}", args=[cc, party, *path])

    def put(self, body, *path, **where):
        return self._send("put", body, path, where)

    def patch(self, body, *path, **where):
        return self._send("patch", body, path, where)

    def get(self, *path, **where):
        return self.client.get(self.url(*path, **where), headers=self.headers)

    def get_ours(self, url: str, params=None):
        """Read our own listings (the sender)."""
        return self.client.get(url, params or {}, headers=self.headers)

    def _send(self, method, body, path, where):
        data = body if isinstance(body, bytes) else json.dumps(body)
        send = getattr(self.client, method)
        return send(
            self.url(*path, **where), data, content_type="application/json", headers=self.headers
        )


# A US location, as a network would push it.
def connector(id="1", **changes) -> dict:
    return {
        "id": id,
        "standard": "IEC_62196_T1",
        "format": "CABLE",
        "power_type": "AC_2_PHASE_SPLIT",
        "max_voltage": 240,
        "max_amperage": 30,
        "max_electric_power": 7200,
        **changes,
    }


def chademo(id="2", **changes) -> dict:
    return connector(
        id,
        standard="CHADEMO",
        power_type="DC",
        max_voltage=500,
        max_amperage=125,
        max_electric_power=50000,
        **changes,
    )


def ccs(id="1", **changes) -> dict:
    return connector(
        id,
        standard="IEC_62196_T1_COMBO",
        power_type="DC",
        max_voltage=500,
        max_amperage=300,
        max_electric_power=150000,
        **changes,
    )


def evse(uid, status="AVAILABLE", *, last_updated, connectors=None, **changes) -> dict:
    return {
        "uid": uid,
        "evse_id": f"US*CPT*E{uid}",
        "status": status,
        "connectors": connectors or [connector()],
        "last_updated": last_updated,
        **changes,
    }


def location(id="ALB1", *, last_updated, evses=(), **changes) -> dict:
    return {
        "country_code": "US",
        "party_id": "CPT",
        "id": id,
        "publish": True,
        "name": "Riverfront Garage",
        "address": "20 Eagle Street",
        "city": "Albany",
        "postal_code": "12207",
        "state": "NY",
        "country": "USA",
        "coordinates": {"latitude": "42.652600", "longitude": "-73.756200"},
        "evses": list(evses),
        "time_zone": "America/New_York",
        "last_updated": last_updated,
        **changes,
    }
