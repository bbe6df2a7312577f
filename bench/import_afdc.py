"""Benchmark: import the whole NREL New York export into PostgreSQL, then again.

Targets (issue: "NREL data in, claims through"): first import under 10 s with
under 200 MB peak memory; re-import of the same file under 5 s.
Each run is a separate `manage.py import_afdc` process, measured from outside:
wall time, and the process's peak resident memory from wait4().
"""

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXPORT = ROOT.parent / "shared" / "data" / "afdc-ny-2025-04.csv"
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/chargesites_bench"
)
TARGETS = {"first import": (10.0, 200.0), "re-import": (5.0, 200.0)}


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )


def measured(*args, env):
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
    )
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"import_afdc failed:\n{output}")
    inside = float(re.search(r"in ([\d.]+) s", output).group(1))
    counts = dict(re.findall(r"^\s+(created|updated|unchanged|skipped)\s+([\d,]+)", output, re.M))
    return {
        "wall_s": round(seconds, 2),
        "import_s": inside,
        "peak_mb": round(usage.ru_maxrss / 1024, 1),
        **counts,
    }


def main():
    env = {**os.environ, "DATABASE_URL": DATABASE_URL, "DEBUG": "0", "SECRET_KEY": "bench-only"}
    name = DATABASE_URL.rsplit("/", 1)[1]
    admin_url = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    subprocess.run(["psql", admin_url, "-qc", f'DROP DATABASE IF EXISTS "{name}"'], check=True)
    subprocess.run(["psql", admin_url, "-qc", f'CREATE DATABASE "{name}"'], check=True)
    manage("migrate", "--noinput", env=env)
    results = {
        "first import": measured("import_afdc", str(EXPORT), env=env),
        "re-import": measured("import_afdc", str(EXPORT), env=env),
    }
    print(f"\nNREL import of {EXPORT.name} into PostgreSQL")
    print(f"{'run':<14}{'wall s':>8}{'import s':>10}{'peak MB':>9}  {'target':<22}result")
    ok = True
    for run, figures in results.items():
        seconds, megabytes = TARGETS[run]
        met = figures["wall_s"] < seconds and figures["peak_mb"] < megabytes
        ok &= met
        print(
            f"{run:<14}{figures['wall_s']:>8.2f}{figures['import_s']:>10.2f}{figures['peak_mb']:>9.1f}"
            f"  < {seconds:g} s, < {megabytes:g} MB    {'met' if met else 'MISSED'}"
        )
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / "import_afdc.json").write_text(json.dumps(results, indent=2))
    print(f"(written to {out / 'import_afdc.json'})")
    return ok


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
