"""Imported data for review: alice claimed a location NREL listed, with its two ports."""

import datetime

import pytest

from sites.models import Origin
from tests.factories import PortFactory, SiteFactory, StationFactory


@pytest.fixture
def imported_site(alice):
    return SiteFactory(
        owner=alice,
        origin=Origin.NREL,
        source_id="123",
        name="Highway Rest Area",
        source_confirmed_on=datetime.date(2025, 2, 12),
    )


@pytest.fixture
def imported_station(imported_site):
    return StationFactory(site=imported_site, name="ChargePoint CT4000")


@pytest.fixture
def imported_ports(imported_station):
    return [
        PortFactory(station=imported_station, label="Port 1", needs_review=True),
        PortFactory(station=imported_station, label="Port 2", needs_review=True),
    ]
