"""Benchmark: 2,000 simulated chargers against the OCPP 1.6J server (issue 12).

Targets on this 2-core machine: all 2,000 connected; at least 500 StatusNotifications/s
stored; p95 answer time <= 50 ms as the chargers see it; server memory (RSS) <= 400 MB;
after the server is killed and restarted, all 2,000 reconnected within 60 s, and no last
status lost (each charger's last answered status is its connector's and port's status in
the database).

The server runs as in production: `manage.py ocpp_server` processes (one, or several
sharing the port with SO_REUSEPORT), DEBUG off, PostgreSQL, history kept, logging as
configured. The chargers are the `ocpp` package's charge-point side over `websockets`
(bench/ocpp_chargers.py), spread over a few client processes so they are not what
limits the figures; each client process measures how late its own loop runs.

Phases: connect and boot (spread over RAMP s) -> a steady window of WINDOW s at the
offered rate -> SIGKILL every server process while the traffic runs, start them again,
until every charger is back -> quiet (no new status) -> the database is checked against
what each charger was last answered. About two minutes after the database is built.
"""

import argparse
import hashlib
import json
import multiprocessing
import os
import resource
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# This file is bench/ocpp.py: with bench/ first on the path, `import ocpp` would find it
# instead of the package. The chargers' module is imported from the project root.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))

from bench import ocpp_chargers as sim  # noqa: E402
from bench.common import load_average, production_env, setup_django, verdicts  # noqa: E402

DATABASE_URL = os.environ.get(
    "BENCH_OCPP_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/chargesites_bench_ocpp"
)
SEED_URL = DATABASE_URL + "_seed"
PORT = 8792
CONNECTORS = 2  # per charger, each mapped to one of its station's ports
HEARTBEAT_S = 30
STATIONS_PER_SITE = 2
CLIENT_PROCESSES = 4
RAMP_S, SETTLE_S, SETTLE_MAX_S, WINDOW_S = 20, 5, 30, 30
CONNECT_TIMEOUT_S, RECONNECT_TIMEOUT_S = 90, 120
LIVE_SOURCE = "the charger"  # chargers.vocabulary.LIVE_SOURCE
LIVE = {"Available": "available", "Preparing": "in_use", "Charging": "in_use"}
LIVE |= {"Finishing": "in_use"}
ENV = production_env(DATABASE_URL, hosts="127.0.0.1", KEEP_STATUS_HISTORY="1", PYTHONUNBUFFERED="1")


def psql(sql: str, url: str = DATABASE_URL) -> str:
    done = subprocess.run(["psql", url, "-tAc", sql], check=True, capture_output=True, text=True)
    return done.stdout.strip()


def prepare(chargers: int) -> list[tuple[str, str]]:
    """A fresh copy of the seed database; returns the chargers' ids and passwords.

    The seed (migrated, `chargers` chargers on their stations) is built once and kept
    while the migrations and the fleet's shape are unchanged: a copy takes a second,
    building takes most of a minute on a busy machine.
    """
    name, seed = DATABASE_URL.rsplit("/", 1)[1], SEED_URL.rsplit("/", 1)[1]
    admin_url = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    fingerprint = _fingerprint(chargers)
    fleet_file = ROOT / "bench-results" / "ocpp-fleet.json"
    kept = json.loads(fleet_file.read_text()) if fleet_file.exists() else {}
    found = psql(
        f"SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '{seed}'",
        admin_url,
    )
    if found != fingerprint or kept.get("fingerprint") != fingerprint:
        psql(f'DROP DATABASE IF EXISTS "{seed}" WITH (FORCE)', admin_url)
        psql(f'CREATE DATABASE "{seed}"', admin_url)
        env = {**ENV, "DATABASE_URL": SEED_URL}
        manage = [sys.executable, "manage.py"]
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        with tempfile.NamedTemporaryFile("r", suffix=".json") as out:
            command = [sys.executable, __file__, "--prepare", str(chargers), out.name]
            subprocess.run(command, cwd=ROOT, env=env, check=True)
            kept = {"fingerprint": fingerprint, "credentials": json.load(out)}
        psql(f"COMMENT ON DATABASE \"{seed}\" IS '{fingerprint}'", admin_url)
        fleet_file.parent.mkdir(exist_ok=True)
        fleet_file.write_text(json.dumps(kept))
    psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', admin_url)
    psql(f'CREATE DATABASE "{name}" TEMPLATE "{seed}"', admin_url)
    return [tuple(pair) for pair in kept["credentials"]]


