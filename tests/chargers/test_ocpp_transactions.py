"""Authorize, StartTransaction, MeterValues, StopTransaction: every driver is accepted
unless the owner listed the tags to accept; each session is kept with its energy."""

from django.utils import timezone
from ocpp.v16 import call
from ocpp.v16.enums import AuthorizationStatus, ChargePointErrorCode, ChargePointStatus

from chargers.models import AcceptedTag, Charger, ChargingSession
from tests.chargers.factories import ChargerFactory
from tests.factories import PortFactory


def now_text():
    return timezone.now().isoformat().replace("+00:00", "Z")


def energy(value, unit="Wh", **fields):
    return [
        {
            "timestamp": now_text(),
            "sampledValue": [
                {"value": "230.1", "measurand": "Voltage", "unit": "V"},
                {"value": value, "unit": unit, **fields},
            ],
        }
    ]


def test_it_keeps_an_accepted_drivers_session_with_its_energy(connect):
    charger = ChargerFactory()
    port = PortFactory(station=charger.station)
    link = connect(charger)
    link.call(
        call.StatusNotification(
            connector_id=1,
            error_code=ChargePointErrorCode.no_error,
            status=ChargePointStatus.preparing,
        )
    )

    authorized = link.call(call.Authorize(id_tag="ANY-CARD"))
    started = link.call(
        call.StartTransaction(
            connector_id=1, id_tag="ANY-CARD", meter_start=1_000, timestamp=now_text()
        )
    )
    link.call(
        call.MeterValues(
            connector_id=1,
            transaction_id=started.transaction_id,
            meter_value=energy("4.5", unit="kWh", measurand="Energy.Active.Import.Register"),
        )
    )
    stopped = link.call(
        call.StopTransaction(
            meter_stop=8_000,
            timestamp=now_text(),
            transaction_id=started.transaction_id,
            reason="EVDisconnected",
            id_tag="ANY-CARD",
        )
    )

    assert authorized.id_tag_info["status"] == AuthorizationStatus.accepted
    assert started.id_tag_info["status"] == AuthorizationStatus.accepted
    assert stopped.id_tag_info["status"] == AuthorizationStatus.accepted
    session = ChargingSession.objects.get(pk=started.transaction_id)
    assert (session.charger, session.connector_id, session.id_tag) == (charger, 1, "ANY-CARD")
    assert session.meter_last_wh == 4_500
    assert (session.meter_stop_wh, session.stop_reason, session.energy_wh) == (
        8_000,
        "EVDisconnected",
        7_000,
    )
    assert session.stopped_at is not None
    assert session.port == port


def test_it_refuses_a_tag_the_owner_did_not_list(connect):
    charger = ChargerFactory(accepts=Charger.Accepts.LISTED)
    AcceptedTag.objects.create(charger=charger, id_tag="FLEET-VAN-3")
    link = connect(charger)

    refused = link.call(call.Authorize(id_tag="STRANGER"))
    accepted = link.call(call.Authorize(id_tag="FLEET-VAN-3"))
    started = link.call(
        call.StartTransaction(
            connector_id=1, id_tag="STRANGER", meter_start=0, timestamp=now_text()
        )
    )

    assert refused.id_tag_info["status"] == AuthorizationStatus.invalid
    assert accepted.id_tag_info["status"] == AuthorizationStatus.accepted
    # OCPP needs a transaction id even for a refused start; the session is stopped at once.
    assert started.id_tag_info["status"] == AuthorizationStatus.invalid
    session = ChargingSession.objects.get(pk=started.transaction_id)
    assert session.stopped_at == session.started_at
