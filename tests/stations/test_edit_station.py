import pytest
from django.urls import reverse

from accounts.plans import Plan
from stations.models import Station
from tests.factories import StationFactory

pytestmark = pytest.mark.django_db

CHANGED = {
    "name": "ChargePoint CT4000 (North)",
    "manufacturer": "ChargePoint",
    "model": "CT4025",
    "network": "ChargePoint",
    "is_published": "on",
}


def url(station):
    return reverse("stations:edit", args=[station.pk])


def test_it_shows_the_form_filled_in(alice_client, station):
    response = alice_client.get(url(station))
    assert response.status_code == 200
    assert "Edit ChargePoint CT4000" in response.text
    assert 'value="ChargePoint CT4000"' in response.text
    assert "Save Changes" in response.text


def test_it_saves_the_changes_and_redirects(alice_client, station):
    response = alice_client.post(url(station), CHANGED)
    assert response.status_code == 302
    assert response.url == station.get_absolute_url()
    station.refresh_from_db()
    assert (station.name, station.model) == ("ChargePoint CT4000 (North)", "CT4025")


def test_it_confirms_the_save(alice_client, station):
    response = alice_client.post(url(station), CHANGED, follow=True)
    assert "Station saved." in response.text


def test_it_turns_a_published_station_into_a_draft(alice_client, client, port):
    station = port.station
    draft = {**CHANGED}
    del draft["is_published"]
    alice_client.post(url(station), draft)
    station.refresh_from_db()
    assert not station.is_published
    public = client.get(station.site.get_public_url())
    assert "ChargePoint CT4000" not in public.text
    assert "<strong>0 ports available</strong> of 0" in public.text


def test_it_publishes_a_draft(alice_client, station):
    Station.objects.filter(pk=station.pk).update(is_published=False)
    alice_client.post(url(station), CHANGED)
    station.refresh_from_db()
    assert station.is_published


def test_it_lets_a_station_change_the_case_of_its_own_name(alice_client, station):
    response = alice_client.post(url(station), {**CHANGED, "name": "CHARGEPOINT CT4000"})
    assert response.status_code == 302
    station.refresh_from_db()
    assert station.name == "CHARGEPOINT CT4000"


def test_it_refuses_the_name_of_another_station_at_the_location(alice_client, station):
    StationFactory(site=station.site, name="Tesla Wall Connector")
    response = alice_client.post(url(station), {**CHANGED, "name": "tesla wall connector"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["name"]
    assert "This location already has a station with that name." in errors["name"][0]
    station.refresh_from_db()
    assert station.name == "ChargePoint CT4000"


def test_it_requires_a_name(alice_client, station):
    response = alice_client.post(url(station), {**CHANGED, "name": ""})
    assert response.context["form"].errors == {"name": ["This field is required."]}
    station.refresh_from_db()
    assert station.name == "ChargePoint CT4000"


def test_it_never_blocks_editing_after_a_downgrade(alice_client, alice, site):
    alice.plan = Plan.PREMIUM
    alice.save()
    stations = StationFactory.create_batch(10, site=site)
    alice.plan = Plan.FREE
    alice.save()
    response = alice_client.post(url(stations[-1]), CHANGED)
    assert response.status_code == 302
    stations[-1].refresh_from_db()
    assert stations[-1].name == CHANGED["name"]


def test_it_is_404_for_a_stranger(bob_client, station):
    assert bob_client.get(url(station)).status_code == 404
    assert bob_client.post(url(station), CHANGED).status_code == 404
    station.refresh_from_db()
    assert station.name == "ChargePoint CT4000"


def test_it_sends_anonymous_visitors_to_log_in(client, station):
    response = client.post(url(station), CHANGED)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    station.refresh_from_db()
    assert station.name == "ChargePoint CT4000"
