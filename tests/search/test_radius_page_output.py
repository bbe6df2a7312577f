"""The results page writes its texts ahead of the template (Result.line, SearchForm.options,
the map's JSON) to render fast: each must read exactly as Django's own tags and filters
would have written it, markup in names included, in the full page and the HTMX fragment."""

import re
from datetime import date

import pytest
from django.template import Context, Template
from django.utils.html import json_script

from community.models import Outcome
from ports.vocabulary import ConnectorType
from search.models import Listing
from search.query import SearchForm
from search.templatetags.search_form import select_options
from sites.models import Site
from tests.community.factories import CheckInFactory
from tests.conftest import HTMX
from tests.search.conftest import add_location, port
from tests.search.pages import URL, result, results_section, text

pytestmark = pytest.mark.django_db

NEAR_ALBANY = {"lat": "42.6526", "lng": "-73.7562", "radius": 25}
TRICKY = 'Bob & Sue\'s <b>"Diner"</b>'


@pytest.fixture
def tricky(chargers):
    """An imported location whose name and address hold every character HTML escapes."""
    site = add_location(
        TRICKY,
        street="5 <Main> & 'Co'",
        owner=None,
        position=(42.66, -73.76),
        ports=[port(ConnectorType.CCS, "62.5")],
    )
    Site.objects.filter(pk=site.pk).update(
        origin="nrel",
        source_id="77",
        source_confirmed_on=date(2024, 5, 6),
        free=True,
        always_open=True,
        access_detail="CALL",
    )
    Listing.refresh([site.pk])
    return site


def tags_only(fragment) -> str:
    """The markup without the template's line breaks and indents between tags."""
    return re.sub(r">\s*\n\s*<", "><", fragment)


def as_django_writes(item) -> str:
    """One result's line as plain template tags write it from the Result's properties."""
    return Template(
        '<h2><a href="{{ item.url }}">{{ item.name }}</a></h2>'
        '<p class="address">{{ item.address }}{% if item.miles %} · <strong>{{ item.miles }} mi'
        "</strong>{% endif %}</p>"
        '<p class="result-facts">{{ item.icons }} <span class="{{ item.tone }}"><strong>'
        "{{ item.headline }}</strong>{{ item.status_detail }}</span> {{ item.facts }}"
        '{% if item.community %} <span class="community-signal">· {{ item.community }}</span>'
        "{% endif %}</p>"
        '{% if item.restriction %}<p class="restriction"><span class="tag restricted">'
        "{{ item.restriction }}</span></p>{% endif %}"
    ).render(Context({"item": item}))


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_it_writes_each_result_as_the_template_tags_would(client, tricky, headers):
    response = client.get(URL, NEAR_ALBANY, headers=headers)
    section = tags_only(results_section(response))
    items = response.context["results"].items
    assert len(items) == 8  # seven of the cast within 25 miles, and the tricky one
    for item in items:
        assert as_django_writes(item) in section
    assert text(result(response, TRICKY)) == (
        f"{TRICKY} 5 <Main> & 'Co', Albany, NY 12207 · 0.5 mi "
        "1 port listed · from NREL, last confirmed 2024-05-06 · up to 62.5 kW · Free "
        "· Open 24/7 Call ahead"
    )
    assert "<b>" not in section  # the name's markup is text, never markup


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_it_writes_the_community_signal_as_the_template_tags_would(client, tricky, headers):
    for outcome in (Outcome.CHARGED, Outcome.COULD_NOT):
        CheckInFactory(port=tricky.stations.get().ports.get(), outcome=outcome)
    response = client.get(URL, {**NEAR_ALBANY, "sort": "community"}, headers=headers)
    section = tags_only(results_section(response))
    first = response.context["results"].items[0]
    assert first.name == TRICKY
    assert as_django_writes(first) in section
    assert text(result(response, TRICKY)).endswith("· 1 of 2 drivers charged Call ahead")


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_it_writes_the_map_points_as_json_script_would(client, tricky, headers):
    response = client.get(URL, NEAR_ALBANY, headers=headers)
    points = response.context["map_points"]
    assert TRICKY in [point["name"] for point in points]
    assert json_script(points, "map-points") in response.text


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"radius": 10, "network": "Blink", "state": "NY"},
        {"radius": "100", "network": "No Such Network"},
        {"radius": "7"},  # not a choice: shown as asked, none selected
        {"sort": "community"},
        {"sort": "nearest"},
    ],
)
def test_it_writes_each_select_as_the_select_options_tag_would(tricky, params):
    form = SearchForm(params)
    form.is_valid()
    for name in ("radius", "network", "state", "sort"):
        assert form.options[name] == select_options(form[name])
    assert '<option value="Non-Networked">Non-Networked</option>' in form.options["network"]


def test_it_shows_the_chosen_options_in_the_page(client, tricky):
    response = client.get(URL, {**NEAR_ALBANY, "radius": 10, "network": "EVgo"})
    assert '<option value="10" selected>10 miles</option>' in response.text
    assert '<option value="EVgo" selected>EVgo</option>' in response.text
    assert '<option value="" selected>Any state</option>' in response.text


def test_it_runs_a_fixed_number_of_queries_for_a_radius_search(
    alice_client, tricky, django_assert_num_queries
):
    """N+1 guard on the radius search as an owner asks it (no page cache): the listings
    gone stale and the page (no transaction: it only reads), and for the full page the
    session and user its menu shows; the form's networks and states come from the cache.
    Nothing per result."""
    params = {**NEAR_ALBANY, "connector": "ccs"}
    alice_client.get(URL, params)  # the networks and states, cached for the version
    for headers, queries in (({}, 4), (HTMX, 2)):
        with django_assert_num_queries(queries):
            response = alice_client.get(URL, params, headers=headers)
        assert len(response.context["results"].items) == 4
