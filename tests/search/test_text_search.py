"""Search by words: a location's name, street, city or ZIP, as a driver types them."""

import pytest

from tests.search.pages import URL, names, results_section, text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("albany", {"Albany Capitol Garage", "Hampton Inn Albany", "Pine Hills Library"}),
        ("Troy", {"Troy Riverfront Garage", "Troy Music Hall", "Latham Farms"}),
        ("12180", {"Troy Riverfront Garage", "Troy Music Hall"}),
        ("12207", {"Albany Capitol Garage"}),
        ("05201", {"Bennington Station"}),
        ("Western Avenue", {"Pine Hills Library"}),
        ("monument square", {"Troy Riverfront Garage"}),
        ("Buffalo", {"Buffalo Canalside"}),
    ],
)
def test_it_finds_locations_by_name_city_zip_and_address(client, chargers, q, expected):
    response = client.get(URL, {"q": q})
    assert set(names(response)) == expected


def test_it_ignores_case(client, chargers):
    for q in ["ALBANY CAPITOL", "albany capitol", "aLbAnY cApItOl"]:
        assert names(client.get(URL, {"q": q})) == ["Albany Capitol Garage"]


def test_it_finds_partial_words(client, chargers):
    assert set(names(client.get(URL, {"q": "alb"}))) == {
        "Albany Capitol Garage",
        "Hampton Inn Albany",
        "Pine Hills Library",
    }
    assert names(client.get(URL, {"q": "riverfr"})) == ["Troy Riverfront Garage"]
    assert names(client.get(URL, {"q": "1220"})) == ["Albany Capitol Garage", "Pine Hills Library"]


def test_it_needs_every_word_in_any_order(client, chargers):
    assert names(client.get(URL, {"q": "capitol albany"})) == ["Albany Capitol Garage"]
    assert names(client.get(URL, {"q": "troy hall"})) == ["Troy Music Hall"]
    assert names(client.get(URL, {"q": "troy buffalo"})) == []


def test_it_tolerates_a_small_typo_and_says_so(client, chargers):
    response = client.get(URL, {"q": "albny"})
    assert set(names(response)) == {
        "Albany Capitol Garage",
        "Hampton Inn Albany",
        "Pine Hills Library",
    }
    assert "No match for “albny”: showing results for “albany”." in text(results_section(response))


def test_it_corrects_only_the_misspelt_word(client, chargers):
    response = client.get(URL, {"q": "hampton albny"})
    assert names(response) == ["Hampton Inn Albany"]
    assert "showing results for “hampton albany”" in text(response.text)


def test_it_corrects_a_typo_in_a_city(client, chargers):
    response = client.get(URL, {"q": "scenectady"})
    assert set(names(response)) == {"Proctors Schenectady", "Latham Farms"}
    assert "showing results for “schenectady”" in text(response.text)


def test_it_says_nothing_of_typos_when_the_words_match(client, chargers):
    response = client.get(URL, {"q": "albany"})
    assert "No match for" not in response.text
    assert "showing results for" not in response.text


def test_it_says_when_nothing_matches(client, chargers):
    response = client.get(URL, {"q": "zzyzx"})
    assert names(response) == []
    assert "No chargers match. Widen the radius, or remove a filter." in response.text
    assert "showing results for" not in response.text


def test_it_never_finds_locations_drivers_cannot_see(client, chargers):
    # "Albany Old Depot" has only decommissioned ports; "Albany Draft Diner" only a draft station.
    for q in ["albany", "depot lane", "draft", "diner", "12210"]:
        found = names(client.get(URL, {"q": q}))
        assert "Albany Old Depot" not in found
        assert "Albany Draft Diner" not in found
    assert names(client.get(URL, {"q": "12210"})) == ["Hampton Inn Albany"]


def test_it_combines_words_and_filters(client, chargers):
    response = client.get(URL, {"q": "albany", "connector": "ccs"})
    assert names(response) == ["Albany Capitol Garage"]
    response = client.get(URL, {"q": "troy", "connector": "chademo"})
    assert names(response) == ["Troy Riverfront Garage"]
    # Nobody vouches for the unclaimed Troy garage's ports: it is not "available now".
    response = client.get(URL, {"q": "troy", "available": "on", "connector": "ccs"})
    assert names(response) == []
