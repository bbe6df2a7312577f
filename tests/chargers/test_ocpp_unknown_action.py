"""An action OCPP 1.6 does not have gets CALLERROR NotImplemented ("not known by the
receiver"); one it has but a central system does not take from a charger gets
NotSupported; the connection stays up. Messages chargers send unasked are answered."""

from ocpp.v16 import call
from ocpp.v16.enums import DataTransferStatus

from tests.chargers.factories import ChargerFactory


def test_it_answers_an_unknown_action_with_not_implemented(connect):
    charger = ChargerFactory()
    link = connect(charger, raw=True)

    unknown = link.exchange([2, "u1", "FlyToTheMoon", {}])
    not_ours = link.exchange([2, "u2", "Reset", {"type": "Soft"}])

    assert unknown[:3] == [4, "u1", "NotImplemented"]
    assert "FlyToTheMoon" in unknown[4]["cause"]
    assert not_ours[:3] == [4, "u2", "NotSupported"]
    assert link.exchange([2, "u3", "Heartbeat", {}])[:2] == [3, "u3"]


def test_it_answers_what_chargers_send_unasked(connect):
    charger = ChargerFactory()
    link = connect(charger)

    answer = link.call(call.DataTransfer(vendor_id="com.example", data="{}"))
    link.call(call.FirmwareStatusNotification(status="Idle"))
    link.call(call.DiagnosticsStatusNotification(status="Idle"))

    assert answer.status == DataTransferStatus.unknown_vendor_id
