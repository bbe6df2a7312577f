"""A connector becomes a port with our words and numbers; one whose numbers our port
rules refuse is bad input: 400 in the envelope, nothing written, never a 500."""

from decimal import Decimal

import pytest

from ocpi.mapping import APPROXIMATE
from ports.models import Port
from ports.vocabulary import ConnectorType, PowerType
from tests.ocpi.network import ago, connector, envelope, evse, location, row_counts

pytestmark = pytest.mark.django_db

J1772, TESLA, OTHER = ConnectorType.J1772, ConnectorType.TESLA, ConnectorType.OTHER
LEVEL_1, LEVEL_2, DC = PowerType.AC_LEVEL_1, PowerType.AC_LEVEL_2, PowerType.DC_FAST


def push(network, numbers: dict):
    at = ago(minutes=1)
    body = location(last_updated=at, evses=[evse("1", last_updated=at, connectors=[numbers])])
    return network.put(body, "ALB1")


def numbers(**changes) -> dict:
    return {key: value for key, value in connector(**changes).items() if value is not None}


MAPPED = {
    "watts from the network": (numbers(), (J1772, LEVEL_2, "7.20", 240, 30)),
    "volts times amps": (numbers(max_electric_power=None), (J1772, LEVEL_2, "7.20", 240, 30)),
    "level 1": (
        numbers(power_type="AC_1_PHASE", max_voltage=120, max_amperage=16, max_electric_power=None),
        (J1772, LEVEL_1, "1.92", 120, 16),
    ),
    "supercharger": (
        numbers(
            standard="TESLA_S",
            power_type="DC",
            max_voltage=500,
            max_amperage=500,
            max_electric_power=250000,
        ),
        (TESLA, DC, "250.00", 500, 500),
    ),
    "type 2, three phases": (
        numbers(
            standard="IEC_62196_T2",
            power_type="AC_3_PHASE",
            max_voltage=230,
            max_amperage=32,
            max_electric_power=None,
        ),
        (OTHER, LEVEL_2, "22.08", None, None),
    ),
}


@pytest.mark.parametrize("sent, expected", MAPPED.values(), ids=MAPPED.keys())
def test_it_maps_the_connector_to_a_port(network, sent, expected):
    envelope(push(network, sent))
    port = Port.objects.get()
    kind, power, kw, volts, amps = expected
    assert (port.connector_type, port.power_type, port.max_power_kw) == (kind, power, Decimal(kw))
    assert (port.voltage, port.amperage) == (volts, amps)


def test_it_names_an_other_connector_in_the_notes(network):
    envelope(push(network, numbers(standard="NEMA_14_50", format="SOCKET")))
    port = Port.objects.get()
    assert (port.connector_type, port.notes) == (OTHER, "NEMA 14-50 outlet.")


def test_it_marks_a_guessed_power_as_approximate(network):
    sent = {"id": "1", "standard": "IEC_62196_T1", "format": "CABLE"}
    envelope(push(network, sent))
    port = Port.objects.get()
    assert (port.connector_type, port.power_type, port.max_power_kw) == (
        J1772,
        LEVEL_2,
        Decimal("7.20"),
    )
    assert port.notes == APPROXIMATE


REFUSED = {
    "more watts than volts times amps": numbers(
        power_type="AC_1_PHASE", max_voltage=230, max_amperage=16, max_electric_power=22000
    ),
    "more volts than a port may have": numbers(
        standard="IEC_62196_T1_COMBO",
        power_type="DC",
        max_voltage=1800,
        max_amperage=200,
        max_electric_power=350000,
    ),
    "more amps than a port may have": numbers(
        standard="IEC_62196_T1_COMBO",
        power_type="DC",
        max_voltage=1000,
        max_amperage=1500,
        max_electric_power=1000000,
    ),
}


@pytest.mark.parametrize("sent", REFUSED.values(), ids=REFUSED.keys())
def test_it_refuses_numbers_a_port_cannot_have(network, sent):
    before = row_counts()
    envelope(push(network, sent), status=400, code=2001)
    assert row_counts() == before
