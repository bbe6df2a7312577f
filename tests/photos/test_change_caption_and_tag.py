"""The owner changes a stored photo's caption and what it shows (the location, a station or a
port) on the photos page; drivers then see it beside that port."""

import json

import pytest

from tests.conftest import HTMX
from tests.factories import PortFactory
from tests.live.pages import port_items, public_page
from tests.photos.factories import PhotoFactory
from tests.photos.uploads import url

pytestmark = pytest.mark.django_db


def change(client, photo, caption="CCS cable, left", shows="", **extra):
    data = {
        "photo": str(photo.pk),
        f"photo-{photo.pk}-caption": caption,
        f"photo-{photo.pk}-shows": shows,
    }
    return client.post(url(photo.site), data, **extra)


def test_it_tags_a_photo_to_a_port_and_drivers_see_it_there(alice_client, client, site, port):
    photo = PhotoFactory(site=site, caption="Old words")
    response = change(alice_client, photo, "J1772 holster", f"port:{port.pk}", follow=True)
    assert "Photo “J1772 holster” saved." in response.text
    photo.refresh_from_db()
    assert (photo.caption, photo.port, photo.station) == ("J1772 holster", port, None)
    assert "J1772 holster" in port_items(public_page(client, site))[0]


def test_it_untags_a_photo_back_to_the_location(alice_client, site, port):
    photo = PhotoFactory(site=site, port=port, station=port.station)
    change(alice_client, photo, shows="")
    photo.refresh_from_db()
    assert (photo.port, photo.station) == (None, None)


def test_it_shows_each_photos_current_tag_in_its_form(alice_client, site, port):
    photo = PhotoFactory(site=site, port=port)
    html = alice_client.get(url(site)).text
    assert f'name="photo-{photo.pk}-shows"' in html
    assert f'<option value="port:{port.pk}" selected>' in html


def test_it_asks_for_a_caption_beside_that_photo(alice_client, site):
    photo = PhotoFactory(site=site, caption="Kept")
    response = change(alice_client, photo, caption="   ")
    assert response.status_code == 200
    assert "Describe the photo: drivers who cannot see it read this." in response.text
    assert "<details open>" in response.text
    photo.refresh_from_db()
    assert photo.caption == "Kept"


def test_it_refuses_a_port_of_another_location(alice_client, site):
    photo = PhotoFactory(site=site)
    response = change(alice_client, photo, shows=f"port:{PortFactory().pk}")
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    photo.refresh_from_db()
    assert photo.port is None


def test_it_answers_htmx_with_the_page_and_an_announcement(alice_client, site):
    photo = PhotoFactory(site=site)
    response = change(alice_client, photo, "Bank A", headers=HTMX)
    assert response.status_code == 200
    assert json.loads(response.headers["HX-Trigger"]) == {"announce": "Photo “Bank A” saved."}


def test_it_is_404_for_another_owners_photo(alice_client, bob_client, site):
    theirs = PhotoFactory()
    response = alice_client.post(
        url(site), {"photo": str(theirs.pk), f"photo-{theirs.pk}-caption": "Mine now"}
    )
    assert response.status_code == 404
    assert change(bob_client, PhotoFactory(site=site)).status_code == 404


@pytest.mark.parametrize("number", ["first", "²", "9" * 30, ""])
def test_it_is_a_bad_request_without_a_photo_number(alice_client, site, number):
    assert alice_client.post(url(site), {"photo": number}).status_code == 400
