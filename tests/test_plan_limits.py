"""Plan limits live in the models, so the dashboard, the admin and imports obey them alike."""

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from accounts.plans import Plan
from ports.models import Port
from sites.models import Site
from tests.factories import PortFactory, SiteFactory, StationFactory, UserFactory

pytestmark = pytest.mark.django_db

LOCATION_LIMITS = {
    Plan.FREE: (1, "Your Free plan allows 1 location. Upgrade to Premium for 3 locations."),
    Plan.PREMIUM: (
        3,
        "Your Premium plan allows 3 locations. Upgrade to Premium Multi for 5 locations.",
    ),
    Plan.PREMIUM_MULTI: (
        5,
        "Your Premium Multi plan allows 5 locations. Contact support if you need more.",
    ),
}
STATION_LIMITS = {
    Plan.FREE: (
        3,
        "Your Free plan allows 3 stations per location. "
        "Upgrade to Premium for 10 stations per location.",
    ),
    Plan.PREMIUM: (
        10,
        "Your Premium plan allows 10 stations per location. "
        "Upgrade to Premium Multi for unlimited stations per location.",
    ),
}


def new_site(owner, **fields):
    return SiteFactory.build(owner=owner, **fields)


def new_station(site, **fields):
    return StationFactory.build(site=site, **fields)


@pytest.mark.parametrize(("plan", "limit"), [(p, n) for p, (n, _) in LOCATION_LIMITS.items()])
def test_it_allows_as_many_locations_as_the_plan_does(plan, limit):
    owner = UserFactory(plan=plan)
    for _ in range(limit):
        site = new_site(owner)
        site.full_clean()
        site.save()
    assert Site.objects.filter(owner=owner).count() == limit


@pytest.mark.parametrize(
    ("plan", "limit", "message"), [(p, *v) for p, v in LOCATION_LIMITS.items()]
)
def test_it_refuses_one_location_more_than_the_plan_allows(plan, limit, message):
    owner = UserFactory(plan=plan)
    SiteFactory.create_batch(limit, owner=owner)
    with pytest.raises(ValidationError) as refused:
        new_site(owner).full_clean()
    assert refused.value.message_dict == {NON_FIELD_ERRORS: [message]}
    assert refused.value.error_dict[NON_FIELD_ERRORS][0].code == "limit"


@pytest.mark.parametrize(("plan", "limit"), [(p, n) for p, (n, _) in STATION_LIMITS.items()])
def test_it_allows_as_many_stations_per_location_as_the_plan_does(plan, limit):
    site = SiteFactory(owner=UserFactory(plan=plan))
    for _ in range(limit):
        station = new_station(site)
        station.full_clean()
        station.save()
    assert site.stations.count() == limit


@pytest.mark.parametrize(("plan", "limit", "message"), [(p, *v) for p, v in STATION_LIMITS.items()])
def test_it_refuses_one_station_more_than_the_plan_allows(plan, limit, message):
    site = SiteFactory(owner=UserFactory(plan=plan))
    StationFactory.create_batch(limit, site=site)
    with pytest.raises(ValidationError) as refused:
        new_station(site).full_clean()
    assert refused.value.messages == [message]


def test_it_never_limits_stations_on_premium_multi():
    site = SiteFactory(owner=UserFactory(plan=Plan.PREMIUM_MULTI))
    StationFactory.create_batch(40, site=site)
    new_station(site).full_clean()


def test_it_counts_stations_per_location_not_per_owner():
    owner = UserFactory(plan=Plan.PREMIUM)
    full, other = SiteFactory.create_batch(2, owner=owner)
    StationFactory.create_batch(10, site=full)
    new_station(other).full_clean()
    with pytest.raises(ValidationError):
        new_station(full).full_clean()


def test_it_counts_locations_per_owner(alice, bob):
    SiteFactory(owner=alice)
    new_site(bob).full_clean()


def test_it_never_limits_ports(station):
    PortFactory.create_batch(60, station=station)
    port = PortFactory.build(station=station, label="The 61st port")
    port.full_clean()
    port.save()
    assert Port.objects.filter(station=station).count() == 61


def test_it_never_blocks_editing_a_location_after_a_downgrade(alice):
    alice.plan = Plan.PREMIUM_MULTI
    alice.save()
    sites = SiteFactory.create_batch(5, owner=alice)
    alice.plan = Plan.FREE
    alice.save()
    for site in sites:
        site.name = f"{site.name} (renamed)"
        site.full_clean()
        site.save()
    with pytest.raises(ValidationError):
        new_site(alice).full_clean()


def test_it_never_blocks_editing_a_station_after_a_downgrade(site):
    site.owner.plan = Plan.PREMIUM
    site.owner.save()
    stations = StationFactory.create_batch(10, site=site)
    site.owner.plan = Plan.FREE
    site.owner.save()
    stations[0].network = "EVgo"
    stations[0].full_clean()
    stations[0].save()


def test_it_counts_a_reassigned_location_against_its_new_owner(site, bob):
    SiteFactory(owner=bob)
    site.owner = bob
    with pytest.raises(ValidationError) as refused:
        site.full_clean()
    assert refused.value.messages == [LOCATION_LIMITS[Plan.FREE][1]]


def test_it_lets_a_location_move_to_an_owner_with_room(site, bob):
    site.owner = bob
    site.full_clean()
    site.save()
    assert Site.objects.get(owner=bob) == site


def test_it_counts_a_claimed_location_against_its_owner(alice):
    SiteFactory(owner=alice)
    unclaimed = SiteFactory(owner=None)
    unclaimed.owner = alice
    with pytest.raises(ValidationError):
        unclaimed.full_clean()


def test_it_counts_a_moved_station_against_its_new_location(alice):
    alice.plan = Plan.PREMIUM
    alice.save()
    full, roomy = SiteFactory.create_batch(2, owner=alice)
    StationFactory.create_batch(10, site=full)
    station = StationFactory(site=roomy)
    station.site = full
    with pytest.raises(ValidationError):
        station.full_clean()


def test_it_sets_no_station_limit_on_an_unclaimed_location():
    unclaimed = SiteFactory(owner=None)
    StationFactory.create_batch(15, site=unclaimed)
    station = new_station(unclaimed)
    station.full_clean()
    station.save()
    assert unclaimed.stations.count() == 16


def test_it_sets_no_location_limit_on_unclaimed_locations():
    SiteFactory.create_batch(7, owner=None)
    new_site(None).full_clean()


def test_the_plans_match_the_spec():
    limits = {plan: (plan.limits.locations, plan.limits.stations_per_location) for plan in Plan}
    assert limits == {Plan.FREE: (1, 3), Plan.PREMIUM: (3, 10), Plan.PREMIUM_MULTI: (5, None)}
    photos = [plan.limits.photos_per_location for plan in Plan]
    assert photos == [3, 25, None]
    assert [plan.upgrade for plan in Plan] == [Plan.PREMIUM, Plan.PREMIUM_MULTI, None]


@pytest.mark.parametrize(
    ("plan", "message"),
    [
        (
            Plan.FREE,
            "Their Free plan allows 1 location. They can upgrade to Premium for 3 locations.",
        ),
        (
            Plan.PREMIUM_MULTI,
            "Their Premium Multi plan allows 5 locations. It is the largest plan.",
        ),
    ],
)
def test_it_words_the_limit_for_support_about_someone_else(plan, message):
    from accounts.plans import limit_message

    assert limit_message(plan, "location", "locations", whose="their") == message
