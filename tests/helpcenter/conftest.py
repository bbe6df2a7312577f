"""Visitors write to support from the Contact Support form; an address is a client."""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client, TestCase
from django.test.html import Element, parse_html
from django.urls import reverse

from helpcenter.models import SupportRequest, Topic

CONTACT_URL = "/help/contact/"

HELP_URLS = {
    "help:index": "/help/",
    "help:managing_ports": "/help/managing-ports/",
    "help:connector_types": "/help/connector-types/",
    "help:subscription_limits": "/help/subscription-limits/",
    "help:optimizing": "/help/optimizing-listings/",
    "help:contact": "/help/contact/",
}
ARTICLE_NAMES = [
    "help:managing_ports",
    "help:connector_types",
    "help:subscription_limits",
    "help:optimizing",
]


def visitor(n=1) -> Client:
    """Someone without an account: another address is another client to the rate limit."""
    return Client(REMOTE_ADDR=f"10.1.0.{n}")


def request_data(**changes) -> dict:
    data = {
        "name": "Dana Driver",
        "email": "dana@example.com",
        "topic": Topic.PORTS,
        "message": "Port 2 at Maple Street shows CCS but it is a CHAdeMO plug.",
        "website": "",
    }
    return {**data, **changes}


def send(by=None, follow=False, **changes):
    """Post the form; run what the request left for after its commit (the mails)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return (by or visitor()).post(CONTACT_URL, request_data(**changes), follow=follow)


@pytest.fixture
def support_request(alice, site):
    return SupportRequest.objects.create(
        requester=alice,
        name="Alice",
        email="alice@example.com",
        topic=Topic.BILLING,
        location=site,
        message="How do I move to Premium?\nI need a second location.",
        client="x" * 64,
    )


def change_url(support_request) -> str:
    return reverse("admin:helpcenter_supportrequest_change", args=[support_request.pk])


class _TableReader(HTMLParser):
    """The text of each body row's cells (th and td) in the first table of a class."""

    def __init__(self, css_class):
        super().__init__()
        self.css_class, self.inside, self.done = css_class, False, False
        self.rows, self.row_classes, self.cell = [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and not self.done and self.css_class in (attrs.get("class") or ""):
            self.inside = True
        elif self.inside and tag == "tr":
            self.rows.append([])
            self.row_classes.append(attrs.get("class") or "")
        elif self.inside and tag in ("th", "td"):
            self.cell = []

    def handle_endtag(self, tag):
        if self.inside and tag in ("th", "td") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "table" and self.inside:
            self.inside, self.done = False, True

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def table_rows(html: str, css_class: str) -> list[tuple[str, list[str]]]:
    """(row class, cell texts) for each row of the table of that class, header row first."""
    reader = _TableReader(css_class)
    reader.feed(html)
    return list(zip(reader.row_classes, reader.rows, strict=True))


def elements(html: str, name: str, css_class: str = "") -> list[Element]:
    """The page's elements of this tag (and class), to read by attributes, not by pattern."""
    found, stack = [], [parse_html(html)]
    while stack:
        element = stack.pop()
        if not isinstance(element, Element):
            continue
        classes = dict(element.attributes).get("class") or ""
        if element.name == name and (not css_class or css_class in classes.split()):
            found.append(element)
        stack.extend(reversed(element.children))
    return found


def text_of(element) -> str:
    """An element's text, its spaces collapsed, as a person reads it."""
    if not isinstance(element, Element):
        return " ".join(str(element).split())
    # The parser drops the spaces at element edges: put one back, none before punctuation.
    text = " ".join(text_of(child) for child in element.children)
    return re.sub(r" (?=[.,:;!?])", "", " ".join(text.split()))


def options(html: str, name: str) -> list[str]:
    """The choices of the select called `name`, as they read."""
    [select] = [s for s in elements(html, "select") if dict(s.attributes).get("name") == name]
    return [text_of(option) for option in elements(str(select), "option")]
