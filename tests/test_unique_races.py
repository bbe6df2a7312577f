"""Names and labels an owner types stay unique when the same one arrives twice at once.

The loser of a race reads the form's usual message, never a server error. The threaded tests
need PostgreSQL (row locks, one connection per thread); the backstop tests run on both.
"""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import Client
from django.urls import reverse

from accounts.plans import Plan
from ports.models import Port
from stations.models import Station
from tests.factories import PortFactory, SiteFactory, StationFactory, UserFactory
from tests.ports.pages import edit_form_data
from tests.threads import postgresql_only, race, slow_down_saves

pytestmark = pytest.mark.django_db(transaction=True)

LABEL_TAKEN = "Another port on this station is labelled “Left”. Give each port its own label."
NAME_TAKEN = (
    "This location already has a station with that name. "
    "Give each station its own name, like “Bank A” and “Bank B”."
)


@pytest.fixture
def slow_saves(monkeypatch):
    slow_down_saves(monkeypatch, Port, Station)


def clients(user, count):
    """Logged-in clients that answer a server error with its status, as a browser sees it."""
    made = [Client(raise_request_exception=False) for _ in range(count)]
    for client in made:
        client.force_login(user)
    return made


def posted(client, url, data, field):
    """302 for a save, or the field's errors on the re-shown form; else the status code."""
    response = client.post(url, data)
    if response.status_code == 200 and response.context and "form" in response.context:
        return response.context["form"].errors.get(field)
    return response.status_code


@pytest.fixture
def owner():
    return UserFactory(plan=Plan.PREMIUM)


@pytest.fixture
def station(owner):
    return StationFactory(site=SiteFactory(owner=owner), name="Bank A")


@postgresql_only
def test_it_saves_one_of_ten_simultaneous_ports_with_one_label(owner, station, slow_saves):
    url = reverse("ports:add", args=[station.pk])
    data = {
        "connector_type": "j1772",
        "power_type": "ac_level_2",
        "max_power_kw": "7.2",
        "status": "operational",
        "label": "Left",
    }
    users = clients(owner, 10)
    outcomes = race(lambda i: posted(users[i], url, data, "label"), threads=10)
    assert sorted(outcomes, key=str) == sorted([302] + [[LABEL_TAKEN]] * 9, key=str)
    assert Port.objects.filter(station=station, label="Left").count() == 1


@postgresql_only
def test_it_tells_the_second_of_two_ports_relabelled_at_once(owner, station, slow_saves):
    ports = [PortFactory(station=station, label=label) for label in ("Port 1", "Port 2")]
    users = clients(owner, 2)

    def relabel(i):
        url = reverse("ports:edit", args=[ports[i].pk])
        return posted(users[i], url, edit_form_data(ports[i], label="Left"), "label")

    outcomes = race(relabel, threads=2)
    assert sorted(outcomes, key=str) == sorted([302, [LABEL_TAKEN]], key=str)
    assert Port.objects.filter(station=station, label="Left").count() == 1


@postgresql_only
def test_it_tells_the_second_of_two_stations_renamed_at_once(owner, station, slow_saves):
    stations = [station, StationFactory(site=station.site, name="Bank B")]
    users = clients(owner, 2)

    def rename(i):
        url = reverse("stations:edit", args=[stations[i].pk])
        data = {"name": "Bank C", "network": "ChargePoint", "is_published": "on"}
        return posted(users[i], url, data, "name")

    outcomes = race(rename, threads=2)
    assert sorted(outcomes, key=str) == sorted([302, [NAME_TAKEN]], key=str)
    assert Station.objects.filter(site=station.site, name__iexact="Bank C").count() == 1


def test_it_turns_a_port_label_taken_at_save_into_the_forms_message(station):
    PortFactory(station=station, label="Left")
    with transaction.atomic():
        with pytest.raises(ValidationError) as caught:
            PortFactory(station=station, label="Left")  # saved without clean(), as a race does
        assert caught.value.message_dict == {"label": [LABEL_TAKEN]}
        # The transaction is still usable: the failed insert was undone to a savepoint.
        assert Port.objects.filter(station=station).count() == 1


def test_it_turns_a_station_name_taken_at_save_into_the_forms_message(station):
    with transaction.atomic():
        with pytest.raises(ValidationError) as caught:
            StationFactory(site=station.site, name="bank a")
        assert caught.value.message_dict == {"name": [NAME_TAKEN]}
        assert Station.objects.filter(site=station.site).count() == 1


@postgresql_only
def test_it_saves_a_locations_first_hours_twice_at_once_without_an_error(owner, monkeypatch):
    from sites.models import OpeningHours
    from tests.sites.test_edit_access_hours_price import ADDRESS, WEEKDAYS_7_TO_7

    def slow(manager_method):
        def wrapped(*args, **kwargs):
            if threading.current_thread() is not threading.main_thread():
                time.sleep(0.2)
            return manager_method(*args, **kwargs)

        return wrapped

    monkeypatch.setattr(
        OpeningHours.objects, "update_or_create", slow(OpeningHours.objects.update_or_create)
    )
    site = SiteFactory(owner=owner, name="Maple Street Market")
    url = reverse("sites:edit", args=[site.pk])
    users = clients(owner, 2)
    outcomes = race(lambda i: users[i].post(url, {**ADDRESS, **WEEKDAYS_7_TO_7}).status_code, 2)
    assert outcomes == [302, 302]
    assert OpeningHours.objects.filter(site=site).count() == 6  # Sunday is closed
