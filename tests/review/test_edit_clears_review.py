"""Editing an imported port counts as reviewing it: the tag goes, the location is verified."""

import pytest
from django.urls import reverse

from ports.vocabulary import ConnectorType, PowerType
from tests.conftest import HTMX
from tests.ports.pages import edit_form_data, row

pytestmark = pytest.mark.django_db

TAG = "Imported from NREL, please review"


def url(port):
    return reverse("ports:edit", args=[port.pk])


def test_it_clears_the_review_flag_of_the_edited_port_only(alice_client, imported_ports):
    edited, other = imported_ports
    response = alice_client.post(url(edited), edit_form_data(edited, notes="Checked on site"))
    assert response.status_code == 302
    edited.refresh_from_db()
    other.refresh_from_db()
    assert (edited.needs_review, edited.notes) == (False, "Checked on site")
    assert other.needs_review


def test_it_clears_the_flag_even_when_nothing_changed(alice_client, imported_ports):
    port = imported_ports[0]
    alice_client.post(url(port), edit_form_data(port))
    port.refresh_from_db()
    assert not port.needs_review


def test_it_answers_htmx_with_the_row_untagged(alice_client, imported_ports):
    port = imported_ports[0]
    response = alice_client.post(url(port), edit_form_data(port), headers=HTMX)
    assert response.status_code == 200
    assert TAG not in row(response, port)


def test_it_marks_the_location_verified(alice_client, imported_site, imported_ports):
    alice_client.post(url(imported_ports[0]), edit_form_data(imported_ports[0]))
    imported_site.refresh_from_db()
    assert imported_site.verified_at is not None


def test_it_keeps_the_flag_when_the_edit_is_refused(alice_client, imported_site, imported_ports):
    port = imported_ports[0]
    data = edit_form_data(port, connector_type=ConnectorType.CCS, power_type=PowerType.AC_LEVEL_2)
    response = alice_client.post(url(port), data)
    assert response.status_code == 200
    assert "CCS ports are DC" in response.text
    port.refresh_from_db()
    imported_site.refresh_from_db()
    assert port.needs_review
    assert imported_site.verified_at is None


def test_it_is_404_for_a_stranger(bob_client, imported_ports):
    port = imported_ports[0]
    assert bob_client.post(url(port), edit_form_data(port)).status_code == 404
    port.refresh_from_db()
    assert port.needs_review


def test_it_sends_anonymous_visitors_to_log_in(client, imported_ports):
    port = imported_ports[0]
    response = client.post(url(port), edit_form_data(port))
    assert response.url.startswith(reverse("login"))
    port.refresh_from_db()
    assert port.needs_review
