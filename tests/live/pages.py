"""Read the drivers' pages the way a person does."""

import html
import re

from django.urls import reverse

SEARCH = reverse("search:locations")
_RESULT = re.compile(r'<li class="result" id="result-\d+".*?</li>', re.DOTALL)
_NAME = re.compile(r"<h2><a [^>]*>(.*?)</a></h2>", re.DOTALL)


def text(fragment: str) -> str:
    """What a person reads: the HTML without its tags, whitespace (and no-break spaces)
    collapsed to single spaces."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def public_page(client, site) -> str:
    response = client.get(reverse("sites:public", args=[site.pk]))
    assert response.status_code == 200
    return response.text


def port_items(page: str) -> list[str]:
    """What a driver reads about each port, in page order."""
    return [text(item) for item in re.findall(r'<li class="port .*?</li>', page, re.DOTALL)]


def summary(page: str) -> str:
    found = re.search(r'<section class="summary".*?</section>', page, re.DOTALL)
    assert found, "no summary on the page"
    return text(found.group())


def found(client, headers=None, **params) -> dict[str, str]:
    """The search results: each location's name, with what its result says."""
    response = client.get(SEARCH, params, headers=headers or {})
    assert response.status_code == 200
    assert (b"<html" in response.content) == (not headers)  # HTMX gets the results only
    results = {}
    for item in _RESULT.findall(response.text):
        results[html.unescape(_NAME.search(item).group(1))] = text(item)
    return results
