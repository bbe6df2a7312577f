"""An unknown charge point id gets the same 401 as a wrong password (the answer does not
say which ids exist); a path that is not /ocpp/1.6/<id> gets 404."""

import pytest
import websockets
from websockets.exceptions import InvalidStatus

from tests.chargers.factories import CHARGER_PASSWORD, ChargerFactory


def test_it_refuses_an_unknown_charge_point_id_with_401(connect):
    ChargerFactory(charge_point_id="CSKNOWN0001")

    with pytest.raises(InvalidStatus) as refused:
        connect(charge_point_id="CSUNKNOWN01", password=CHARGER_PASSWORD)

    assert refused.value.response.status_code == 401
    assert b"Unknown charge point id or wrong password" in refused.value.response.body


def test_it_answers_another_path_with_404(ocpp_server):
    charger = ChargerFactory()
    url = ocpp_server.url(charger.charge_point_id).replace("/ocpp/1.6/", "/ocpp/2.0.1/")

    async def open_connection():
        return await websockets.connect(url, subprotocols=["ocpp1.6"])

    with pytest.raises(InvalidStatus) as refused:
        ocpp_server.thread.run(open_connection())

    assert refused.value.response.status_code == 404
    assert b"/ocpp/1.6/<charge point id>" in refused.value.response.body
