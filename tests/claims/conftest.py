"""The claims cast: an imported location nobody manages yet, and support staff to review claims.

alice and bob (tests/conftest.py) are owners with no location of their own here, unless a
test gives them one.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client

from sites.models import Origin
from tests.factories import SiteFactory, UserFactory


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Keep uploaded proofs out of the repository's private/ folder."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def unclaimed(db):
    return SiteFactory(owner=None, origin=Origin.NREL, source_id="123", name="Highway Rest Area")


@pytest.fixture
def staff(db):
    return UserFactory(
        email="root@chargesites.example", display_name="Root", is_staff=True, is_superuser=True
    )


@pytest.fixture
def staff_client(staff):
    client = Client()
    client.force_login(staff)
    return client


@pytest.fixture
def support(db):
    # The group load_demo_data sets up, claims included.
    group = Group.objects.create(name="Support")
    apps = ["accounts", "sites", "stations", "ports", "claims"]
    group.permissions.set(Permission.objects.filter(content_type__app_label__in=apps))
    user = UserFactory(
        email="sam@chargesites.example", display_name="Sam from Support", is_staff=True
    )
    user.groups.add(group)
    return user


@pytest.fixture
def support_client(support):
    client = Client()
    client.force_login(support)
    return client
