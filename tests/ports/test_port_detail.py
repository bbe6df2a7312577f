import re

import pytest
from django.urls import reverse

from tests.conftest import HTMX
from tests.ports.pages import row, text

pytestmark = pytest.mark.django_db


def url(port):
    return reverse("ports:detail", args=[port.pk])


def breadcrumbs(response) -> list[str]:
    """Each crumb as "text -> href", or just the text for the page itself."""
    nav = re.search(r'<nav aria-label="Breadcrumb">.*?</nav>', response.text, re.DOTALL).group()
    crumbs = re.findall(r'<li(?: aria-current="page")?>(.*?)</li>', nav)
    return [re.sub(r'<a href="([^"]*)">(.*)</a>', r"\2 -> \1", crumb) for crumb in crumbs]


def test_it_shows_the_port_page(alice_client, port):
    response = alice_client.get(url(port))
    assert response.status_code == 200
    assert b"<html" in response.content
    assert "<h1>Port 1</h1>" in response.text
    assert 'alt="J1772"' in response.text
    assert "<dd>7.2 kW</dd>" in response.text
    assert "Operational status Operational" in text(response.text)
    assert 'class="pill pill--ok"' in response.text


def test_it_shows_the_way_back_as_the_spec_names_it(alice_client, port, site, station):
    response = alice_client.get(url(port))
    assert breadcrumbs(response) == [
        f"Dashboard -> {reverse('sites:dashboard')}",
        f"Sites -> {reverse('sites:list')}",
        f"Maple Street Market -> {reverse('sites:detail', args=[site.pk])}",
        f"ChargePoint CT4000 -> {reverse('stations:detail', args=[station.pk])}",
        "Port 1",
    ]


def test_it_links_to_edit_and_delete(alice_client, port):
    response = alice_client.get(url(port))
    assert f'<a class="button" href="{reverse("ports:edit", args=[port.pk])}">Edit</a>' in (
        response.text
    )
    delete_link = f'<a class="button danger" href="{reverse("ports:delete", args=[port.pk])}">'
    assert f"{delete_link}Delete Port</a>" in response.text


def test_it_answers_htmx_with_just_the_row(alice_client, port):
    """What "Cancel" in the inline edit form or delete confirmation swaps back in."""
    response = alice_client.get(url(port), headers=HTMX)
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert response.text.strip() == row(response, port)
    # Focus goes back to the row the owner was working on.
    assert row(response, port).startswith(
        f'<tr id="port-{port.pk}" class="port operational" data-focus>'
    )


def test_it_is_404_for_a_stranger(bob_client, port):
    assert bob_client.get(url(port)).status_code == 404
    assert bob_client.get(url(port), headers=HTMX).status_code == 404


def test_it_sends_anonymous_visitors_to_log_in(client, port):
    response = client.get(url(port))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_only_reads(alice_client, port):
    assert alice_client.post(url(port)).status_code == 405
