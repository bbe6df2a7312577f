"""Production settings in a real process: static files collect, and the Redis cache works."""

import os
import secrets
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def manage(*args, **env):
    production = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "chargesites.example",
        **env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=production,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_collects_static_files_for_whitenoise(tmp_path):
    result = manage("collectstatic", "--noinput", STATIC_ROOT=str(tmp_path))
    assert result.returncode == 0, result.stderr
    manifest = (tmp_path / "staticfiles.json").read_text()
    for name in ["css/site.css", "vendor/leaflet/leaflet.js", "js/search-map.js"]:
        assert f'"{name}"' in manifest
    assert list(tmp_path.glob("css/site.*.css.gz")), "compressed, hashed copies for WhiteNoise"


def _redis_is_up():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
        return True
    except OSError:
        return False


@pytest.mark.skipif(not _redis_is_up(), reason="no Redis server at 127.0.0.1:6379")
def test_it_caches_in_redis_when_redis_url_is_set():
    code = (
        "from django.core.cache import caches; import sys;"
        "cache = caches['default']; cache.set('chargesites-test', 42, 30);"
        "sys.stdout.write(type(cache).__name__ + ' ' + str(cache.get('chargesites-test')))"
    )
    result = manage("shell", "-c", code, REDIS_URL="redis://127.0.0.1:6379/15")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("RedisCache 42")
