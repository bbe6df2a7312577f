"""Price: "Free" is free; "$0.40 per kWh", "$1.50 per session", "$2.50 per hour" fill their
fields when the words leave no doubt; the words are always kept whole as the pricing note.

An idle fee is what staying plugged in costs, not charging: it fills nothing. An initiation
fee is a price per session. A condition ("for first 3 hours", "for public"), a range or a
unit we have no field for leaves every price empty: the note says it all.
"""

from decimal import Decimal

import pytest

from sites.models import Site
from tests.imports.afdc import ny_row, run_import, write_csv

pytestmark = pytest.mark.django_db

# Real NY rows and the pricing each writes.
REAL = {
    "148042": ("FREE", True, None, None, None),
    "153284": ("Free; donations encouraged", True, None, None, None),
    "256121": ("$0.64 per kWh", False, "0.64", None, None),
    "356941": ("$1.50 per session; $0.75 per kWh", False, "0.75", None, "1.50"),
    "356883": ("$0.30 per kWh; $2 per hour idle fee", False, "0.30", None, None),
    "227077": ("$0.50 initiation fee + $0.18 per kWh", False, "0.18", None, "0.50"),
    "257680": ("$2.50 per hour", False, None, "2.50", None),
    "147097": ("$1.50 per hour for first 3 hours; $5 per hour following", False, None, None, None),
}


def prices(site):
    amounts = [site.price_per_kwh, site.price_per_hour, site.price_per_session]
    return (site.free, *(None if a is None else str(a) for a in amounts))


def test_it_reads_the_prices_of_real_rows(tmp_path):
    run_import(write_csv(tmp_path / "afdc.csv", [ny_row(i) for i in REAL]))
    for source_id, (pricing, *expected) in REAL.items():
        site = Site.objects.get(source_id=source_id)
        assert site.pricing == pricing
        assert prices(site) == tuple(expected), pricing


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("free", (True, None, None, None)),
        ("Free for guests only", (False, None, None, None)),
        ("Free; $1.50 per hour parking rate", (False, None, None, None)),
        ("$0.35/kWh", (False, "0.35", None, None)),
        ("$0.54 per kWh + tax", (False, "0.54", None, None)),
        ("$1per session; $0.35 per kWh", (False, "0.35", None, "1.00")),
        ("$3 session fee; $2 per kWh; $35 per hour idle fee", (False, "2.00", None, "3.00")),
        ("$0.39 per kWh; free for internal use", (False, "0.39", None, None)),
        ("$0.35 per kWh for public; $0.20 per kWh for employees", (False, None, None, None)),
        ("$2.50 per hour; $10 per hour after 4 hours", (False, None, None, None)),
        ("$0.00-$4.00/Hr Variable Parking Fee", (False, None, None, None)),
        ("$1.00 per minute", (False, None, None, None)),
        ("$0.395 per kWh", (False, None, None, None)),
    ],
)
def test_it_fills_a_price_only_when_the_words_leave_no_doubt(tmp_path, written, expected):
    run_import(write_csv(tmp_path / "a.csv", [ny_row("44174", **{"EV Pricing": written})]))
    site = Site.objects.get()
    assert (prices(site), site.pricing) == (expected, written)


def test_it_drops_the_price_when_a_location_becomes_free(tmp_path):
    run_import(write_csv(tmp_path / "a.csv", [ny_row("256121")]))
    assert Site.objects.get().price_per_kwh == Decimal("0.64")
    run_import(write_csv(tmp_path / "a.csv", [ny_row("256121", **{"EV Pricing": "Free"})]))
    assert prices(Site.objects.get()) == (True, None, None, None)
