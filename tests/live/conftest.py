"""Live status as drivers see it: Capital Power (US/CPT) reports on the Riverfront Garage
in Albany, two EVSEs with one J1772 connector each. Alice owns the garage: her word
("Operational") counts while no fresh report says otherwise."""

import pytest

from sites.models import Site
from tests.ocpi.network import ago, envelope, evse, location


@pytest.fixture
def network_garage(network):
    """The garage as the network pushed it: unclaimed, both ports reported AVAILABLE an
    hour ago (stale: nobody vouches for them now)."""
    at = ago(hours=1)
    evses = [evse("1", last_updated=at), evse("2", last_updated=at)]
    envelope(network.put(location(last_updated=at, evses=evses), "ALB1"))
    return Site.objects.get()


@pytest.fixture
def garage(network_garage, alice):
    """The garage once Alice claimed it: available by her word until a fresh report."""
    Site.objects.filter(pk=network_garage.pk).update(owner=alice)
    network_garage.refresh_from_db()
    network_garage.save()  # refreshes its search listing
    return network_garage


def report(network, uid, status, **before_now):
    """The network reports EVSE `uid`'s status as of `before_now` ago (default: now)."""
    patch = {"status": status, "last_updated": ago(**before_now)}
    envelope(network.patch(patch, "ALB1", uid))


def backdate(port, created):
    """Make a port (and its creation's status change) date from `created`, its owner
    having kept its status at least as long."""
    from ports.models import Port

    Port.objects.filter(pk=port.pk).update(created_at=created)
    port.status_changes.update(at=created)
    Site.objects.filter(pk=port.station.site_id, owned_since__gt=created).update(
        owned_since=created
    )
