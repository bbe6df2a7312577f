"""Every page sends a Content-Security-Policy; scripts run only with the response's nonce."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.conftest import HTMX

pytestmark = pytest.mark.django_db

ANONYMOUS_PAGES = ["sites:home", "login", "signup", "password_reset", "admin:login"]
OWNER_PAGES = ["sites:dashboard", "sites:list", "sites:add", "plan"]


class Scripts(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.tags = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.tags.append(dict(attrs))


def policy(response):
    """The Content-Security-Policy header as {directive: values}."""
    header = response.headers["Content-Security-Policy"]
    return {name: values for name, _, values in (d.partition(" ") for d in header.split("; "))}


def nonce(response):
    match = re.search(r"'nonce-([^']+)'", policy(response)["script-src"])
    return match and match.group(1)


def owner_pages(site, station, port):
    yield from (reverse(name) for name in OWNER_PAGES)
    yield reverse("sites:detail", args=[site.pk])
    yield reverse("sites:edit", args=[site.pk])
    yield reverse("stations:detail", args=[station.pk])
    yield reverse("stations:add", args=[site.pk])
    yield reverse("ports:detail", args=[port.pk])
    yield reverse("ports:add", args=[station.pk])


def assert_strict_policy(response):
    directives = policy(response)
    assert directives["default-src"] == "'self'"
    assert directives["script-src"].startswith("'self'")
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response.headers["Content-Security-Policy"]
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert response.headers["X-Frame-Options"] == "DENY"


def assert_scripts_carry_the_nonce(response):
    scripts = Scripts(response.text).tags
    assert scripts, "expected at least the htmx script"
    expected = nonce(response)
    assert expected
    for script in scripts:
        assert script.get("nonce") == expected, script


@pytest.mark.parametrize("name", ANONYMOUS_PAGES)
def test_anonymous_pages_send_the_policy_with_a_nonce(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert_strict_policy(response)
    assert nonce(response)


def test_owner_pages_send_the_policy_with_a_nonce(alice_client, site, station, port):
    for url in owner_pages(site, station, port):
        response = alice_client.get(url)
        assert response.status_code == 200, url
        assert_strict_policy(response)
        assert nonce(response), url


def test_the_htmx_script_carries_the_responses_nonce(alice_client, station):
    response = alice_client.get(station.get_absolute_url())
    (htmx,) = [s for s in Scripts(response.text).tags if "htmx" in s.get("src", "")]
    assert htmx["nonce"] == nonce(response)
    assert htmx["src"].startswith("/static/")


def test_each_response_gets_its_own_nonce(alice_client, station):
    first = nonce(alice_client.get(station.get_absolute_url()))
    second = nonce(alice_client.get(station.get_absolute_url()))
    assert first != second


@pytest.mark.parametrize("name", ANONYMOUS_PAGES)
def test_no_script_runs_without_the_nonce_on_anonymous_pages(client, name):
    assert_scripts_carry_the_nonce(client.get(reverse(name)))


def test_no_script_runs_without_the_nonce_on_owner_pages(alice_client, site, station, port):
    for url in owner_pages(site, station, port):
        assert_scripts_carry_the_nonce(alice_client.get(url))


def test_htmx_fragments_send_the_policy_too(alice_client, station):
    response = alice_client.get(reverse("ports:add", args=[station.pk]), headers=HTMX)
    assert "<script" not in response.text
    assert_strict_policy(response)


def test_the_drivers_page_sends_the_policy_and_its_map_scripts_carry_the_nonce(client, port):
    # The map is the page's only script: our own static files, each with this response's nonce.
    response = client.get(port.station.site.get_public_url())
    assert_strict_policy(response)
    assert_scripts_carry_the_nonce(response)
    assert all(script["src"].startswith("/static/") for script in Scripts(response.text).tags)


def test_the_not_found_page_sends_the_policy(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert_strict_policy(response)
    assert_scripts_carry_the_nonce(response)
