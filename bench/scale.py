"""Benchmark: the search map and search at scale, and pages per second (issue 11).

Targets ("Scale of the map"):
  (a) the map over the whole US at 200k locations: p95 <= 60 ms server time;
  (b) radius search at 1,000,000 locations: p50 <= 20 ms, p95 <= 50 ms, the search
      within 3x its own SQL;
  (c) at 50k, the whole radius-search request, HTML included, within 4x its SQL;
  (d) gunicorn on this machine, wrk on loopback, one run: the drivers' location page and
      a radius search each serve at least half the requests per second of a 404.

Server time is measured in-process through Django's test client, DEBUG off, on
PostgreSQL. (b) and (c) measure the work itself: the page cache stands aside (as it
does for owners). (a) is measured both ways: from a cold cache, and asked again. (d)
runs as in production: gunicorn with the page cache in Redis; the same pages with the
cache standing aside (a session cookie) are printed beside them.

Databases, kept between runs while their data is complete (the first run builds them,
then copies them: the 200k and 1M sets start from a copy of the smaller one):
chargesites_bench_scale_50k, chargesites_bench_scale_200k, chargesites_bench_scale_1m.
"""

import contextlib
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from urllib.parse import urlencode

from common import (
    RADIUS,
    REPEAT,
    ROOT,
    child,
    figures,
    gunicorn,
    load_average,
    production_env,
    search_p50,
    search_sql_p50,
    setup_django,
    verdicts,
)

SERVER = os.environ.get("BENCH_SCALE_SERVER", "postgres://postgres@127.0.0.1:5432")
PREFIX = "chargesites_bench_scale_"
NATIONAL = 50_266  # locations of the 2022 list we can place
SETS = [("50k", 1), ("200k", 4), ("1m", 20)]
REDIS_URL = os.environ.get("BENCH_SCALE_REDIS_URL", "redis://127.0.0.1:6379/14")
PORT, WORKERS, THREADS, CONNECTIONS, SECONDS = 8791, 3, 2, 8, 10
ENV = production_env(None, hosts="testserver,127.0.0.1")
# The whole lower 48 as screens of a few sizes show it, at the zooms they would.
WHOLE_US = [
    {"bbox": "-125.0,24.0,-66.0,50.0", "zoom": 4},
    {"bbox": "-128.0,22.5,-63.0,51.5", "zoom": 4},
    {"bbox": "-126.5,23.0,-64.5,50.5", "zoom": 5},
    {"bbox": "-135.0,18.0,-55.0,55.0", "zoom": 3},
    {"bbox": "-124.8,24.5,-66.9,49.4", "zoom": 5},
]


def url_of(name: str) -> str:
    return f"{SERVER}/{PREFIX}{name}"


def psql(url, sql) -> str:
    done = subprocess.run(["psql", url, "-tAc", sql], check=True, capture_output=True, text=True)
    return done.stdout.strip()


def exists(name: str) -> bool:
    found = psql(
        f"{SERVER}/postgres", f"SELECT 1 FROM pg_database WHERE datname = '{PREFIX}{name}'"
    )
    return found == "1"


def prepare(name: str, multiply: int, smaller: str | None):
    """The database of this set, migrated and complete; built or grown only when not."""
    env = {**ENV, "DATABASE_URL": url_of(name)}
    manage = [sys.executable, "manage.py"]
    if not exists(name):
        source = f' TEMPLATE "{PREFIX}{smaller}"' if smaller and exists(smaller) else ""
        psql(f"{SERVER}/postgres", f'CREATE DATABASE "{PREFIX}{name}"{source}')
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    # A migration that rewrote the listings leaves dead rows the searches would wade through.
    dead = "SELECT n_dead_tup FROM pg_stat_user_tables WHERE relname = 'search_listing'"
    if int(psql(url_of(name), dead) or 0):
        psql(url_of(name), "VACUUM ANALYZE")
    have = int(psql(url_of(name), "SELECT count(*) FROM sites_site WHERE origin = 'nrel'"))
    if have < NATIONAL * multiply:
        started = time.perf_counter()
        command = [*manage, "load_scale_data", "--multiply", str(multiply)]
        subprocess.run(command, cwd=ROOT, env=env, check=True)
        psql(url_of(name), "VACUUM ANALYZE")
        print(f"  {name}: loaded in {time.perf_counter() - started:.0f} s")


