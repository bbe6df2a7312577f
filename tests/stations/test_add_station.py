import pytest
from django.urls import reverse

from accounts.plans import Plan
from stations.models import Station
from tests.factories import SiteFactory, StationFactory

pytestmark = pytest.mark.django_db

BANK_A = {
    "name": "Garage Level 2 - Bank A",
    "manufacturer": "ChargePoint",
    "model": "CT4000",
    "network": "ChargePoint",
    "is_published": "on",
}


def url(site):
    return reverse("stations:add", args=[site.pk])


def test_it_shows_the_form(alice_client, site):
    response = alice_client.get(url(site))
    assert response.status_code == 200
    assert "Add Station to Maple Street Market" in response.text
    for label in ["Name", "Manufacturer", "Model", "Network", "Published"]:
        assert label in response.text
    assert '<option value="Electrify America">' in response.text  # network suggestions


def test_it_adds_a_published_station_and_redirects_to_it(alice_client, site):
    response = alice_client.post(url(site), BANK_A)
    station = Station.objects.get()
    assert response.status_code == 302
    assert response.url == station.get_absolute_url()
    assert (station.site, station.name, station.network) == (
        site,
        "Garage Level 2 - Bank A",
        "ChargePoint",
    )
    assert station.is_published


def test_it_says_what_to_do_next(alice_client, site):
    response = alice_client.post(url(site), BANK_A, follow=True)
    assert "“Garage Level 2 - Bank A” added. Now add its ports." in response.text


def test_it_keeps_a_draft_from_drivers(alice_client, client, site):
    draft = {**BANK_A}
    del draft["is_published"]
    response = alice_client.post(url(site), draft, follow=True)
    station = Station.objects.get()
    assert not station.is_published
    assert "This station is a draft" in response.text
    assert "Garage Level 2 - Bank A" not in client.get(site.get_public_url()).text


def test_it_shows_a_published_station_to_drivers(alice_client, client, site):
    alice_client.post(url(site), BANK_A)
    assert "Garage Level 2 - Bank A" in client.get(site.get_public_url()).text


def test_it_needs_only_a_name(alice_client, site):
    alice_client.post(url(site), {"name": "Tesla Wall Connector", "network": "Non-Networked"})
    assert Station.objects.get().name == "Tesla Wall Connector"


def test_it_requires_a_name(alice_client, site):
    response = alice_client.post(url(site), {**BANK_A, "name": ""})
    assert response.status_code == 200
    assert response.context["form"].errors == {"name": ["This field is required."]}
    assert not Station.objects.exists()


@pytest.mark.parametrize(
    "name", ["Garage Level 2 - Bank A", "garage level 2 - bank a", "GARAGE LEVEL 2 - BANK A"]
)
def test_it_refuses_a_name_already_used_at_the_location(alice_client, site, name):
    StationFactory(site=site, name="Garage Level 2 - Bank A")
    response = alice_client.post(url(site), {**BANK_A, "name": name})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "name": [
            "This location already has a station with that name. "
            "Give each station its own name, like “Bank A” and “Bank B”."
        ]
    }
    assert Station.objects.count() == 1


def test_it_allows_the_same_name_at_another_location(alice_client, alice, site):
    alice.plan = Plan.PREMIUM
    alice.save()
    StationFactory(site=SiteFactory(owner=alice), name=BANK_A["name"])
    response = alice_client.post(url(site), BANK_A)
    assert response.status_code == 302
    assert site.stations.get().name == BANK_A["name"]


def test_it_refuses_a_fourth_station_on_the_free_plan(alice_client, site):
    StationFactory.create_batch(3, site=site)
    response = alice_client.post(url(site), BANK_A)
    assert response.status_code == 200
    message = (
        "Your Free plan allows 3 stations per location. "
        "Upgrade to Premium for 10 stations per location."
    )
    assert response.context["form"].non_field_errors() == [message]
    assert message in response.text
    assert f'href="{reverse("plan")}">Compare plans</a>' in response.text
    assert site.stations.count() == 3


def test_it_allows_the_third_station_on_the_free_plan(alice_client, site):
    StationFactory.create_batch(2, site=site)
    assert alice_client.post(url(site), BANK_A).status_code == 302
    assert site.stations.count() == 3


def test_it_counts_the_limit_per_location(alice_client, alice, site):
    alice.plan = Plan.PREMIUM
    alice.save()
    StationFactory.create_batch(3, site=SiteFactory(owner=alice))
    StationFactory.create_batch(2, site=site)
    assert alice_client.post(url(site), BANK_A).status_code == 302


def test_it_names_the_premium_limit_and_the_next_plan(alice_client, alice, site):
    alice.plan = Plan.PREMIUM
    alice.save()
    StationFactory.create_batch(10, site=site)
    response = alice_client.post(url(site), BANK_A)
    assert (
        "Your Premium plan allows 10 stations per location. "
        "Upgrade to Premium Multi for unlimited stations per location." in response.text
    )
    assert site.stations.count() == 10


def test_it_never_limits_premium_multi(alice_client, alice, site):
    alice.plan = Plan.PREMIUM_MULTI
    alice.save()
    StationFactory.create_batch(30, site=site)
    assert alice_client.post(url(site), BANK_A).status_code == 302
    assert site.stations.count() == 31


def test_it_is_404_for_a_stranger(bob_client, site):
    assert bob_client.get(url(site)).status_code == 404
    assert bob_client.post(url(site), BANK_A).status_code == 404
    assert not Station.objects.exists()


def test_it_is_404_for_an_unclaimed_location(alice_client):
    unclaimed = SiteFactory(owner=None)
    assert alice_client.post(url(unclaimed), BANK_A).status_code == 404
    assert not Station.objects.exists()


def test_it_sends_anonymous_visitors_to_log_in(client, site):
    response = client.post(url(site), BANK_A)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not Station.objects.exists()
