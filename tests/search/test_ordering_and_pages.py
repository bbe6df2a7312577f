"""Nearest first near a place; otherwise the most relevant (names starting with the
words first); 20 results a page, with Next and Previous links."""

import pytest

from ports.vocabulary import ConnectorType
from tests.search.conftest import add_location, port
from tests.search.pages import URL, link, names, result, results_section, text

pytestmark = pytest.mark.django_db

PAGE_SIZE = 20


@pytest.fixture
def forty_five(db):
    """45 locations of one J1772 port each, created in name order."""
    return [
        add_location(f"Charger {n:02}", ports=[port(ConnectorType.J1772, "7.2")])
        for n in range(1, 46)
    ]


def charger_names(numbers):
    return [f"Charger {n:02}" for n in numbers]


def test_it_puts_the_nearest_first(client, chargers):
    response = client.get(URL, {"near": "12207", "radius": 50})
    assert names(response) == [
        "Albany Capitol Garage",  # 0.0 mi
        "Hampton Inn Albany",  # 0.2
        "Pine Hills Library",  # 1.7
        "Troy Riverfront Garage",  # 6.2
        "Troy Music Hall",  # 6.4
        "Latham Farms",  # 6.5
        "Proctors Schenectady",  # 14.5
        "Bennington Station",  # 32.4
    ]


def test_it_puts_the_nearest_first_even_with_words(client, chargers):
    # Latham Farms' name does not start with "troy", but it is 3.7 mi from Troy's centre
    # and Bennington is 27.0 mi away: distance wins over relevance.
    response = client.get(URL, {"lat": "42.7470", "lng": "-73.7590", "q": "troy", "radius": 10})
    assert names(response) == ["Latham Farms", "Troy Riverfront Garage", "Troy Music Hall"]


def test_it_puts_names_starting_with_the_words_first(client, chargers):
    # Both Troy locations start with "troy" (the one with a port available first);
    # Latham Farms is on Troy Schenectady Road.
    assert names(client.get(URL, {"q": "troy"})) == [
        "Troy Music Hall",
        "Troy Riverfront Garage",
        "Latham Farms",
    ]


def test_it_puts_names_containing_the_words_before_addresses(client, chargers):
    assert names(client.get(URL, {"q": "albany"})) == [
        "Albany Capitol Garage",  # starts with it
        "Hampton Inn Albany",  # contains it
        "Pine Hills Library",  # only its city
    ]
    assert names(client.get(URL, {"q": "schenectady"})) == [
        "Proctors Schenectady",
        "Latham Farms",
    ]


def test_it_ranks_corrected_words_as_it_ranks_the_right_spelling(client, chargers):
    assert names(client.get(URL, {"q": "albny"})) == names(client.get(URL, {"q": "albany"}))


def test_it_puts_the_most_available_first_without_words_or_place(client, chargers):
    found = names(client.get(URL))
    # Two available ports, then one each in the order they were added; unclaimed
    # listings nobody vouches for count none available.
    assert found[:4] == [
        "Albany Capitol Garage",
        "Hampton Inn Albany",
        "Latham Farms",
        "Troy Music Hall",
    ]
    assert len(found) == 9


def test_it_shows_twenty_a_page_and_a_next_link(client, forty_five):
    response = client.get(URL, {"q": "charger"})
    assert names(response) == charger_names(range(1, 21))
    section = results_section(response)
    assert "Next →" in section
    assert "Previous" not in section


def test_it_shows_the_second_page_with_both_links(client, forty_five):
    response = client.get(URL, {"q": "charger", "page": 2})
    assert names(response) == charger_names(range(21, 41))
    section = results_section(response)
    assert '<ol class="results" start="21">' in section
    assert "← Previous" in section
    assert "Next →" in section


def test_it_shows_the_last_page_without_a_next_link(client, forty_five):
    response = client.get(URL, {"q": "charger", "page": 3})
    assert names(response) == charger_names(range(41, 46))
    section = results_section(response)
    assert "← Previous" in section
    assert "Next" not in section


def test_it_shows_no_links_when_one_page_holds_everything(client, forty_five):
    # Charger 40 to 45 start with "charger 4"; 04, 14, 24 and 34 only contain a 4.
    response = client.get(URL, {"q": "charger 4"})
    assert names(response) == charger_names([40, 41, 42, 43, 44, 45, 4, 14, 24, 34])
    section = results_section(response)
    assert "Next" not in section
    assert "Previous" not in section


def test_it_shows_exactly_twenty_without_a_next_link(client, db):
    for n in range(1, 21):
        add_location(f"Charger {n:02}", ports=[port(ConnectorType.J1772, "7.2")])
    response = client.get(URL)
    assert len(names(response)) == PAGE_SIZE
    assert "Next" not in results_section(response)


def test_it_links_to_the_next_page_of_the_same_search(client, forty_five):
    first = client.get(URL, {"q": "charger"})
    assert link(first, "Next →") == "?q=charger&page=2"
    assert names(client.get(URL + link(first, "Next →"))) == charger_names(range(21, 41))


def test_it_links_to_the_previous_page_of_the_same_search(client, forty_five):
    third = client.get(URL, {"q": "charger", "page": 3})
    assert link(third, "← Previous") == "?q=charger&page=2"
    assert names(client.get(URL + link(third, "← Previous"))) == charger_names(range(21, 41))


def test_it_keeps_the_filters_in_the_page_links(client, forty_five, chargers):
    # 45 J1772 chargers in ZIP 12207 and six of the others: 51 within 25 miles.
    params = {"connector": ["j1772", "tesla"], "near": "12207", "page": 2}
    second = client.get(URL, params)
    assert link(second, "Next →") == "?connector=j1772&connector=tesla&near=12207&page=3"
    third = client.get(URL + link(second, "Next →"))
    assert names(third) == names(client.get(URL, {**params, "page": 3}))
    assert names(third)[-1] == "Proctors Schenectady"


def test_it_shows_nothing_past_the_last_page(client, forty_five):
    response = client.get(URL, {"q": "charger", "page": 9})
    assert names(response) == []
    assert "No chargers match" in response.text
    assert "← Previous" in results_section(response)


def test_it_pages_the_nearest_first(client, forty_five):
    # All 45 stand at one point: nearest first falls back to the order they were added.
    page_3 = client.get(URL, {"near": "12207", "page": 3})
    assert names(page_3) == charger_names(range(41, 46))
    assert "· 0.0 mi" in text(result(page_3, "Charger 45"))


def test_it_pages_corrected_results(client, db):
    for n in range(1, 26):
        add_location(f"Albany Charger {n:02}", ports=[port(ConnectorType.J1772, "7.2")])
    first = client.get(URL, {"q": "albny"})
    assert len(names(first)) == PAGE_SIZE
    assert "Next →" in results_section(first)
    second = client.get(URL, {"q": "albny", "page": 2})
    assert names(second) == [f"Albany Charger {n:02}" for n in range(21, 26)]
    assert "showing results for “albany”" in text(second.text)
