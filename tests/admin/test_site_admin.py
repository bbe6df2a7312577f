import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.plans import Plan
from sites.models import Origin
from stations.models import Station
from tests.factories import SiteFactory, StationFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:sites_site_changelist")
FREE_STATION_LIMIT = (
    "Your Free plan allows 3 stations per location. "
    "Upgrade to Premium for 10 stations per location."
)


def change_url(site):
    return reverse("admin:sites_site_change", args=[site.pk])


def form_data(site, new_stations=()):
    """The change form as the page posts it: the location, its stations, then any new ones."""
    stations = list(site.stations.all())
    data = {
        "name": site.name,
        "street_address": site.street_address,
        "city": site.city,
        "state": site.state,
        "zip_code": site.zip_code,
        "latitude": str(site.latitude),
        "longitude": str(site.longitude),
        "owner": site.owner_id or "",
        "origin": site.origin,
        "source_id": site.source_id,
        "stations-TOTAL_FORMS": len(stations) + len(new_stations),
        "stations-INITIAL_FORMS": len(stations),
        "stations-MIN_NUM_FORMS": 0,
        "stations-MAX_NUM_FORMS": 1000,
    }
    for i, station in enumerate(stations):
        data |= {
            f"stations-{i}-id": station.pk,
            f"stations-{i}-site": site.pk,
            f"stations-{i}-name": station.name,
            f"stations-{i}-network": station.network,
            f"stations-{i}-manufacturer": station.manufacturer,
            f"stations-{i}-model": station.model,
            f"stations-{i}-is_published": "on",
        }
    for i, name in enumerate(new_stations, start=len(stations)):
        data |= {
            f"stations-{i}-site": site.pk,
            f"stations-{i}-name": name,
            f"stations-{i}-network": "ChargePoint",
            f"stations-{i}-manufacturer": "ChargePoint",
            f"stations-{i}-model": "CT4000",
            f"stations-{i}-is_published": "on",
        }
    return data


def listed(response):
    assert response.status_code == 200
    return {site.name for site in response.context["cl"].result_list}


@pytest.fixture
def three_sites(alice):
    return [
        SiteFactory(owner=alice, name="Maple Street Market", city="Albany", zip_code="12207"),
        SiteFactory(
            owner=None,
            name="Thruway Travel Plaza",
            city="Kingston",
            zip_code="12401",
            origin=Origin.NREL,
            source_id="150001",
        ),
        SiteFactory(
            name="Riverside Parking Garage",
            city="Hoboken",
            state="NJ",
            zip_code="07030",
        ),
    ]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("maple", "Maple Street Market"),
        ("Kingston", "Thruway Travel Plaza"),
        ("07030", "Riverside Parking Garage"),
    ],
    ids=["name", "city", "zip"],
)
def test_it_searches_by_name_city_and_zip(support_client, three_sites, query, found):
    assert listed(support_client.get(CHANGELIST, {"q": query})) == {found}


def test_it_filters_by_state(staff_client, three_sites):
    response = staff_client.get(CHANGELIST, {"state__exact": "NJ"})
    assert listed(response) == {"Riverside Parking Garage"}


@pytest.mark.parametrize(
    ("claimed", "found"),
    [
        ("yes", {"Maple Street Market", "Riverside Parking Garage"}),
        ("no", {"Thruway Travel Plaza"}),
    ],
)
def test_it_filters_claimed_and_unclaimed(staff_client, three_sites, claimed, found):
    response = staff_client.get(CHANGELIST, {"claimed": claimed})
    assert listed(response) == found


def test_it_filters_by_origin(staff_client, three_sites):
    response = staff_client.get(CHANGELIST, {"origin__exact": Origin.NREL})
    assert listed(response) == {"Thruway Travel Plaza"}
    response = staff_client.get(CHANGELIST, {"origin__exact": Origin.OWNER})
    assert listed(response) == {"Maple Street Market", "Riverside Parking Garage"}


def test_it_shows_the_stations_inline(support_client, station):
    StationFactory(site=station.site, name="Tesla Wall Connector")
    response = support_client.get(change_url(station.site))
    assert response.status_code == 200
    assert 'name="stations-TOTAL_FORMS" value="2"' in response.text
    assert 'value="ChargePoint CT4000"' in response.text
    assert 'value="Tesla Wall Connector"' in response.text
    assert reverse("admin:stations_station_change", args=[station.pk]) in response.text


