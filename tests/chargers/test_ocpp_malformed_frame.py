"""Whatever a charger sends, it gets an OCPP 1.6 answer and the connection stays up: a
malformed frame or payload gets a CALLERROR (FormationViolation, OCPP 1.6's name, where
the payload breaks the message's structure), never a dropped connection."""

from chargers.models import ChargerConnector
from tests.chargers.factories import ChargerFactory

STATUS = {"connectorId": 1, "errorCode": "NoError", "status": "Available"}


def test_it_answers_each_malformed_frame_and_keeps_the_connection(connect):
    charger = ChargerFactory()
    link = connect(charger, raw=True)

    answers = [
        link.exchange("this is not JSON"),
        link.exchange({"not": "a list"}),
        link.exchange([2, "m1"]),  # a CALL without action or payload
        link.exchange([7, "m1b", "Heartbeat", {}]),  # no such MessageTypeId
        link.exchange([2, "m2", ["BootNotification"], {}]),  # an action that is not a string
        link.exchange([2, "m3", "StatusNotification", {**STATUS, "colour": "green"}]),
        link.exchange([2, "m4", "StatusNotification", {**STATUS, "status": "Sleeping"}]),
        link.exchange([2, "m5", "StatusNotification", {**STATUS, "connectorId": "one"}]),
        link.exchange([2, "m6", "BootNotification", {"chargePointVendor": "Wallbox"}]),
        link.exchange([2, "m7", "StatusNotification", {**STATUS, "timestamp": "noon"}]),
    ]

    assert [answer[:3] for answer in answers] == [
        [4, "-1", "FormationViolation"],  # no message id to answer to
        [4, "-1", "FormationViolation"],
        [4, "m1", "FormationViolation"],
        [4, "m1b", "FormationViolation"],
        [4, "m2", "FormationViolation"],
        [4, "m3", "FormationViolation"],  # a property the message does not have
        [4, "m4", "FormationViolation"],  # a status OCPP 1.6 does not have
        [4, "m5", "TypeConstraintViolation"],
        [4, "m6", "ProtocolError"],  # a required property missing
        [4, "m7", "PropertyConstraintViolation"],
    ]
    assert all(answer[4]["cause"] for answer in answers)
    assert "ISO 8601" in answers[-1][4]["cause"]
    assert not ChargerConnector.objects.exists()
    # Still connected, still answered.
    assert link.exchange([2, "ok", "StatusNotification", STATUS]) == [3, "ok", {}]
    assert ChargerConnector.objects.get().status == "Available"
