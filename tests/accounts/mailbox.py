"""Account mails as the owner's inbox receives them, and pages as the requester sees them."""

import re

from django.conf import settings
from django.core import mail


def only_mail(to):
    (message,) = mail.outbox
    assert message.to == [to]
    return message


def link_in(message) -> str:
    """The first link to this site in a mail, as a path."""
    match = re.search(re.escape(settings.SITE_URL) + r"(/\S+)", message.body)
    assert match, message.body
    return match.group(1)


# What differs between any two renders of a page: the CSRF token's mask and the CSP nonce.
_PER_REQUEST = re.compile(r'(nonce="|"X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]*')


def page_as_seen(response) -> str:
    """The page with its per-request tokens blanked, to compare two answers."""
    return _PER_REQUEST.sub(r"\1", response.text)