def test_it_assigns_an_owner_to_an_unclaimed_site(support_client, bob):
    site = SiteFactory(owner=None, origin=Origin.NREL, source_id="150001")
    response = support_client.post(change_url(site), {**form_data(site), "owner": bob.pk})
    assert response.status_code == 302
    site.refresh_from_db()
    assert site.owner == bob
    assert site.is_claimed


@pytest.mark.parametrize(
    ("plan", "held", "message"),
    [
        (Plan.FREE, 1, "Your Free plan allows 1 location. Upgrade to Premium for 3 locations."),
        (
            Plan.PREMIUM,
            3,
            "Your Premium plan allows 3 locations. Upgrade to Premium Multi for 5 locations.",
        ),
        (
            Plan.PREMIUM_MULTI,
            5,
            "Your Premium Multi plan allows 5 locations. Contact support if you need more.",
        ),
    ],
)
def test_it_refuses_an_owner_at_their_location_limit(staff_client, plan, held, message):
    owner = UserFactory(plan=plan)
    SiteFactory.create_batch(held, owner=owner)
    site = SiteFactory(owner=None, origin=Origin.NREL, source_id="150001")
    response = staff_client.post(change_url(site), {**form_data(site), "owner": owner.pk})
    assert response.status_code == 200
    assert message in response.text
    site.refresh_from_db()
    assert site.owner is None


def test_it_assigns_an_owner_one_below_their_limit(staff_client):
    owner = UserFactory(plan=Plan.PREMIUM)
    SiteFactory.create_batch(2, owner=owner)
    site = SiteFactory(owner=None, origin=Origin.NREL, source_id="150001")
    response = staff_client.post(change_url(site), {**form_data(site), "owner": owner.pk})
    assert response.status_code == 302
    assert owner.sites.count() == 3


def test_it_adds_a_station_inline_up_to_the_limit(support_client, site):
    StationFactory.create_batch(2, site=site)
    response = support_client.post(change_url(site), form_data(site, ["Bank C"]))
    assert response.status_code == 302
    assert site.stations.count() == 3


def test_it_refuses_stations_added_together_beyond_the_limit(support_client, site):
    StationFactory.create_batch(2, site=site)
    response = support_client.post(change_url(site), form_data(site, ["Bank C", "Bank D"]))
    assert response.status_code == 200
    assert FREE_STATION_LIMIT in response.text
    assert site.stations.count() == 2
    assert not Station.objects.filter(name__in=["Bank C", "Bank D"]).exists()


@pytest.mark.parametrize(
    ("plan", "held", "adding", "message"),
    [
        (Plan.FREE, 3, 1, FREE_STATION_LIMIT),
        (
            Plan.PREMIUM,
            9,
            2,
            "Your Premium plan allows 10 stations per location. "
            "Upgrade to Premium Multi for unlimited stations per location.",
        ),
        (Plan.PREMIUM_MULTI, 12, 3, None),
    ],
)
def test_it_holds_each_plan_to_its_station_limit(staff_client, plan, held, adding, message):
    site = SiteFactory(owner=UserFactory(plan=plan))
    StationFactory.create_batch(held, site=site)
    new = [f"New {n}" for n in range(adding)]
    response = staff_client.post(change_url(site), form_data(site, new))
    if message is None:
        assert response.status_code == 302
        assert site.stations.count() == held + adding
    else:
        assert response.status_code == 200
        assert message in response.text
        assert site.stations.count() == held


def test_it_puts_no_station_limit_on_an_unclaimed_site(staff_client):
    site = SiteFactory(owner=None, origin=Origin.NREL, source_id="150001")
    StationFactory.create_batch(3, site=site)
    response = staff_client.post(change_url(site), form_data(site, ["Bank D", "Bank E"]))
    assert response.status_code == 302
    assert site.stations.count() == 5


def test_it_refuses_two_new_stations_with_the_same_name(staff_client, site):
    response = staff_client.post(change_url(site), form_data(site, ["Bank A", "bank a"]))
    assert response.status_code == 200
    assert "Give each station its own name" in response.text
    assert not site.stations.exists()


def test_it_lists_sites_in_a_fixed_number_of_queries(staff_client):
    """N+1 guard: the changelist costs the same whatever the row count."""

    def queries():
        with CaptureQueriesContext(connection) as context:
            listed(staff_client.get(CHANGELIST))
        return len(context)

    SiteFactory()
    few = queries()
    SiteFactory.create_batch(5)
    assert queries() == few
