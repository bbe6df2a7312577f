"""One settings file, configured by environment variables (see README.md).

With nothing set it runs for development on SQLite; production sets DEBUG=0,
SECRET_KEY, ALLOWED_HOSTS and usually DATABASE_URL.
"""

import os
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from chargesites.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", True)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-used-while-debug-is-on"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "simple_history",
    "django_tasks_db",
    "accounts",
    "sites",
    "stations",
    "ports",
    "claims",
    "search",
    "nrel",
    "ocpi",
    "photos",
    "reports",
    "helpcenter",
    "chargers",
    "community",
    "labels",
    "analytics",
    "axes",
]

MIDDLEWARE = [
    # First, so its line times the whole request and sees the final status.
    "chargesites.logs.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF, the first to read a POST: an oversized upload is refused unread.
    "photos.upload_limits.UploadLimitsMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Owners' pages: Cache-Control no-store, so Back shows them as they are now.
    "chargesites.private_pages.PrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Counts location page views and search appearances for owners (in Redis).
    "analytics.counting.CountingMiddleware",
    # Records who made each port change, for the support staff's history.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "chargesites.urls"
WSGI_APPLICATION = "chargesites.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            # The design system's icons and formats, for every app's templates.
            "libraries": {"ui": "chargesites.ui"},
        },
    },
]

# SQLite needs no setup; DATABASE_URL (postgres://...) switches to PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Seconds; an unreachable database fails the request instead of hanging it.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock at BEGIN, so concurrent requests queue
    # instead of failing with "database is locked" halfway through.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Tests get a database file of their own rather than SQLite's in-memory one,
    # which the live server's threads would have to share as one connection.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"chargesites-test-{os.getpid()}.sqlite3")
    }
# Plan limits lock the owner's row while they count; one transaction per
# request keeps that lock until the new row is saved.
DATABASES["default"]["ATOMIC_REQUESTS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "sites:dashboard"
LOGOUT_REDIRECT_URL = "sites:home"
# django-axes refuses a locked-out login before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five wrong passwords for one account from one address lock that pair out for 15
# minutes after the last; other addresses and other accounts are unaffected.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "accounts.throttling.username"
AXES_CLIENT_IP_CALLABLE = "accounts.client_address.client_address"
AXES_LOCKOUT_CALLABLE = "accounts.throttling.locked_out"
# Failed attempts are kept (and shown to superusers in the admin); successful logins are not.
AXES_DISABLE_ACCESS_LOG = True
# How many proxies (load balancer, CDN) append to X-Forwarded-For in front of the app;
# 0 trusts only the connection's own address. Too high a count lets clients pick theirs.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured(f"TRUSTED_PROXY_COUNT={TRUSTED_PROXY_COUNT}: expected 0 or more.")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    # Uploaded photos: on disk under MEDIA_ROOT, or any Django storage backend.
    "default": {
        "BACKEND": env_str("MEDIA_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage")
    },
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# In development (and tests) WhiteNoise serves straight from the apps' static
# folders; production serves the collected, compressed, hashed copies.
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "media/"
# Django serves uploaded photos itself unless a web server or a storage service does.
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
# Files only their owner and support staff may open (proof of ownership), served by a view.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private")))

# Uploads are held to these while the request is read (photos/upload_limits.py), before any
# form sees them: photos are up to 10 MB each and 10 a form, claim proofs up to 5 MB.
UPLOAD_MAX_FILE_BYTES = 10 * 1024 * 1024  # of a larger file, only its size is kept
DATA_UPLOAD_MAX_NUMBER_FILES = 10
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # the fields besides files (Django's 2.5 MB, stated)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # a larger file waits in a temporary file, not in memory
# The largest request a form of ours sends; a bigger one is answered 413 unread.
UPLOAD_MAX_REQUEST_BYTES = (
    DATA_UPLOAD_MAX_NUMBER_FILES * UPLOAD_MAX_FILE_BYTES + DATA_UPLOAD_MAX_MEMORY_SIZE
)
FILE_UPLOAD_HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "photos.upload_limits.CappedTemporaryFileUploadHandler",
]

# Who we are in OCPI, as a sender of our listings.
OCPI_COUNTRY_CODE = env_str("OCPI_COUNTRY_CODE", "US")
OCPI_PARTY_ID = env_str("OCPI_PARTY_ID", "CHS")

# The OCPP 1.6J server (manage.py ocpp_server): where it listens, and the address the owners'
# "Connect this charger" shows when chargers reach it elsewhere than this site's host
# (`make run` sets ws://127.0.0.1:9000). Each process holds this many database connections.
OCPP_HOST = env_str("OCPP_HOST", "127.0.0.1")
OCPP_PORT = env_int("OCPP_PORT", 9000)
OCPP_PUBLIC_URL = env_str("OCPP_PUBLIC_URL", "")
OCPP_DATABASE_THREADS = env_int("OCPP_DATABASE_THREADS", 8)

# Every change of a port's status is kept for uptime; off only to measure what it costs.
KEEP_STATUS_HISTORY = env_bool("KEEP_STATUS_HISTORY", True)

# Local memory by default; Redis (shared by every worker process) when REDIS_URL is set.
# An unreachable Redis reads as a miss (chargesites/cache.py): pages come from the database.
if env_str("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "chargesites.cache.FallbackRedisCache",
            "LOCATION": env_str("REDIS_URL"),
            # A silent Redis makes one request wait a second every 10 s, not every request hang.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Mail goes to the console in development unless an SMTP server is named.
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "ChargeSites <noreply@chargesites.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
SUPPORT_EMAIL = env_str("SUPPORT_EMAIL", "support@chargesites.example")
# Where links in emails point.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
if DEBUG and not env_str("SMTP_HOST"):
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env_str("SMTP_HOST", "localhost"),
                "port": env_int("SMTP_PORT", 587),
                "username": env_str("SMTP_USER"),
                "password": env_str("SMTP_PASSWORD"),
                "use_tls": env_bool("SMTP_USE_TLS", True),
                # Seconds; a mail server that stops answering must not hold the task worker.
                "timeout": 30,
            },
        }
    }

# Background work (mail first) runs in the task worker, `manage.py db_worker` (Procfile):
# tasks are rows in our own database, so a task enqueued is never lost with a process.
# The tests run each task at once instead (ImmediateBackend, tests/conftest.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Scripts run only from our own origin and with this response's nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    # Map tiles come from OpenStreetMap.
    "img-src": [CSP.SELF, "data:", "https://tile.openstreetmap.org"],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# Behind a TLS-terminating proxy set SECURE_PROXY_SSL_HEADER=1.
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# Load balancers probe over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_REFERRER_POLICY = "same-origin"

# One JSON object per line (chargesites/logs.py); one line per request from RequestLogMiddleware.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "chargesites.logs.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Django's own loggers write through the root's handler too, not a plain-text one of theirs.
    "loggers": {
        "django": {"handlers": [], "level": env_str("LOG_LEVEL", "INFO")},
        "django.server": {
            "handlers": ["console"],
            "level": env_str("LOG_LEVEL", "INFO"),
            "propagate": False,
        },
        # django-axes says INFO at every start, log-in and log-out; lock-outs are warnings.
        "axes": {"level": "WARNING"},
        # Every OCPP frame and every charger's connect and disconnect: for debugging only.
        "chargers.frames": {"level": "WARNING"},
        "chargers.websockets": {"level": "WARNING"},
    },
}
