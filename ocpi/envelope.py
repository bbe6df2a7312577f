"""OCPI's response envelope and the partner's token, checked on every request."""

import base64
import binascii
import functools
import json

from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from ocpi.models import Partner, hash_token

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
        partner = None
        if token:
            partner = Partner.objects.filter(token_hash=hash_token(token), is_active=True).first()
        if partner is None:
            return reply(
                status=401,
                code=2000,
                message="Missing or unknown token: send 'Authorization: Token <base64 token>'.",
            )
        request.partner = partner
        return view(request, *args, **kwargs)

    return wrapper


def json_body(request):
    """The request's JSON object; raises ValueError saying what is wrong with it."""
    if len(request.body) > MAX_BODY:
        raise OverflowError(f"Body larger than {MAX_BODY // 1024} KB.")
    try:
        data = json.loads(request.body or b"")
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ValueError(f"Malformed JSON: {error}") from None
    if not isinstance(data, dict):
        raise ValueError("The body must be a JSON object.")
    return data
