"""A location's reliability figure needs 7 days of status someone kept, and names the span
it covers: "Reliable 97% over the last 12 days"."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ports.models import Port, StatusChange
from ports.uptime import attach, reliability
from ports.vocabulary import LiveStatus, PortStatus
from sites.models import Site
from tests.factories import PortFactory, SiteFactory, StationFactory
from tests.live.conftest import backdate

pytestmark = pytest.mark.django_db


def aged(port, **age):
    """Make the port (and its creation's status change) `age` old, and its owner's
    ownership at least as old."""
    backdate(port, timezone.now() - timedelta(**age))
    return port


def broken(port, *, from_ago, to_ago=None):
    """Out of Service from `from_ago` until `to_ago` (or still), by its owner's word."""
    now = timezone.now()
    changes = [(PortStatus.OPERATIONAL, PortStatus.OUT_OF_SERVICE, from_ago)]
    if to_ago is not None:
        changes.append((PortStatus.OUT_OF_SERVICE, PortStatus.OPERATIONAL, to_ago))
    else:
        Port.objects.filter(pk=port.pk).update(status=PortStatus.OUT_OF_SERVICE)
    for old, new, ago in changes:
        StatusChange.objects.create(
            port=port, kind=StatusChange.Kind.OPERATIONAL, old=old, new=new, at=now - ago
        )


def of(site):
    """What drivers read about the site, as the location page computes it."""
    now = timezone.now()
    listed = Port.objects.listed().filter(station__site=site).select_related("station__site")
    return reliability(attach(listed, now), now)


def test_it_gives_no_figure_under_7_days_of_history(site, station):
    aged(PortFactory(station=station), days=6, hours=23)
    assert of(site) is None


def test_it_names_the_12_days_it_covers(site, station):
    port = aged(PortFactory(station=station), days=12, hours=3)
    broken(port, from_ago=timedelta(days=3), to_ago=timedelta(days=2, hours=15))
    figure = of(site)
    assert (figure.percent, figure.days) == (97, 12)
    assert figure.text == "Reliable 97% over the last 12 days"


def test_it_covers_30_days_at_most(site, station):
    aged(PortFactory(station=station), days=400)
    assert of(site).text == "Reliable 100% over the last 30 days"


def test_it_gives_no_figure_for_an_unclaimed_imported_location(db):
    station = StationFactory(site=SiteFactory(owner=None))
    # As import_afdc creates ports: in bulk, without a status history.
    Port.objects.bulk_create([PortFactory.build(station=station)])
    Port.objects.update(created_at=timezone.now() - timedelta(days=90))
    assert of(station.site) is None


def test_it_gives_a_figure_for_an_unclaimed_location_a_network_reports_on(db):
    station = StationFactory(site=SiteFactory(owner=None))
    aged(
        PortFactory(station=station, live_status=LiveStatus.AVAILABLE, live_source="Capital Power"),
        days=20,
    )
    assert of(station.site).text == "Reliable 100% over the last 20 days"


def test_it_counts_a_network_history_without_a_current_source(db):
    station = StationFactory(site=SiteFactory(owner=None))
    port = aged(PortFactory(station=station, live_status=LiveStatus.AVAILABLE), days=40)
    StatusChange.record(
        port,
        StatusChange.Kind.LIVE,
        LiveStatus.OUT_OF_ORDER,
        LiveStatus.AVAILABLE,
        at=timezone.now() - timedelta(days=27),
    )
    assert of(station.site).text == "Reliable 90% over the last 30 days"  # out of order 3 days


def test_it_is_not_swung_by_a_port_with_15_minutes_of_history(site, station):
    old = aged(PortFactory(station=station), days=40)
    broken(old, from_ago=timedelta(days=20), to_ago=timedelta(days=10))
    assert of(site).text == "Reliable 67% over the last 30 days"
    new = PortFactory(station=station)
    aged(new, minutes=15)
    broken(new, from_ago=timedelta(minutes=14))
    assert of(site).text == "Reliable 67% over the last 30 days"


def test_it_weighs_each_port_by_the_time_it_was_tracked(site, station):
    aged(PortFactory(station=station), days=40)  # 30 days up
    young = aged(PortFactory(station=station), days=10)
    broken(young, from_ago=timedelta(days=10))  # 10 days down
    figure = of(site)
    assert (figure.percent, figure.days) == (75, 30)


def test_it_counts_history_from_the_claim_not_from_the_import(alice):
    # Imported 40 days ago: NREL's word until Alice claimed it today is no history.
    site = SiteFactory(owner=None, origin="nrel", source_id="228141")
    port = PortFactory(station=StationFactory(site=site))
    backdate(port, timezone.now() - timedelta(days=40))
    site.owner = alice
    site.save()
    assert of(site) is None
    Site.objects.filter(pk=site.pk).update(owned_since=timezone.now() - timedelta(days=9))
    assert of(site).text == "Reliable 100% over the last 9 days"
