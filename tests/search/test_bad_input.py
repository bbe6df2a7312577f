"""Bad input never fails with a 500: the page says what to fix, and shows no results."""

import pytest

from tests.search.pages import URL, names, results_section, text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"bbox": "the whole map"}, "The map area must be four numbers: west,south,east,north."),
        ({"bbox": "-73.8,42.6,-73.7"}, "The map area must be four numbers: west,south,east,north."),
        ({"bbox": "1,2,3,4,5"}, "The map area must be four numbers: west,south,east,north."),
        (
            {"bbox": "-73.7,42.7,-73.8,42.6"},
            "The map area is not on the map: zoom out and try again.",
        ),
        ({"bbox": "-200,42,-73,43"}, "The map area is not on the map: zoom out and try again."),
        ({"bbox": "nan,nan,nan,nan"}, "The map area is not on the map: zoom out and try again."),
        ({"lat": "42.65"}, "Your location needs both a latitude and a longitude."),
        ({"lng": "-73.75"}, "Your location needs both a latitude and a longitude."),
        (
            {"lat": "91", "lng": "-73.75"},
            "Latitude: Ensure this value is less than or equal to 90.",
        ),
        (
            {"lat": "42.65", "lng": "-181"},
            "Longitude: Ensure this value is greater than or equal to -180.",
        ),
        ({"lat": "north", "lng": "-73.75"}, "Latitude: Enter a number."),
        ({"lat": "nan", "lng": "-73.75"}, "Latitude: Enter a number."),
        (
            {"near": "Springfield"},
            "Near: We know no chargers near “Springfield”. Try a ZIP code or a city with "
            "chargers, or use your location.",
        ),
        ({"near": "99999"}, "We know no chargers near “99999”."),
        ({"min_kw": "abc"}, "Minimum power (kW): Enter a number."),
        ({"min_kw": "-5"}, "Minimum power (kW): Ensure this value is greater than or equal to 0."),
        (
            {"min_kw": "5000"},
            "Minimum power (kW): Ensure this value is less than or equal to 1000.",
        ),
        ({"radius": "7"}, "Within: Select a valid choice. 7 is not one of the available choices."),
        (
            {"radius": "far"},
            "Within: Select a valid choice. far is not one of the available choices.",
        ),
        ({"page": "0"}, "Page: Ensure this value is greater than or equal to 1."),
        ({"page": "two"}, "Page: Enter a whole number."),
        (
            {"connector": "bogus"},
            "Connector: Select a valid choice. bogus is not one of the available choices.",
        ),
        (
            {"connector": ["ccs", "bogus"]},
            "Connector: Select a valid choice. bogus is not one of the available choices.",
        ),
        (
            {"network": "Nowhere Net"},
            "Network: Select a valid choice. Nowhere Net is not one of the available choices.",
        ),
        ({"state": "ZZ"}, "State: Select a valid choice. ZZ is not one of the available choices."),
        ({"q": "x" * 101}, "Search: Ensure this value has at most 100 characters (it has 101)."),
    ],
)
def test_it_says_what_to_fix(client, chargers, params, message):
    response = client.get(URL, params)
    assert response.status_code == 200
    errors = text(results_section(response))
    assert message in errors
    assert names(response) == []
    assert "No chargers match" not in errors


def test_it_keeps_the_form_to_fix_it_in(client, chargers):
    response = client.get(URL, {"near": "Springfield", "q": "garage"})
    assert 'name="near" id="id_near" value="Springfield"' in response.text
    assert 'name="q" id="id_q" value="garage"' in response.text


def test_it_escapes_what_was_typed(client, chargers):
    response = client.get(URL, {"near": "<script>alert(1)</script>"})
    assert "<script>alert(1)</script>" not in response.text
    assert "We know no chargers near “&lt;script&gt;alert(1)&lt;/script&gt;”" in response.text


def test_it_reports_every_mistake_at_once(client, chargers):
    errors = text(results_section(client.get(URL, {"min_kw": "abc", "radius": "7"})))
    assert "Minimum power (kW): Enter a number." in errors
    assert "Within: Select a valid choice." in errors


@pytest.mark.parametrize("q", ["%", "_", "'", '"', "\\", "-- ;", "100%"])
def test_it_takes_odd_characters_as_plain_text(client, chargers, q):
    assert client.get(URL, {"q": q}).status_code == 200


def test_it_finds_no_place_from_blank_words(client, chargers):
    response = client.get(URL, {"near": "   ", "q": "   "})
    assert len(names(response)) == 9


def test_it_refuses_an_absurd_page_number(client, chargers):
    response = client.get(URL, {"page": "99999999999999999999"})
    assert response.status_code == 200
    assert "Page: Ensure this value is less than or equal to" in text(results_section(response))
