"""Authorize and transactions: every driver or the listed tags; sessions kept with their energy."""

from datetime import timedelta

import pytest
from django.utils import timezone

from chargers import live
from chargers.models import Charger, ChargingSession
from tests.chargers.factories import AcceptedTagFactory, ChargerFactory
from tests.chargers.live_helpers import charger_with_ports

pytestmark = pytest.mark.django_db


def test_a_charger_accepting_everyone_accepts_any_tag():
    charger = ChargerFactory(accepts=Charger.Accepts.EVERYONE)

    assert live.authorize(charger.pk, "ANYTHING") == "Accepted"


def test_a_charger_accepting_listed_tags_accepts_those_only():
    charger = ChargerFactory(accepts=Charger.Accepts.LISTED)
    AcceptedTagFactory(charger=charger, id_tag="04A2B3C4D5")
    AcceptedTagFactory(id_tag="FFFF0000")  # another charger's

    assert live.authorize(charger.pk, "04A2B3C4D5") == "Accepted"
    assert live.authorize(charger.pk, "04a2b3c4d5") == "Accepted"  # OCPP ignores case
    assert live.authorize(charger.pk, "FFFF0000") == "Invalid"


def test_authorizing_at_a_deleted_charger_is_unknown():
    charger = ChargerFactory()
    charger.delete()

    with pytest.raises(live.UnknownCharger):
        live.authorize(charger.pk, "04A2B3C4D5")


def test_a_session_runs_from_start_to_stop_with_its_energy():
    charger, (port, _) = charger_with_ports()
    start = timezone.now() - timedelta(hours=1)

    transaction_id, verdict = live.start_transaction(charger.pk, 1, "04A2B3C4D5", 1000, start)
    live.meter_values(charger.pk, 1, transaction_id, 4200)
    live.meter_values(charger.pk, 1, transaction_id, 3100)  # arrived late: not the latest

    assert verdict == "Accepted"
    session = ChargingSession.objects.get(pk=transaction_id)
    assert (session.charger, session.port, session.started_at) == (charger, port, start)
    assert (session.meter_last_wh, session.energy_wh, session.stopped_at) == (4200, 3200, None)

    live.stop_transaction(charger.pk, transaction_id, 8500, start.isoformat(), reason="")
    session.refresh_from_db()
    assert (session.stopped_at, session.meter_stop_wh, session.energy_wh) == (start, 8500, 7500)
    assert session.stop_reason == "Local"  # OCPP's word when a charger gives none


def test_a_refused_driver_gets_a_transaction_id_and_a_session_that_never_ran():
    charger = ChargerFactory(accepts=Charger.Accepts.LISTED)
    start = timezone.now()

    transaction_id, verdict = live.start_transaction(charger.pk, 1, "STRANGER", 500, start)

    assert verdict == "Invalid"
    session = ChargingSession.objects.get(pk=transaction_id)
    assert (session.id_tag, session.stopped_at, session.stop_reason) == (
        "STRANGER",
        start,
        "DeAuthorized",
    )
    assert session.energy_wh == 0


def test_a_repeated_start_gets_the_same_session():
    """A charger that never got our answer (the connection dropped) asks again."""
    charger = ChargerFactory()
    start = timezone.now()

    first = live.start_transaction(charger.pk, 1, "04A2B3C4D5", 1000, start)
    again = live.start_transaction(charger.pk, 1, "04A2B3C4D5", 1000, start.isoformat())

    assert first == again
    assert ChargingSession.objects.count() == 1


def test_a_session_of_a_connector_without_a_port_is_kept():
    charger = ChargerFactory()

    transaction_id, _ = live.start_transaction(charger.pk, 3, "04A2B3C4D5", 0, timezone.now())

    session = ChargingSession.objects.get(pk=transaction_id)
    assert (session.connector_id, session.port) == (3, None)


def test_stopping_a_session_twice_or_another_chargers_changes_nothing():
    charger, other = ChargerFactory(), ChargerFactory()
    start = timezone.now() - timedelta(minutes=30)
    transaction_id, _ = live.start_transaction(charger.pk, 1, "04A2B3C4D5", 1000, start)

    live.stop_transaction(other.pk, transaction_id, 99999, timezone.now())
    live.stop_transaction(
        charger.pk, transaction_id, 2000, start + timedelta(minutes=20), "EVDisconnected"
    )
    live.stop_transaction(charger.pk, transaction_id, 3000, start + timedelta(minutes=25), "Local")
    live.stop_transaction(charger.pk, 987654, 100, timezone.now())  # unknown: nothing to stop
    live.meter_values(charger.pk, 1, transaction_id, 5000)  # after the stop: ignored

    session = ChargingSession.objects.get(pk=transaction_id)
    assert (session.meter_stop_wh, session.stop_reason, session.energy_wh) == (
        2000,
        "EVDisconnected",
        1000,
    )


def test_a_stop_dated_before_the_start_ends_at_the_start():
    charger = ChargerFactory()
    start = timezone.now()
    transaction_id, _ = live.start_transaction(charger.pk, 1, "04A2B3C4D5", 0, start)

    live.stop_transaction(charger.pk, transaction_id, 10, start - timedelta(minutes=5))

    assert ChargingSession.objects.get(pk=transaction_id).stopped_at == start


def test_meter_values_without_a_transaction_or_an_energy_reading_change_nothing():
    charger = ChargerFactory()
    transaction_id, _ = live.start_transaction(charger.pk, 1, "04A2B3C4D5", 0, timezone.now())

    live.meter_values(charger.pk, 1, None, 500)
    live.meter_values(charger.pk, 1, transaction_id, None)

    assert ChargingSession.objects.get(pk=transaction_id).meter_last_wh is None


def test_a_timestamp_that_is_not_a_date_says_so():
    charger = ChargerFactory()

    with pytest.raises(ValueError, match="timestamp 'yesterday' is not an ISO 8601"):
        live.start_transaction(charger.pk, 1, "04A2B3C4D5", 0, "yesterday")
