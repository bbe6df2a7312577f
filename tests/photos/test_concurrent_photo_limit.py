"""The photo limit holds when uploads arrive at the same moment (a row lock on the owner)."""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test import Client

from accounts.plans import Plan
from photos.models import Photo
from tests.factories import SiteFactory, UserFactory
from tests.photos.factories import PhotoFactory
from tests.photos.uploads import FREE_LIMIT, photo_file, upload, url
from tests.test_concurrent_limits import THREADS, race

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite has no row locks and its test database is one connection",
    ),
]


@pytest.fixture(autouse=True)
def slow_saves(monkeypatch):
    """Pause the racing threads between their check and their insert, as a slow request would."""

    def slow(self, *args, _save=Photo.save, **kwargs):
        if threading.current_thread() is not threading.main_thread():
            time.sleep(0.2)
        return _save(self, *args, **kwargs)

    monkeypatch.setattr(Photo, "save", slow)


@pytest.fixture
def site():
    site = SiteFactory(owner=UserFactory(plan=Plan.FREE))
    PhotoFactory.create_batch(2, site=site)
    return site


def clients(site, count=2):
    """Owner's clients, each warmed up on the page so the posts start alike."""
    made = [Client() for _ in range(count)]
    for client in made:
        client.force_login(site.owner)
        assert client.get(url(site)).status_code == 200
    return made


def test_it_lets_only_one_of_several_simultaneous_photos_in(site):
    def action(i):
        try:
            with transaction.atomic():
                photo = PhotoFactory.build(site=site, caption=f"Racing {i}")
                photo.full_clean()
                photo.save()
        except ValidationError as error:
            return error.messages
        return "saved"

    outcomes = race(action)
    assert sorted(outcomes, key=str) == sorted(["saved"] + [[FREE_LIMIT]] * (THREADS - 1), key=str)
    assert site.photos.count() == 3


def test_it_lets_only_one_of_two_simultaneous_uploads_in(site):
    racing = clients(site)

    def submit(i):
        data = upload(photo_file(), caption=f"Racing {i}")
        response = racing[i].post(url(site), data)
        return FREE_LIMIT in response.text if response.status_code == 200 else response.status_code

    assert sorted(race(submit, threads=2), key=str) == [302, True]
    assert site.photos.count() == 3


def test_it_lets_only_one_of_two_simultaneous_batches_in(site):
    site.photos.first().delete()
    racing = clients(site)

    def submit(i):
        data = upload(photo_file(), photo_file(), caption=f"Racing {i}")
        response = racing[i].post(url(site), data)
        return FREE_LIMIT in response.text if response.status_code == 200 else response.status_code

    assert sorted(race(submit, threads=2), key=str) == [302, True]
    assert site.photos.count() == 3
    racers = [c for c in site.photos.values_list("caption", flat=True) if c.startswith("Racing")]
    assert len(racers) == 2
    assert len({caption.split(" (")[0] for caption in racers}) == 1  # one whole batch, not a mix
