"""What every benchmark does alike: production settings, a Django child process, percentiles,
the search's bare SQL, waiting for a server, and printing and keeping the verdicts."""

import contextlib
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
REPEAT = 15
CITIES = {
    "New York": (40.7128, -74.0060),
    "Los Angeles": (34.0522, -118.2437),
    "Chicago": (41.8781, -87.6298),
    "Houston": (29.7604, -95.3698),
    "Phoenix": (33.4484, -112.0740),
    "Philadelphia": (39.9526, -75.1652),
    "San Antonio": (29.4241, -98.4936),
    "San Diego": (32.7157, -117.1611),
    "Dallas": (32.7767, -96.7970),
    "Seattle": (47.6062, -122.3321),
}
# A CCS search within 25 miles of each city: the drivers' most common question.
RADIUS = [
    {"lat": lat, "lng": lng, "radius": 25, "connector": "ccs"} for lat, lng in CITIES.values()
]


def production_env(database_url: str | None, hosts: str = "testserver", **extra) -> dict:
    """Production settings, but plain HTTP: neither the test client nor wrk speaks TLS."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url or "",
        "DEBUG": "0",
        "SECRET_KEY": "bench-only",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "ALLOWED_HOSTS": hosts,
        **extra,
    }
    env.pop("REDIS_URL", None)
    if not database_url:
        del env["DATABASE_URL"]  # each run names its own
    return env


def setup_django():
    """In a child process: Django set up against the database its environment names."""
    import django

    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "chargesites.settings"
    django.setup()


def child(script: str, args: list[str], env: dict) -> dict:
    """Runs `script args` and reads the JSON it prints last."""
    done = subprocess.run(
        [sys.executable, script, *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def figures(samples: list[float], **extra) -> dict:
    cuts = statistics.quantiles(samples, n=20)
    return {
        "p50_ms": round(statistics.median(samples), 2),
        "p95_ms": round(cuts[18], 2),
        "requests": len(samples),
        **extra,
    }


def search_sql_p50(params_list: list[dict]) -> float:
    """The SQL the search runs for its results, executed bare on the same connection."""
    from django.db import connection
    from django.http import QueryDict

    from search.query import SearchForm, filtered, page_query, with_words, words_of

    statements = []
    for params in params_list:
        form = SearchForm(QueryDict(urlencode(params)))
        assert form.is_valid(), form.errors
        words = words_of(form.cleaned_data.get("q"))
        listings = with_words(filtered(form.cleaned_data, form.place), words)
        statements.append(page_query(listings, words, form.place).query.sql_with_params())
    samples = []
    with connection.cursor() as cursor:
        for _ in range(REPEAT):
            for sql, params in statements:
                started = time.perf_counter()
                cursor.execute(sql, params)
                cursor.fetchall()
                samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def search_p50(params_list: list[dict]) -> float:
    """The search itself through Django (form, ORM, rows), without HTTP or HTML."""
    from django.http import QueryDict

    from search.query import SearchForm, search

    queries = [QueryDict(urlencode(params)) for params in params_list]
    samples = []
    for _ in range(REPEAT):
        for query in queries:
            started = time.perf_counter()
            form = SearchForm(query)
            form.is_valid()
            search(form.cleaned_data, form.place)
            samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def wait_for_port(port: int, what: str, *, seconds: float = 10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"{what} did not start listening on port {port} in {seconds:.0f} s")


@contextlib.contextmanager
def gunicorn(port: int, workers: int, env: dict):
    """The app under gunicorn, as in production, listening on loopback until the block ends."""
    command = [str(Path(sys.executable).parent / "gunicorn"), "chargesites.wsgi"]
    command += ["-b", f"127.0.0.1:{port}", "-w", str(workers), "--log-level", "warning"]
    # Its request log lines (one per request, as in production) go nowhere.
    server = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port, "gunicorn")
        yield server
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def verdicts(name: str, results: dict, checks: list[tuple[str, bool]]) -> bool:
    """Prints each target met or MISSED, keeps the figures in bench-results/<name>.json."""
    print()
    for label, met in checks:
        print(f"  {'met   ' if met else 'MISSED'}  {label}")
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / f"{name}.json").write_text(json.dumps(results, indent=2))
    print(f"(written to {out / f'{name}.json'})")
    return all(met for _, met in checks)
