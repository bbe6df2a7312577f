"""We publish one OCPI EVSE per charging position: the ports that charge one car at a time
go out as one EVSE with a connector each; a port on its own is an EVSE of its own."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from ports.models import Port, Position
from ports.vocabulary import ConnectorType, LiveStatus, PortStatus, PowerType
from tests.factories import PortFactory
from tests.ocpi.network import envelope

pytestmark = pytest.mark.django_db

LIST = reverse("ocpi:our_locations")


@pytest.fixture
def dc_pair(site, station):
    """Alice's station: a CCS and a CHAdeMO cable on one position, and a J1772 port on its own."""
    position = Position.objects.create(station=station)
    dc = {"power_type": PowerType.DC_FAST, "position": position}
    PortFactory(
        station=station,
        label="CCS",
        connector_type=ConnectorType.CCS,
        max_power_kw=Decimal("150"),
        **dc,
    )
    PortFactory(
        station=station,
        label="CHAdeMO",
        connector_type=ConnectorType.CHADEMO,
        max_power_kw=Decimal("50"),
        **dc,
    )
    PortFactory(station=station, label="Level 2")
    return position


def evses(network) -> dict:
    [data] = envelope(network.get_ours(LIST))["data"]
    return {evse["uid"]: evse for evse in data["evses"]}


def port(label) -> Port:
    return Port.objects.get(label=label)


def test_it_sends_a_position_as_one_evse_with_a_connector_per_port(network, dc_pair):
    sent = evses(network)[f"P{dc_pair.pk}"]
    assert [c["id"] for c in sent["connectors"]] == [str(port("CCS").pk), str(port("CHAdeMO").pk)]
    assert [c["standard"] for c in sent["connectors"]] == ["IEC_62196_T1_COMBO", "CHADEMO"]
    assert sent["evse_id"] == f"US*CHS*EP{dc_pair.pk}"
    assert sent["physical_reference"] == "CCS/CHAdeMO"
    assert sent["status"] == "AVAILABLE"


def test_it_sends_a_port_without_a_position_as_its_own_evse(network, dc_pair):
    level_2 = port("Level 2")
    sent = evses(network)
    assert set(sent) == {f"P{dc_pair.pk}", f"C{level_2.pk}"}
    alone = sent[f"C{level_2.pk}"]
    assert [c["id"] for c in alone["connectors"]] == [str(level_2.pk)]
    assert (alone["evse_id"], alone["physical_reference"]) == (f"US*CHS*EC{level_2.pk}", "Level 2")


def test_it_keeps_each_evses_uid_from_one_request_to_the_next(network, dc_pair):
    first = evses(network)
    PortFactory(station=port("CCS").station, label="Another")
    second = evses(network)
    assert set(first) < set(second)
    assert all(second[uid]["connectors"] == evse["connectors"] for uid, evse in first.items())


def test_it_answers_for_one_evse_and_its_connector_by_uid(network, site, dc_pair):
    uid = f"P{dc_pair.pk}"
    sent = envelope(network.get_ours(reverse("ocpi:our_evse", args=[site.pk, uid])))["data"]
    assert len(sent["connectors"]) == 2
    url = reverse("ocpi:our_connector", args=[site.pk, uid, port("CHAdeMO").pk])
    assert envelope(network.get_ours(url))["data"]["standard"] == "CHADEMO"
    url = reverse("ocpi:our_connector", args=[site.pk, uid, port("Level 2").pk])
    envelope(network.get_ours(url), status=404, code=2003)


def test_it_reports_the_whole_position_charging_when_one_of_its_ports_is(network, dc_pair):
    Port.objects.filter(label="CHAdeMO").update(
        live_status=LiveStatus.IN_USE, live_status_at=timezone.now() - timedelta(minutes=2)
    )
    sent = evses(network)
    assert sent[f"P{dc_pair.pk}"]["status"] == "CHARGING"
    assert sent[f"C{port('Level 2').pk}"]["status"] == "AVAILABLE"


def test_it_reports_a_position_inoperative_only_when_none_of_its_ports_works(network, dc_pair):
    port("CCS").mark(PortStatus.OUT_OF_SERVICE, by=None)
    assert evses(network)[f"P{dc_pair.pk}"]["status"] == "AVAILABLE"
    Port.objects.filter(label="CHAdeMO").update(
        live_status=LiveStatus.OUT_OF_ORDER, live_status_at=timezone.now() - timedelta(minutes=2)
    )
    assert evses(network)[f"P{dc_pair.pk}"]["status"] == "INOPERATIVE"


def test_it_leaves_out_a_reference_too_long_for_ocpi(network, dc_pair):
    Port.objects.filter(label="CCS").update(label="CCS cable, left side")
    assert "physical_reference" not in evses(network)[f"P{dc_pair.pk}"]
