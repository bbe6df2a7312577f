"""Opening hours: "24 hours daily" is open 24/7; the structured form "Mon 6:00am - 11:59pm; ..."
becomes one OpeningHours row per day it names; any other words stay a note. The words are
always kept as written, for drivers.

Real NY rows: Indian Castle Service Area (256121, "24 hours daily"), 182707 (every day
12:00am - 12:00am), 350142 (Mon-Sat 6:00am - 7:00pm, closed Sundays), 389418 (nights, some
until 11:59pm), Thruway Nissan (44174, "Dealership business hours").
"""

from datetime import time

import pytest

from sites.models import OpeningHours, Site
from tests.imports.afdc import ny_row, run_import, write_csv

pytestmark = pytest.mark.django_db


def hours_of(source_id):
    return list(
        OpeningHours.objects.filter(site__source_id=source_id).values_list(
            "weekday", "opens", "closes"
        )
    )


@pytest.fixture
def imported(tmp_path):
    ids = ["256121", "182707", "350142", "389418", "44174"]
    return run_import(write_csv(tmp_path / "afdc.csv", [ny_row(i) for i in ids]))


def test_it_reads_24_hours_daily_as_always_open(imported):
    site = Site.objects.get(source_id="256121")
    assert (site.always_open, site.hours_note, hours_of("256121")) == (
        True,
        "24 hours daily",
        [],
    )


def test_it_reads_every_day_from_midnight_to_midnight_as_always_open(imported):
    site = Site.objects.get(source_id="182707")
    assert site.always_open
    assert site.hours_note.startswith("Mon 12:00am - 12:00am; Tue 12:00am - 12:00am")


def test_it_makes_a_row_per_day_named_and_none_for_a_day_left_out(imported):
    six_to_seven = (time(6), time(19))
    assert hours_of("350142") == [(day, *six_to_seven) for day in range(6)]  # no Sunday
    assert not Site.objects.get(source_id="350142").always_open


def test_it_reads_a_day_from_midnight_to_midnight_as_all_day(tmp_path):
    # 309213: Mon-Sat 7:00am - 7:00pm, Sun 12:00am - 12:00am.
    run_import(write_csv(tmp_path / "afdc.csv", [ny_row("309213")]))
    assert hours_of("309213")[5:] == [(5, time(7), time(19)), (6, time(0), time(0))]
    assert not Site.objects.get().always_open


def test_it_keeps_minutes_and_midnight_as_written(imported):
    assert hours_of("389418") == [
        (0, time(0), time(5)),
        (1, time(19), time(23, 59)),
        (2, time(0), time(5)),
        (3, time(19), time(23, 59)),
        (4, time(0), time(5)),
        (5, time(19), time(23, 59)),
        (6, time(19), time(23, 59)),
    ]


def test_it_keeps_other_words_as_a_note(imported):
    site = Site.objects.get(source_id="44174")
    assert (site.always_open, site.hours_note, hours_of("44174")) == (
        False,
        "Dealership business hours",
        [],
    )


@pytest.mark.parametrize(
    ("written", "always_open", "days"),
    [
        ("24 Hours Daily", True, 0),
        ("24 hours daily; for Rivian use only", True, 0),
        ("24 hours daily. Please check Tesla's online station map", True, 0),
        ("24 HOURS", True, 0),
        ("24 hours Sat-Sun", False, 0),
        ("8am-5pm M-F, 24 hours Sat-Sun", False, 0),
        ("Mon 8:00am - 12:00am; Sun 12:00pm - 5:00pm", False, 2),
        ("Mon 8:00am - 5:00pm; whenever the gate is open", False, 0),
    ],
)
def test_it_reads_what_the_words_say(tmp_path, written, always_open, days):
    run_import(write_csv(tmp_path / "a.csv", [ny_row("44174", **{"Access Days Time": written})]))
    site = Site.objects.get()
    assert (site.always_open, site.opening_hours.count(), site.hours_note) == (
        always_open,
        days,
        written,
    )


def test_it_replaces_the_hours_of_an_unclaimed_site(tmp_path, imported):
    changed = "Mon 9:00am - 5:00pm; Tue 9:00am - 5:00pm"
    rows = [ny_row("350142", **{"Access Days Time": changed})]
    run_import(write_csv(tmp_path / "afdc.csv", rows))
    assert hours_of("350142") == [(0, time(9), time(17)), (1, time(9), time(17))]
