"""Read what the page cache did with a response, and the values a response must own."""

import re

from django.middleware.csrf import _unmask_cipher_token

HEADER = "X-Page-Cache"


def served(response) -> str:
    """ "hit", "miss", or "" when the page cache stood aside (owners, staff)."""
    assert response.status_code == 200, response.status_code
    return response.headers.get(HEADER, "")


def body_nonces(response) -> set[str]:
    return set(re.findall(r'nonce="([^"]+)"', response.text))


def header_nonce(response) -> str:
    found = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"])
    return found.group(1) if found else ""


def htmx_token(response) -> str:
    return re.search(r'"X-CSRFToken": "([^"]+)"', response.text).group(1)


def token_matches_cookie(client, token: str) -> bool:
    return _unmask_cipher_token(token) == client.cookies["csrftoken"].value