def _fingerprint(chargers: int) -> str:
    """What the seed was built from: the migrations, this file's fleet, the count."""
    shape = f"{chargers} {CONNECTORS} {HEARTBEAT_S} {STATIONS_PER_SITE} mapped"
    digest = hashlib.sha256(shape.encode())
    for path in sorted(ROOT.glob("*/migrations/[0-9]*.py")):
        digest.update(path.relative_to(ROOT).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def create_fleet(chargers: int, out: str):
    """In a child with Django set up: owners, locations, stations, ports and chargers."""
    import secrets
    from decimal import Decimal

    setup_django()
    from accounts.models import User
    from chargers.models import Charger, ChargerConnector, hash_password
    from ports.models import Port
    from ports.vocabulary import ConnectorType, PowerType
    from search.models import Listing
    from sites.models import Site
    from stations.models import Station

    sites_needed = -(-chargers // STATIONS_PER_SITE)
    owners = User.objects.bulk_create(
        User(email=f"bench-owner-{n}@example.com", display_name=f"Bench owner {n}", password="!")
        for n in range(sites_needed)
    )
    sites = Site.objects.bulk_create(
        Site(
            name=f"Bench location {n}",
            street_address=f"{n} Main Street",
            city="Albany",
            state="NY",
            zip_code="12207",
            latitude=Decimal("42.600000") + Decimal(n) / 10_000,
            longitude=Decimal("-73.750000"),
            owner=owner,
        )
        for n, owner in enumerate(owners)
    )
    stations = Station.objects.bulk_create(
        Station(site=sites[n // STATIONS_PER_SITE], name=f"Station {n % STATIONS_PER_SITE + 1}")
        for n in range(chargers)
    )
    ports = Port.objects.bulk_create(
        Port(
            station=station,
            connector_type=ConnectorType.J1772,
            power_type=PowerType.AC_LEVEL_2,
            max_power_kw=Decimal("7.2"),
            label=f"Port {c + 1}",
        )
        for station in stations
        for c in range(CONNECTORS)
    )
    credentials = [(f"BENCH{n:05d}", secrets.token_urlsafe(24)) for n in range(chargers)]
    fleet = Charger.objects.bulk_create(
        Charger(
            station=station,
            charge_point_id=cp_id,
            password_hash=hash_password(password),
            password_version=1,
            heartbeat_interval=HEARTBEAT_S,
        )
        for station, (cp_id, password) in zip(stations, credentials, strict=True)
    )
    # Connector n on the station's n-th port, as the server maps a connector it first hears
    # of: the fleet has been connected before, so the run measures the steady path.
    ChargerConnector.objects.bulk_create(
        ChargerConnector(charger=charger, connector_id=c + 1, port=ports[n * CONNECTORS + c])
        for n, charger in enumerate(fleet)
        for c in range(CONNECTORS)
    )
    ids = [site.pk for site in sites]
    for start in range(0, len(ids), 500):
        Listing.refresh(ids[start : start + 500])
    Path(out).write_text(json.dumps(credentials))


class Servers:
    """The OCPP server processes, started and killed as a whole."""

    def __init__(self, count: int, log: Path):
        self.count, self.log = count, log
        self.command = [sys.executable, "manage.py", "ocpp_server", "--port", str(PORT)]
        if count > 1:
            self.command.append("--reuse-port")
        self.processes: list[subprocess.Popen] = []

    def start(self) -> float:
        """Starts them; returns the seconds until the port accepts connections."""
        started = time.monotonic()
        with self.log.open("a") as log:
            self.processes = [
                subprocess.Popen(self.command, cwd=ROOT, env=ENV, stdout=log, stderr=log)
                for _ in range(self.count)
            ]
        deadline = started + 60
        while time.monotonic() < deadline:
            if any(p.poll() is not None for p in self.processes):
                raise SystemExit(f"the OCPP server stopped at start; see {self.log}")
            try:
                socket.create_connection(("127.0.0.1", PORT), timeout=0.2).close()
                return time.monotonic() - started
            except OSError:
                time.sleep(0.05)
        raise SystemExit(f"the OCPP server did not listen within 60 s; see {self.log}")

    def rss_mb(self) -> float:
        """Resident memory of the server processes and anything they started."""
        pids = {p.pid for p in self.processes if p.poll() is None}
        pids |= {pid for pid in _all_pids() if _parent(pid) in pids}
        return sum(_rss_kb(pid) for pid in pids) / 1024

    def kill(self):
        for p in self.processes:
            p.send_signal(signal.SIGKILL)
        for p in self.processes:
            p.wait()

    def stop(self):
        for p in self.processes:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for p in self.processes:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


def _all_pids():
    return [int(d) for d in os.listdir("/proc") if d.isdigit()]


def _parent(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return -1


def _cpu_s(pid: int) -> float:
    """User + system CPU seconds a process has used, all its threads."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class CpuMeter:
    """CPU seconds used over a stretch by the servers, their PostgreSQL backends and the
    chargers: where the two cores went, whatever else the machine was running.

    Read every half second: a backend that closes in the stretch (the server's database
    connections live CONN_MAX_AGE) still counts up to its last reading.
    """

    def __init__(self, servers: "Servers", clients: "Clients"):
        self.servers, self.clients = servers, clients
        self.first = self.read()
        self.last = {part: dict(pids) for part, pids in self.first.items()}

    def read(self) -> dict:
        name = DATABASE_URL.rsplit("/", 1)[1]
        backends = psql(f"SELECT pid FROM pg_stat_activity WHERE datname = '{name}'")
        return {
            "server": {p.pid: _cpu_s(p.pid) for p in self.servers.processes},
            "postgres": {int(pid): _cpu_s(int(pid)) for pid in backends.split()},
            "clients": {p.pid: _cpu_s(p.pid) for p in self.clients.processes},
        }

    def sample(self):
        for part, pids in self.read().items():
            for pid, cpu in pids.items():
                self.last[part][pid] = max(cpu, self.last[part].get(pid, 0.0))

    def used(self) -> dict:
        # A backend new in the stretch used all of its CPU in it.
        return {
            part: round(sum(cpu - self.first[part].get(pid, 0.0) for pid, cpu in pids.items()), 2)
            for part, pids in self.last.items()
        }


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class Clients:
    """The simulated chargers, spread over a few processes, steered through shared memory."""

    def __init__(self, credentials, *, rate: float, compression: str | None):
        context = multiprocessing.get_context("fork")
        n = len(credentials)
        self.shared = argparse.Namespace(
            mode=context.Value("i", sim.RUN, lock=False),
            connected=context.Array("b", n, lock=False),
            connected_at=context.Array("d", n, lock=False),
            pending=context.Array("b", n, lock=False),
        )
        self.processes, self.pipes = [], []
        for share in range(CLIENT_PROCESSES):
            fleet = sim.Fleet(
                url=f"ws://127.0.0.1:{PORT}/ocpp/1.6",
                chargers=[
                    (slot, cp_id, password)
                    for slot, (cp_id, password) in enumerate(credentials)
                    if slot % CLIENT_PROCESSES == share
                ],
                connectors=CONNECTORS,
                status_every=n / rate,
                ramp=RAMP_S,
                compression=compression,
            )
            receive, send = context.Pipe(duplex=False)
            process = context.Process(target=sim.main, args=(fleet, self.shared, send))
            self.processes.append(process)
            self.pipes.append(receive)

    def start(self):
        for process in self.processes:
            process.start()

    def connected(self) -> int:
        return sum(self.shared.connected)

    def all_connected_since(self, moment: float) -> bool:
        at = self.shared.connected_at
        return all(self.shared.connected) and all(at[i] > moment for i in range(len(at)))

    def last_connected_at(self) -> float:
        return max(self.shared.connected_at)

    def mode(self, value: int):
        self.shared.mode.value = value

    def finish(self) -> list[dict]:
        self.mode(sim.STOP)
        results = []
        for pipe, process in zip(self.pipes, self.processes, strict=True):
            if not pipe.poll(60):
                raise SystemExit(f"a client process gave no results (exit {process.exitcode})")
            results.append(pipe.recv())
        for process in self.processes:
            process.join(timeout=30)
        return results


def wait_until(test, timeout: float, tick=None) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if test():
            return True
        if tick:
            tick()
        time.sleep(0.1)
    return test()


def percentile(values, q: float) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def latency(values) -> dict:
    return {
        "answers": len(values),
        "p50_ms": round(percentile(values, 50), 2),
        "p95_ms": round(percentile(values, 95), 2),
        "p99_ms": round(percentile(values, 99), 2),
        "max_ms": round(max(values), 2) if values else None,
    }


def run(args) -> dict:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # the servers inherit it
    need = args.chargers * 2 + 1000
    if hard < need:
        raise SystemExit(f"open files: the hard limit is {hard}; {need} needed (ulimit -Hn)")
    f = {"chargers": args.chargers, "servers": args.servers, "offered_per_s": args.rate}
    f["load_before"] = load_average()
    print(f"Preparing {args.chargers:,} chargers on {DATABASE_URL.rsplit('/', 1)[1]} ...")
    started = time.monotonic()
    credentials = prepare(args.chargers)
    f["prepare_s"] = round(time.monotonic() - started, 1)
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    log = out / "ocpp-server.log"
    log.write_text("")
    servers = Servers(args.servers, log)
    clients = Clients(credentials, rate=args.rate, compression=args.compression)
    peak = {"rss_mb": 0.0}

    def sample_memory():
        peak["rss_mb"] = max(peak["rss_mb"], servers.rss_mb())

    try:
        f["server_start_s"] = round(servers.start(), 2)
        began = time.time()
        clients.start()
        print(f"Connecting (spread over {RAMP_S} s) ...")
        wait_until(lambda: clients.connected() == args.chargers, CONNECT_TIMEOUT_S, sample_memory)
        f["connected"] = clients.connected()
        f["all_connected_after_s"] = (
            round(clients.last_connected_at() - began, 1)
            if f["connected"] == args.chargers
            else None
        )
        # The window opens once the boots' backlog is answered: few StatusNotifications
        # waiting, as at the offered rate with answers in tens of milliseconds.
        time.sleep(SETTLE_S)
        calm = max(10, args.rate * 0.05)
        f["settled"] = wait_until(lambda: sum(clients.shared.pending) <= calm, SETTLE_MAX_S)
        history_before = history_rows()
        cpu = CpuMeter(servers, clients)
        window_start = time.time()
        print(f"Steady window: {args.window:.0f} s at {args.rate:.0f} StatusNotifications/s ...")
        rss = []
        while time.time() < window_start + args.window:
            rss.append(servers.rss_mb())
            cpu.sample()
            time.sleep(0.5)
        window_end = time.time()
        cpu.sample()
        f["cpu_s_window"] = cpu.used()
        f["window"] = {"start": window_start, "end": window_end}
        f["history_rows_window"] = history_rows(window_start, window_end)
        f["history_rows_total_before"] = history_before
        f["rss_mb_window_max"] = round(max(rss), 1)
        f["rss_per_process_mb"] = [round(_rss_kb(p.pid) / 1024, 1) for p in servers.processes]
        sample_memory()
        f["load_window"] = load_average()

        print("Killing the server (SIGKILL) and starting it again ...")
        killed = time.time()
        servers.kill()
        f["restart_listen_s"] = round(servers.start(), 2)
        back = wait_until(
            lambda: clients.all_connected_since(killed), RECONNECT_TIMEOUT_S, sample_memory
        )
        f["reconnected"] = sum(
            1
            for i in range(args.chargers)
            if clients.shared.connected[i] and clients.shared.connected_at[i] > killed
        )
        f["reconnect_s"] = round(clients.last_connected_at() - killed, 1) if back else None
        clients.mode(sim.QUIET)
        # The last StatusNotifications in flight get their answers (or time out).
        wait_until(lambda: not any(clients.shared.pending), sim.RESPONSE_TIMEOUT + 5)
        f["rss_mb_peak"] = round(max(peak["rss_mb"], servers.rss_mb()), 1)
        results = clients.finish()
        f["database"] = database_state()
    finally:
        if any(p.is_alive() for p in clients.processes):
            clients.mode(sim.STOP)
            for process in clients.processes:
                process.join(timeout=15)
                if process.is_alive():
                    process.kill()
        servers.stop()
    f["load_after"] = load_average()
    f["server_errors_logged"] = _errors_logged(log)
    return summarise(f, results)


def _errors_logged(log: Path) -> dict[str, int]:
    """ERROR lines in the server's log, by message with the charger's id left out."""
    counts: dict[str, int] = {}
    for line in log.read_text().splitlines():
        if '"level": "ERROR"' not in line and '"level": "CRITICAL"' not in line:
            continue
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        message = " ".join(w for w in entry.get("message", "").split() if not w.startswith("BENCH"))
        counts[message] = counts.get(message, 0) + 1
    return counts


def history_rows(start: float | None = None, end: float | None = None) -> int:
    where = f"kind = 'live' AND source = '{LIVE_SOURCE}'"
    if start is not None:
        where += f" AND at >= to_timestamp({start}) AND at < to_timestamp({end})"
    return int(psql(f"SELECT count(*) FROM ports_statuschange WHERE {where}"))


def database_state() -> dict:
    rows = psql(
        "SELECT ch.charge_point_id, cc.connector_id, cc.status, coalesce(p.live_status, '') "
        "FROM chargers_chargerconnector cc JOIN chargers_charger ch ON ch.id = cc.charger_id "
        "LEFT JOIN ports_port p ON p.id = cc.port_id"
    )
    state = {}
    for row in rows.splitlines():
        cp_id, connector, status, live = row.split("|")
        state[f"{cp_id}/{connector}"] = [status, live]
    return state


def summarise(f: dict, results: list[dict]) -> dict:
    start, end = f["window"]["start"], f["window"]["end"]
    in_window = {sim.STATUS: [], sim.HEARTBEAT: []}
    all_ms, boots, live_changes = [], [], 0
    for result in results:
        kinds, answered_at, ms, changed = result["samples"]
        for kind, at, answer_ms, live_change in zip(kinds, answered_at, ms, changed, strict=True):
            if kind == sim.BOOT:
                boots.append(answer_ms)
            elif start <= at < end:
                in_window[kind].append(answer_ms)
                all_ms.append(answer_ms)
                live_changes += kind == sim.STATUS and live_change
    seconds = end - start
    f["status_answered_per_s"] = round(len(in_window[sim.STATUS]) / seconds, 1)
    f["history_rows_expected_window"] = live_changes
    # A StatusNotification is answered after its transaction commits; the history rows
    # of the window (one per change of a port's live status) check that it was stored.
    stored_share = min(f["history_rows_window"] / live_changes, 1.0) if live_changes else 0.0
    f["status_stored_per_s"] = round(f["status_answered_per_s"] * stored_share, 1)
    f["answer_window"] = latency(all_ms)
    answered = len(all_ms) or 1
    f["cpu_ms_per_answer"] = {
        part: round(seconds_used * 1000 / answered, 3)
        for part, seconds_used in f["cpu_s_window"].items()
    }
    serving = f["cpu_ms_per_answer"]["server"] + f["cpu_ms_per_answer"]["postgres"]
    # What two cores would answer with nothing else running (chargers elsewhere).
    enough = len(all_ms) >= 100
    f["answers_per_s_on_2_free_cores"] = round(2000 / serving) if serving and enough else None
    f["answer_status"] = latency(in_window[sim.STATUS])
    f["answer_heartbeat"] = latency(in_window[sim.HEARTBEAT])
    f["answer_boot"] = latency(boots)
    lag = [x for result in results for x in result["lag_ms"]]
    f["client_loop_lag"] = latency(lag)
    errors: dict[str, int] = {}
    for result in results:
        for name, count in result["errors"].items():
            errors[name] = errors.get(name, 0) + count
    f["client_errors"] = errors

    # No last status lost: what each charger was last answered is what the database holds.
    last_answered = {
        f"{cp_id}/{connector}": status
        for result in results
        for cp_id, connectors in result["answered"].items()
        for connector, status in connectors.items()
    }
    pending = sum(len(result["pending"]) for result in results)
    db = f.pop("database")
    lost = [
        key
        for key, status in last_answered.items()
        if status and db.get(key, ["", ""]) != [status, LIVE[status]]
    ]
    f["last_status_checked"] = len(last_answered)
    f["last_status_lost"] = len(lost)
    f["last_status_lost_examples"] = {key: [last_answered[key], db.get(key)] for key in lost[:5]}
    f["still_pending"] = pending
    return f


def report(f: dict) -> list[tuple[str, bool]]:
    print(f"\nLoad average (1, 5, 15 min): {f['load_before']} before, {f['load_window']} in")
    print(f"the steady window, {f['load_after']} after (2 cores)")
    print(
        f"\nOCPP server: {f['servers']} process(es) of manage.py ocpp_server, PostgreSQL; "
        f"{f['chargers']:,} chargers x {CONNECTORS} connectors in {CLIENT_PROCESSES} client "
        f"processes"
    )
    after = f["all_connected_after_s"]
    print(
        f"  connected            {f['connected']:,} of {f['chargers']:,}"
        + (f", all {after} s after the chargers started" if after else "")
        + f" (boot p95 {f['answer_boot']['p95_ms']} ms)"
    )
    print(
        f"  StatusNotifications  {f['status_answered_per_s']:.1f}/s answered, "
        f"{f['status_stored_per_s']:.1f}/s stored ({f['history_rows_window']:,} history rows of "
        f"{f['history_rows_expected_window']:,} expected) at {f['offered_per_s']:.0f}/s offered"
    )
    for label, key in [
        ("all answers", "answer_window"),
        ("StatusNotification", "answer_status"),
        ("Heartbeat", "answer_heartbeat"),
    ]:
        a = f[key]
        print(
            f"  {label:<21}p50 {a['p50_ms']} ms  p95 {a['p95_ms']} ms  p99 {a['p99_ms']} ms  "
            f"max {a['max_ms']} ms  ({a['answers']:,})"
        )
    c = f["cpu_ms_per_answer"]
    print(
        f"  CPU per answer       server {c['server']} ms, PostgreSQL {c['postgres']} ms, "
        f"chargers {c['clients']} ms: two free cores would answer "
        f"~{f['answers_per_s_on_2_free_cores']}/s"
    )
    lag = f["client_loop_lag"]
    print(f"  client loop lag      p95 {lag['p95_ms']} ms, max {lag['max_ms']} ms")
    print(
        f"  server memory        {f['rss_mb_window_max']} MB in the window "
        f"({', '.join(map(str, f['rss_per_process_mb']))} per process), {f['rss_mb_peak']} MB peak"
    )
    print(
        f"  restart              listening {f['restart_listen_s']} s after the kill; "
        f"{f['reconnected']:,} reconnected"
        + (f", the last {f['reconnect_s']} s after the kill" if f["reconnect_s"] else "")
    )
    print(
        f"  last status          {f['last_status_lost']} lost of {f['last_status_checked']:,} "
        f"connectors ({f['still_pending']} still unanswered)"
    )
    if not f["settled"]:
        print("  (the window opened with StatusNotifications still queued: the server had not")
        print(f"   caught up {SETTLE_S + SETTLE_MAX_S} s after the last charger connected)")
    print(f"  client errors        {f['client_errors'] or 'none'}")
    print(f"  server errors logged {f['server_errors_logged'] or 'none'}")
    n = f["chargers"]
    return [
        (f"all {n:,} chargers connected", f["connected"] == n),
        ("at least 500 StatusNotifications/s stored", f["status_stored_per_s"] >= 500),
        ("p95 answer time <= 50 ms", f["answer_window"]["p95_ms"] <= 50),
        ("server memory <= 400 MB", f["rss_mb_peak"] <= 400),
        (
            f"all {n:,} reconnected within 60 s of the restart",
            f["reconnected"] == n and f["reconnect_s"] is not None and f["reconnect_s"] <= 60,
        ),
        ("no last status lost", f["last_status_lost"] == 0 and f["still_pending"] == 0),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chargers", type=int, default=2000)
    parser.add_argument("--servers", type=int, default=1, help="processes sharing the port")
    parser.add_argument(
        "--rate", type=float, default=600, help="StatusNotifications/s the fleet offers"
    )
    parser.add_argument("--window", type=float, default=WINDOW_S, help="seconds measured")
    parser.add_argument(
        "--compression",
        choices=["deflate"],
        default=None,
        help="offer permessage-deflate (most charger firmware does not)",
    )
    args = parser.parse_args()
    f = run(args)
    met = verdicts("ocpp", f, report(f))
    print(f"(the servers' log in {ROOT / 'bench-results' / 'ocpp-server.log'})")
    return met


if __name__ == "__main__":
    if sys.argv[1:2] == ["--prepare"]:
        create_fleet(int(sys.argv[2]), sys.argv[3])
    else:
        sys.exit(0 if main() else 1)
