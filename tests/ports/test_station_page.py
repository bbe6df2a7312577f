"""The station page's "Charging Ports" section, where owners manage ports."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ports.vocabulary import ConnectorType, PortStatus, PowerType
from tests.factories import PortFactory, StationFactory
from tests.ports.pages import row, text

pytestmark = pytest.mark.django_db


def url(station):
    return reverse("stations:detail", args=[station.pk])


def test_it_lists_every_port_with_what_drivers_need(alice_client, station):
    ports = [
        PortFactory(station=station, label="Port 1", notes="Requires ChargePoint app to activate"),
        PortFactory(
            station=station,
            label="Port 2",
            connector_type=ConnectorType.CCS,
            power_type=PowerType.DC_FAST,
            max_power_kw=Decimal("350"),
            status=PortStatus.OUT_OF_SERVICE,
            notes="Awaiting parts",
            expected_repair_date=date(2030, 3, 14),
        ),
        PortFactory(
            station=station,
            label="Port 3",
            connector_type=ConnectorType.CHADEMO,
            power_type=PowerType.DC_FAST,
            max_power_kw=Decimal("50"),
            status=PortStatus.DECOMMISSIONED,
        ),
        PortFactory(station=station, label="Port 4", connector_type=ConnectorType.TESLA),
        PortFactory(
            station=station,
            label="Dryer outlet",
            connector_type=ConnectorType.OTHER,
            power_type=PowerType.AC_LEVEL_1,
            max_power_kw=Decimal("1.44"),
            notes="NEMA 14-50 outlet",
        ),
    ]
    response = alice_client.get(url(station))
    assert response.status_code == 200
    rows = [row(response, port) for port in ports]
    assert 'alt="J1772"' in rows[0]
    assert (
        "Port 1 J1772 · AC Level 2 · 7.2 kW Operational Requires ChargePoint app to activate"
        in text(rows[0])
    )
    assert 'alt="CCS"' in rows[1]
    assert "Port 2 CCS · DC Fast · 350 kW Out of Service Expected repair: Mar 14, 2030" in text(
        rows[1]
    )
    assert "Awaiting parts" in rows[1]
    assert 'alt="CHAdeMO"' in rows[2]
    assert "Port 3 CHAdeMO · DC Fast · 50 kW Decommissioned" in text(rows[2])
    assert 'alt="Tesla (NACS)"' in rows[3]
    assert 'alt="Other"' in rows[4]
    assert "Dryer outlet Other · AC Level 1 · 1.44 kW Operational NEMA 14-50 outlet" in text(
        rows[4]
    )
    # Status in words, icon and colour: never emoji, never colour alone.
    pills = ["pill--ok", "pill--warn", "pill--muted", "pill--ok", "pill--ok"]
    for listed, pill in zip(rows, pills, strict=True):
        assert f'class="pill {pill}"' in listed
        assert not {"✅", "🔧", "🚫"} & set(listed)


def test_it_labels_each_cell_for_the_phone_cards(alice_client, port, station):
    response = alice_client.get(url(station))
    assert '<table class="table table--cards port-table">' in response.text
    listed = row(response, port)
    for label in ["Port", "Connector &amp; power", "Status", "Notes", "Uptime"]:
        assert f'data-label="{label}"' in listed
    assert 'class="actions-row"' in listed


def test_it_links_each_port_to_its_page(alice_client, port, station):
    response = alice_client.get(url(station))
    link = f'<a href="{reverse("ports:detail", args=[port.pk])}" class="short">Port 1</a>'
    assert link in row(response, port)


def test_it_names_ports_without_a_label(alice_client, station):
    port = PortFactory(station=station, label="")
    assert "(no label)" in row(alice_client.get(url(station)), port)


def test_it_offers_to_add_a_port(alice_client, station):
    response = alice_client.get(url(station))
    add = reverse("ports:add", args=[station.pk])
    assert f'<a class="button" id="add-port" href="{add}"' in response.text
    assert f'hx-get="{add}" hx-target="#port-editor">' in response.text
    assert re.search(r'id="add-port"[^>]*>\s*<svg[^>]*>.*?</svg>Add Port</a>', response.text, re.S)
    assert "No ports yet. Add one port for each connector on the station." in response.text


def test_it_runs_the_same_queries_for_1_port_as_for_50(alice_client, port, station):
    """N+1 guard: the port list costs a fixed number of queries whatever its length."""

    def queries_to_show_the_page():
        with CaptureQueriesContext(connection) as queries:
            response = alice_client.get(url(station))
        assert response.status_code == 200
        return len(queries), response.text.count('class="port ')

    one_port = queries_to_show_the_page()
    PortFactory.create_batch(49, station=station)
    fifty_ports = queries_to_show_the_page()
    assert (one_port[1], fifty_ports[1]) == (1, 50)
    assert fifty_ports[0] == one_port[0]


def test_it_warns_that_drivers_cannot_see_a_draft(alice_client, site):
    draft = StationFactory(site=site, is_published=False)
    response = alice_client.get(url(draft))
    assert "Draft" in response.text
    assert "This station is a draft: drivers see none of its ports until you publish it." in (
        response.text
    )


def test_it_does_not_warn_about_a_published_station(alice_client, station):
    assert "This station is a draft" not in alice_client.get(url(station)).text


def test_it_offers_another_port_after_one_was_added(alice_client, port, station):
    response = alice_client.get(f"{url(station)}?added={port.pk}")
    assert "“Port 1” added. Drivers can see it now." in response.text
    assert "Add Another Port" in response.text


@pytest.mark.parametrize("added", ["abc", "", "-1", "1.5", "99999999999999999999999"])
def test_it_ignores_an_added_value_that_is_not_a_port_id(alice_client, station, added):
    response = alice_client.get(f"{url(station)}?added={added}")
    assert response.status_code == 200
    assert "Add Another Port" not in response.text


def test_it_ignores_an_added_value_of_other_digits(alice_client, station):
    response = alice_client.get(f"{url(station)}?added=²")
    assert response.status_code == 200
    assert "Add Another Port" not in response.text


def test_it_ignores_a_port_added_to_another_station(alice_client, station):
    elsewhere = PortFactory(station=StationFactory(site=station.site), label="Elsewhere")
    response = alice_client.get(f"{url(station)}?added={elsewhere.pk}")
    assert response.status_code == 200
    assert "Add Another Port" not in response.text


def test_it_is_404_for_a_stranger(bob_client, port, station):
    assert bob_client.get(url(station)).status_code == 404
    assert bob_client.get(f"{url(station)}?added={port.pk}").status_code == 404


def test_it_sends_anonymous_visitors_to_log_in(client, station):
    response = client.get(url(station))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
