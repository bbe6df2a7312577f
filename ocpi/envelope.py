"""OCPI's response envelope and the partner's token, checked on every request."""

import base64
import binascii
import functools
import json

from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from ocpi.models import Partner

MAX_BODY = 256 * 1024


def reply(data=None, *, status=200, code=1000, message="Success", headers=None):
    body = {
        "data": data,
        "status_code": code,
        "status_message": message,
        "timestamp": timezone.now().strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    return JsonResponse(body, status=status, headers=headers)


def token_of(request) -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "token" or not value.strip():
        return None
    value = value.strip()
    try:  # OCPI 2.2.1 sends the token base64-encoded; 2.1.1 partners send it as is
        decoded = base64.b64decode(value, validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return value
    return decoded


def partner_required(view):
    """401 in the envelope without a valid token; CSRF does not apply to tokens."""

    @csrf_exempt
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        token = token_of(request)
        partner = Partner.by_token(token) if token else None
        if partner is None:
            return reply(
                status=401,
                code=2000,
                message="Missing or unknown token: send 'Authorization: Token <base64 token>'.",
            )
        request.partner = partner
        return view(request, *args, **kwargs)

    return wrapper


class BodyTooLarge(Exception):
    pass


def json_body(request):
    """The request's JSON object; raises ValueError saying what is wrong with it."""
    too_large = BodyTooLarge(f"Body larger than {MAX_BODY // 1024} KB.")
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > MAX_BODY:
        raise too_large
    try:
        body = request.body
    except RequestDataTooBig:
        raise too_large from None
    if len(body) > MAX_BODY:
        raise too_large
    try:
        data = json.loads(body or b"")
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ValueError(f"Malformed JSON: {error}") from None
    if not isinstance(data, dict):
        raise ValueError("The body must be a JSON object.")
    if _has_nul(data):
        raise ValueError("Text may not contain NUL characters (\\u0000).")
    return data


def _has_nul(value) -> bool:
    # PostgreSQL stores no NUL in text or JSON: refuse it here, with a message.
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(item) for item in value)
    return False


def methods(*allowed):
    """Like require_http_methods, but a 405 also comes in the envelope."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in allowed:
                response = reply(status=405, code=2000, message=f"Use {', '.join(allowed)} here.")
                response["Allow"] = ", ".join(allowed)
                return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
