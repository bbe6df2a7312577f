"""Anyone flags a review; support staff hide it (with a reason its author reads) or show it
again in the admin."""

import pytest
from django.test import Client
from django.urls import reverse

from community.models import FLAGS_PER_HOUR, Review, ReviewFlag
from tests.community.factories import ReviewFactory
from tests.conftest import HTMX

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(site, carol):
    return ReviewFactory(site=site, driver=carol, text="Rude words here")


def flag_url(review):
    return reverse("community:flag_review", args=[review.pk])


def change_url(review):
    return reverse("admin:community_review_change", args=[review.pk])


def test_anyone_may_flag_a_review_once(review):
    visitor = Client(REMOTE_ADDR="10.0.0.1")
    response = visitor.post(flag_url(review))
    assert response.status_code == 302
    assert response.url == f"{review.site.get_public_url()}#review-{review.pk}"
    visitor.post(flag_url(review))
    assert ReviewFlag.objects.count() == 1
    Client(REMOTE_ADDR="10.0.0.2").post(flag_url(review))
    assert ReviewFlag.objects.count() == 2


def test_it_answers_htmx_with_a_note_in_place(review):
    response = Client(REMOTE_ADDR="10.0.0.1").post(flag_url(review), headers=HTMX)
    assert response.status_code == 200
    assert "support staff will read this review" in response.text
    assert "<html" not in response.text


def test_it_limits_how_many_reviews_one_client_flags(site):
    reviews = ReviewFactory.create_batch(FLAGS_PER_HOUR + 1, site=site)
    visitor = Client(REMOTE_ADDR="10.0.0.1")
    for each in reviews[:FLAGS_PER_HOUR]:
        visitor.post(flag_url(each))
    response = visitor.post(flag_url(reviews[-1]), follow=True)
    assert "You have flagged several reviews in a short time" in response.text
    assert ReviewFlag.objects.count() == FLAGS_PER_HOUR


def test_it_does_not_flag_a_hidden_review_or_take_a_get(review):
    assert Client().get(flag_url(review)).status_code == 405
    Review.objects.update(hidden=True, hidden_reason="Spam")
    assert Client().post(flag_url(review)).status_code == 404


def admin_data(review, **changes):
    data = {
        "site": review.site_id,
        "driver": review.driver_id,
        "rating": review.rating,
        "text": review.text,
        "hidden": "",
        "hidden_reason": "",
        "answer": "",
        "flags-TOTAL_FORMS": "0",
        "flags-INITIAL_FORMS": "0",
    }
    return data | changes


def test_support_hides_a_review_with_a_reason_its_author_reads(
    review, support_client, carol_client, client
):
    Client(REMOTE_ADDR="10.0.0.1").post(flag_url(review))
    assert support_client.get(reverse("admin:community_review_changelist")).status_code == 200
    refused = support_client.post(change_url(review), admin_data(review, hidden="on"))
    assert refused.status_code == 200
    assert "Say why the review is hidden" in refused.text
    reason = "Personal attacks are against the rules"
    done = support_client.post(
        change_url(review), admin_data(review, hidden="on", hidden_reason=reason)
    )
    assert done.status_code == 302
    assert "Rude words here" not in client.get(review.site.get_public_url()).text
    own_view = carol_client.get(reverse("community:review", args=[review.site_id]))
    assert reason in own_view.text
    assert "Support staff have hidden this review" in own_view.text


def test_support_shows_a_hidden_review_again(review, support_client, client):
    Review.objects.filter(pk=review.pk).update(hidden=True, hidden_reason="Spam")
    support_client.post(
        reverse("admin:community_review_changelist"),
        {"action": "restore", "_selected_action": [review.pk]},
    )
    review.refresh_from_db()
    assert (review.hidden, review.hidden_reason) == (False, "")
    assert "Rude words here" in client.get(review.site.get_public_url()).text
