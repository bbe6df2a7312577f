"""Check-ins by outcome, per day, from community.CheckIn."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

community = pytest.importorskip(
    "community.models", reason="community.CheckIn (the check-ins helper's work) is not there yet"
)

pytestmark = pytest.mark.django_db


def test_it_counts_check_ins_by_outcome(alice_client, bob, port):
    site = port.station.site
    outcome = community.CheckIn._meta.get_field("outcome")
    values = [value for value, _ in outcome.choices]
    for value in [values[0], values[0], values[1]]:
        community.CheckIn.objects.create(site=site, port=port, driver=bob, outcome=value)
    page = alice_client.get(reverse("analytics:site", args=[site.pk]))
    assert 'id="chart-check-ins"' in page.text
    response = alice_client.get(reverse("analytics:site", args=[site.pk]) + "?format=csv")
    header, *rows = [line.split(",") for line in response.content.decode().strip().splitlines()]
    today = rows[-1]
    assert today[0] == datetime.now(UTC).date().isoformat()
    assert today[header.index(f"check_ins_{values[0]}")] == "2"
    assert today[header.index(f"check_ins_{values[1]}")] == "1"
