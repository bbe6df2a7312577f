"""Support staff for the admin tests: a superuser, and a "Support" group member as in production."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client

from tests.factories import UserFactory


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
    # The group load_demo_data sets up: every model permission of our apps.
    group = Group.objects.create(name="Support")
    apps = ["accounts", "sites", "stations", "ports", "claims", "ocpi", "photos", "reports"]
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
