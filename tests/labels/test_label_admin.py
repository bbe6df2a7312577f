"""Support finds a label's port by its code in the admin, and cannot change the code."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_finds_a_port_by_its_label_code(staff_client, port):
    code = port.printed_label.code
    response = staff_client.get(reverse("admin:labels_portlabel_changelist"), {"q": code})
    assert response.status_code == 200
    assert code in response.text and "ChargePoint CT4000" in response.text


def test_it_shows_a_label_read_only(staff_client, port):
    label = port.printed_label
    response = staff_client.get(reverse("admin:labels_portlabel_change", args=[label.pk]))
    assert response.status_code == 200
    assert 'name="code"' not in response.text
    assert staff_client.get(reverse("admin:labels_portlabel_add")).status_code == 403


def test_it_is_not_there_for_an_owner(alice_client, port):
    response = alice_client.get(reverse("admin:labels_portlabel_changelist"))
    assert response.status_code == 302
