"""Each EVSE a network pushes is one charging position: its connectors become ports of
that position, so a DC charger with a CCS and a CHAdeMO cable counts once for drivers."""

import pytest
from django.urls import reverse

from ocpi.models import LinkRequest, OcpiEvse
from ports.models import Port, Position
from ports.vocabulary import ConnectorType
from search.models import Listing
from sites.models import Site
from tests.ocpi.network import ago, ccs, chademo, connector, envelope, evse, location

pytestmark = pytest.mark.django_db


def push_dual(network, minutes=10):
    at = ago(minutes=minutes)
    dual = evse("1", last_updated=at, connectors=[ccs("1"), chademo("2")])
    envelope(network.put(location(last_updated=at, evses=[dual]), "ALB1"))


def test_it_makes_an_evse_with_two_connectors_one_position_with_two_ports(network):
    push_dual(network)
    position = Position.objects.get()
    ports = list(Port.objects.order_by("pk"))
    assert [p.connector_type for p in ports] == [ConnectorType.CCS, ConnectorType.CHADEMO]
    assert {p.position for p in ports} == {position}
    assert position.station == ports[0].station == ports[1].station
    assert OcpiEvse.objects.get().position == position


def test_it_counts_the_position_once_in_search(network):
    push_dual(network)
    assert Listing.objects.get(site=Site.objects.get()).ports_total == 1


def test_it_gives_each_evse_its_own_position(network):
    at = ago(minutes=10)
    evses = [evse("1", last_updated=at), evse("2", last_updated=at)]
    envelope(network.put(location(last_updated=at, evses=evses), "ALB1"))
    one, two = (OcpiEvse.objects.get(uid=uid) for uid in ("1", "2"))
    assert one.position != two.position
    assert Port.objects.get(ocpi_connectors__evse=two).position == two.position
    assert Listing.objects.get(site=Site.objects.get()).ports_total == 2


def test_it_makes_a_position_for_an_evse_pushed_on_its_own(network):
    envelope(network.put(location(last_updated=ago(minutes=10)), "ALB1"))
    body = evse("7", last_updated=ago(minutes=1), connectors=[ccs("1"), chademo("2")])
    envelope(network.put(body, "ALB1", "7"))
    assert set(Port.objects.values_list("position", flat=True)) == {Position.objects.get().pk}


def test_it_puts_a_connector_pushed_on_its_own_in_its_evses_position(network):
    push_dual(network)
    body = connector("3", last_updated=ago(minutes=1))
    envelope(network.put(body, "ALB1", "1", "3"))
    assert Port.objects.count() == 3
    assert set(Port.objects.values_list("position", flat=True)) == {Position.objects.get().pk}
    assert Listing.objects.get(site=Site.objects.get()).ports_total == 1


def stored_before_positions():
    """What an EVSE pushed before positions existed looks like: no position anywhere."""
    Port.objects.update(position=None)
    OcpiEvse.objects.update(position=None)
    Position.objects.all().delete()
    Listing.refresh([Site.objects.get().pk])


def test_it_gives_an_evse_stored_without_a_position_one_when_it_is_put_again(network):
    push_dual(network, minutes=10)
    stored_before_positions()
    assert Listing.objects.get().ports_total == 2
    push_dual(network, minutes=1)
    position = Position.objects.get()
    assert OcpiEvse.objects.get().position == position
    assert set(Port.objects.values_list("position", flat=True)) == {position.pk}
    assert Listing.objects.get().ports_total == 1


def test_it_gives_an_evse_stored_without_a_position_one_when_a_connector_is_put(network):
    push_dual(network)
    stored_before_positions()
    envelope(network.put(connector("3", last_updated=ago(minutes=1)), "ALB1", "1", "3"))
    position = Position.objects.get()
    assert set(Port.objects.values_list("position", flat=True)) == {position.pk}
    assert Listing.objects.get().ports_total == 1


def test_it_makes_no_second_position_when_an_evse_is_put_again(network):
    push_dual(network, minutes=10)
    push_dual(network, minutes=1)
    assert Position.objects.count() == 1


def test_it_moves_the_position_with_its_station_when_an_owner_links_the_location(
    alice_client, support, site, network
):
    push_dual(network)
    response = alice_client.post(
        reverse("ocpi:link", args=[site.pk]),
        {"partner": network.partner.pk, "location_id": "ALB1"},
    )
    assert response.status_code == 302
    assert LinkRequest.objects.get().approve(support)  # support staff review it first
    assert Position.objects.get().station.site == site
    assert Listing.objects.get(site=site).ports_total == 1
