"""Connector types explained: every connector the vocabulary has, with its icon and facts."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from helpcenter.articles import CONNECTOR_FACTS
from ports.vocabulary import ConnectorType

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(client):
    return client.get(reverse("help:connector_types")).text


def test_it_has_facts_for_every_connector_of_the_vocabulary():
    assert set(CONNECTOR_FACTS) == set(ConnectorType)


@pytest.mark.parametrize("connector", list(ConnectorType))
def test_it_shows_each_connector_with_its_icon_and_facts(page, connector):
    facts = CONNECTOR_FACTS[connector]
    assert f'id="{connector.value}"' in page
    assert f'src="/static/icons/connectors/{connector.value}.svg" alt="{connector.label}"' in page
    assert 'width="48"' in page
    assert escape(connector.description) in page
    assert escape(facts.works_with) in page
    assert escape(facts.typical_power) in page


@pytest.mark.parametrize(
    ("connector", "current"),
    [
        ("j1772", "AC"),
        ("ccs", "DC"),
        ("chademo", "DC"),
        ("tesla", "AC or DC"),
        ("other", "AC or DC"),
    ],
)
def test_it_says_whether_each_connector_is_ac_or_dc(page, connector, current):
    card = page.split(f'id="{connector}"', 1)[1].split("</li>", 1)[0]
    assert f"<dt>AC or DC</dt><dd>{current}</dd>" in card


def test_it_names_ccs1_and_nacs(page):
    assert "CCS1 in North America" in page
    assert "NACS" in page
    assert "SAE J3400" in page


def test_it_explains_adapters(page):
    assert 'id="adapters"' in page
    assert "Some Teslas carry a J1772 adapter" in page
    assert "Tesla adapter available at front desk" in page
