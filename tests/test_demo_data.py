from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from accounts.models import User
from ports.models import Port
from ports.vocabulary import ConnectorType, PortStatus, PowerType
from sites.models import Site
from stations.models import Station

pytestmark = pytest.mark.django_db

J1772, CCS, CHADEMO, TESLA = (
    ConnectorType.J1772,
    ConnectorType.CCS,
    ConnectorType.CHADEMO,
    ConnectorType.TESLA,
)
L2, DC = PowerType.AC_LEVEL_2, PowerType.DC_FAST
OK, BROKEN = PortStatus.OPERATIONAL, PortStatus.OUT_OF_SERVICE

# The help article's "Common Port Configurations" and its "What Are Ports?" example.
SPEC = {
    "Tesla Wall Connector": [("Port 1", TESLA, L2, Decimal("11"), OK)],
    "ChargePoint CT4000": [
        ("Port 1", J1772, L2, Decimal("7.2"), OK),
        ("Port 2", J1772, L2, Decimal("7.2"), OK),
    ],
    "Electrify America 350kW": [
        ("Port 1", CCS, DC, Decimal("350"), OK),
        ("Port 2", CHADEMO, DC, Decimal("50"), BROKEN),
    ],
    "Garage Level 2 - Bank A": [
        ("Port 1", J1772, L2, Decimal("6.6"), OK),
        ("Port 2", J1772, L2, Decimal("6.6"), OK),
        ("Port 3", J1772, L2, Decimal("6.6"), BROKEN),
        ("Port 4", J1772, L2, Decimal("6.6"), OK),
    ],
    "ChargePoint CPF50 Dual Port": [
        ("Port 1", J1772, L2, Decimal("7.2"), OK),
        ("Port 2", J1772, L2, Decimal("7.2"), OK),
    ],
}


def load():
    out = StringIO()
    call_command("load_demo_data", stdout=out)
    return out.getvalue()


def snapshot():
    return {
        model.__name__: sorted(model.objects.values_list("pk", "updated_at"))
        for model in (Site, Station, Port)
    } | {"users": sorted(User.objects.values_list("pk", "email", "password"))}


def test_it_creates_the_specs_example_stations_with_exactly_their_ports():
    load()
    loaded = {
        station.name: [
            (p.label, p.connector_type, p.power_type, p.max_power_kw, p.status)
            for p in station.ports.order_by("label")
        ]
        for station in Station.objects.all()
    }
    assert loaded == SPEC


def test_it_gives_every_location_to_one_demo_owner():
    load()
    owner = User.objects.get(email="demo@chargesites.example")
    assert owner.check_password("demo-owner-2026")
    assert not owner.is_staff
    assert set(Site.objects.values_list("owner", flat=True)) == {owner.pk}
    assert Site.objects.count() == 3
    assert Station.objects.filter(is_published=True).count() == 5


def test_it_passes_the_plan_limits_it_creates_under():
    load()
    owner = User.objects.get(email="demo@chargesites.example")
    assert Site.objects.filter(owner=owner).count() <= owner.plan_choice.limits.locations


def test_it_creates_a_staff_support_user():
    load()
    support = User.objects.get(email="support@chargesites.example")
    assert support.check_password("demo-support-2026")
    assert support.is_staff
    assert not support.is_superuser
    assert support.groups.filter(name="Support").exists()
    assert support.has_perm("ports.change_port")


def test_it_changes_nothing_the_second_time():
    load()
    before = snapshot()
    load()
    assert snapshot() == before
    assert (User.objects.count(), Site.objects.count()) == (2, 3)
    assert (Station.objects.count(), Port.objects.count()) == (5, 11)


def test_it_prints_both_logins():
    out = load()
    assert "demo@chargesites.example / demo-owner-2026" in out
    assert "support@chargesites.example / demo-support-2026" in out


def test_it_shows_drivers_the_broken_ports_as_not_available(client):
    load()
    garage = Site.objects.get(stations__name="Garage Level 2 - Bank A")
    assert "<strong>3 ports available</strong> of 4" in client.get(garage.get_public_url()).text
