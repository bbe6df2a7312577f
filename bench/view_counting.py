"""Benchmark: counting page views does not slow the drivers' location page (issue 13).

Targets ("Owners see how their listings do"):
  (a) the public location page, as a visitor gets it (the page cache in Redis) with
      counting on: p50 <= 15 ms server time;
  (b) counts are exact after the worker's flush: N drivers' requests -> N page views,
      bots' requests interleaved among them not counted, a second flush adding nothing.

Server time is measured in-process through Django's test client, DEBUG off, on
PostgreSQL, Redis as in production. The same page with counting off and the page
rendered (the cache standing aside) are printed beside it.

Database: chargesites_bench_analytics, made afresh each run; Redis database 11, emptied.
"""

import os
import subprocess
import sys
import time

from common import (
    ROOT,
    child,
    figures,
    load_average,
    production_env,
    setup_django,
    verdicts,
)

DATABASE_URL = os.environ.get(
    "BENCH_ANALYTICS_DATABASE_URL",
    "postgres://postgres@127.0.0.1:5432/chargesites_bench_analytics",
)
REDIS_URL = os.environ.get("BENCH_ANALYTICS_REDIS_URL", "redis://127.0.0.1:6379/11")
# production_env() leaves Redis out; counting is done in Redis, as in production.
ENV = {**production_env(DATABASE_URL), "REDIS_URL": REDIS_URL}
BROWSER = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Safari/605.1.15"
BOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
REQUESTS = 200  # per measurement
EXACT_N = 1000  # drivers' requests for (b)


def prepare():
    name = DATABASE_URL.rsplit("/", 1)[1]
    admin_url = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    subprocess.run(["psql", admin_url, "-qc", f'DROP DATABASE IF EXISTS "{name}"'], check=True)
    subprocess.run(["psql", admin_url, "-qc", f'CREATE DATABASE "{name}"'], check=True)
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=ENV, check=True)
    # DEBUG off: the page's stylesheets are named from the manifest collectstatic writes.
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=ENV, check=True)


def measure() -> dict:
    """In a child process with production settings: a location with three stations of
    four ports, asked for as visitors ask."""
    setup_django()
    import json
    from unittest import mock

    import redis
    from django.test import Client
    from django.test.utils import setup_test_environment

    from accounts.models import User
    from analytics import counting, flush
    from analytics.models import DailyCount, Kind
    from ports.models import Port
    from ports.vocabulary import ConnectorType, PowerType
    from sites.models import Site
    from stations.models import Station

    setup_test_environment()
    redis.Redis.from_url(REDIS_URL).flushdb()
    owner = User.objects.create_user(email="owner@bench.example", password="x" * 12)
    site = Site.objects.create(
        owner=owner,
        name="Bench Street Market",
        street_address="1 State St",
        city="Albany",
        state="NY",
        zip_code="12207",
        latitude=42.65,
        longitude=-73.75,
    )
    for s in range(3):
        station = Station.objects.create(site=site, name=f"Station {s + 1}", is_published=True)
        for p in range(4):
            Port.objects.create(
                station=station,
                label=f"Port {p + 1}",
                connector_type=ConnectorType.CCS,
                power_type=PowerType.DC_FAST,
                max_power_kw=150,
            )
    url = f"/locations/{site.pk}/"

    def timed(client, n=REQUESTS):
        for _ in range(5):
            client.get(url)  # warm-up: connections, the page into the cache
        samples, hits = [], 0
        for _ in range(n):
            started = time.perf_counter()
            response = client.get(url)
            samples.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code
            hits += response.headers.get("X-Page-Cache") == "hit"
        return figures(samples, cache_hits=hits)

    visitor = Client(headers={"User-Agent": BROWSER})
    rendered = Client(headers={"User-Agent": BROWSER, "Cookie": "sessionid=bench"})
    results = {"counting on, visitor": timed(visitor)}
    results["counting on, rendered"] = timed(rendered)
    with mock.patch.object(counting, "count", lambda kind, ids: None):
        results["counting off, visitor"] = timed(visitor)
    flush.flush()
    before = DailyCount.objects.get(site=site, kind=Kind.VIEW).count
    counted_requests = 2 * (REQUESTS + 5)
    assert before == counted_requests, (before, counted_requests)

    # (b) N drivers, a bot after every fourth one, then the worker's flush, twice.
    bot = Client(headers={"User-Agent": BOT})
    for n in range(EXACT_N):
        visitor.get(url)
        if n % 4 == 0:
            bot.get(url)
    started = time.perf_counter()
    batches = flush.flush()
    flush_ms = (time.perf_counter() - started) * 1000
    again = flush.flush()
    after = DailyCount.objects.get(site=site, kind=Kind.VIEW).count
    results["exact"] = {
        "requests": EXACT_N,
        "bot_requests": (EXACT_N + 3) // 4,
        "views_added": after - before,
        "batches": batches,
        "second_flush_batches": again,
        "flush_ms": round(flush_ms, 2),
    }
    print(json.dumps(results))


def main():
    prepare()
    found = child(__file__, ["--measure"], ENV)
    found["load_average"] = load_average()
    report(found)
    return verdicts("analytics", found, check(found))


def report(f):
    print(f"Location page, {REQUESTS} requests each (load average {f['load_average']})")
    for label in ("counting on, visitor", "counting off, visitor", "counting on, rendered"):
        r = f[label]
        print(
            f"  {label:<24} p50 {r['p50_ms']:.2f} ms  p95 {r['p95_ms']:.2f} ms  "
            f"({r['cache_hits']} from the page cache)"
        )
    e = f["exact"]
    print(
        f"\nExactness: {e['requests']} drivers' requests and {e['bot_requests']} bots' -> "
        f"{e['views_added']} views after the flush ({e['batches']} batch, {e['flush_ms']:.1f} ms); "
        f"a second flush added {e['second_flush_batches']}"
    )


def check(f) -> list[tuple[str, bool]]:
    e = f["exact"]
    return [
        (
            "(a) location page p50 <= 15 ms with counting on",
            f["counting on, visitor"]["p50_ms"] <= 15,
        ),
        (
            "(b) N requests -> N views after the flush, bots not counted, no double flush",
            e["views_added"] == e["requests"] and e["second_flush_batches"] == 0,
        ),
    ]


if __name__ == "__main__":
    if sys.argv[1:] == ["--measure"]:
        measure()
    else:
        sys.exit(0 if main() else 1)
