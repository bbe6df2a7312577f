import pytest
from django.urls import reverse

from ports.models import Port
from tests.conftest import HTMX
from tests.factories import PortFactory
from tests.ports.pages import announced, row, text

pytestmark = pytest.mark.django_db

WARNING = "This is permanent. If the port might be repaired, mark it Out of Service instead."
DELETE_BUTTON = '<button type="submit" class="danger">Delete Port</button>'


def url(port):
    return reverse("ports:delete", args=[port.pk])


def test_it_asks_for_confirmation_on_a_page(alice_client, port):
    response = alice_client.get(url(port))
    assert response.status_code == 200
    assert b"<html" in response.content
    assert f'<p class="warning" role="alert">{WARNING}</p>' in response.text
    assert f'<form method="post" action="{url(port)}"' in response.text
    assert DELETE_BUTTON in response.text
    assert Port.objects.filter(pk=port.pk).exists()


def test_it_asks_for_confirmation_in_the_row_for_htmx(alice_client, port):
    response = alice_client.get(url(port), headers=HTMX)
    assert response.status_code == 200
    assert b"<html" not in response.content
    panel = row(response, port)
    assert panel.startswith(f'<tr id="port-{port.pk}" class="port-panel">')
    assert WARNING in panel
    assert DELETE_BUTTON in panel
    assert f'hx-post="{url(port)}" hx-target="#port-list"' in panel
    assert f'hx-get="{reverse("ports:detail", args=[port.pk])}"' in panel  # Cancel
    # Named, with its power as people write it, and the keyboard on the question.
    assert '<p class="confirm-question" data-focus><strong>Delete “Port 1” (J1772, 7.2 kW)' in panel
    # The alternative the warning suggests, one click away.
    assert "Mark Out of Service instead" in panel
    assert Port.objects.filter(pk=port.pk).exists()


def test_it_deletes_and_redirects_to_the_station(alice_client, port, station):
    response = alice_client.post(url(port))
    assert response.status_code == 302
    assert response.url == f"{station.get_absolute_url()}#charging-ports"
    assert not Port.objects.filter(pk=port.pk).exists()
    assert "“Port 1” deleted." in alice_client.get(response.url).text


def test_it_answers_htmx_with_the_list_without_the_port(alice_client, port, station):
    other = PortFactory(station=station, label="Port 2")
    response = alice_client.post(url(port), headers=HTMX)
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert response.text.lstrip().startswith('<div id="port-list">')
    assert f'id="port-{port.pk}"' not in response.text
    assert f'id="port-{other.pk}"' in response.text
    assert announced(response) == "Port 1 deleted"
    assert not Port.objects.filter(pk=port.pk).exists()


def test_it_leaves_a_message_where_the_row_was(alice_client, station):
    first, middle, last = PortFactory.create_batch(3, station=station)
    response = alice_client.post(url(middle), headers=HTMX)
    page = text(response.text)
    assert page.index(first.label) < page.index(f"“{middle.label}” deleted.")
    assert page.index(f"“{middle.label}” deleted.") < page.index(last.label)
    assert 'role="status" data-focus' in response.text  # the keyboard lands on the message
    # An earlier "“Port 3” added" message is news no longer.
    assert '<div id="port-added" hx-swap-oob="delete"></div>' in response.text


def test_it_leaves_a_message_where_the_last_row_was(alice_client, station):
    first, last = PortFactory.create_batch(2, station=station)
    response = alice_client.post(url(last), headers=HTMX)
    page = text(response.text)
    assert page.index(first.label) < page.index(f"“{last.label}” deleted.")


def test_it_says_so_when_the_last_port_is_gone(alice_client, port):
    response = alice_client.post(url(port), headers=HTMX)
    assert "“Port 1” deleted." in text(response.text)
    assert "No ports yet." in response.text


def test_it_removes_the_port_from_the_driver_page(alice_client, port, site):
    driver_page = reverse("sites:public", args=[site.pk])
    assert "Port 1" in alice_client.get(driver_page).text
    alice_client.post(url(port), follow=True)  # reads the "deleted" message on the way
    response = alice_client.get(driver_page)
    assert "Port 1" not in response.text
    assert "0 ports available" in response.text


def test_it_keeps_a_history_record_of_who_deleted_it(alice_client, alice, port):
    alice_client.post(url(port))
    deleted = Port.history.filter(history_type="-").get()
    assert (deleted.id, deleted.label) == (port.pk, "Port 1")
    assert deleted.history_user == alice


def test_it_is_404_for_a_stranger(bob_client, port):
    for headers in [{}, HTMX]:
        assert bob_client.get(url(port), headers=headers).status_code == 404
        assert bob_client.post(url(port), headers=headers).status_code == 404
    assert Port.objects.filter(pk=port.pk).exists()
    assert not Port.history.filter(history_type="-").exists()


def test_it_sends_anonymous_visitors_to_log_in(client, port):
    for response in [client.get(url(port)), client.post(url(port))]:
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    assert Port.objects.filter(pk=port.pk).exists()


def test_it_is_404_once_deleted(alice_client, port):
    alice_client.post(url(port))
    assert alice_client.post(url(port)).status_code == 404
