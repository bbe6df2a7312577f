"""Photos of a draft station, or of a port drivers cannot see, stay off the drivers' page."""

import pytest
from django.urls import reverse

from ports.vocabulary import PortStatus
from tests.factories import PortFactory, StationFactory
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db


def shown(client, site):
    return client.get(reverse("sites:public", args=[site.pk])).text


def test_it_hides_photos_of_a_draft_station(client, site, station):
    draft = StationFactory(site=site, is_published=False)
    PhotoFactory(site=site, station=draft, caption="Draft charger")
    PhotoFactory(site=site, station=station, caption="Published charger")
    html = shown(client, site)
    assert 'alt="Published charger"' in html
    assert "Draft charger" not in html


def test_it_hides_photos_of_a_decommissioned_port(client, site, station, port):
    gone = PortFactory(station=station, status=PortStatus.DECOMMISSIONED)
    PhotoFactory(site=site, port=gone, caption="Removed plug")
    PhotoFactory(site=site, port=port, caption="Working plug")
    html = shown(client, site)
    assert 'alt="Working plug"' in html
    assert "Removed plug" not in html
