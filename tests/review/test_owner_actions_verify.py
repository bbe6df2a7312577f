"""Whatever the owner saves or confirms about a location marks its data owner-verified."""

import pytest
from django.urls import reverse
from django.utils import timezone

from ports.vocabulary import ConnectorType, PortStatus, PowerType
from sites.models import Site
from tests.conftest import HTMX
from tests.ports.pages import edit_form_data

pytestmark = pytest.mark.django_db

NEW_PORT = {
    "connector_type": ConnectorType.J1772,
    "power_type": PowerType.AC_LEVEL_2,
    "max_power_kw": "7.2",
    "status": PortStatus.OPERATIONAL,
    "label": "Port 2",
    "notes": "",
}


def location_data(site, **changes):
    data = {
        "name": site.name,
        "street_address": site.street_address,
        "city": site.city,
        "state": site.state,
        "zip_code": site.zip_code,
        "latitude": str(site.latitude),
        "longitude": str(site.longitude),
        # The browser always sends the chosen radio button.
        "access": site.access,
    }
    return {**data, **changes}


STATION = {
    "name": "Bank B",
    "manufacturer": "ChargePoint",
    "model": "CT4000",
    "network": "ChargePoint",
    "is_published": "on",
}

ACTIONS = {
    "add port": lambda port: (reverse("ports:add", args=[port.station.pk]), NEW_PORT),
    "edit port": lambda port: (
        reverse("ports:edit", args=[port.pk]),
        edit_form_data(port, notes="Checked"),
    ),
    "mark port": lambda port: (
        reverse("ports:status", args=[port.pk]),
        {"status": PortStatus.OUT_OF_SERVICE},
    ),
    "delete port": lambda port: (reverse("ports:delete", args=[port.pk]), {}),
    "confirm ports": lambda port: (reverse("stations:confirm", args=[port.station.pk]), {}),
    "edit location": lambda port: (
        reverse("sites:edit", args=[port.station.site.pk]),
        location_data(port.station.site, name="Maple Street Market East"),
    ),
    "add station": lambda port: (reverse("stations:add", args=[port.station.site.pk]), STATION),
    "edit station": lambda port: (
        reverse("stations:edit", args=[port.station.pk]),
        {**STATION, "name": "Bank A"},
    ),
}


@pytest.mark.parametrize("action", ACTIONS)
def test_it_marks_the_location_verified(alice_client, site, port, action):
    url, data = ACTIONS[action](port)
    before = timezone.now()
    response = alice_client.post(url, data)
    assert response.status_code == 302
    site.refresh_from_db()
    assert site.verified_at is not None
    assert before <= site.verified_at <= timezone.now()


@pytest.mark.parametrize("action", ["add port", "edit port", "mark port", "delete port"])
def test_it_marks_the_location_verified_from_htmx_too(alice_client, site, port, action):
    url, data = ACTIONS[action](port)
    response = alice_client.post(url, data, headers=HTMX)
    assert response.status_code == 200
    site.refresh_from_db()
    assert site.verified_at is not None


def test_it_tells_drivers_at_once(alice_client, client, site, port):
    alice_client.post(*ACTIONS["mark port"](port))
    response = client.get(reverse("sites:public", args=[site.pk]))
    assert "Owner-verified" in response.text


def test_it_adds_a_verified_location(alice_client):
    data = {
        "name": "Depot Lot",
        "street_address": "2 Depot Road",
        "city": "Albany",
        "state": "NY",
        "zip_code": "12207",
        "latitude": "42.6512",
        "longitude": "-73.7549",
    }
    response = alice_client.post(reverse("sites:add"), data)
    assert response.status_code == 302
    assert Site.objects.get(name="Depot Lot").verified_at is not None


def test_a_refused_edit_verifies_nothing(alice_client, site):
    response = alice_client.post(
        reverse("sites:edit", args=[site.pk]), location_data(site, zip_code="ABC")
    )
    assert response.status_code == 200
    assert "Enter a 5-digit ZIP code" in response.text
    site.refresh_from_db()
    assert site.verified_at is None


def test_a_refused_status_change_verifies_nothing(alice_client, site, port):
    response = alice_client.post(reverse("ports:status", args=[port.pk]), {"status": "gone"})
    assert response.status_code == 400
    site.refresh_from_db()
    assert site.verified_at is None


@pytest.mark.parametrize("action", ACTIONS)
def test_a_stranger_verifies_nothing(bob_client, site, port, action):
    url, data = ACTIONS[action](port)
    assert bob_client.post(url, data).status_code == 404
    site.refresh_from_db()
    assert site.verified_at is None


@pytest.mark.parametrize("action", ACTIONS)
def test_an_anonymous_visitor_verifies_nothing(client, site, port, action):
    url, data = ACTIONS[action](port)
    response = client.post(url, data)
    assert response.url.startswith(reverse("login"))
    site.refresh_from_db()
    assert site.verified_at is None
