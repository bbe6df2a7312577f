"""Live status as drivers see it: Capital Power (US/CPT) reports on its Riverfront Garage
in Albany, two EVSEs with one J1772 connector each."""

import pytest

from sites.models import Site
from tests.ocpi.network import ago, envelope, evse, location


@pytest.fixture
def garage(network):
    """Both ports reported AVAILABLE an hour ago: stale, so available by the owner's word."""
    at = ago(hours=1)
    evses = [evse("1", last_updated=at), evse("2", last_updated=at)]
    envelope(network.put(location(last_updated=at, evses=evses), "ALB1"))
    return Site.objects.get()


def report(network, uid, status, **before_now):
    """The network reports EVSE `uid`'s status as of `before_now` ago (default: now)."""
    patch = {"status": status, "last_updated": ago(**before_now)}
    envelope(network.patch(patch, "ALB1", uid))
