"""Text a database cannot hold is bad input like any other."""

import pytest

from tests.ocpi.network import ago, envelope, evse, location, row_counts

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "changes",
    [{"name": "Riverfront\u0000Garage"}, {"directions": [{"language": "en", "text": "\u0000"}]}],
    ids=["in a field we use", "in a field we keep as sent"],
)
def test_it_refuses_a_nul_character(network, changes):
    at = ago(minutes=1)
    body = location(last_updated=at, evses=[evse("1", last_updated=at)], **changes)
    before = row_counts()
    envelope(network.put(body, "ALB1"), status=400, code=2001)
    assert row_counts() == before
