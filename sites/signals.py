"""What the core tells feature apps about locations, without knowing who listens.

Per-row signals (post_save, post_delete) cover ordinary edits. A bulk writer (an
import) writes rows without them, or deletes many at once: it wraps its work in
`bulk_writes()`, so that per-row receivers may wait, and then sends
`locations_changed` once with the ids of every location it touched.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.dispatch import Signal

# Sent with site_ids=[...]: these locations, their stations or their ports changed in bulk.
locations_changed = Signal()

_bulk_writing = ContextVar("bulk_writing", default=False)


@contextmanager
def bulk_writes():
    """Per-row receivers may skip their work here: `locations_changed` follows."""
    token = _bulk_writing.set(True)
    try:
        yield
    finally:
        _bulk_writing.reset(token)


def is_bulk_writing() -> bool:
    return _bulk_writing.get()
