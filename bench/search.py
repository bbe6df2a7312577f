"""Benchmark: driver search and pages on the national data set, at 50k and 200k locations.

Targets (issue "Drivers find compatible chargers"): at 50k locations, radius search
p50 <= 30 ms and p95 <= 80 ms, text search p50 <= 50 ms; at 200k each figure at most
2x its 50k value; each search at most 3x the raw SQL query returning the same rows;
the location page p50 <= 15 ms with a fixed query count.

Server time is measured in-process through Django's test client (middleware, view,
template), with DEBUG off, against PostgreSQL.
"""

import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
DATABASE_URL = os.environ.get(
    "BENCH_SEARCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/chargesites_bench_search"
)
# Production settings, but plain HTTP: the test client does not speak TLS.
ENV = {
    **os.environ,
    "DATABASE_URL": DATABASE_URL,
    "DEBUG": "0",
    "SECRET_KEY": "bench-only",
    "SECURE_SSL_REDIRECT": "0",
    "SECURE_COOKIES": "0",
    "ALLOWED_HOSTS": "testserver",
}
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
REPEAT = 15


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
    import django

    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "chargesites.settings"
    django.setup()
    from django.db import connection
    from django.http import QueryDict
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from accounts.models import User
    from accounts.plans import Plan
    from search.query import SearchForm, filtered, page_query, search, with_words, words_of
    from sites.models import Site
    from stations.models import Station

    setup_test_environment()
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

    def orm(params_list):
        """The search itself through Django (form, ORM, rows), without HTTP or HTML."""
        forms = [QueryDict(urlencode(params)) for params in params_list]
        samples = []
        for _ in range(REPEAT):
            for query in forms:
                started = time.perf_counter()
                form = SearchForm(query)
                form.is_valid()
                search(form.cleaned_data, form.place)
                samples.append((time.perf_counter() - started) * 1000)
        return samples

    def raw(params_list):
        """The SQL the search runs for its results, executed bare: same rows, no Django."""
        statements = []
        for params in params_list:
            form = SearchForm(QueryDict(urlencode(params)))
            assert form.is_valid(), form.errors
            data = form.cleaned_data
            words = words_of(data.get("q"))
            listings = with_words(filtered(data, form.place), words)
            statements.append(page_query(listings, words, form.place).query.sql_with_params())
        samples = []
        with connection.cursor() as cursor:
            for _ in range(REPEAT):
                for sql, params in statements:
                    started = time.perf_counter()
                    cursor.execute(sql, params)
                    cursor.fetchall()
                    samples.append((time.perf_counter() - started) * 1000)
        return samples

    radius_params = [
        {"lat": lat, "lng": lng, "radius": 25, "connector": "ccs"} for lat, lng in CITIES.values()
    ]
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
    for name, params in [("radius search", radius_params), ("text search", text_params)]:
        samples, queries = timed([f"/locations/?{urlencode(p)}" for p in params])
        sql = statistics.median(raw(params))
        orm_p50 = statistics.median(orm(params))
        results[name] = _figures(samples, queries) | {
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
    results["location page"] = _figures(samples, queries) | {"query_counts_seen": sorted(counts)}
    samples, queries = timed([f"/dashboard/stations/{pk}/" for pk in stations], login=owner)
    results["station page"] = _figures(samples, queries)
    return results


def _figures(samples, queries):
    cuts = statistics.quantiles(samples, n=20)
    return {
        "p50_ms": round(statistics.median(samples), 2),
        "p95_ms": round(cuts[18], 2),
        "queries": queries,
        "requests": len(samples),
    }


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
        for figures, label in [(at50, "50k"), (at200, "200k")]:
            within = figures[name]["ratio_to_sql"] <= 3
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


def child_measure() -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--measure"],
        cwd=ROOT,
        env=ENV,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def print_table(label, figures):
    print(f"\n{label}: {figures['locations']:,} locations")
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
        f = figures[name]
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
    at50 = child_measure()
    print_table("National data set", at50)
    rebuild(4)
    at200 = child_measure()
    print_table("Four times as many (--multiply 4)", at200)
    checks = check(at50, at200)
    print()
    for name, met in checks:
        print(f"  {'met   ' if met else 'MISSED'}  {name}")
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / "search.json").write_text(json.dumps({"50k": at50, "200k": at200}, indent=2))
    print(f"(written to {out / 'search.json'})")
    return all(met for _, met in checks)


if __name__ == "__main__":
    if sys.argv[1:] == ["--measure"]:
        print(json.dumps(measure()))
    else:
        sys.exit(0 if main() else 1)
