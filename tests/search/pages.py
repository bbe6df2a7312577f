"""Read the drivers' search page the way a person does."""

import html
import re

from django.urls import reverse

URL = reverse("search:locations")
_RESULT = re.compile(r'<li class="result" id="result-\d+".*?</li>', re.DOTALL)
_NAME = re.compile(r"<h2><a [^>]*>(.*?)</a></h2>", re.DOTALL)


def names(response) -> list[str]:
    """The names of the results, in the order shown."""
    assert response.status_code == 200, response.status_code
    return [html.unescape(_NAME.search(item).group(1)) for item in _RESULT.findall(response.text)]


def result(response, name) -> str:
    """One result's <li>, found by the location's name."""
    for item in _RESULT.findall(response.text):
        if html.unescape(_NAME.search(item).group(1)) == name:
            return item
    raise AssertionError(f"no result named {name!r} in {names(response)}")


def icons(item_html) -> list[str]:
    """The text alternatives of the connector icons in a piece of HTML."""
    return [html.unescape(alt) for alt in re.findall(r'<img[^>]* alt="([^"]*)"', item_html)]


def text(fragment) -> str:
    """What a person reads: the HTML without its tags, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def results_section(response) -> str:
    """The results region of a full page, or the whole of an HTMX answer (its content)."""
    if response.headers.get("Content-Type", "").startswith("text/html") and (
        "<html" not in response.text
    ):
        return response.text
    found = re.search(r'<section id="results".*?</section>', response.text, re.DOTALL)
    assert found, "no results section in the response"
    return found.group()


def link(response, label) -> str:
    """The href of the results' link whose text is `label`, as a browser reads it."""
    for href, content in re.findall(r'<a href="([^"]*)"[^>]*>(.*?)</a>', results_section(response)):
        if text(content) == label:
            return html.unescape(href)
    raise AssertionError(f"no link {label!r} in the results")
