"""OCPI's response envelope and the partner's token, checked on every request."""

import base64
import binascii
import functools
import json
import math

from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from ocpi.models import Partner

MAX_BODY = 256 * 1024
MAX_TOKEN = 512  # base64 of OCPI's longest token (string(64)), with room to spare
# An OCPI Location nests five levels deep; this leaves room for partners' own fields.
MAX_DEPTH = 32


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
    value = value.strip()
    # Our tokens are short and ASCII: anything else is nobody's, whatever it decodes to.
    if scheme.lower() != "token" or not value or len(value) > MAX_TOKEN or not value.isascii():
        return None
    try:  # OCPI 2.2.1 sends the token base64-encoded; 2.1.1 partners send it as is
        decoded = base64.b64decode(value, validate=True).decode("ascii")
    except (binascii.Error, UnicodeDecodeError):
        return value
    return decoded


def partner_required(view):
    """401 in the envelope without a valid token; CSRF does not apply to tokens.

    The ids in the URL are checked here too, before any view looks them up.
    """

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
        for name, value in kwargs.items():
            if value is not None and not _printable_ascii(value):
                return reply(
                    status=400,
                    code=2001,
                    message=f"The URL's {name} must be printable ASCII (an OCPI CiString).",
                )
        request.partner = partner
        return view(request, *args, **kwargs)

    return wrapper


def _printable_ascii(text: str) -> bool:
    return all(" " <= character <= "~" for character in text)


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
    too_deep = ValueError(f"JSON nested more than {MAX_DEPTH} levels deep.")
    try:
        data = json.loads(body or b"", parse_constant=_no_constant, parse_float=_finite)
    except RecursionError:
        raise too_deep from None
    except ValueError as error:  # also a number of more than 4300 digits
        raise ValueError(f"Malformed JSON: {error}") from None
    if not isinstance(data, dict):
        raise ValueError("The body must be a JSON object.")
    _check_values(data, too_deep)
    return data


def _no_constant(name):
    raise ValueError(f"{name} is not a JSON number")


def _finite(text):
    number = float(text)
    if math.isinf(number):  # 1e400: no database stores it
        raise ValueError(f"{text[:20]} is out of range")
    return number


def _check_values(data, too_deep: ValueError):
    """Refuse nesting deeper than MAX_DEPTH, and text a database cannot hold, without
    recursing."""
    pending = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, str):
            if "\x00" in value:  # PostgreSQL stores no NUL in text or JSON
                raise ValueError("Text may not contain NUL characters (\\u0000).")
            try:
                value.encode()
            except UnicodeEncodeError:  # JSON's "\ud800": half of a UTF-16 pair, alone
                raise ValueError("Text may not contain unpaired surrogates.") from None
            continue
        if isinstance(value, dict):
            children = [*value.keys(), *value.values()]
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > MAX_DEPTH:
            raise too_deep
        pending.extend((child, depth + 1) for child in children)


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
