"""When storing a message fails (the database is down, a bug), the charger gets CALLERROR
InternalError for that message, and the connection and the server carry on."""

from ocpp.v16 import call
from ocpp.v16.enums import ChargePointStatus

from chargers import live
from chargers.models import ChargerConnector
from tests.chargers.factories import ChargerFactory

STATUS = [
    2,
    "s1",
    "StatusNotification",
    {"connectorId": 1, "errorCode": "NoError", "status": "Charging"},
]


def test_it_answers_internal_error_and_keeps_serving(connect, monkeypatch):
    charger = ChargerFactory()
    link = connect(charger, raw=True)

    def database_down(*args, **kwargs):
        raise ConnectionError("the database went away")

    with monkeypatch.context() as patch:
        patch.setattr(live, "status_many", database_down)
        failed = link.exchange(STATUS)
        patch.setattr(live, "heard_many", database_down)
        also_failed = link.exchange([2, "h1", "Heartbeat", {}])

    assert failed[:3] == [4, "s1", "InternalError"]
    assert also_failed[:3] == [4, "h1", "InternalError"]
    assert "send it again" in also_failed[4]["cause"]
    # The charger sends it again, as OCPP chargers do, and it is stored.
    assert link.exchange(STATUS) == [3, "s1", {}]
    assert ChargerConnector.objects.get(charger=charger).status == ChargePointStatus.charging
    # Another charger is served by the same process meanwhile.
    other = ChargerFactory()
    assert connect(other).call(call.Heartbeat()).current_time
