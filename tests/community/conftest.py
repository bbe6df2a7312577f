"""The cast grows a driver: carol, confirmed, who charges at alice's location."""

import pytest
from django.test import TestCase
from django.urls import reverse

from community.models import Outcome
from tests.conftest import logged_in
from tests.factories import UserFactory


@pytest.fixture
def carol(db):
    return UserFactory(email="carol@example.com", display_name="Carol")


@pytest.fixture
def carol_client(carol):
    return logged_in(carol)


def check_in_url(site):
    return reverse("community:check_in", args=[site.pk])


def check_in(client, site, port, outcome=Outcome.CHARGED, headers=None, **data):
    """Post a check-in, running what waits for the commit (mail) as a real commit would."""
    fields = {"port": port.pk, "outcome": outcome, **data}
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(check_in_url(site), fields, headers=headers or {})
