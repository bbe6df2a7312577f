"""Issuing a new password cuts the connection opened with the old one within a second
(code 1008), wherever it is; the old password no longer opens one, the new one does."""

import pytest
from ocpp.v16 import call
from websockets.exceptions import InvalidStatus

from chargers.models import Charger
from tests.chargers.factories import ChargerFactory


def test_it_closes_the_connection_opened_with_the_old_password(connect):
    charger = ChargerFactory()
    other = ChargerFactory(station=charger.station)
    link = connect(charger)
    bystander = connect(other)
    link.call(call.Heartbeat())

    # As the owner's "Issue a new password" does it, from another process.
    new_password = charger.issue_password()
    charger.save()

    code, reason = link.wait_closed(timeout=3)
    assert code == 1008
    assert "new password" in reason
    with pytest.raises(InvalidStatus) as refused:
        connect(charger)
    assert refused.value.response.status_code == 401
    assert connect(charger, new_password).call(call.Heartbeat()).current_time
    # The other charger's connection was left alone.
    assert bystander.call(call.Heartbeat()).current_time


def test_it_closes_the_connection_of_a_charger_removed_by_its_owner(connect):
    charger = ChargerFactory()
    link = connect(charger)

    Charger.objects.filter(pk=charger.pk).delete()

    code, _ = link.wait_closed(timeout=3)
    assert code == 1008
