"""The mails an account receives, sent by the task worker once the request commits.

Sign-up and password reset mail whatever address is typed in, so each kind of mail goes
to an address at most once a minute: neither form can be used to flood someone's inbox.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from chargesites.mail import send_mail_on_commit

ONCE_EVERY = 60  # seconds


def confirm_email(user, next_url="") -> bool:
    return _send(
        user.email,
        "Confirm your ChargeSites email",
        "accounts/mail/confirm_email.txt",
        {"user": user, "confirm_link": _confirm_link(user, next_url)},
    )


def signup_attempted(user) -> bool:
    """Someone signed up with an address that has an account: its owner hears, not them."""
    return _send(
        user.email,
        "Someone tried to sign up with your email",
        "accounts/mail/signup_attempted.txt",
        {
            "user": user,
            "login_link": _link(reverse("login")),
            "reset_link": _link(reverse("password_reset")),
            "confirm_link": None if user.email_confirmed else _confirm_link(user),
        },
    )


def password_reset(user) -> bool:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return _send(
        user.email,
        "Reset your ChargeSites password",
        "registration/password_reset_email.html",
        {"user": user, "reset_link": _link(reverse("password_reset_confirm", args=[uid, token]))},
    )


def no_account(email) -> bool:
    """A reset asked for an address no account can log in with: said to that inbox only."""
    return _send(
        email,
        "Reset your ChargeSites password",
        "accounts/mail/no_account.txt",
        {"signup_link": _link(reverse("signup")), "support_email": settings.SUPPORT_EMAIL},
    )


def _confirm_link(user, next_url=""):
    path = reverse("confirm_email_link", args=[user.email_confirmation_token()])
    return _link(path + (f"?{urlencode({'next': next_url})}" if next_url else ""))


def _link(path):
    # SITE_URL, not the request's Host header: a forged Host must not steer a mailed link.
    return f"{settings.SITE_URL}{path}"


def _send(to, subject, template, context) -> bool:
    """Queue the mail unless this kind went to this address within the minute; say which."""
    key = f"accounts-mail:{template}:{to}"
    # get-then-set rather than add(): with the cache down, add() says no and no mail would go.
    if cache.get(key):
        return False
    cache.set(key, True, ONCE_EVERY)
    send_mail_on_commit(subject, render_to_string(template, context), [to])
    return True