def measure(which: str) -> dict:
    """Runs in a child process, with Django set up against the set's database."""
    import random

    setup_django()
    from django.core.cache import cache
    from django.test import Client
    from django.test.utils import setup_test_environment

    from chargesites import page_cache
    from sites.models import Site

    setup_test_environment()
    client = Client()

    def timed(urls, *, cold=False):
        for url in urls[:3]:
            client.get(url)  # warm-up
        samples = []
        for _ in range(REPEAT):
            for url in urls:
                if cold:
                    cache.clear()
                started = time.perf_counter()
                response = client.get(url)
                samples.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, (url, response.status_code)
        return samples

    results = {"locations": Site.objects.count()}
    if which == "map":
        urls = [f"/locations/map.json?{urlencode(params)}" for params in WHOLE_US]
        answer = client.get(urls[0]).json()
        results["map cold"] = figures(timed(urls, cold=True))
        results["map again"] = figures(timed(urls))
        results["map cold"]["clusters"] = len(answer["clusters"])
        results["map cold"]["points"] = len(answer["points"])
        results["map cold"]["total"] = answer["total"]
        return results
    # The work itself: the page cache stands aside, as it does for owners.
    page_cache.is_visitor = lambda request: False
    urls = [f"/locations/?{urlencode(params)}" for params in RADIUS]
    request = figures(timed(urls))
    sql, orm = search_sql_p50(RADIUS), search_p50(RADIUS)
    results["radius search"] = request | {
        "search_p50_ms": round(orm, 2),
        "raw_sql_p50_ms": round(sql, 2),
        "ratio_to_sql": round(orm / sql, 2),
        "request_ratio_to_sql": round(request["p50_ms"] / sql, 2),
    }
    sites = list(Site.objects.filter(listing__isnull=False).values_list("pk", flat=True)[:5000])
    results["sample_sites"] = random.Random(7).sample(sites, 50)
    return results


def child_of(name: str, which: str) -> dict:
    return child(__file__, ["--measure", which], {**ENV, "DATABASE_URL": url_of(name)})


def throughput(name: str, sites: list[int]) -> dict:
    """Requests per second through gunicorn, wrk on loopback, the page cache in Redis."""
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    env = {**ENV, "DATABASE_URL": url_of(name), "REDIS_URL": REDIS_URL}
    pages = {
        "404": ["/no-such-page/"],
        "location page": [f"/locations/{pk}/" for pk in sites],
        "radius search": [f"/locations/?{urlencode(params)}" for params in RADIUS],
    }
    with gunicorn(PORT, WORKERS, env):
        _every_worker_answers()
        results = {}
        for label, paths in pages.items():
            for path in paths:  # each page asked once: the cache holds them all
                _get(path)
            _wrk(paths, seconds=2)  # warm-up: connections, workers
            results[label] = _wrk(paths, seconds=SECONDS)
            if label != "404":
                uncached = _wrk(paths, seconds=SECONDS, header="Cookie: sessionid=bench")
                results[f"{label}, rendered"] = uncached
        return results


def _wrk(paths, *, seconds, header="") -> dict:
    env = {**os.environ, "PATHS": " ".join(paths), "HEADER": header}
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
            str(ROOT / "bench" / "paths.lua"),
            f"http://127.0.0.1:{PORT}",
        ],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    figures = json.loads(next(row for row in done.stdout.splitlines() if row.startswith("{")))
    figures["per_s"] = round(figures["requests"] / figures["seconds"], 1)
    return figures


def _get(path):
    with contextlib.suppress(urllib.error.HTTPError):
        urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=30).read()


