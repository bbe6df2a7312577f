"""One page, two outputs: the full page with its plain GET form, or, to HTMX, only the
<section id="results"> fragment. Public, GET only, and it works without JavaScript."""

import re

import pytest

from tests.conftest import HTMX
from tests.search.pages import URL, names

pytestmark = pytest.mark.django_db


def test_it_is_at_locations():
    assert URL == "/locations/"


def test_it_shows_the_full_page_with_the_form(client, chargers):
    response = client.get(URL, {"q": "albany"})
    assert response.status_code == 200
    assert "<html" in response.text
    assert "<h1>Find a charger</h1>" in response.text
    assert '<form method="get" action="/locations/" id="search-form"' in response.text
    assert '<section id="results"' in response.text
    assert len(names(response)) == 3


def test_it_answers_htmx_with_only_the_results(client, chargers):
    response = client.get(URL, {"q": "albany"}, headers=HTMX)
    assert response.status_code == 200
    # The content of the results' live region, which stays in the page and announces it.
    assert '<section id="results"' not in response.text
    assert response.text.strip().endswith("</script>")  # the map's points come last
    assert "<html" not in response.text
    assert "<form" not in response.text
    assert len(names(response)) == 3


def test_it_answers_htmx_with_the_same_results_as_the_page(client, chargers):
    params = {"near": "12207", "radius": 10, "connector": "ccs"}
    assert names(client.get(URL, params, headers=HTMX)) == names(client.get(URL, params))


def test_it_answers_htmx_errors_in_the_fragment(client, chargers):
    response = client.get(URL, {"min_kw": "abc"}, headers=HTMX)
    assert response.status_code == 200
    assert "<html" not in response.text
    assert "Minimum power (kW): Enter a number." in response.text


def test_it_is_public(client, chargers):
    assert client.get(URL).status_code == 200


def test_it_is_the_same_for_a_signed_in_owner(alice_client, client, chargers):
    assert names(alice_client.get(URL, {"q": "albany"})) == names(client.get(URL, {"q": "albany"}))


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_it_answers_only_get(client, chargers, method):
    response = getattr(client, method)(URL, {"q": "albany"})
    assert response.status_code == 405


def test_it_works_without_javascript(client, chargers):
    # A plain GET form: every filter is a named field, and a real submit button.
    response = client.get(URL)
    form = re.search(r'<form method="get".*?</form>', response.text, re.DOTALL).group()
    for name in ["q", "near", "radius", "connector", "min_kw", "available", "network", "state"]:
        assert f'name="{name}"' in form
    assert '<button type="submit">Search</button>' in form
    # The page works without the map: results are a list of links.
    assert len(names(response)) == 9


def test_it_fills_the_form_in_with_the_search(client, chargers):
    response = client.get(URL, {"q": "troy", "near": "12207", "min_kw": "50", "radius": 10})
    assert 'name="q" id="id_q" value="troy"' in response.text
    assert 'name="near" id="id_near" value="12207"' in response.text
    assert 'name="min_kw" id="id_min_kw" value="50"' in response.text
    assert '<option value="10" selected>' in response.text


def test_it_offers_25_miles_until_the_driver_chooses(client, chargers):
    # A plain submit sends what is selected: it must be the 25 miles the search assumes.
    response = client.get(URL)
    assert '<option value="25" selected>' in response.text
    assert '<option value="5" selected>' not in response.text
