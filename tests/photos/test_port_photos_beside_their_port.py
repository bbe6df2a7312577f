"""Drivers see a port's photos in that port's card, a station's in its section, and the
location's own photos in the gallery."""

import re

import pytest

from tests.factories import PortFactory, StationFactory
from tests.live.pages import port_items, public_page
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db


def gallery(page: str) -> str:
    found = re.search(r'<section aria-label="Photos".*?</section>', page, re.DOTALL)
    return found.group() if found else ""


def station_section(page: str, station) -> str:
    start = page.index(f'aria-labelledby="station-{station.pk}"')
    return page[start : page.index("</section>", start)]


def test_it_shows_each_ports_photos_in_its_own_card(client, site, station):
    left = PortFactory(station=station, label="Left")
    right = PortFactory(station=station, label="Right")
    PhotoFactory(site=site, port=left, caption="Left cable")
    PhotoFactory(site=site, port=right, caption="Right cable")
    page = public_page(client, site)
    left_item, right_item = port_items(page)
    assert "Left cable" in left_item and "Right cable" not in left_item
    assert "Right cable" in right_item and "Left cable" not in right_item
    assert 'aria-label="Photos of Left"' in page
    assert "Left cable" not in gallery(page)


def test_it_links_a_port_photo_to_its_web_size_with_alt_text(client, site, port):
    photo = PhotoFactory(site=site, port=port, caption="J1772 holster")
    page = public_page(client, site)
    assert (
        f'<a href="{photo.image.url}"><img src="{photo.thumbnail.url}" alt="J1772 holster" '
        'loading="lazy"'
    ) in page


def test_it_keeps_untagged_photos_in_the_gallery(client, site, port):
    PhotoFactory(site=site, caption="The car park")
    PhotoFactory(site=site, port=port, caption="J1772 holster")
    page = public_page(client, site)
    assert 'alt="The car park"' in gallery(page)
    assert "J1772 holster" not in gallery(page)
    assert "The car park" not in port_items(page)[0]


def test_it_shows_a_stations_photos_in_its_section(client, site, station):
    other = StationFactory(site=site, name="Bank B")
    PortFactory(station=station)
    PortFactory(station=other)
    PhotoFactory(site=site, station=other, caption="Bank B from the road")
    page = public_page(client, site)
    assert "Bank B from the road" in station_section(page, other)
    assert "Bank B from the road" not in station_section(page, station)
    assert "Bank B from the road" not in gallery(page)


def test_it_shows_no_gallery_when_every_photo_is_tagged(client, site, port):
    PhotoFactory(site=site, port=port)
    assert 'aria-label="Photos"' not in public_page(client, site)
