"""A network pushes a connector's status over OCPI; drivers see it on the location page."""

import base64
import json
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from ocpi import receiver, schemas
from ocpi.models import Partner

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def javascript():
    return False  # the drivers' page needs none


def now(minutes=0):
    return (datetime.now(UTC) + timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture
def network():
    partner = Partner(name="Volt Network", country_code="US", party_id="VLT")
    token = partner.issue_token()
    partner.save()
    evses = [
        {
            "uid": uid,
            "evse_id": f"US*VLT*E{uid}",
            "status": "AVAILABLE",
            "connectors": [
                {
                    "id": "1",
                    "standard": "IEC_62196_T1_COMBO",
                    "format": "CABLE",
                    "power_type": "DC",
                    "max_voltage": 500,
                    "max_amperage": 300,
                }
            ],
            "last_updated": now(-5),
        }
        for uid in ("A1", "A2")
    ]
    receiver.put_location(
        partner,
        "LOC9",
        schemas.Location.model_validate(
            {
                "country_code": "US",
                "party_id": "VLT",
                "id": "LOC9",
                "publish": True,
                "name": "Riverside Fast Charge",
                "address": "9 River Road",
                "city": "Troy",
                "postal_code": "12180",
                "state": "NY",
                "country": "USA",
                "coordinates": {"latitude": "42.728400", "longitude": "-73.691800"},
                "evses": evses,
                "last_updated": now(-5),
            }
        ),
    )
    site = partner.locations.get().site
    return token, site


def test_it_shows_drivers_what_the_network_reports(page, live_server, network):
    token, site = network
    headers = {
        "Authorization": "Token " + base64.b64encode(token.encode()).decode(),
        "Content-Type": "application/json",
    }
    evse_url = f"{live_server.url}/ocpi/emsp/2.2.1/locations/US/VLT/LOC9/A1"

    page.goto(f"{live_server.url}{site.get_public_url()}")
    expect(page.locator(".summary")).to_contain_text("2 ports available")

    charging = page.request.patch(
        evse_url, headers=headers, data=json.dumps({"status": "CHARGING", "last_updated": now()})
    )
    assert charging.status == 200 and charging.json()["status_code"] == 1000
    page.reload()
    expect(page.locator(".summary")).to_contain_text("1 port available")
    expect(page.locator(".live.in_use")).to_contain_text("In use")
    expect(page.locator(".live.in_use")).to_contain_text("updated")

    available = page.request.patch(
        evse_url,
        headers=headers,
        data=json.dumps({"status": "AVAILABLE", "last_updated": now(1)}),
    )
    assert available.status == 200
    page.reload()
    expect(page.locator(".summary")).to_contain_text("2 ports available")
    expect(page.locator(".live.in_use")).to_have_count(0)
    expect(page.locator(".live.available").first).to_contain_text("Available now")
