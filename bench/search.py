"""Benchmark: driver search and pages on the national data set, at 50k and 200k locations.

Targets (issue "Drivers find compatible chargers"): at 50k locations, radius search
p50 <= 30 ms and p95 <= 80 ms, text search p50 <= 50 ms; at 200k each figure at most
2x its 50k value; each search at most 3x the raw SQL query returning the same rows;
the location page p50 <= 15 ms with a fixed query count.

Server time is measured in-process through Django's test client (middleware, view,
template), with DEBUG off, against PostgreSQL, with the page cache standing aside (as it
does for owners): what is measured is the work, not a cached copy of it.
"""

import json
import os
import random
import statistics
import subprocess
import sys
import time
from urllib.parse import urlencode

from common import (
    RADIUS,
    REPEAT,
    ROOT,
    child,
    figures,
    production_env,
    search_p50,
    search_sql_p50,
    setup_django,
    verdicts,
)

DATABASE_URL = os.environ.get(
    "BENCH_SEARCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/chargesites_bench_search"
)
ENV = production_env(DATABASE_URL)
WORDS = [
    "walmart",
    "hilton",
    "tesla",
    "whole foods",
    "library",
    "city hall",
    "ford",
    "marriott",
    "target",
    "hospital",
]


def rebuild(multiply: int | None):
    name = DATABASE_URL.rsplit("/", 1)[1]
    admin_url = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    manage = [sys.executable, "manage.py"]
    if multiply is None:
        subprocess.run(["psql", admin_url, "-qc", f'DROP DATABASE IF EXISTS "{name}"'], check=True)
        subprocess.run(["psql", admin_url, "-qc", f'CREATE DATABASE "{name}"'], check=True)
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=ENV, check=True)
        subprocess.run([*manage, "load_scale_data"], cwd=ROOT, env=ENV, check=True)
    else:
        command = [*manage, "load_scale_data", "--multiply", str(multiply)]
        subprocess.run(command, cwd=ROOT, env=ENV, check=True)
    subprocess.run(["psql", DATABASE_URL, "-qc", "VACUUM ANALYZE"], check=True)


def measure() -> dict:
    """Runs in a child process, with Django set up against the bench database."""
    setup_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from accounts.models import User
    from accounts.plans import Plan
    from chargesites import page_cache
    from sites.models import Site
    from stations.models import Station

    setup_test_environment()
    # The work itself, as an owner gets it: a visitor's repeat would be the page cache's hit.
    page_cache.is_visitor = lambda request: False
    rng = random.Random(7)

    def timed(urls, login=None):
        client = Client()
        if login:
            client.force_login(login)
        for url in urls[:3]:
            client.get(url)  # warm-up
        samples = []
        for _ in range(REPEAT):
            for url in urls:
                started = time.perf_counter()
                response = client.get(url)
                samples.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, (url, response.status_code)
        with CaptureQueriesContext(connection) as queries:
            client.get(urls[0])
        return samples, len(queries)

    text_params = [{"q": word} for word in WORDS]
    sample_sites = rng.sample(list(Site.objects.values_list("pk", flat=True)), 50)
    owner, _ = User.objects.get_or_create(
        email="bench-owner@example.com",
        defaults={"display_name": "Bench", "plan": Plan.PREMIUM_MULTI},
    )
    owned = sample_sites[:5]
    Site.objects.filter(pk__in=owned).update(owner=owner)
    stations = list(Station.objects.filter(site_id__in=owned).values_list("pk", flat=True))

    results = {"locations": Site.objects.count()}
    for name, params in [("radius search", RADIUS), ("text search", text_params)]:
        samples, queries = timed([f"/locations/?{urlencode(p)}" for p in params])
        sql, orm_p50 = search_sql_p50(params), search_p50(params)
        results[name] = figures(samples, queries=queries) | {
            "search_p50_ms": round(orm_p50, 2),
            "raw_sql_p50_ms": round(sql, 2),
            "ratio_to_sql": round(orm_p50 / sql, 2),
            "request_ratio_to_sql": round(statistics.median(samples) / sql, 2),
        }
    samples, queries = timed([f"/locations/{pk}/" for pk in sample_sites])
    counts = set()
    client = Client()
    for pk in sample_sites:
        with CaptureQueriesContext(connection) as captured:
            client.get(f"/locations/{pk}/")
        counts.add(len(captured))
    results["location page"] = figures(samples, queries=queries, query_counts_seen=sorted(counts))
    samples, queries = timed([f"/dashboard/stations/{pk}/" for pk in stations], login=owner)
    results["station page"] = figures(samples, queries=queries)
    return results


def check(at50, at200) -> list[tuple[str, bool]]:
    """The issue's targets. "Each figure at most 2x" at 200k is each figure the 50k
    targets name (radius p50 and p95, text p50, location page p50); the text p95 is
    reported, not targeted."""
    checks = [
        ("50k radius search p50 <= 30 ms", at50["radius search"]["p50_ms"] <= 30),
        ("50k radius search p95 <= 80 ms", at50["radius search"]["p95_ms"] <= 80),
        ("50k text search p50 <= 50 ms", at50["text search"]["p50_ms"] <= 50),
        ("50k location page p50 <= 15 ms", at50["location page"]["p50_ms"] <= 15),
        ("location page: one query count", len(at50["location page"]["query_counts_seen"]) == 1),
    ]
    for name in ["radius search", "text search"]:
        for found, label in [(at50, "50k"), (at200, "200k")]:
            within = found[name]["ratio_to_sql"] <= 3
            checks.append((f"{label} {name}: search <= 3x its raw SQL", within))
    for name, key in [
        ("radius search", "p50_ms"),
        ("radius search", "p95_ms"),
        ("text search", "p50_ms"),
        ("location page", "p50_ms"),
    ]:
        doubled = at200[name][key] <= 2 * at50[name][key]
        checks.append((f"200k {name} {key} <= 2x 50k", doubled))
    return checks


def print_table(label, found):
    print(f"\n{label}: {found['locations']:,} locations")
    print(
        f"{'':<15}{'request p50':>12}{'p95':>7}{'queries':>8}"
        f"{'search p50':>11}{'SQL p50':>9}{'search/SQL':>11}{'request/SQL':>12}"
    )
    columns = [
        ("search_p50_ms", 11),
        ("raw_sql_p50_ms", 9),
        ("ratio_to_sql", 11),
        ("request_ratio_to_sql", 12),
    ]
    for name in ["radius search", "text search", "location page", "station page"]:
        f = found[name]
        extra = "".join(
            f"{f[key]:>{width}.2f}" if key in f else f"{'-':>{width}}" for key, width in columns
        )
        print(f"{name:<15}{f['p50_ms']:>12.2f}{f['p95_ms']:>7.2f}{f['queries']:>8}{extra}")
    print("(ms. search: the form, the ORM and the rows, without HTTP or HTML;")
    print(" SQL: the same query run bare on the same connection)")


def main():
    manage = [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"]
    subprocess.run(manage, cwd=ROOT, env=ENV, check=True)
    rebuild(None)
    at50 = child(__file__, ["--measure"], ENV)
    print_table("National data set", at50)
    rebuild(4)
    at200 = child(__file__, ["--measure"], ENV)
    print_table("Four times as many (--multiply 4)", at200)
    return verdicts("search", {"50k": at50, "200k": at200}, check(at50, at200))


if __name__ == "__main__":
    if sys.argv[1:] == ["--measure"]:
        print(json.dumps(measure()))
    else:
        sys.exit(0 if main() else 1)
