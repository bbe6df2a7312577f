"""How to Manage Charging Ports: the spec's article, in this product's words, deep-linkable."""

import pytest
from django.urls import reverse

from ports.vocabulary import ConnectorType, PortStatus, PowerType

pytestmark = pytest.mark.django_db

# Other pages link to these.
ANCHORS = ["adding-ports", "out-of-service", "deleting-ports", "troubleshooting", "questions"]


@pytest.fixture
def page(client):
    return client.get(reverse("help:managing_ports")).text


@pytest.mark.parametrize("anchor", ANCHORS)
def test_it_has_each_section_others_link_to(page, anchor):
    assert f'id="{anchor}"' in page
    assert f'href="#{anchor}"' in page  # and "On this page" leads there


def test_it_names_the_real_way_to_a_station_and_its_buttons(page):
    assert "Dashboard → Sites → [your location]" in page
    assert "Dashboard → Sites → [Location] → [Station]" in page
    for button in [
        "Add Port",
        "Add Another Port",
        "Edit",
        "Save Changes",
        "Mark Out of Service",
        "Mark Operational",
        "Delete Port",
        "Confirm all ports are right",
    ]:
        assert f"<strong>{button}</strong>" in page, button


def test_it_shows_every_status_as_a_pill_without_emoji(page):
    for status in PortStatus:
        assert f"<span>{status.label}</span>" in page
    assert not any(symbol in page for symbol in "✅🔧🚫")


def test_it_shows_each_connector_and_power_type_of_the_vocabulary(page):
    for connector in ConnectorType:
        assert f'alt="{connector.label}"' in page
    for power in PowerType:
        assert f'<th scope="row">{power.label}</th>' in page
    assert "1.4–1.9 kW" in page
    assert "50+ kW" in page


def test_it_warns_that_deleting_is_permanent(page):
    assert "deleting is permanent: there is no undo" in page


def test_it_links_the_other_articles_where_the_spec_does(page):
    assert f'href="{reverse("help:connector_types")}"' in page
    assert f'href="{reverse("help:subscription_limits")}"' in page
    assert f'href="{reverse("help:optimizing")}"' in page
    assert "No port limits" in page
