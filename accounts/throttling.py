"""Login throttling: what django-axes asks of us (settings.AXES_*)."""

from django.conf import settings
from django.shortcuts import render

from accounts.models import normalize_email


def locked_out_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return (
        "Too many failed attempts for this account from your address. "
        f"Try again in {minutes} minutes, or reset your password."
    )


def username(request, credentials) -> str | None:
    """The account an attempt was for, as the login form reads it: "Alice@" is "alice@"."""
    field = settings.AXES_USERNAME_FORM_FIELD
    raw = (credentials or {}).get(field) or request.POST.get(field)
    return normalize_email(raw) if isinstance(raw, str) else None


def locked_out(request, original_response=None, credentials=None):
    """The login page that was posted (ours or the admin's), saying why the right password fails."""
    context = getattr(original_response, "context_data", None) or {}
    form = context.get("form")
    if form is None:
        return render(
            request, "registration/locked_out.html", {"message": locked_out_message()}, status=429
        )
    form.errors.clear()  # "wrong password" would mislead: now even the right one is refused
    form.add_error(None, locked_out_message())
    return render(request, original_response.template_name, context, status=429)
