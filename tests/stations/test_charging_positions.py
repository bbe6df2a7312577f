"""On the station page, owners say which ports charge one car at a time, and undo it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ports.models import Port, Position
from ports.vocabulary import ConnectorType, PortStatus, PowerType
from search.models import Listing
from tests.conftest import HTMX
from tests.factories import PortFactory, SiteFactory, StationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def dc_ports(station):
    """A DC cabinet with two cables: CCS and CHAdeMO, one car at a time."""
    return [
        PortFactory(
            station=station,
            label=label,
            connector_type=connector,
            power_type=PowerType.DC_FAST,
            max_power_kw=50,
        )
        for label, connector in [("Left", ConnectorType.CCS), ("Right", ConnectorType.CHADEMO)]
    ]


def group_url(station):
    return reverse("stations:group", args=[station.pk])


def split_url(position):
    return reverse("stations:split", args=[position.pk])


def grouped(station, ports):
    position = Position.objects.create(station=station)
    Port.objects.filter(pk__in=[port.pk for port in ports]).update(position=position)
    return position


def test_it_offers_the_station_ports_to_group(alice_client, station, dc_ports):
    response = alice_client.get(station.get_absolute_url())
    assert '<h2 id="charging-positions-title">Charging positions</h2>' in response.text
    assert "drivers then see one port available, not two, while a car charges." in response.text
    for port in dc_ports:
        assert f'name="ports" value="{port.pk}"' in response.text
    assert "Left · CCS" in response.text
    assert "These ports charge one car at a time" in response.text


def test_it_offers_nothing_to_a_station_with_one_port(alice_client, station, port):
    response = alice_client.get(station.get_absolute_url())
    assert "Charging positions" not in response.text


def test_it_groups_ports_into_one_position_and_redirects(alice_client, alice, station, dc_ports):
    response = alice_client.post(group_url(station), {"ports": [p.pk for p in dc_ports]})
    assert response.status_code == 302
    assert response.url == f"{station.get_absolute_url()}#charging-positions"
    position = Position.objects.get()
    assert position.station == station
    assert {port.pk for port in position.ports.all()} == {port.pk for port in dc_ports}
    assert {port.updated_by for port in position.ports.all()} == {alice}


def test_it_shows_the_group_after_the_redirect(alice_client, station, dc_ports):
    data = {"ports": [p.pk for p in dc_ports]}
    response = alice_client.post(group_url(station), data, follow=True)
    assert "“Left” and “Right” now charge one car at a time." in response.text
    assert "One car at a time:</strong>" in response.text
    assert "Charge separately" in response.text
    # Nothing is left to group.
    assert "These ports charge one car at a time" not in response.text


def test_it_answers_htmx_with_the_section(alice_client, station, dc_ports):
    data = {"ports": [p.pk for p in dc_ports]}
    response = alice_client.post(group_url(station), data, headers=HTMX)
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert response.text.lstrip().startswith('<section id="charging-positions"')
    assert 'role="status" tabindex="-1" autofocus>“Left” and “Right” now charge' in response.text
    assert Position.objects.count() == 1


def test_it_counts_the_position_once_for_drivers(alice_client, station, dc_ports):
    assert Listing.objects.get(site=station.site).ports_total == 2
    alice_client.post(group_url(station), {"ports": [p.pk for p in dc_ports]})
    assert Listing.objects.get(site=station.site).ports_total == 1


def test_it_refuses_a_single_port(alice_client, station, dc_ports):
    response = alice_client.post(group_url(station), {"ports": [dc_ports[0].pk]})
    assert response.status_code == 200
    message = "Tick at least two ports: a single port already charges one car at a time."
    assert response.context["position_form"].errors == {"ports": [message]}
    assert message in response.text
    assert not Position.objects.exists()


def test_it_refuses_no_port_at_all(alice_client, station, dc_ports):
    response = alice_client.post(group_url(station), {}, headers=HTMX)
    assert "Tick the ports that share one cable cabinet: at least two." in response.text
    assert b"<html" not in response.content
    assert not Position.objects.exists()


def test_it_refuses_a_strangers_port(alice_client, station, dc_ports):
    strangers = PortFactory()
    response = alice_client.post(group_url(station), {"ports": [dc_ports[0].pk, strangers.pk]})
    assert response.status_code == 200
    assert response.context["position_form"].errors == {
        "ports": ["Tick only this station's ports that charge separately now."]
    }
    assert not Position.objects.exists()
    assert Port.objects.filter(position__isnull=False).count() == 0


def test_it_refuses_a_port_of_the_owners_other_station(alice_client, station, dc_ports):
    other = PortFactory(station=StationFactory(site=station.site))
    response = alice_client.post(group_url(station), {"ports": [dc_ports[0].pk, other.pk]})
    assert "ports" in response.context["position_form"].errors
    assert not Position.objects.exists()


def test_it_refuses_a_port_already_sharing_a_position(alice_client, station, dc_ports):
    grouped(station, dc_ports)
    third = PortFactory(station=station, label="Spare")
    response = alice_client.post(group_url(station), {"ports": [dc_ports[0].pk, third.pk]})
    assert "ports" in response.context["position_form"].errors
    assert Position.objects.count() == 1


def test_it_refuses_ids_that_are_not_numbers(alice_client, station, dc_ports):
    response = alice_client.post(group_url(station), {"ports": ["left", "1 OR 1=1"]})
    assert response.status_code == 200
    assert "ports" in response.context["position_form"].errors


def test_it_regroups_a_port_from_an_imported_single_port_position(alice_client, station, dc_ports):
    single = grouped(station, dc_ports[:1])
    alice_client.post(group_url(station), {"ports": [p.pk for p in dc_ports]})
    assert not Position.objects.filter(pk=single.pk).exists()
    assert Position.objects.get().ports.count() == 2


def test_it_splits_a_position_and_redirects(alice_client, station, dc_ports):
    position = grouped(station, dc_ports)
    response = alice_client.post(split_url(position), follow=True)
    assert response.redirect_chain == [(f"{station.get_absolute_url()}#charging-positions", 302)]
    assert "“Left” and “Right” charge separately again." in response.text
    assert not Position.objects.exists()
    assert Port.objects.filter(position__isnull=False).count() == 0
    assert Listing.objects.get(site=station.site).ports_total == 2


def test_it_answers_a_split_over_htmx_with_the_section(alice_client, station, dc_ports):
    position = grouped(station, dc_ports)
    response = alice_client.post(split_url(position), headers=HTMX)
    assert b"<html" not in response.content
    assert "charge separately again." in response.text
    assert "These ports charge one car at a time" in response.text


def test_it_is_404_for_a_stranger(bob_client, station, dc_ports):
    assert bob_client.post(group_url(station), {"ports": [p.pk for p in dc_ports]}).status_code == (
        404
    )
    assert not Position.objects.exists()
    position = grouped(station, dc_ports)
    assert bob_client.post(split_url(position)).status_code == 404
    assert Position.objects.get().ports.count() == 2


def test_it_takes_no_get(alice_client, station, dc_ports):
    assert alice_client.get(group_url(station)).status_code == 405
    assert alice_client.get(split_url(grouped(station, dc_ports))).status_code == 405


def test_it_sends_anonymous_visitors_to_log_in(client, station, dc_ports):
    response = client.post(group_url(station), {"ports": [p.pk for p in dc_ports]})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not Position.objects.exists()


def test_the_model_keeps_a_position_within_its_station(station, dc_ports):
    elsewhere = Position.objects.create(station=StationFactory(site=SiteFactory()))
    port = dc_ports[0]
    port.position = elsewhere
    with pytest.raises(ValidationError) as error:
        port.full_clean()
    assert error.value.message_dict["position"] == [
        "A port shares a position only with ports of its own station: "
        "choose one of this station's positions, or none."
    ]


def test_it_does_not_offer_decommissioned_ports(alice_client, station, dc_ports):
    gone = PortFactory(station=station, label="Gone", status=PortStatus.DECOMMISSIONED)
    response = alice_client.get(station.get_absolute_url())
    assert f'name="ports" value="{gone.pk}"' not in response.text
