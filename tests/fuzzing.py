"""How hard the property tests try (a bounded count in every `make test`, many more in
`make fuzz`, HYPOTHESIS_MAX_EXAMPLES), and what the form-fuzzing tests share."""

import contextlib
import os

from django.db import transaction
from hypothesis import HealthCheck
from hypothesis import settings as examples
from hypothesis import strategies as st


def example_count(usual: int) -> int:
    return int(os.environ.get("HYPOTHESIS_MAX_EXAMPLES", usual))


# Forms posted through the test client: slow examples, fixtures made once per test.
fuzzing = examples(
    max_examples=example_count(40),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def some(strategy):
    """A field sent with this value, or not sent at all."""
    return st.one_of(st.none(), strategy)


@contextlib.contextmanager
def undone():
    """Run one example, then roll back everything it wrote."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)
