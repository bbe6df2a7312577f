"""Partners for the OCPI tests: Capital Power (US/CPT) pushes Albany locations,
BeCharged (BE/BEC) pushes the specification's own examples."""

import pytest

from tests.ocpi.network import Network


@pytest.fixture
def becharged(db):
    return Network("BeCharged", "BE", "BEC")
