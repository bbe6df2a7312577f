"""The handshake checks HTTP Basic credentials: a wrong or missing password is refused with
401 before any OCPP is spoken, and the charger is not marked connected."""

import pytest
from websockets.exceptions import InvalidStatus

from tests.chargers.factories import CHARGER_PASSWORD, ChargerFactory


@pytest.mark.parametrize(
    ("password", "username"),
    [
        ("not-the-password", None),  # wrong password
        (None, None),  # no credentials at all
        (CHARGER_PASSWORD, "ANOTHER-ID"),  # right password, another id as the user name
    ],
)
def test_it_refuses_the_handshake_with_401(connect, password, username):
    charger = ChargerFactory()

    with pytest.raises(InvalidStatus) as refused:
        connect(charger, password, username=username)

    response = refused.value.response
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == 'Basic realm="ChargeSites OCPP", charset="UTF-8"'
    assert b"password" in response.body
    charger.refresh_from_db()
    assert charger.connected_at is None
