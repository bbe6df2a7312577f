"""The drivers' public location page: no login, no JavaScript."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ports.vocabulary import ConnectorType, PortStatus, PowerType
from tests.claims.factories import ClaimFactory
from tests.factories import PortFactory, SiteFactory, StationFactory
from tests.live.pages import port_items, text

pytestmark = pytest.mark.django_db


def url(site):
    return reverse("sites:public", args=[site.pk])


@pytest.fixture
def fast_charger(site):
    station = StationFactory(site=site, name="Electrify America 350kW", network="Electrify America")
    PortFactory(
        station=station,
        label="Port 1",
        connector_type=ConnectorType.CCS,
        power_type=PowerType.DC_FAST,
        max_power_kw="350",
    )
    PortFactory(
        station=station,
        label="Port 2",
        connector_type=ConnectorType.CHADEMO,
        power_type=PowerType.DC_FAST,
        max_power_kw="50",
        status=PortStatus.OUT_OF_SERVICE,
        notes="Awaiting parts",
        expected_repair_date=datetime.date(2026, 3, 5),
    )
    return station


def test_it_needs_no_login(client, site):
    response = client.get(url(site))
    assert response.status_code == 200
    assert "<h1>Maple Street Market</h1>" in response.text
    assert "1 Main Street, Albany, NY 12207" in response.text


def test_it_shows_each_published_station_with_its_ports(client, site, fast_charger):
    response = client.get(url(site))
    text = response.text
    assert "Electrify America 350kW" in text
    assert "Electrify America · ChargePoint CT4000" in text  # network, manufacturer, model
    assert "<strong>Port 1</strong>\n            · CCS · DC Fast · 350 kW" in text
    assert "<strong>Port 2</strong>\n            · CHAdeMO · DC Fast · 50 kW" in text
    assert "Awaiting parts" in text


def test_it_shows_connector_icons_with_alt_text(client, site, fast_charger):
    text = client.get(url(site)).text
    assert 'src="/static/icons/connectors/ccs.svg" alt="CCS"' in text
    assert 'src="/static/icons/connectors/chademo.svg" alt="CHAdeMO"' in text


def test_it_shows_power_in_kw_as_drivers_read_it(client, station):
    PortFactory(station=station, max_power_kw="7.20", label="Left Port")
    assert "· J1772 · AC Level 2 · 7.2 kW" in client.get(url(station.site)).text


def test_it_shows_out_of_service_ports_as_such(client, site, fast_charger):
    text = client.get(url(site)).text
    assert '<li class="port out_of_service">' in text
    first, second = port_items(text)
    assert "Operational" in first
    assert "Out of Service · expected back Mar 5, 2026" in second
    # A pill with an icon and words, never an emoji or colour alone.
    assert '<span class="pill pill--ok"><svg class="icon"' in text
    assert '<span class="pill pill--warn"><svg class="icon"' in text


def test_it_counts_only_operational_ports_as_available(client, site, fast_charger):
    response = client.get(url(site))
    assert response.context["summary"].available == 1
    assert "<strong>1 port available</strong> of 2" in response.text


def test_it_counts_available_ports_across_stations(client, station, fast_charger):
    PortFactory.create_batch(3, station=station)
    assert "<strong>4 ports available</strong> of 5" in client.get(url(station.site)).text


def test_it_says_when_no_port_is_available(client, station):
    PortFactory(station=station, status=PortStatus.OUT_OF_SERVICE)
    assert "<strong>0 ports available</strong> of 1" in client.get(url(station.site)).text


def test_it_hides_draft_stations_and_their_ports(client, site, fast_charger):
    draft = StationFactory(site=site, name="Secret Draft Station", is_published=False)
    PortFactory(station=draft, label="Draft Port", max_power_kw="19.2")
    response = client.get(url(site))
    assert "Secret Draft Station" not in response.text
    assert "Draft Port" not in response.text
    assert response.context["stations"] == [fast_charger]
    assert response.context["summary"].available == 1


def test_it_hides_decommissioned_ports(client, station):
    PortFactory(station=station, label="Working Port")
    PortFactory(
        station=station,
        label="Removed Port",
        status=PortStatus.DECOMMISSIONED,
        connector_type=ConnectorType.TESLA,
        max_power_kw="11",
    )
    response = client.get(url(station.site))
    assert "Working Port" in response.text
    assert "Removed Port" not in response.text
    assert "Decommissioned" not in response.text
    assert "tesla.svg" not in response.text
    assert "<strong>1 port available</strong> of 1" in response.text


def test_it_sums_up_max_power_and_connectors(client, station, fast_charger):
    PortFactory(station=station, connector_type=ConnectorType.J1772, max_power_kw="7.2")
    response = client.get(url(station.site))
    summary = response.context["summary"]
    assert summary.max_power_kw == Decimal("350")
    assert summary.connectors == (ConnectorType.J1772, ConnectorType.CCS, ConnectorType.CHADEMO)
    section = response.text.split('aria-label="Summary"')[1].split("</section>")[0]
    assert "Up to <strong>350 kW</strong>" in section
    assert 'alt="J1772"' in section
    assert 'alt="CCS"' in section
    assert 'alt="CHAdeMO"' in section


def test_it_leaves_draft_and_decommissioned_ports_out_of_the_summary(client, station):
    PortFactory(station=station, max_power_kw="7.2")
    PortFactory(
        station=station,
        status=PortStatus.DECOMMISSIONED,
        connector_type=ConnectorType.CCS,
        power_type=PowerType.DC_FAST,
        max_power_kw="350",
    )
    PortFactory(
        station=StationFactory(site=station.site, is_published=False),
        connector_type=ConnectorType.TESLA,
        power_type=PowerType.DC_FAST,
        max_power_kw="250",
    )
    summary = client.get(url(station.site)).context["summary"]
    assert (summary.max_power_kw, summary.connectors, summary.total) == (
        Decimal("7.2"),
        (ConnectorType.J1772,),
        1,
    )


def test_it_says_when_a_station_lists_no_ports(client, station):
    assert "No ports listed yet." in client.get(url(station.site)).text


def test_it_says_when_no_station_is_listed(client, site):
    response = client.get(url(site))
    assert "No stations are listed here yet." in response.text
    assert "<strong>0 ports available</strong> of 0" in response.text


def test_it_tells_owners_to_claim_an_unclaimed_location(client):
    unclaimed = SiteFactory(owner=None, name="Highway Rest Area")
    response = client.get(url(unclaimed))
    assert response.status_code == 200
    assert "Is this your location? Claim it" in text(response.text)
    assert "you must claim the location first" in response.text
    assert "Claim This Location" in response.text
    assert reverse("claims:claim", args=[unclaimed.pk]) in response.text


def test_it_asks_to_claim_in_a_neutral_box_not_a_success_banner(client):
    unclaimed = SiteFactory(owner=None)
    html = client.get(url(unclaimed)).text
    box = re.search(r'<aside class="([^"]*)"[^>]*aria-labelledby="claim-title"', html)
    assert box, "no claim box"
    classes = box.group(1).split()
    assert "notice--neutral" in classes
    assert not {"success", "notice--success"} & set(classes)


def test_it_says_nothing_of_claiming_to_the_claimant_but_that_it_is_pending(client, bob):
    unclaimed = SiteFactory(owner=None)
    ClaimFactory(site=unclaimed, claimant=bob)
    client.force_login(bob)
    page = text(client.get(url(unclaimed)).text)
    assert "Your claim for this location is pending review" in page
    assert "Is this your location?" not in page


def test_it_says_nothing_about_claiming_a_claimed_location(client, site):
    assert "You must claim the location first" not in client.get(url(site)).text


def test_it_loads_only_the_map_scripts_as_files_with_the_nonce(client, site, fast_charger):
    html = client.get(url(site)).text
    scripts = re.findall(r"<script[^>]*>", html)
    assert [re.search(r'src="([^"]+)"', tag).group(1) for tag in scripts] == [
        "/static/vendor/leaflet/leaflet.js",
        "/static/js/location-map.js",
    ]
    assert all("nonce=" in tag and "defer" in tag for tag in scripts)
    assert "<script></script>" not in html  # nothing inline


def test_it_draws_the_map_only_with_javascript(client, site):
    html = client.get(url(site)).text
    assert re.search(r'<div id="location-map"[^>]* hidden', html)
    assert 'data-lat="42.651200"' in html
    assert 'data-lng="-73.754900"' in html


def test_it_links_to_directions_in_a_new_tab(client, site):
    html = client.get(url(site)).text
    links = re.findall(
        r'<a [^>]*href="(https://www\.(?:openstreetmap|google)[^"]+)"[^>]*>(.*?)</a>', html
    )
    assert [(href, text(label)) for href, label in links] == [
        (
            "https://www.openstreetmap.org/directions?to=42.651200%2C-73.754900",
            "Directions (OpenStreetMap, opens in a new tab)",
        ),
        (
            "https://www.google.com/maps/dir/?api=1&amp;destination=42.651200%2C-73.754900",
            "Google Maps (directions, opens in a new tab)",
        ),
    ]
    for tag in re.findall(r'<a [^>]*href="https://www\.(?:openstreetmap|google)[^>]*>', html):
        assert 'target="_blank"' in tag
        assert 'rel="noopener"' in tag


def test_it_offers_one_quiet_report_link_per_port(client, site, fast_charger):
    html = client.get(url(site)).text
    ports = list(fast_charger.ports.order_by("pk"))
    for item, port in zip(port_items(html), ports, strict=True):
        assert item.count("Report a problem") == 1
        assert f"Report a problem with {port.label}" in item
    links = re.findall(r'<a class="report-link" href="([^"]+)"', html)
    assert links == [reverse("reports:report", args=[port.pk]) for port in ports]


def test_it_puts_nothing_per_request_in_an_anonymous_page(client, site, fast_charger):
    """The page may be cached for anonymous drivers: no CSRF token, no form."""
    html = client.get(url(site)).text
    body = html[html.index("<main") : html.index("</main>")]
    assert "csrfmiddlewaretoken" not in body
    assert "<form" not in body


def test_it_runs_the_same_queries_for_1_port_and_for_50(client, station):
    """N+1 guard: the page costs a fixed number of queries whatever the port count."""
    PortFactory(station=station)
    with CaptureQueriesContext(connection) as one_port:
        client.get(url(station.site))
    PortFactory.create_batch(24, station=station)
    for other in StationFactory.create_batch(5, site=station.site):
        PortFactory.create_batch(5, station=other)
    with CaptureQueriesContext(connection) as fifty_ports:
        response = client.get(url(station.site))
    assert response.context["summary"].total == 50
    assert len(fifty_ports) == len(one_port)


def test_it_is_404_for_an_unknown_location(client):
    assert client.get(reverse("sites:public", args=[999_999])).status_code == 404


def test_it_is_read_only(client, site):
    assert client.post(url(site)).status_code == 405
