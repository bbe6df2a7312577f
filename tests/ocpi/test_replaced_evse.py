"""A network replaces a broken EVSE: the old uid is REMOVED and a new uid takes over its
evse_id (OCPI 2.2.1 lets an evse_id be re-used once its EVSE is REMOVED)."""

import pytest

from ports.models import Port
from search.models import Listing
from sites.models import Site
from tests.live.pages import port_items, public_page
from tests.ocpi.network import ago, envelope, evse, location

pytestmark = pytest.mark.django_db


@pytest.fixture
def replaced(network):
    at = ago(minutes=30)
    envelope(network.put(location(last_updated=at, evses=[evse("1", last_updated=at)]), "ALB1"))
    envelope(network.patch({"status": "REMOVED", "last_updated": ago(minutes=20)}, "ALB1", "1"))
    return network


def test_it_lists_the_new_evse_in_place_of_the_removed_one(client, replaced):
    new = evse("1-b", last_updated=ago(minutes=1), evse_id="US*CPT*E1")
    envelope(replaced.put(new, "ALB1", "1-b"))
    assert Port.objects.count() == 2
    site = Site.objects.get()
    assert Listing.objects.get(site=site).ports_total == 1
    assert len(port_items(public_page(client, site))) == 1
