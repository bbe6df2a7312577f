"""Uptime: the share of the last 30 days (or of its life, when younger) a port was
neither Out of Service (its owner's word) nor out of order (its network's), from a
hand-made history."""

from datetime import UTC, datetime, timedelta

import pytest

from ports.models import Port, StatusChange
from ports.uptime import uptime
from ports.vocabulary import LiveStatus, PortStatus

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)
OPERATIONAL, OUT_OF_SERVICE = PortStatus.OPERATIONAL, PortStatus.OUT_OF_SERVICE
AVAILABLE, OUT_OF_ORDER = LiveStatus.AVAILABLE, LiveStatus.OUT_OF_ORDER


def port(created=40 * DAY, status=OPERATIONAL, live=""):
    return Port(created_at=NOW - created, status=status, live_status=live)


def change(kind, old, new, before_now):
    return StatusChange(kind=kind, old=old, new=new, at=NOW - before_now)


def owner(old, new, before_now):
    return change(StatusChange.Kind.OPERATIONAL, old, new, before_now)


def network(old, new, before_now):
    return change(StatusChange.Kind.LIVE, old, new, before_now)


def test_it_is_100_percent_without_changes():
    result = uptime(port(), [], NOW)
    assert (result.share, result.percent) == (1.0, 100)
    assert result.days == (1.0,) * 30


def test_it_is_90_percent_after_3_days_out_of_service():
    history = [
        owner(OPERATIONAL, OUT_OF_SERVICE, 10 * DAY),
        owner(OUT_OF_SERVICE, OPERATIONAL, 7 * DAY),
    ]
    result = uptime(port(), history, NOW)
    assert result.share == pytest.approx(0.9)
    assert result.percent == 90
    assert result.days == (1.0,) * 20 + (0.0,) * 3 + (1.0,) * 7


def test_it_is_98_3_percent_after_12_hours_out_of_order():
    history = [
        network(AVAILABLE, OUT_OF_ORDER, 5 * DAY),
        network(OUT_OF_ORDER, AVAILABLE, 5 * DAY - timedelta(hours=12)),
    ]
    result = uptime(port(live=AVAILABLE), history, NOW)
    assert round(result.share * 100, 1) == 98.3
    assert result.percent == 98
    assert result.days[25] == pytest.approx(0.5)


def test_it_counts_a_time_both_broken_and_out_of_order_once():
    history = [
        owner(OPERATIONAL, OUT_OF_SERVICE, 10 * DAY),
        network(AVAILABLE, OUT_OF_ORDER, 10 * DAY - timedelta(hours=6)),
        network(OUT_OF_ORDER, AVAILABLE, 10 * DAY - timedelta(hours=18)),
        owner(OUT_OF_SERVICE, OPERATIONAL, 9 * DAY),
    ]
    assert uptime(port(live=AVAILABLE), history, NOW).share == pytest.approx(29 / 30)


def test_it_counts_in_use_and_reserved_as_up():
    history = [
        network(AVAILABLE, LiveStatus.IN_USE, 3 * DAY),
        network(LiveStatus.IN_USE, LiveStatus.RESERVED, 2 * DAY),
        network(LiveStatus.RESERVED, AVAILABLE, 1 * DAY),
    ]
    assert uptime(port(live=AVAILABLE), history, NOW).share == 1.0


def test_it_starts_from_the_state_before_the_first_change_in_the_window():
    # Broken since before the window, repaired 5 days ago.
    history = [owner(OUT_OF_SERVICE, OPERATIONAL, 5 * DAY)]
    assert uptime(port(), history, NOW).share == pytest.approx(5 / 30)


def test_it_is_0_for_a_port_out_of_service_all_month():
    assert uptime(port(status=OUT_OF_SERVICE), [], NOW).share == 0.0
    assert uptime(port(live=OUT_OF_ORDER), [], NOW).share == 0.0


def test_it_counts_only_the_days_a_new_port_existed():
    history = [
        owner("", OPERATIONAL, 10 * DAY),
        owner(OPERATIONAL, OUT_OF_SERVICE, 3 * DAY),
        owner(OUT_OF_SERVICE, OPERATIONAL, 2 * DAY),
    ]
    result = uptime(port(created=10 * DAY), history, NOW)
    assert result.share == pytest.approx(0.9)
    assert result.days[:20] == (None,) * 20
    assert result.days[27] == 0.0


def test_it_has_no_uptime_for_a_port_created_just_now():
    result = uptime(port(created=timedelta(0)), [], NOW)
    assert (result.share, result.percent) == (None, None)


def test_it_draws_one_bar_a_day_coloured_by_its_uptime():
    history = [
        owner(OPERATIONAL, OUT_OF_SERVICE, 10 * DAY),
        owner(OUT_OF_SERVICE, OPERATIONAL, 7 * DAY),
        network(AVAILABLE, OUT_OF_ORDER, 2 * DAY),
        network(OUT_OF_ORDER, AVAILABLE, 2 * DAY - timedelta(hours=6)),
    ]
    bars = uptime(port(created=25 * DAY, live=AVAILABLE), history, NOW).bars
    assert len(bars) == 25  # the days the port existed, from its first
    assert bars[0] == (0, 0, 18, "#15803d")
    assert bars[14] == (42, 0, 18, "#15803d")
    assert bars[15] == (45, 16, 2, "#b91c1c")
    assert bars[23] == (69, 4, 14, "#b45309")


def test_it_never_rounds_a_little_downtime_away():
    two_hours = [
        network(AVAILABLE, OUT_OF_ORDER, DAY),
        network(OUT_OF_ORDER, AVAILABLE, DAY - timedelta(hours=2)),
    ]
    result = uptime(port(live=AVAILABLE), two_hours, NOW)
    assert result.share == pytest.approx(1 - 2 / 720)
    assert result.percent == 99  # 99.7% is not 100%
