"""Tell screen-reader users what an HTMX request changed: static/js/app.js reads the "announce"
client event into the page's live region. A plain request gets the same words as a message."""

from django_htmx.http import trigger_client_event


def announce(response, text: str):
    return trigger_client_event(response, "announce", text)
