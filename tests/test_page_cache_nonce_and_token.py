"""A cached page carries no one else's CSP nonce or CSRF token: each response gets its
own nonce (the one its header names) and its visitor's own token."""

import pytest
from django.test import Client

from tests.page_cache import (
    body_nonces,
    header_nonce,
    htmx_token,
    served,
    token_matches_cookie,
)

pytestmark = pytest.mark.django_db

SEARCH = "/locations/?q=maple"


def test_the_nonce_in_a_cached_page_matches_its_header(client, port):
    first, again = client.get(SEARCH), client.get(SEARCH)
    assert (served(first), served(again)) == ("miss", "hit")
    for response in (first, again):
        assert body_nonces(response) == {header_nonce(response)}
    assert header_nonce(first) != header_nonce(again)


def test_the_nonce_of_a_cached_location_page_matches_its_header(client, port):
    page = f"/locations/{port.station.site_id}/"
    client.get(page)
    response = client.get(page)
    assert served(response) == "hit"
    assert body_nonces(response) <= {header_nonce(response)}


def test_each_visitor_gets_a_token_of_their_own_cookie(port):
    first, second = Client(), Client()
    cached = first.get(SEARCH)
    hit = second.get(SEARCH)
    assert served(hit) == "hit"
    assert token_matches_cookie(first, htmx_token(cached))
    assert token_matches_cookie(second, htmx_token(hit))
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value


def test_a_cached_token_passes_the_csrf_check(port):
    visitor = Client(enforce_csrf_checks=True)
    visitor.get(SEARCH)
    hit = visitor.get(SEARCH)
    assert served(hit) == "hit"
    # A POST any form would make, with the token htmx would send from this page.
    response = visitor.post("/accounts/login/", {}, headers={"X-CSRFToken": htmx_token(hit)})
    assert response.status_code != 403