def _every_worker_answers():
    """A loaded machine takes seconds to boot Django in each worker."""
    deadline = time.monotonic() + 120
    answered = 0
    while answered < 3 * WORKERS:
        if time.monotonic() > deadline:
            raise SystemExit("gunicorn did not start")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/no-such-page/", timeout=30)
        except urllib.error.HTTPError:
            answered += 1  # the 404 it should be
        except OSError:
            time.sleep(0.2)


def main():
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=ENV,
        check=True,
    )
    smaller = None
    for name, multiply in SETS:
        prepare(name, multiply, smaller)
        smaller = name
    found = {"load before": load_average()}
    at50 = child_of("50k", "search")
    found["50k"] = at50
    found["throughput"] = throughput("50k", at50.pop("sample_sites"))
    found["200k"] = child_of("200k", "map")
    at1m = child_of("1m", "search")
    at1m.pop("sample_sites")
    found["1m"] = at1m
    found["load after"] = load_average()
    report(found)
    return verdicts("scale", found, check(found))


def report(f):
    print(f"\nLoad average (1, 5, 15 min): {f['load before']} before, {f['load after']} after")
    cold, again = f["200k"]["map cold"], f["200k"]["map again"]
    print(f"\n(a) Map over the whole US: {f['200k']['locations']:,} locations")
    print(
        f"  cold cache  p50 {cold['p50_ms']:.2f} ms  p95 {cold['p95_ms']:.2f} ms "
        f"({cold['clusters']} clusters, {cold['points']} points for {cold['total']:,})"
    )
    print(f"  asked again p50 {again['p50_ms']:.2f} ms  p95 {again['p95_ms']:.2f} ms")
    for label, key in [("(b) Radius search", "1m"), ("(c) Radius search", "50k")]:
        r = f[key]["radius search"]
        print(f"\n{label}: {f[key]['locations']:,} locations (page cache aside)")
        print(
            f"  request p50 {r['p50_ms']:.2f} ms  p95 {r['p95_ms']:.2f} ms   search p50 "
            f"{r['search_p50_ms']:.2f} ms   SQL p50 {r['raw_sql_p50_ms']:.2f} ms   "
            f"search/SQL {r['ratio_to_sql']:.2f}   request/SQL {r['request_ratio_to_sql']:.2f}"
        )
    print(f"\n(d) Requests per second: gunicorn ({WORKERS} workers), wrk {CONNECTIONS} connections")
    for label, t in f["throughput"].items():
        print(
            f"  {label:<28}{t['per_s']:>9.1f}/s  p50 {t['p50_ms']:.2f} ms  p95 {t['p95_ms']:.2f} ms"
            f"  errors {t['errors']}"
        )
    print("  (rendered: the same pages with a session cookie, so the page cache stands aside)")


def check(f) -> list[tuple[str, bool]]:
    rate = f["throughput"]
    floor = rate["404"]["per_s"] / 2
    at1m, at50 = f["1m"]["radius search"], f["50k"]["radius search"]
    return [
        (
            "(a) 200k map over the whole US p95 <= 60 ms, asked again",
            f["200k"]["map again"]["p95_ms"] <= 60,
        ),
        (
            "(a) 200k map over the whole US p95 <= 60 ms, cold cache",
            f["200k"]["map cold"]["p95_ms"] <= 60,
        ),
        ("(b) 1M radius search p50 <= 20 ms", at1m["p50_ms"] <= 20),
        ("(b) 1M radius search p95 <= 50 ms", at1m["p95_ms"] <= 50),
        ("(b) 1M radius search <= 3x its SQL", at1m["ratio_to_sql"] <= 3),
        ("(c) 50k radius-search request <= 4x its SQL", at50["request_ratio_to_sql"] <= 4),
        ("(d) location page >= half a 404's req/s", rate["location page"]["per_s"] >= floor),
        ("(d) radius search >= half a 404's req/s", rate["radius search"]["per_s"] >= floor),
    ]


if __name__ == "__main__":
    if sys.argv[1:2] == ["--measure"]:
        print(json.dumps(measure(sys.argv[2])))
    else:
        sys.exit(0 if main() else 1)
