"""Drivers see the photos on the location page: thumbnails first, the web size on click."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.photos.factories import PhotoFactory
from tests.photos.uploads import photo_file, upload, url

pytestmark = pytest.mark.django_db


def page(client, site):
    response = client.get(reverse("sites:public", args=[site.pk]))
    assert response.status_code == 200
    return response.text


def test_it_shows_lazy_thumbnails_linking_to_the_web_size(client, alice_client, site):
    alice_client.post(url(site), upload(photo_file(), caption="CCS cable, left"))
    photo = site.photos.get()
    html = page(client, site)
    assert (
        f'<a href="{photo.image.url}"><img src="{photo.thumbnail.url}" alt="CCS cable, left" '
        'loading="lazy"'
    ) in html
    assert "<figcaption>CCS cable, left</figcaption>" in html


def test_it_shows_them_in_the_owners_order(client, site):
    for position, caption in [(3, "Third"), (1, "First"), (2, "Second")]:
        PhotoFactory(site=site, position=position, caption=caption)
    html = page(client, site)
    assert html.index('alt="First"') < html.index('alt="Second"') < html.index('alt="Third"')


def test_it_escapes_the_caption_in_the_alt_text(client, site):
    PhotoFactory(site=site, caption='Cable "left" <b>')
    html = page(client, site)
    assert 'alt="Cable &quot;left&quot; &lt;b&gt;"' in html
    assert "<b>" not in html


def test_it_shows_no_photo_section_without_photos(client, site):
    assert 'aria-label="Photos"' not in page(client, site)


def test_it_shows_only_this_locations_photos(client, site):
    PhotoFactory(caption="Somewhere else")
    PhotoFactory(site=site, caption="Here")
    html = page(client, site)
    assert 'alt="Here"' in html
    assert "Somewhere else" not in html


def test_it_reads_the_photos_in_one_query(client, site, port):
    """N+1 guard: more photos, tagged to stations and ports, cost no more queries."""
    PhotoFactory(site=site, port=port)
    with CaptureQueriesContext(connection) as one:
        page(client, site)
    PhotoFactory.create_batch(5, site=site, port=port, station=port.station)
    with CaptureQueriesContext(connection) as six:
        page(client, site)
    assert len(six) == len(one)
