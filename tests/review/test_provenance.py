"""Drivers see where a listing's data comes from, and when it was last confirmed."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from sites.models import Origin, Site
from tests.factories import SiteFactory
from tests.ports.pages import text

pytestmark = pytest.mark.django_db


def provenance(client, site) -> str:
    response = client.get(reverse("sites:public", args=[site.pk]))
    assert response.status_code == 200
    found = re.search(r'<p class="provenance">(.*?)</p>', response.text, re.DOTALL)
    assert found, "no provenance line on the location page"
    return text(found.group(1))


def verified(site, days_ago):
    Site.objects.filter(pk=site.pk).update(
        verified_at=timezone.now() - datetime.timedelta(days=days_ago)
    )


def test_it_says_how_many_days_ago_the_owner_verified(client, site):
    verified(site, days_ago=12)
    assert provenance(client, site) == "Owner-verified 12 days ago"


def test_it_says_owner_verified_a_few_days_ago(client, site):
    verified(site, days_ago=3)
    assert provenance(client, site) == "Owner-verified 3 days ago"


def test_it_says_when_nrel_last_confirmed_an_imported_listing(client, imported_site):
    assert provenance(client, imported_site) == "From NREL, last confirmed 2025-02-12"


def listing_summary(client, site) -> str:
    response = client.get(reverse("sites:public", args=[site.pk]))
    found = re.search(r'<section class="summary".*?</section>', response.text, re.DOTALL)
    assert "provenance" not in response.text  # said once, in the summary
    return text(found.group())


def test_it_says_so_for_an_unclaimed_imported_listing(client):
    unclaimed = SiteFactory(
        owner=None,
        origin=Origin.NREL,
        source_id="123",
        source_confirmed_on=datetime.date(2025, 2, 12),
    )
    # Nobody vouches for it: its summary says where its listing comes from.
    assert "listed · from NREL, last confirmed 2025-02-12" in listing_summary(client, unclaimed)


def test_it_says_only_from_nrel_without_a_confirmation_date(client):
    undated = SiteFactory(owner=None, origin=Origin.NREL, source_id="123")
    assert listing_summary(client, undated).endswith("listed · from NREL")


def test_the_owners_word_outranks_nrels(client, imported_site):
    verified(imported_site, days_ago=3)
    assert provenance(client, imported_site) == "Owner-verified 3 days ago"


def test_it_claims_nothing_for_an_unverified_owner_listing(client, site):
    assert provenance(client, site) == ""


def test_it_shows_owners_the_same_line_as_drivers(alice_client, client, imported_site):
    assert provenance(alice_client, imported_site) == provenance(client, imported_site)
