import json
import re

import pytest
from django.urls import reverse

from accounts.plans import Plan
from photos.models import Photo
from tests.conftest import HTMX
from tests.factories import PortFactory, SiteFactory, StationFactory, UserFactory
from tests.photos.factories import PhotoFactory
from tests.photos.uploads import (
    EXTENSIONS,
    opened,
    photo_file,
    stored_files,
    upload,
    url,
)

pytestmark = pytest.mark.django_db


def test_it_shows_the_upload_form(alice_client, site, port):
    response = alice_client.get(url(site))
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in response.text
    assert re.search(r'<input type="file" name="images"[^>]* multiple', response.text)
    assert response.text.count('type="file"') == 1  # one input for several photos
    assert 'accept="image/jpeg,image/png,image/webp"' in response.text
    assert "0 of 3 photos on your plan" in response.text
    assert f'value="station:{port.station.pk}"' in response.text
    assert f'value="port:{port.pk}"' in response.text


def test_it_offers_only_this_locations_stations_and_ports(alice_client, site, port):
    elsewhere = PortFactory(station=StationFactory(site=SiteFactory(owner=UserFactory())))
    response = alice_client.get(url(site))
    assert f'value="port:{elsewhere.pk}"' not in response.text
    assert f'value="station:{elsewhere.station.pk}"' not in response.text


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_it_accepts_each_format_and_keeps_it(alice_client, site, fmt):
    data = upload(photo_file(fmt), caption="CCS cable, left")
    response = alice_client.post(url(site), data)
    assert response.status_code == 302
    assert response.url == url(site)
    photo = Photo.objects.get()
    assert photo.caption == "CCS cable, left"
    assert photo.image.name.endswith(f".{EXTENSIONS[fmt]}")
    assert photo.thumbnail.name.endswith(f"-thumb.{EXTENSIONS[fmt]}")
    assert opened(photo.image).format == fmt
    assert opened(photo.thumbnail).format == fmt


def test_it_adds_several_photos_at_once_tagged_as_chosen(alice_client, alice, site, port):
    data = upload(
        photo_file("JPEG"),
        photo_file("PNG"),
        photo_file("WEBP"),
        caption="J1772 holster",
        shows=f"port:{port.pk}",
    )
    response = alice_client.post(url(site), data, follow=True)
    assert "3 photos added." in response.text
    photos = list(Photo.objects.order_by("position"))
    assert [(p.caption, p.station, p.port) for p in photos] == [
        ("J1772 holster (1 of 3)", None, port),
        ("J1772 holster (2 of 3)", None, port),
        ("J1772 holster (3 of 3)", None, port),
    ]
    assert {p.site for p in photos} == {site}
    assert {p.uploaded_by for p in photos} == {alice}


def test_it_tags_a_batch_to_a_station(alice_client, site, station):
    alice_client.post(url(site), upload(photo_file(), shows=f"station:{station.pk}"))
    photo = Photo.objects.get()
    assert (photo.station, photo.port) == (station, None)


def test_it_puts_new_photos_after_the_ones_already_there(alice_client, site):
    PhotoFactory(site=site, position=1, caption="Old 1")
    PhotoFactory(site=site, position=2, caption="Old 2")
    data = upload(photo_file(), caption="New")
    alice_client.post(url(site), data)
    assert list(site.photos.values_list("caption", flat=True)) == ["Old 1", "Old 2", "New"]


def test_it_says_one_photo_added(alice_client, site):
    data = upload(photo_file())
    response = alice_client.post(url(site), data, follow=True)
    assert "1 photo added." in response.text
    assert "1 of 3 photos on your plan" in response.text


def test_it_keeps_only_the_two_processed_versions_under_media_root(alice_client, site, settings):
    alice_client.post(url(site), upload(photo_file()))
    photo = Photo.objects.get()
    assert stored_files(settings.MEDIA_ROOT) == sorted([photo.image.name, photo.thumbnail.name])
    assert photo.image.name.startswith("photos/")


def test_it_marks_the_location_owner_verified(alice_client, site):
    alice_client.post(url(site), upload(photo_file()))
    site.refresh_from_db()
    assert site.verified_at is not None


def test_it_asks_for_a_photo_when_none_is_chosen(alice_client, site):
    response = alice_client.post(url(site), upload(caption=""))
    assert response.status_code == 200
    assert "Choose at least one photo." in response.text
    assert not Photo.objects.exists()


def test_it_answers_htmx_with_the_page_it_swaps(alice_client, site):
    response = alice_client.post(url(site), upload(caption=""), headers=HTMX)
    assert response.status_code == 200
    assert 'id="photos-page"' in response.text
    assert "Choose at least one photo." in response.text


def test_it_answers_an_htmx_upload_with_the_page_and_says_what_happened(alice_client, site):
    response = alice_client.post(url(site), upload(photo_file()), headers=HTMX)
    assert response.status_code == 200
    assert 'id="photos-page"' in response.text
    assert "1 photo added." in response.text
    assert json.loads(response.headers["HX-Trigger"]) == {"announce": "1 photo added."}
    assert Photo.objects.count() == 1


def test_it_shows_an_unlimited_plan(alice_client, alice, site):
    alice.plan = Plan.PREMIUM_MULTI
    alice.save()
    assert "0 of unlimited photos on your plan" in alice_client.get(url(site)).text


def test_it_is_404_for_a_stranger(bob_client, site):
    assert bob_client.get(url(site)).status_code == 404
    data = upload(photo_file())
    assert bob_client.post(url(site), data).status_code == 404
    assert not Photo.objects.exists()


def test_it_sends_anonymous_visitors_to_log_in(client, site):
    data = upload(photo_file())
    for response in [client.get(url(site)), client.post(url(site), data)]:
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    assert not Photo.objects.exists()
