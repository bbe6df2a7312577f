"""Every help page answers at its promised name and address, to visitors and owners alike."""

import pytest
from django.urls import resolve, reverse

from tests.helpcenter.conftest import ARTICLE_NAMES, HELP_URLS, elements, text_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("name", "path"), HELP_URLS.items())
def test_it_resolves_each_help_url_name(name, path):
    assert reverse(name) == path
    assert resolve(path).view_name == name


@pytest.mark.parametrize("name", HELP_URLS)
def test_it_renders_each_help_page_to_a_visitor(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert "help.css" in response.text


@pytest.mark.parametrize("name", HELP_URLS)
def test_it_renders_each_help_page_to_a_logged_in_owner(alice_client, site, name):
    response = alice_client.get(reverse(name))
    assert response.status_code == 200


@pytest.mark.parametrize("name", HELP_URLS)
def test_it_answers_head_requests(client, name):
    assert client.head(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", ["help:index", *ARTICLE_NAMES])
def test_it_refuses_a_post_to_a_page_without_a_form(client, name):
    assert client.post(reverse(name)).status_code == 405


@pytest.mark.parametrize("name", ARTICLE_NAMES)
def test_it_ends_each_article_with_related_articles_and_where_to_ask(client, name):
    response = client.get(reverse(name))
    [breadcrumbs] = elements(response.text, "ol", "breadcrumbs")
    assert text_of(breadcrumbs).startswith("Help Center")
    [related] = elements(response.text, "nav", "help-related")
    assert text_of(elements(str(related), "h2")[0]) == "Related articles"
    links = [dict(a.attributes)["href"] for a in elements(str(related), "a")]
    assert links == [reverse(other) for other in ARTICLE_NAMES if other != name]
    [need_help] = elements(response.text, "section", "help-need-help")
    assert text_of(elements(str(need_help), "h2")[0]) == "Need help?"
    assert "Contact Support or check our Help Center." in text_of(need_help)
    links = [dict(a.attributes)["href"] for a in elements(str(need_help), "a")]
    assert links == [reverse("help:contact"), reverse("help:index")]


def test_it_lists_every_article_and_contact_support_on_the_index(client):
    response = client.get(reverse("help:index"))
    for name in ARTICLE_NAMES:
        assert f'href="{reverse(name)}"' in response.text
    assert f'href="{reverse("help:contact")}"' in response.text
    assert "Contact Support" in response.text
