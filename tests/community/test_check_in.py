"""A driver checks in at a location: which port, how it went, a comment, a rating."""

from urllib.parse import quote

import pytest
from django.urls import reverse

from community.models import CheckIn, Outcome, Review
from tests.community.conftest import check_in, check_in_url
from tests.conftest import HTMX, logged_in
from tests.factories import PortFactory, SiteFactory, StationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_it_records_a_check_in_and_goes_back_to_the_location(carol_client, carol, site, port):
    response = check_in(carol_client, site, port, Outcome.SLOW, comment="  Only 3 kW today ")
    assert response.status_code == 302
    assert response.url == f"{site.get_public_url()}#community"
    (saved,) = CheckIn.objects.all()
    assert (saved.site, saved.port, saved.driver, saved.outcome) == (site, port, carol, "slow")
    assert saved.comment == "Only 3 kW today"
    assert not Review.objects.exists()  # no rating, no review


def test_it_answers_htmx_with_a_client_redirect(carol_client, site, port):
    response = check_in(carol_client, site, port, headers=HTMX)
    assert response.status_code == 200
    assert response["HX-Redirect"] == f"{site.get_public_url()}#community"
    assert CheckIn.objects.count() == 1


def test_it_lists_the_locations_ports_and_preselects_one(carol_client, site, station, port):
    other = PortFactory(station=station, label="Port 2")
    elsewhere = PortFactory(label="Somewhere else")
    response = carol_client.get(f"{check_in_url(site)}?port={other.pk}")
    assert response.status_code == 200
    field = response.context["form"]["port"]
    assert {choice.data["value"].value for choice in field} == {port.pk, other.pk}
    assert field.value() == str(other.pk)
    assert "Somewhere else" not in response.text
    assert elsewhere.pk


def test_it_refuses_a_port_of_another_location(carol_client, site, port):
    elsewhere = PortFactory(label="Somewhere else")
    response = check_in(carol_client, site, elsewhere)
    assert response.status_code == 400
    assert "Choose one of the ports listed for this location." in response.text
    assert not CheckIn.objects.exists()


def test_it_says_which_field_is_missing(carol_client, site, port):
    response = carol_client.post(check_in_url(site), {"port": port.pk})
    assert response.status_code == 400
    assert "Choose how it went" in response.text
    response = carol_client.post(check_in_url(site), {"port": port.pk, "outcome": "nope"})
    assert "Choose one of the outcomes listed." in response.text
    response = carol_client.post(
        check_in_url(site), {"port": port.pk, "outcome": "charged", "rating": "9"}
    )
    assert "Choose a rating from 1 to 5, or leave it empty." in response.text
    response = carol_client.post(
        check_in_url(site), {"port": port.pk, "outcome": "charged", "comment": "x" * 501}
    )
    assert "Keep the comment to 500 characters (it has 501)." in response.text
    assert not CheckIn.objects.exists()


def test_it_answers_htmx_bad_input_with_the_form_region(carol_client, site, port):
    response = check_in(carol_client, site, port, outcome="", headers=HTMX)
    assert response.status_code == 400
    assert 'id="check-in-region"' in response.text
    assert "<html" not in response.text


def test_it_sends_anonymous_visitors_to_log_in_and_back(client, site):
    response = client.get(check_in_url(site))
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={quote(check_in_url(site))}"


def test_it_asks_an_unconfirmed_driver_to_confirm_their_email(site, port):
    unconfirmed = logged_in(UserFactory(email_confirmed_at=None))
    response = unconfirmed.get(check_in_url(site))
    assert response.status_code == 302
    assert response.url.startswith(reverse("confirm_email"))
    page = unconfirmed.get(response.url)
    assert "Before you check in at a location" in page.text
    assert check_in(unconfirmed, site, port).status_code == 302
    assert not CheckIn.objects.exists()


def test_it_refuses_the_owner_of_the_location(alice_client, alice, site, port):
    page = alice_client.get(check_in_url(site))
    assert "You manage this location" in page.text
    assert "<form" not in page.text.split('id="check-in-region"')[1].split("</main>")[0]
    response = check_in(alice_client, site, port)
    assert response.status_code == 400
    assert "You manage this location" in response.text
    assert not CheckIn.objects.exists()


def test_it_does_not_take_check_ins_at_a_private_location(carol_client):
    private = SiteFactory(access="private")
    port = PortFactory(station=StationFactory(site=private))
    assert carol_client.get(check_in_url(private)).status_code == 404
    assert check_in(carol_client, private, port).status_code == 404
    # Nor does its page offer it.
    response = carol_client.get(private.get_public_url())
    assert response.status_code == 200
    assert check_in_url(private) not in response.text


def test_it_says_so_when_the_location_lists_no_ports(carol_client, site):
    response = carol_client.get(check_in_url(site))
    assert "lists no ports drivers can use" in response.text


def test_a_rating_creates_then_updates_the_drivers_one_review(carol_client, carol, site, station):
    first, second = PortFactory.create_batch(2, station=station)
    check_in(carol_client, site, first, rating="2")
    (review,) = Review.objects.all()
    assert (review.driver, review.site, review.rating, review.edited_at) == (carol, site, 2, None)
    check_in(carol_client, site, second, rating="5")
    (review,) = Review.objects.all()
    assert review.rating == 5
    assert review.edited_at is not None
