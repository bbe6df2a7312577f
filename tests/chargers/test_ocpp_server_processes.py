"""`manage.py ocpp_server` as it runs in production: SIGTERM closes the chargers'
connections (1001, going away: they reconnect) and the process exits cleanly; with
--reuse-port several processes share one port, and each closes the connections it holds
when their password is reissued."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from ocpp.v16 import call

from tests.chargers.conftest import open_link
from tests.chargers.factories import ChargerFactory

ROOT = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = 30


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def shared_database_url() -> str:
    # The test database, which the server processes open as their own.
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


class ServerProcess:
    def __init__(self, port: int, log: Path, *options):
        self.port = port
        self.log = log
        env = {**os.environ, "DATABASE_URL": shared_database_url(), "PYTHONUNBUFFERED": "1"}
        with log.open("w") as out:
            self.process = subprocess.Popen(
                [sys.executable, "manage.py", "ocpp_server", f"--port={port}", *options],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )

    def wait_until_listening(self):
        deadline = time.monotonic() + STARTUP_SECONDS
        while "listening" not in self.log.read_text():
            assert self.process.poll() is None, f"exited:\n{self.log.read_text()[-3000:]}"
            assert time.monotonic() < deadline, f"did not start:\n{self.log.read_text()[-3000:]}"
            time.sleep(0.1)

    def terminate(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise


@pytest.fixture
def processes(tmp_path):
    started = []

    def start(port, *options):
        server = ServerProcess(port, tmp_path / f"ocpp-{len(started)}.log", *options)
        started.append(server)
        return server

    yield start
    for server in started:
        if server.process.poll() is None:
            server.process.kill()
            server.process.wait(timeout=10)


def url(port, charger):
    return f"ws://127.0.0.1:{port}/ocpp/1.6/{charger.charge_point_id}"


@pytest.mark.django_db(transaction=True)
def test_it_closes_connections_and_exits_cleanly_on_sigterm(processes, client_loop):
    charger = ChargerFactory()
    port = free_port()
    server = processes(port)
    server.wait_until_listening()
    link = open_link(client_loop, url(port, charger), charger.charge_point_id)
    link.call(call.BootNotification(charge_point_vendor="ABB", charge_point_model="Terra AC"))

    assert server.terminate() == 0

    code, _ = link.wait_closed()
    assert code == 1001
    charger.refresh_from_db()
    assert charger.vendor == "ABB"
    assert "Traceback" not in server.log.read_text()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="several processes share the database: PostgreSQL"
)
@pytest.mark.django_db(transaction=True)
def test_processes_sharing_a_port_each_close_what_they_hold(processes, client_loop):
    chargers = ChargerFactory.create_batch(8)
    port = free_port()
    servers = [processes(port, "--reuse-port") for _ in range(2)]
    for server in servers:
        server.wait_until_listening()
    links = [open_link(client_loop, url(port, c), c.charge_point_id) for c in chargers]
    for link in links:
        assert link.call(call.Heartbeat()).current_time

    for charger in chargers:
        charger.issue_password()
        charger.save()

    assert [link.wait_closed()[0] for link in links] == [1008] * len(links)
    assert [server.terminate() for server in servers] == [0, 0]
