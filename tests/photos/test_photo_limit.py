"""Each plan allows so many photos per location: Free 3, Premium 25, Premium Multi unlimited."""

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.urls import reverse

from accounts.plans import Plan
from photos.models import Photo
from tests.factories import SiteFactory
from tests.photos.factories import PhotoFactory
from tests.photos.uploads import FREE_LIMIT, formset, photo_file, stored_files, url

pytestmark = pytest.mark.django_db

PREMIUM_LIMIT = (
    "Your Premium plan allows 25 photos per location. "
    "Upgrade to Premium Multi for unlimited photos per location."
)


def photos(count):
    return formset(*[{"image": photo_file(), "caption": f"New {i}"} for i in range(count)])


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
