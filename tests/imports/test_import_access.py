"""Who may charge: private locations are imported as private, never skipped and never listed
for drivers; restricted ones keep why.

Real NY rows: Thruway Nissan (44174, "Public - Call ahead", CALL), Kings Nissan (44329, also
restricted_access true), Koester Associates (187160, "Public - Card key at all times",
KEY_ALWAYS, restricted). The NY export holds no private row: copies of 44174 play them.
"""

import re

import pytest

from search.models import Listing
from sites.access import Access, AccessDetail
from sites.models import Site
from tests.imports.afdc import ny_row, run_import, write_csv

pytestmark = pytest.mark.django_db

NO_CODES = {"Access Code": "", "Access Detail Code": ""}
ROWS = {
    "900001": {"Access Code": "private", "Groups With Access Code": "Private"},
    "900002": {"Groups With Access Code": "Private - Government only", **NO_CODES},
    "900003": {
        "Access Code": "PRIVATE",
        "Groups With Access Code": "Private - Fleet use only",
        "Access Detail Code": "FLEET",
    },
    # The readable form says private even where the code says otherwise.
    "900004": {"Access Code": "public", "Groups With Access Code": "Private"},
}


@pytest.fixture
def output(tmp_path):
    rows = [ny_row("44174", ID=source_id, **cells) for source_id, cells in ROWS.items()]
    rows += [ny_row("44174"), ny_row("44329"), ny_row("187160")]
    return run_import(write_csv(tmp_path / "afdc.csv", rows))


def test_it_imports_private_rows_as_private(output):
    assert re.search(r"^  created\s+7$", output, re.MULTILINE)
    assert re.search(r"^  skipped\s+0$", output, re.MULTILINE)
    private = Site.objects.filter(access=Access.PRIVATE)
    assert set(private.values_list("source_id", flat=True)) == set(ROWS)
    assert Site.objects.get(source_id="44174").access == Access.PUBLIC


def test_it_never_lists_a_private_location_for_drivers(output):
    listed = set(Listing.objects.values_list("site__source_id", flat=True))
    assert listed == {"44174", "44329", "187160"}


def test_it_reads_why_a_location_is_restricted(output):
    details = dict(Site.objects.values_list("source_id", "access_detail"))
    assert details["900002"] == AccessDetail.GOVERNMENT  # from the readable form alone
    assert details["900003"] == AccessDetail.FLEET
    assert details["44174"] == AccessDetail.CALL
    assert details["187160"] == AccessDetail.KEY_ALWAYS
    assert Site.objects.get(source_id="187160").restriction == "Card key at all times"


def test_it_keeps_restricted_access(output):
    restricted = dict(Site.objects.values_list("source_id", "restricted"))
    assert (restricted["44329"], restricted["187160"], restricted["44174"]) == (True, True, False)


def test_it_ignores_an_unknown_restriction_code_and_says_so(tmp_path):
    rows = [ny_row("44174", **{"Access Detail Code": "VIP_ONLY"})]
    output = run_import(write_csv(tmp_path / "afdc.csv", rows))
    assert "       1  unreadable Access Detail Code (e.g. “VIP_ONLY”)" in output
    assert Site.objects.get().access_detail == ""


def test_it_unlists_a_location_that_became_private(tmp_path, output):
    assert Listing.objects.filter(site__source_id="44174").exists()
    rows = [ny_row("44174", **{"Access Code": "private", "Groups With Access Code": "Private"})]
    run_import(write_csv(tmp_path / "afdc.csv", rows))
    assert Site.objects.get(source_id="44174").access == Access.PRIVATE
    assert not Listing.objects.filter(site__source_id="44174").exists()
