"""Filter by network and by state; the network list is the networks drivers can find."""

import re

import pytest

from tests.search.pages import URL, names

pytestmark = pytest.mark.django_db


def options(response, name) -> list[str]:
    select = re.search(rf'<select name="{name}".*?</select>', response.text, re.DOTALL).group()
    return re.findall(r'<option value="([^"]*)"', select)


@pytest.mark.parametrize(
    ("network", "expected"),
    [
        ("EVgo", {"Troy Riverfront Garage"}),
        ("Electrify America", {"Latham Farms", "Buffalo Canalside"}),
        ("ChargePoint", {"Albany Capitol Garage", "Bennington Station", "Proctors Schenectady"}),
        ("Non-Networked", {"Pine Hills Library"}),
    ],
)
def test_it_finds_the_chargers_of_a_network(client, chargers, network, expected):
    assert set(names(client.get(URL, {"network": network}))) == expected


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ("VT", ["Bennington Station"]),
        ("CA", []),
    ],
)
def test_it_finds_the_chargers_of_a_state(client, chargers, state, expected):
    assert names(client.get(URL, {"state": state})) == expected


def test_it_finds_every_new_york_charger_but_vermont(client, chargers):
    assert len(names(client.get(URL, {"state": "NY"}))) == 8


def test_it_combines_network_and_state(client, chargers):
    response = client.get(URL, {"network": "ChargePoint", "state": "NY"})
    assert set(names(response)) == {"Albany Capitol Garage", "Proctors Schenectady"}


def test_it_offers_the_networks_of_the_chargers(client, chargers):
    offered = options(client.get(URL), "network")
    assert offered[0] == ""  # Any network
    assert {
        "Blink",
        "ChargePoint",
        "EVgo",
        "Electrify America",
        "Non-Networked",
        "Tesla",
    } <= set(offered)
    assert "Shell Recharge" not in offered  # only on a draft station


def test_it_offers_no_network_drivers_cannot_find(client, chargers):
    # Volta's only location has only decommissioned ports.
    assert "Volta" not in options(client.get(URL), "network")


def test_it_keeps_the_choices_selected_on_the_page(client, chargers):
    response = client.get(URL, {"network": "EVgo", "state": "VT"})
    assert '<option value="EVgo" selected>' in response.text
    assert '<option value="VT" selected>' in response.text
