"""Search results come from the cache for visitors until any listing changes."""

import pytest

from ports.vocabulary import PortStatus
from tests.page_cache import served
from tests.search.pages import URL, names

pytestmark = pytest.mark.django_db

NEAR = {"near": "12207", "radius": 25}


def test_it_serves_the_same_search_from_the_cache(client, port):
    assert served(client.get(URL, NEAR)) == "miss"
    again = client.get(URL, NEAR)
    assert served(again) == "hit"
    assert names(again) == ["Maple Street Market"]


def test_a_port_out_of_service_shows_at_once(client, port):
    assert names(client.get(URL, {**NEAR, "available": "on"})) == ["Maple Street Market"]
    port.status = PortStatus.OUT_OF_SERVICE
    port.save()
    assert names(client.get(URL, {**NEAR, "available": "on"})) == []


def test_the_htmx_fragment_and_the_page_are_kept_apart(client, port):
    client.get(URL, NEAR)
    fragment = client.get(URL, NEAR, headers={"HX-Request": "true"})
    assert served(fragment) == "miss"
    assert "<html" not in fragment.text
    assert "<html" in client.get(URL, NEAR).text


def test_an_owner_gets_the_search_rendered(alice_client, port):
    alice_client.get(URL, NEAR)
    response = alice_client.get(URL, NEAR)
    assert served(response) == ""
    assert "Log out" in response.text
