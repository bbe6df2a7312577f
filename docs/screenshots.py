"""The README's screenshots, taken from the app as it is: `make screenshots`.

Migrates a throwaway SQLite database, loads the demo data, serves the app with runserver on a
free port, logs in as the demo owner in Debian's Chromium and writes, into docs/screenshots/:

    dashboard.png  station.png  driver-location.png             (1280 × 800)
    dashboard-phone.png  station-phone.png  driver-location-phone.png  (390 × 844)

Nothing of the developer's own database, media or cache is touched; the browser asks nothing of
the internet (map tiles are left blank), so the pictures depend on the code alone.
"""

import argparse
import contextlib
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SIZES = {"": {"width": 1280, "height": 800}, "-phone": {"width": 390, "height": 844}}
SERVER_START_SECONDS = 60


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"folder for the PNGs ({OUT})")
    parser.add_argument(
        "--full-page", action="store_true", help="whole pages, not only the first screen"
    )
    args = parser.parse_args()
    if not os.path.exists(CHROMIUM):
        sys.exit(f"{CHROMIUM} is missing: `make chromium` installs Debian's chromium package.")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="chargesites-screenshots-") as scratch:
        environment = demo_environment(Path(scratch))
        prepare_demo(environment)
        demo = demo_pages(environment)
        with serving(environment) as base_url:
            written = take_screenshots(base_url, demo, args.out, args.full_page)
    for path in written:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


def demo_environment(scratch: Path) -> dict:
    """Settings for a private copy of the app: its own database, media, cache and tasks."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "SMTP_HOST"}
    }
    environment |= {
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{scratch / 'db.sqlite3'}",
        "MEDIA_ROOT": str(scratch / "media"),
        "PRIVATE_MEDIA_ROOT": str(scratch / "private"),
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }
    return environment


def manage(environment, *arguments, **options):
    return subprocess.run(
        [sys.executable, "manage.py", *arguments], cwd=ROOT, env=environment, **options
    )


def prepare_demo(environment):
    for step in (["migrate", "--noinput"], ["load_demo_data"]):
        result = manage(environment, *step, capture_output=True, text=True)
        if result.returncode:
            sys.exit(f"manage.py {' '.join(step)} failed:\n{result.stdout}{result.stderr}")


def demo_pages(environment) -> dict:
    """The demo owner's login and the pages to picture, {name: [path, as the owner?]}: the
    owner's dashboard, their fullest station's page, the drivers' page of the first location."""
    code = """
import json
import django
django.setup()
from django.db.models import Count
from django.urls import reverse
from sites.management.commands.load_demo_data import DEMO, OWNER
from sites.models import Site
from stations.models import Station

station = (
    Station.objects.filter(site__owner__email=OWNER[0])
    .annotate(port_count=Count("ports"))
    .order_by("-port_count", "pk")
    .first()
)
site = Site.objects.get(owner__email=OWNER[0], name=DEMO[0]["site"]["name"])
print(json.dumps({
    "login": OWNER[:2],
    "pages": {
        "dashboard": [reverse("sites:dashboard"), True],
        "station": [station.get_absolute_url(), True],
        "driver-location": [site.get_public_url(), False],
    },
}))
"""
    environment = environment | {"DJANGO_SETTINGS_MODULE": "chargesites.settings"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    if result.returncode:
        sys.exit(f"Could not find the demo pages:\n{result.stderr}")
    return json.loads(result.stdout)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def serving(environment):
    """runserver on a free port, until the block ends; its URL once it answers."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(server, f"{base_url}/accounts/login/")
        yield base_url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def wait_until_up(server, url):
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"runserver stopped:\n{server.stderr.read()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)  # polling a process that is starting, not waiting for a result
    sys.exit(f"runserver did not answer {url} within {SERVER_START_SECONDS} s")


def take_screenshots(base_url, demo, out: Path, full_page: bool) -> list[Path]:
    from playwright.sync_api import sync_playwright

    email, password = demo["login"]
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        try:
            for suffix, viewport in SIZES.items():
                for as_owner in (True, False):
                    context = browser.new_context(viewport=viewport, reduced_motion="reduce")
                    context.set_default_timeout(15_000)
                    # Our own server only: no tiles from elsewhere, the same pictures offline.
                    context.route("**/*", lambda route: own_requests_only(route, base_url))
                    page = context.new_page()
                    if as_owner:
                        log_in(page, base_url, email, password)
                    for name, (path, owners) in demo["pages"].items():
                        if owners != as_owner:
                            continue
                        page.goto(f"{base_url}{path}", wait_until="networkidle")
                        target = out / f"{name}{suffix}.png"
                        page.screenshot(path=target, full_page=full_page, animations="disabled")
                        written.append(target)
                    context.close()
        finally:
            browser.close()
    return written


def own_requests_only(route, base_url):
    if route.request.url.startswith(base_url):
        route.continue_()
    else:
        route.abort()


def log_in(page, base_url, email, password):
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base_url}/dashboard/")


if __name__ == "__main__":
    main()
