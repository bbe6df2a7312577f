"""One review per driver per location, edited in place and dated; owners do not review."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from community.models import Review
from tests.community.factories import ReviewFactory
from tests.conftest import HTMX, logged_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def review_url(site):
    return reverse("community:review", args=[site.pk])


def test_it_saves_a_new_review(carol_client, carol, site):
    response = carol_client.post(review_url(site), {"rating": "4", "text": " Well lit. "})
    assert response.status_code == 302
    assert response.url == f"{site.get_public_url()}#community"
    (review,) = Review.objects.all()
    assert (review.driver, review.site, review.rating, review.text) == (carol, site, 4, "Well lit.")
    assert review.edited_at is None


def test_it_asks_an_unconfirmed_driver_to_confirm_their_email_first(site):
    unconfirmed = logged_in(UserFactory(email_confirmed_at=None))
    assert unconfirmed.get(review_url(site)).url.startswith(reverse("confirm_email"))
    response = unconfirmed.post(review_url(site), {"rating": "5", "text": "Great."})
    assert response.status_code == 302
    assert response.url == reverse("confirm_email")
    assert not Review.objects.exists()


def test_it_edits_the_same_review_and_dates_the_edit(carol_client, carol, site):
    carol_client.post(review_url(site), {"rating": "4", "text": "Fine."})
    response = carol_client.post(review_url(site), {"rating": "2", "text": "Broken again."})
    assert response.status_code == 302
    (review,) = Review.objects.all()
    assert (review.rating, review.text) == (2, "Broken again.")
    assert review.edited_at is not None
    page = carol_client.get(review_url(site))
    assert "edited" in page.text
    assert page.context["form"]["text"].value() == "Broken again."


def test_it_answers_htmx_with_a_client_redirect(carol_client, site):
    response = carol_client.post(review_url(site), {"rating": "5"}, headers=HTMX)
    assert response["HX-Redirect"] == f"{site.get_public_url()}#community"


def test_it_holds_one_review_per_driver_in_the_database(carol, site):
    ReviewFactory(driver=carol, site=site)
    with pytest.raises(ValidationError, match="You reviewed this location already"):
        Review(driver=carol, site=site, rating=3).full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.create(driver=carol, site=site, rating=3)


def test_it_refuses_the_owner_of_the_location(alice_client, alice, site):
    assert "You manage this location" in alice_client.get(review_url(site)).text
    response = alice_client.post(review_url(site), {"rating": "5", "text": "Best ever"})
    assert response.status_code == 400
    assert "You manage this location" in response.text
    assert not Review.objects.exists()
    with pytest.raises(ValidationError, match="You manage this location"):
        Review(driver=alice, site=site, rating=5).full_clean()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "No rating"}, "Choose a rating from 1 (poor) to 5 (excellent)."),
        ({"rating": "6"}, "Choose a rating from 1 to 5."),
        ({"rating": "x"}, "Choose a rating from 1 to 5."),
        ({"rating": "3", "text": "x" * 2001}, "Keep the review to 2000 characters (it has 2001)."),
    ],
)
def test_it_says_what_to_fix(carol_client, site, data, message):
    response = carol_client.post(review_url(site), data)
    assert response.status_code == 400
    assert message in response.text
    assert not Review.objects.exists()


def test_it_holds_the_rating_between_1_and_5_in_the_database(carol, site):
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.create(driver=carol, site=site, rating=0)


def test_it_sends_anonymous_visitors_to_log_in(client, site):
    response = client.get(review_url(site))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
