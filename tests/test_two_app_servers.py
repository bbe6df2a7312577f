"""Two app servers behave as one: what one changes, the other shows at once.

Two gunicorn processes on their own ports share the test's PostgreSQL database and a
Redis database; a session, a search and a partner's token are each changed through one
(or the ORM) and read through the other with no wait. PostgreSQL and Redis only: SQLite's
test database is a file one process at a time may write, and locmem is per process.
"""

import http.client
import os
import secrets
import socket
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
import redis
from django.conf import global_settings
from django.conf import settings as django_settings
from django.db import connection

from ocpi.models import Partner
from tests.factories import PASSWORD

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = "redis://127.0.0.1:6379/13"
STARTUP_SECONDS = 30
REQUEST_SECONDS = 10


def _redis_is_up():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
        return True
    except OSError:
        return False


pytestmark = [
    pytest.mark.app_servers,
    pytest.mark.skipif(
        django_settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="two processes share the database: PostgreSQL only",
    ),
    pytest.mark.skipif(not _redis_is_up(), reason="no Redis server at 127.0.0.1:6379"),
    pytest.mark.django_db(transaction=True),
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, name, env, logs: Path):
        self.name = name
        self.port = free_port()
        self.log = logs / f"{name}.log"
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "chargesites.wsgi",
                    f"--bind=127.0.0.1:{self.port}",
                    "--workers=1",
                    "--timeout=30",
                    "--graceful-timeout=5",
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def wait_until_up(self):
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"{self.name} exited:\n{self.log.read_text()[-3000:]}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.2)
        raise AssertionError(f"{self.name} did not start:\n{self.log.read_text()[-3000:]}")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


class Browser:
    """One person's browser: its cookies go to whichever server it asks."""

    def __init__(self):
        self.cookies = {}

    def request(self, server, method, path, form=None, headers=None):
        sent = {"Host": "127.0.0.1", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode({**form, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")})
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=REQUEST_SECONDS)
        try:
            conn.request(method, path, body, sent)
            response = conn.getresponse()
            text = response.read().decode()
        finally:
            conn.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel.value:
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        return response.status, text, response.getheader("Location", "")

    def get(self, server, path, **headers):
        return self.request(server, "GET", path, headers=headers)[:2]

    def post(self, server, path, form):
        """Submits a form; returns the status and where it redirects."""
        status, _, location = self.request(server, "POST", path, form=form)
        return status, location


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    """Collected once, as production serves static files (DEBUG=0)."""
    root = tmp_path_factory.mktemp("static")
    env = {**os.environ, "DEBUG": "0", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "127.0.0.1"}
    env["STATIC_ROOT"] = str(root)
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture
def shared_redis(settings):
    """The test process uses the servers' Redis too, so its ORM signals reach their cache."""
    client = redis.Redis.from_url(REDIS_URL, socket_timeout=REQUEST_SECONDS)
    client.flushdb()
    settings.CACHES = {
        "default": {"BACKEND": "chargesites.cache.FallbackRedisCache", "LOCATION": REDIS_URL}
    }
    yield
    client.flushdb()
    client.close()


@pytest.fixture(scope="module")
def app_servers(django_db_setup, static_root, tmp_path_factory):
    """Started once for the module; each test gets an empty database and Redis."""
    database = connection.settings_dict
    tmp_path = tmp_path_factory.mktemp("servers")
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))},
        "DJANGO_SETTINGS_MODULE": "chargesites.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": (
            f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST']}:"
            f"{database['PORT'] or 5432}/{database['NAME']}"
        ),
        "REDIS_URL": REDIS_URL,
        "STATIC_ROOT": str(static_root),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
        "LOG_LEVEL": "WARNING",
    }
    started = []
    try:
        for name in ["a", "b"]:
            started.append(Server(name, env, tmp_path))
        for server in started:
            server.wait_until_up()
        yield started
    finally:
        for server in started:
            server.stop()


@pytest.fixture
def servers(app_servers, shared_redis):
    return app_servers


@pytest.fixture
def owner(alice, settings):
    """Alice, her password hashed as the servers do (the suite's fast hasher is not theirs)."""
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    alice.set_password(PASSWORD)
    alice.save(update_fields=["password"])
    return alice


def log_in(browser, server, user):
    browser.get(server, "/accounts/login/")
    status, _ = browser.post(
        server, "/accounts/login/", {"username": user.email, "password": PASSWORD}
    )
    assert status == 302, "logged in"


def test_a_session_started_on_one_server_works_on_the_other(servers, owner):
    a, b = servers
    browser = Browser()

    log_in(browser, a, owner)
    status, page = browser.get(b, "/dashboard/")
    assert status == 200
    assert "Alice" in page

    assert browser.post(b, "/accounts/logout/", {})[0] == 302
    assert browser.get(a, "/dashboard/")[0] == 302, "logged out everywhere"


def add_a_charger_in_schenectady(browser, server):
    """What an owner does in the dashboard: a location, its station, its port."""
    location = {
        "name": "Proctors Garage",
        "street_address": "432 State Street",
        "city": "Schenectady",
        "state": "NY",
        "zip_code": "12305",
        "latitude": "42.8129",
        "longitude": "-73.9423",
    }
    status, site_url = browser.post(server, "/dashboard/sites/add/", location)
    assert status == 302, "location added"
    station = {"name": "Level 2 - Bank A", "manufacturer": "ChargePoint", "model": "CT4000"}
    station |= {"network": "ChargePoint", "is_published": "on"}
    status, station_url = browser.post(server, f"{site_url}stations/add/", station)
    assert status == 302, "station added"
    station_pk = station_url.rstrip("/").rsplit("/", 1)[-1]
    port = {"connector_type": "j1772", "power_type": "ac_level_2", "max_power_kw": "7.2"}
    port |= {"status": "operational", "label": "Port 1"}
    status, _ = browser.post(server, f"/dashboard/stations/{station_pk}/ports/add/", port)
    assert status == 302, "port added"


def test_a_location_added_on_one_server_is_found_on_the_other(servers, owner):
    a, b = servers
    driver = Browser()
    near = "/locations/?" + urlencode({"near": "Schenectady, NY"})
    status, before = driver.get(b, near)
    assert status == 200
    assert "We know no chargers near" in before  # and b's answer is now in the cache

    owner_browser = Browser()
    log_in(owner_browser, a, owner)
    add_a_charger_in_schenectady(owner_browser, a)

    status, after = driver.get(b, near)
    assert status == 200
    assert "Proctors Garage" in after, after[after.find('id="results"') :][:3000]


def test_a_partner_deleted_is_refused_by_every_server_at_once(servers, network):
    a, b = servers
    browser = Browser()
    auth = {"Authorization": network.headers["Authorization"]}
    path = "/ocpi/cpo/2.2.1/locations"
    assert browser.get(a, path, **auth)[0] == 200
    assert browser.get(b, path, **auth)[0] == 200  # each server has now seen the token

    Partner.objects.filter(pk=network.partner.pk).delete()

    assert browser.get(b, path, **auth)[0] == 401
    assert browser.get(a, path, **auth)[0] == 401
