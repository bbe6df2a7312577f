"""A claimed location is never overwritten by an import: its owner gets suggestions instead.

alice has claimed Shops at Skyview center (NREL 146876: 1 Level 2 J1772, 3 DC Fast CCS, no
pricing); bob is a stranger.
"""

import re
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from ports.models import Port
from ports.vocabulary import ConnectorType, PowerType
from sites.models import Site, Suggestion, SuggestionStatus
from tests.imports.afdc import ny_row, run_import, write_csv

pytestmark = pytest.mark.django_db

SKYVIEW = "146876"


def export(tmp_path, **cells):
    rows = [ny_row("44174"), ny_row(SKYVIEW, **cells)]
    return write_csv(tmp_path / "afdc.csv", rows)


@pytest.fixture
def claimed(tmp_path, alice):
    run_import(export(tmp_path))
    site = Site.objects.get(source_id=SKYVIEW)
    site.owner = alice  # as an approved claim does
    site.save(update_fields=["owner", "updated_at"])
    return site


def pending(site):
    return dict(site.suggestions.pending().values_list("field", "message"))


def suggestion(site, field):
    return site.suggestions.pending().get(field=field)


def url(suggestion):
    return reverse("sites:suggestion", args=[suggestion.pk])


def messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


# NREL now lists a price, a new name and a fourth DC fast charger.
CHANGES = {
    "EV Pricing": "$0.48 per kWh",
    "Station Name": "Shops at Skyview Center",
    "EV DC Fast Count": "4",
}


@pytest.fixture
def changed(tmp_path, claimed):
    output = run_import(export(tmp_path, **CHANGES))
    claimed.refresh_from_db()
    return output


def test_it_leaves_a_claimed_site_as_its_owner_keeps_it(tmp_path, claimed, alice):
    ports = list(Port.objects.filter(station__site=claimed).values_list("pk", "updated_at"))

    output = run_import(export(tmp_path, **CHANGES))

    claimed.refresh_from_db()
    assert (claimed.name, claimed.pricing, claimed.owner) == ("Shops at Skyview center", "", alice)
    assert list(Port.objects.filter(station__site=claimed).values_list("pk", "updated_at")) == ports
    assert re.search(r"^  updated\s+0$", output, re.MULTILINE)
    assert "1 claimed location(s) left as their owners keep them" in output


def test_it_suggests_each_difference_in_the_owners_words(changed, claimed):
    assert pending(claimed) == {
        "name": "NREL lists the name as “Shops at Skyview Center”, "
        "you list “Shops at Skyview center”.",
        "pricing": "NREL lists the pricing as “$0.48 per kWh”, you list “”.",
        # The price read from the pricing note is a field of its own.
        "price_per_kwh": "NREL lists the price per kWh as “$0.48”, you list “”.",
        "ports:dc_fast": "NREL lists 4 DC Fast ports, you list 3.",
    }


def test_it_does_not_repeat_suggestions_on_the_next_run(tmp_path, changed, claimed):
    before = list(claimed.suggestions.values_list("pk", "field", "message", "status"))

    output = run_import(export(tmp_path, **CHANGES))

    assert list(claimed.suggestions.values_list("pk", "field", "message", "status")) == before
    assert re.search(r"^  unchanged\s+2$", output, re.MULTILINE)


def test_it_replaces_a_suggestion_when_nrel_changes_its_mind(tmp_path, changed, claimed):
    run_import(export(tmp_path, **{**CHANGES, "EV DC Fast Count": "5", "EV Pricing": ""}))

    assert pending(claimed) == {
        "name": "NREL lists the name as “Shops at Skyview Center”, "
        "you list “Shops at Skyview center”.",
        "ports:dc_fast": "NREL lists 5 DC Fast ports, you list 3.",
    }


def test_it_shows_the_owner_the_suggestions(alice_client, changed, claimed):
    response = alice_client.get(claimed.get_absolute_url())
    assert response.status_code == 200
    assert "Suggestions from NREL" in response.text
    assert "NREL lists 4 DC Fast ports, you list 3." in response.text
    form = response.text.split(f'action="{url(suggestion(claimed, "pricing"))}"')[1]
    assert 'value="accept"' in form.split("</form>")[0]


def test_it_sets_the_field_when_the_owner_accepts(alice_client, alice, changed, claimed):
    pricing = suggestion(claimed, "pricing")

    response = alice_client.post(url(pricing), {"action": "accept"})

    assert response.status_code == 302
    assert response.url == claimed.get_absolute_url()
    assert messages(response) == [f"Accepted: {pricing.message}"]
    claimed.refresh_from_db()
    pricing.refresh_from_db()
    assert claimed.pricing == "$0.48 per kWh"
    assert claimed.verified_at is not None
    assert (pricing.status, pricing.resolved_by) == (SuggestionStatus.ACCEPTED, alice)
    assert "name" in pending(claimed)  # the others still wait


