"""Partners for the OCPI tests: Capital Power (US/CPT) pushes Albany locations,
BeCharged (BE/BEC) pushes the specification's own examples."""

import pytest
from django.core.cache import cache

from search import places
from tests.ocpi.network import Network


@pytest.fixture(autouse=True)
def fresh_caches():
    # The cache and the search vocabulary outlive a test; each test starts from none.
    cache.clear()
    places._vocabulary.cache_clear()
    yield
    cache.clear()
    places._vocabulary.cache_clear()


@pytest.fixture
def network(db):
    return Network("Capital Power", "US", "CPT")


@pytest.fixture
def becharged(db):
    return Network("BeCharged", "BE", "BEC")
