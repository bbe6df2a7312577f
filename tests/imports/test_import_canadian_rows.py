"""AFDC lists Canadian stations too: a row of country "CA" imports with its postal code, its
country and no US state (a province is not one)."""

import pytest

from sites.models import Site
from tests.imports.afdc import ny_row, run_import, write_csv

pytestmark = pytest.mark.django_db


def test_it_imports_a_canadian_row_with_its_postal_code(tmp_path):
    row = ny_row(
        "44174",
        Country="CA",
        State="ON",
        ZIP="K1A 0B1",
        City="Ottawa",
        Latitude="45.4236",
        Longitude="-75.7009",
    )
    output = run_import(write_csv(tmp_path / "afdc.csv", [row]))
    assert "unreadable" not in output
    site = Site.objects.get()
    assert (site.country, site.state, site.zip_code, site.city) == ("CAN", "", "K1A 0B1", "Ottawa")
    assert site.full_address.endswith("K1A 0B1 Ottawa, CAN")
