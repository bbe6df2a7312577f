"""Each plan allows so many photos per location: Free 3, Premium 25, Premium Multi unlimited."""

import re

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.urls import reverse

from accounts.plans import Plan
from photos.models import Photo
from tests.factories import SiteFactory
from tests.photos.factories import PhotoFactory
from tests.photos.uploads import FREE_LIMIT, photo_file, stored_files, upload, url

pytestmark = pytest.mark.django_db

PREMIUM_LIMIT = (
    "Your Premium plan allows 25 photos per location. "
    "Upgrade to Premium Multi for unlimited photos per location."
)


def photos(count):
    return upload(*[photo_file() for _ in range(count)], caption="New")


def on_plan(user, plan):
    user.plan = plan
    user.save()


def test_it_lets_a_free_plan_fill_its_three_at_once(alice_client, site):
    response = alice_client.post(url(site), photos(3))
    assert response.status_code == 302
    assert site.photos.count() == 3


def test_it_refuses_a_fourth_photo_on_the_free_plan(alice_client, site, settings):
    PhotoFactory.create_batch(3, site=site)
    before = stored_files(settings.MEDIA_ROOT)
    response = alice_client.post(url(site), photos(1))
    assert response.status_code == 200
    assert FREE_LIMIT in response.text
    assert site.photos.count() == 3
    assert stored_files(settings.MEDIA_ROOT) == before


def test_it_refuses_a_whole_batch_that_would_pass_the_limit(alice_client, site, settings):
    PhotoFactory(site=site)
    response = alice_client.post(url(site), photos(3))
    assert response.status_code == 200
    assert FREE_LIMIT in response.text
    assert site.photos.count() == 1


def test_it_counts_the_batch_and_says_how_many_fit(alice_client, site, settings):
    PhotoFactory.create_batch(2, site=site)
    before = stored_files(settings.MEDIA_ROOT)
    response = alice_client.post(url(site), photos(3))
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert errors == [
        "You can add 1 more photo on the Free plan; 3 were selected. Choose 1 or fewer. "
        + FREE_LIMIT
    ]
    assert site.photos.count() == 2
    assert stored_files(settings.MEDIA_ROOT) == before
    errors = re.search(r'<div class="errors" role="alert".*?</div>', response.text, re.S).group()
    assert f'href="{reverse("help:subscription_limits")}"' in errors


def test_it_says_how_many_more_fit_before_the_form(alice_client, site):
    PhotoFactory(site=site)
    html = alice_client.get(url(site)).text
    assert "You can add 2 more photos on the Free plan." in html


def test_it_disables_the_upload_with_the_reason_once_the_limit_is_reached(alice_client, site):
    PhotoFactory.create_batch(3, site=site)
    html = alice_client.get(url(site)).text
    assert 'type="file"' not in html
    assert re.search(r"<button [^>]*disabled[^>]*>.*?Upload photos</button>", html, re.S)
    reason = re.search(r'<p class="disabled-reason" id="photo-limit-reason">(.*?)</p>', html, re.S)
    assert "This location has all 3 photos your Free plan allows." in reason.group(1)
    assert f'href="{reverse("help:subscription_limits")}"' in reason.group(1)
    assert f'href="{reverse("plan")}"' in reason.group(1)


def test_it_counts_per_location(alice_client, alice, site):
    on_plan(alice, Plan.PREMIUM)
    other = SiteFactory(owner=alice)
    PhotoFactory.create_batch(25, site=other)
    response = alice_client.post(url(site), photos(3))
    assert response.status_code == 302
    assert site.photos.count() == 3


def test_it_allows_25_on_premium(alice_client, alice, site):
    on_plan(alice, Plan.PREMIUM)
    PhotoFactory.create_batch(24, site=site)
    assert alice_client.post(url(site), photos(1)).status_code == 302
    response = alice_client.post(url(site), photos(1))
    assert response.status_code == 200
    assert PREMIUM_LIMIT in response.text
    assert site.photos.count() == 25


def test_it_has_no_limit_on_premium_multi(alice_client, alice, site):
    on_plan(alice, Plan.PREMIUM_MULTI)
    PhotoFactory.create_batch(30, site=site)
    response = alice_client.post(url(site), photos(3))
    assert response.status_code == 302
    assert site.photos.count() == 33


def test_it_holds_the_limit_in_model_validation(site):
    PhotoFactory.create_batch(3, site=site)
    with pytest.raises(ValidationError) as refused:
        PhotoFactory.build(site=site).full_clean()
    assert refused.value.message_dict == {NON_FIELD_ERRORS: [FREE_LIMIT]}
    assert refused.value.error_dict[NON_FIELD_ERRORS][0].code == "limit"


def test_it_still_lets_a_full_location_edit_its_photos(site):
    PhotoFactory.create_batch(3, site=site)
    photo = site.photos.first()
    photo.caption = "CCS cable, left"
    photo.full_clean()
    photo.save()
    assert Photo.objects.filter(caption="CCS cable, left").exists()


def test_it_makes_room_when_a_photo_is_deleted(alice_client, site):
    PhotoFactory.create_batch(3, site=site)
    alice_client.post(reverse("photos:delete", args=[site.photos.first().pk]))
    assert alice_client.post(url(site), photos(1)).status_code == 302
    assert site.photos.count() == 3
