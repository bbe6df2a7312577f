"""Benchmark: 10,000 OCPI PATCH status updates over HTTP, gunicorn and PostgreSQL.

Targets (issue "Real-time port status"): at least 500 updates/s sustained on 2 cores,
p95 at most 30 ms; keeping status history costs at most 20% of that rate.
wrk sends the PATCHes from a second process on loopback; the run is done twice,
with status history kept and without, on a fresh database each time.
"""

import base64
import json
import math
import os
import subprocess
import sys
import time

from common import ROOT, gunicorn, production_env, setup_django, verdicts

DATABASE_URL = os.environ.get(
    "BENCH_OCPI_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/chargesites_bench_ocpi"
)
PORT = 8790
LOCATIONS, EVSES_PER_LOCATION, CONNECTORS_PER_EVSE = 100, 10, 2
TOTAL, THREADS, CONNECTIONS, WORKERS = 10_000, 2, 8, 3
ENV = production_env(DATABASE_URL, hosts="127.0.0.1")


def prepare() -> str:
    """A fresh database with one partner and its locations; returns the partner's token."""
    name = DATABASE_URL.rsplit("/", 1)[1]
    admin_url = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    subprocess.run(["psql", admin_url, "-qc", f'DROP DATABASE IF EXISTS "{name}"'], check=True)
    subprocess.run(["psql", admin_url, "-qc", f'CREATE DATABASE "{name}"'], check=True)
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=ENV, check=True)
    done = subprocess.run(
        [sys.executable, __file__, "--prepare"],
        cwd=ROOT,
        env=ENV,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip().splitlines()[-1]


def create_locations():
    setup_django()
    from ocpi import receiver, schemas
    from ocpi.models import Partner

    partner = Partner(name="Bench Network", country_code="US", party_id="BEN")
    token = partner.issue_token()
    partner.save()
    for n in range(LOCATIONS):
        evses = [
            {
                "uid": f"E{n * EVSES_PER_LOCATION + e}",
                "status": "AVAILABLE",
                "connectors": [
                    {
                        "id": str(c + 1),
                        "standard": "IEC_62196_T1_COMBO",
                        "format": "CABLE",
                        "power_type": "DC",
                        "max_voltage": 500,
                        "max_amperage": 300,
                        "last_updated": "2026-01-01T00:00:00Z",
                    }
                    for c in range(CONNECTORS_PER_EVSE)
                ],
                "last_updated": "2026-01-01T00:00:00Z",
            }
            for e in range(EVSES_PER_LOCATION)
        ]
        location = schemas.Location.model_validate(
            {
                "country_code": "US",
                "party_id": "BEN",
                "id": f"L{n}",
                "publish": True,
                "name": f"Bench location {n}",
                "address": f"{n} Main Street",
                "city": "Albany",
                "postal_code": "12207",
                "state": "NY",
                "country": "USA",
                "coordinates": {"latitude": f"{42.6 + n / 1000:.6f}", "longitude": "-73.750000"},
                "evses": evses,
                "last_updated": "2026-01-01T00:00:00Z",
            }
        )
        receiver.put_location(partner, f"L{n}", location)
    print(token)


def run(token: str, keep_history: bool) -> dict:
    env = {**ENV, "KEEP_STATUS_HISTORY": "1" if keep_history else "0"}
    with gunicorn(PORT, WORKERS, env):
        # wrk runs for a time, not a count: a short warm-up tells how long TOTAL takes.
        warm = _wrk(token, seconds=3, base=int(time.time()) - 200_000)
        seconds = max(5, math.ceil(TOTAL / warm["updates_per_s"] * 1.05))
        return _wrk(token, seconds=seconds, base=int(time.time()) - 100_000)


def _wrk(token, *, seconds, base) -> dict:
    env = {
        **os.environ,
        "TOKEN": base64.b64encode(token.encode()).decode(),
        "PREFIX": "/ocpi/emsp/2.2.1/locations/US/BEN/",
        "EVSES": str(LOCATIONS * EVSES_PER_LOCATION),
        "EVSES_PER_LOCATION": str(EVSES_PER_LOCATION),
        "THREADS": str(THREADS),
        "BASE_EPOCH": str(base),  # each run's timestamps are newer than the last run's
    }
    script = str(ROOT / "bench" / "ocpi_patch.lua")
    done = subprocess.run(
        [
            "wrk",
            "-t",
            str(THREADS),
            "-c",
            str(CONNECTIONS),
            "-d",
            f"{seconds}s",
            "--timeout",
            "5s",
            "-s",
            script,
            f"http://127.0.0.1:{PORT}",
        ],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    line = next(row for row in done.stdout.splitlines() if row.startswith("{"))
    figures = json.loads(line)
    figures["updates_per_s"] = round(figures["requests"] / figures["seconds"], 1)
    return figures


def history_rows() -> int:
    out = subprocess.run(
        ["psql", DATABASE_URL, "-tAc", "SELECT count(*) FROM ports_statuschange"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(out.stdout.strip())


def main():
    results = {}
    for label, keep in [("with history", True), ("without history", False)]:
        token = prepare()
        before = history_rows()
        results[label] = run(token, keep) | {"history_rows_written": history_rows() - before}
    kept, bare = results["with history"], results["without history"]
    cost = 1 - kept["updates_per_s"] / bare["updates_per_s"]
    print(
        f"\nOCPI PATCH status updates: {TOTAL:,} through gunicorn ({WORKERS} workers), PostgreSQL"
    )
    columns = ["updates/s", "p50 ms", "p95 ms", "p99 ms", "errors", "history"]
    print(f"{'':<18}" + "".join(f"{name:>10}" for name in columns))
    for label, f in results.items():
        print(
            f"{label:<18}{f['updates_per_s']:>10.1f}{f['p50_ms']:>10.2f}{f['p95_ms']:>10.2f}"
            f"{f['p99_ms']:>10.2f}{f['errors']:>10}{f['history_rows_written']:>10}"
        )
    checks = [
        ("at least 500 updates/s", kept["updates_per_s"] >= 500),
        ("p95 at most 30 ms", kept["p95_ms"] <= 30),
        ("history costs at most 20% of the rate", cost <= 0.20),
        ("no errors", kept["errors"] == 0 and bare["errors"] == 0),
        (f"at least {TOTAL:,} updates in the measured run", kept["requests"] >= TOTAL),
    ]
    print(f"history costs {cost:.1%} of the rate")
    return verdicts("ocpi", results | {"history_cost": round(cost, 3)}, checks)


if __name__ == "__main__":
    if sys.argv[1:] == ["--prepare"]:
        create_locations()
    else:
        sys.exit(0 if main() else 1)
