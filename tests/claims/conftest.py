"""The claims cast: an imported location nobody manages yet, and support staff to review claims.

alice and bob (tests/conftest.py) are owners with no location of their own here, unless a
test gives them one.
"""

import pytest

from sites.models import Origin
from tests.factories import SiteFactory


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Keep uploaded proofs out of the repository's private/ folder."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def unclaimed(db):
    return SiteFactory(owner=None, origin=Origin.NREL, source_id="123", name="Highway Rest Area")