def test_it_adds_the_missing_ports_when_the_owner_accepts(alice_client, changed, claimed):
    response = alice_client.post(url(suggestion(claimed, "ports:dc_fast")), {"action": "accept"})

    assert response.status_code == 302
    dc = Port.objects.filter(station__site=claimed, power_type=PowerType.DC_FAST)
    assert dc.count() == 4
    assert claimed.stations.count() == 2  # added to the DC station, not a new one
    added = dc.get(label="Port 4")
    assert (added.connector_type, added.max_power_kw) == (ConnectorType.CCS, Decimal("50"))
    assert "Approximate (imported from NREL)" in added.notes
    assert added.needs_review
    assert "ports:dc_fast" not in pending(claimed)


def test_it_dismisses_without_changing_anything(alice_client, alice, changed, claimed):
    name = suggestion(claimed, "name")

    response = alice_client.post(url(name), {"action": "dismiss"})

    assert response.status_code == 302
    assert messages(response) == [f"Dismissed: {name.message}"]
    claimed.refresh_from_db()
    name.refresh_from_db()
    assert claimed.name == "Shops at Skyview center"
    assert (name.status, name.resolved_by) == (SuggestionStatus.DISMISSED, alice)


def test_it_refuses_to_accept_fewer_ports_and_says_what_to_do(tmp_path, alice_client, claimed):
    run_import(export(tmp_path, **{"EV DC Fast Count": "2"}))
    fewer = suggestion(claimed, "ports:dc_fast")
    assert fewer.message == "NREL lists 2 DC Fast ports, you list 3."

    response = alice_client.post(url(fewer), {"action": "accept"})

    assert response.status_code == 302
    [message] = messages(response)
    assert message.startswith("Not accepted: NREL lists fewer ports than you do.")
    assert "mark them Decommissioned or delete them" in message
    fewer.refresh_from_db()
    assert fewer.status == SuggestionStatus.PENDING
    assert Port.objects.filter(station__site=claimed, power_type=PowerType.DC_FAST).count() == 3


def test_it_offers_only_dismiss_for_fewer_ports(tmp_path, alice_client, claimed):
    run_import(export(tmp_path, **{"EV DC Fast Count": "2"}))
    fewer = suggestion(claimed, "ports:dc_fast")
    page = alice_client.get(claimed.get_absolute_url()).text
    form = page.split(f'action="{url(fewer)}"')[1].split("</form>")[0]
    assert 'value="dismiss"' in form
    assert 'value="accept"' not in form


def test_it_asks_for_an_action(alice_client, changed, claimed):
    response = alice_client.post(url(suggestion(claimed, "name")), {"action": "maybe"})
    assert response.status_code == 400
    assert "name" in pending(claimed)


def test_it_is_404_for_a_stranger(bob_client, changed, claimed):
    name = suggestion(claimed, "name")
    for action in ("accept", "dismiss"):
        assert bob_client.post(url(name), {"action": action}).status_code == 404
    claimed.refresh_from_db()
    assert claimed.name == "Shops at Skyview center"
    assert Suggestion.objects.pending().count() == 4


def test_it_is_404_once_resolved(alice_client, changed, claimed):
    name = suggestion(claimed, "name")
    alice_client.post(url(name), {"action": "dismiss"})
    assert alice_client.post(url(name), {"action": "accept"}).status_code == 404


def test_it_sends_anonymous_visitors_to_log_in(client, changed, claimed):
    response = client.post(url(suggestion(claimed, "name")), {"action": "accept"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert Suggestion.objects.pending().count() == 4


def test_it_only_takes_posts(alice_client, changed, claimed):
    assert alice_client.get(url(suggestion(claimed, "name"))).status_code == 405


def test_it_adds_a_station_for_a_level_the_owner_did_not_have(tmp_path, alice_client, claimed):
    run_import(export(tmp_path, **{"EV Level1 EVSE Num": "1"}))
    level1 = suggestion(claimed, "ports:ac_level_1")
    assert level1.message == "NREL lists 1 AC Level 1 port, you list 0."

    alice_client.post(url(level1), {"action": "accept"})

    port = Port.objects.get(station__site=claimed, power_type=PowerType.AC_LEVEL_1)
    assert port.station.name == "AC Level 1 chargers"
    assert (port.connector_type, port.max_power_kw) == (ConnectorType.J1772, Decimal("1.4"))


def test_it_does_not_bring_back_a_dismissed_suggestion(tmp_path, alice_client, changed, claimed):
    alice_client.post(url(suggestion(claimed, "name")), {"action": "dismiss"})

    # NREL changes something else; the name it lists is the one alice dismissed.
    run_import(export(tmp_path, **{**CHANGES, "Access Days Time": "6am-11pm daily"}))

    assert "name" not in pending(claimed)
    assert "hours_note" in pending(claimed)
