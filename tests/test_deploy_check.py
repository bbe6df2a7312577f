"""Production settings: `check --deploy` is clean; a mistake stops start-up with a reason."""

import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
# Everything settings.py reads, so the developer's own environment cannot leak in.
SETTINGS_VARIABLES = {
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "DATABASE_URL",
    "DB_CONN_MAX_AGE",
    "TIME_ZONE",
    "MEDIA_ROOT",
    "DEFAULT_FROM_EMAIL",
    "SUPPORT_EMAIL",
    "SMTP_HOST",
    "SMTP_PORT",
    "SMTP_USER",
    "SMTP_PASSWORD",
    "SMTP_USE_TLS",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_COOKIES",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "LOG_LEVEL",
}


def secret_key():
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    return "".join(secrets.choice(alphabet) for _ in range(60))


PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": secret_key(),
    "ALLOWED_HOSTS": "chargesites.example",
}


def manage(*args, **variables):
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    env["DJANGO_SETTINGS_MODULE"] = "chargesites.settings"
    env.update(variables)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def assert_clean(result):
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output.upper(), output
    assert "System check identified no issues" in output


def test_it_passes_the_deploy_check_with_production_settings():
    assert_clean(manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION))


def test_it_passes_the_deploy_check_with_an_smtp_server_named():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION, SMTP_HOST="smtp.example"
    )
    assert_clean(result)


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = manage("check", DEBUG="0", ALLOWED_HOSTS="chargesites.example")
    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY must be set when DEBUG is off." in result.stderr


def test_it_refuses_a_debug_value_it_does_not_understand():
    result = manage("check", **{**PRODUCTION, "DEBUG": "maybe"})
    assert result.returncode != 0
    assert (
        "ImproperlyConfigured: DEBUG='maybe': use one of 1/0, true/false, yes/no, on/off."
        in result.stderr
    )
