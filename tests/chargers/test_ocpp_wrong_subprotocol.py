"""The handshake negotiates the ocpp1.6 subprotocol and refuses a charger that does not
offer it (400), whatever its credentials."""

import pytest
from websockets.exceptions import InvalidStatus

from tests.chargers.factories import ChargerFactory


@pytest.mark.parametrize("offered", [("ocpp2.0.1",), ()])
def test_it_refuses_a_charger_that_does_not_speak_ocpp_1_6(connect, offered):
    charger = ChargerFactory()

    with pytest.raises(InvalidStatus) as refused:
        connect(charger, subprotocols=offered)

    assert refused.value.response.status_code == 400
    assert b"subprotocol" in refused.value.response.body
    charger.refresh_from_db()
    assert charger.connected_at is None


def test_it_picks_ocpp_1_6_among_those_offered(connect):
    charger = ChargerFactory()

    link = connect(charger, subprotocols=("ocpp2.0.1", "ocpp1.6"))

    assert link.connection.subprotocol == "ocpp1.6"
