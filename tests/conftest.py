"""The cast: alice owns a location with a station and a port; bob is a stranger."""

import hypothesis
import pytest
from django.core.cache import cache
from django.db import connections
from django.test import Client

from accounts.support import support_group
from search import places
from tests.factories import PortFactory, SiteFactory, StationFactory, UserFactory
from tests.fuzzing import example_count
from tests.ocpi.network import Network

HTMX = {"HX-Request": "true"}

# Property tests: no per-example deadline (CI machines are slow and shared); the count
# is bounded here and raised by `make fuzz`. Tests that set their own count use it too.
hypothesis.settings.register_profile("chargesites", max_examples=example_count(100), deadline=None)
hypothesis.settings.load_profile("chargesites")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, django_db_keepdb):
    """The test databases, dropped at the end even if a server under test left a connection.

    Live servers, app servers and the OCPP server's database threads each hold their own
    connections; one still open when the session ends (a thread that outlived its test,
    reconnecting as its loop goes on) makes PostgreSQL refuse DROP DATABASE, and the whole
    run fails at its last moment. New connections are refused first, then the others end.
    """
    yield
    if django_db_keepdb:
        return  # --reuse-db: the databases stay, and must still take connections
    with django_db_blocker.unblock():
        for alias in connections:
            database = connections[alias]
            if database.vendor != "postgresql":
                continue
            name = database.settings_dict["NAME"]
            database.close()
            with database._nodb_cursor() as cursor:  # from the server's maintenance database
                quoted = database.ops.quote_name(name)
                cursor.execute(f"ALTER DATABASE {quoted} WITH ALLOW_CONNECTIONS false")
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                    [name],
                )


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def fresh_caches():
    # The cache and the search vocabulary outlive a test; each test starts from none.
    cache.clear()
    places._vocabulary.cache_clear()
    yield
    cache.clear()
    places._vocabulary.cache_clear()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The real hasher is slow on purpose; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def tasks_run_at_once(settings):
    # Deterministic: an enqueued task has run (or failed) when enqueue() returns. Tests of
    # the worker itself set the database backend back (tests/test_mail_tasks.py).
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def uploads_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def alice(db):
    return UserFactory(email="alice@example.com", display_name="Alice")


@pytest.fixture
def bob(db):
    return UserFactory(email="bob@example.com", display_name="Bob")


@pytest.fixture
def alice_client(alice):
    return logged_in(alice)


@pytest.fixture
def bob_client(bob):
    return logged_in(bob)


@pytest.fixture
def site(alice):
    return SiteFactory(owner=alice, name="Maple Street Market")


@pytest.fixture
def station(site):
    return StationFactory(site=site, name="ChargePoint CT4000")


@pytest.fixture
def port(station):
    return PortFactory(station=station, label="Port 1")


@pytest.fixture
def staff(db):
    return UserFactory(
        email="root@chargesites.example", display_name="Root", is_staff=True, is_superuser=True
    )


@pytest.fixture
def staff_client(staff):
    return logged_in(staff)


@pytest.fixture
def support(db):
    """A support staff member, in the group load_demo_data sets up."""
    user = UserFactory(
        email="sam@chargesites.example", display_name="Sam from Support", is_staff=True
    )
    user.groups.add(support_group())
    return user


@pytest.fixture
def support_client(support):
    return logged_in(support)


@pytest.fixture
def network(db):
    """Capital Power (US/CPT): an OCPI partner pushing Albany locations."""
    return Network("Capital Power", "US", "CPT")
