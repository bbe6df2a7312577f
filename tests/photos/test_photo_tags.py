"""A photo may show one station or port of its own location, never another's."""

import pytest
from django.core.exceptions import ValidationError

from tests.factories import PortFactory, StationFactory
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db


def test_it_accepts_a_port_of_the_location(site, port):
    PhotoFactory.build(site=site, port=port).full_clean()


def test_it_refuses_a_port_of_another_location(site):
    with pytest.raises(ValidationError) as refused:
        PhotoFactory.build(site=site, port=PortFactory()).full_clean()
    assert refused.value.message_dict == {"port": ["Choose a port of this location."]}


def test_it_refuses_a_station_of_another_location(site):
    with pytest.raises(ValidationError) as refused:
        PhotoFactory.build(site=site, station=StationFactory()).full_clean()
    assert refused.value.message_dict == {"station": ["Choose a station of this location."]}


def test_it_keeps_the_photo_when_its_port_is_deleted(site, port):
    photo = PhotoFactory(site=site, port=port)
    port.delete()
    photo.refresh_from_db()
    assert photo.port is None
