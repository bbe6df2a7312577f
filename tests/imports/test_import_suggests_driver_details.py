"""What a driver needs (access, hours, price, phone, open date) reaches a claimed location as
suggestions, like every other field: its owner decides.

alice has claimed Shops at Skyview center (NREL 146876: public, 24 hours daily, phone
833-632-2778, no pricing, opened 2019-10-11).
"""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from sites.access import Access, AccessDetail
from sites.models import Site
from tests.imports.afdc import ny_row, run_import, write_csv

pytestmark = pytest.mark.django_db

SKYVIEW = "146876"
CHANGES = {
    "Access Code": "private",
    "Groups With Access Code": "Private - Government only",
    "Access Detail Code": "GOVERNMENT",
    "Restricted Access": "TRUE",
    "EV Pricing": "$0.48 per kWh",
    "Station Phone": "718-555-0100",
    "Open Date": "10/12/2019",
}


@pytest.fixture
def claimed(tmp_path, alice):
    run_import(write_csv(tmp_path / "afdc.csv", [ny_row(SKYVIEW)]))
    site = Site.objects.get(source_id=SKYVIEW)
    site.owner = alice
    site.save(update_fields=["owner", "updated_at"])
    run_import(write_csv(tmp_path / "afdc.csv", [ny_row(SKYVIEW, **CHANGES)]))
    site.refresh_from_db()
    return site


def pending(site):
    return dict(site.suggestions.pending().values_list("field", "message"))


def accept(client, site, field):
    suggestion = site.suggestions.pending().get(field=field)
    response = client.post(reverse("sites:suggestion", args=[suggestion.pk]), {"action": "accept"})
    assert response.status_code == 302
    site.refresh_from_db()


def test_it_leaves_the_claimed_location_as_its_owner_keeps_it(claimed):
    assert (claimed.access, claimed.phone, claimed.price_per_kwh) == (
        Access.PUBLIC,
        "833-632-2778",
        None,
    )
    assert claimed.opened_on == date(2019, 10, 11)


def test_it_suggests_each_difference_in_the_owners_words(claimed):
    assert pending(claimed) == {
        "access": "NREL lists the access as “Private”, you list “Public”.",
        "access_detail": "NREL lists the restriction as “Government only”, you list “”.",
        "restricted": "NREL lists restricted access as “yes”, you list “no”.",
        "pricing": "NREL lists the pricing as “$0.48 per kWh”, you list “”.",
        "price_per_kwh": "NREL lists the price per kWh as “$0.48”, you list “”.",
        "phone": "NREL lists the phone number as “718-555-0100”, you list “833-632-2778”.",
        "opened_on": "NREL lists the opening date as “2019-10-12”, you list “2019-10-11”.",
    }


def test_it_sets_each_field_the_owner_accepts(alice_client, claimed):
    for field in ["access", "access_detail", "restricted", "price_per_kwh", "opened_on"]:
        accept(alice_client, claimed, field)
    assert (claimed.access, claimed.access_detail, claimed.restricted) == (
        Access.PRIVATE,
        AccessDetail.GOVERNMENT,
        True,
    )
    assert claimed.price_per_kwh == Decimal("0.48")
    assert claimed.opened_on == date(2019, 10, 12)
