"""Logs as JSON lines, and one line per request with its timing.

Every line is one JSON object: time, level, logger, message, the request id of the
request being served (if any), the record's own simple `extra` fields and any traceback.
"""

import json
import logging
import re
import time
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime

from django.contrib.auth import SESSION_KEY
from django.core.signals import request_finished
from django.dispatch import receiver
from django.utils.functional import empty

request_id: ContextVar[str | None] = ContextVar("request_id", default=None)

logger = logging.getLogger("chargesites.requests")

# A proxy's own request id is kept when it looks like one; anything else is replaced.
_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
# Attributes every LogRecord has; whatever else a record carries came through `extra`.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        # The request's own line carries its id; other lines written meanwhile get it here.
        if (current := getattr(record, "request_id", None) or request_id.get()) is not None:
            entry["request_id"] = current
        for name, value in vars(record).items():
            # Simple values only: Django's records also carry the request object itself.
            if name not in _STANDARD and isinstance(value, str | int | float | bool | None):
                entry[name] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class RequestLogMiddleware:
    """Logs method, path (no query string), status, duration, user and request id.

    Sets the request id for every log line written while the request is served and returns
    it as `X-Request-ID`. The user is named only from what the request already loaded, so
    logging adds no query: a user id, "anonymous", or null when the request never read its
    session.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        current = incoming if _REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        # Cleared when the request finishes, after Django's own line about a 4xx or 5xx.
        request_id.set(current)
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        response["X-Request-ID"] = current
        logger.info(
            "%s %s %s %.1f ms",
            request.method,
            request.path,
            response.status_code,
            duration_ms,
            extra={
                "request_id": current,
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": duration_ms,
                "user": _user(request),
            },
        )
        return response


@receiver(request_finished)
def _forget_request_id(**kwargs):
    request_id.set(None)


def _user(request):
    user = getattr(request, "user", None)
    wrapped = getattr(user, "_wrapped", None)
    if user is not None and wrapped is not empty:
        return str(user.pk) if user.is_authenticated else "anonymous"
    session = getattr(request, "session", None)
    if session is None or session.session_key is None:
        return "anonymous"
    if not session.accessed:
        return None
    user_id = session.get(SESSION_KEY)
    return str(user_id) if user_id is not None else "anonymous"
