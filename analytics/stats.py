"""A location's numbers per UTC day over a window, and the bar charts drawn from them."""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from django.db.models import Count, F, Sum
from django.db.models.functions import Coalesce, Greatest, TruncDate

from analytics.models import DailyCount, Kind
from chargers.models import Charger, ChargingSession
from community.models import CheckIn, Outcome
from reports.models import Report


@dataclass
class Day:
    day: date
    views: int = 0
    search: int = 0
    check_ins: dict = field(default_factory=dict)  # outcome value -> count
    reports: int = 0
    sessions: int = 0
    energy_wh: int = 0
    outcome_pairs: list = field(default_factory=list)  # (count, label) for the table

    @property
    def energy_kwh(self) -> str:
        return f"{self.energy_wh / 1000:.1f}"

    def outcome(self, value) -> int:
        return self.check_ins.get(value, 0)


@dataclass
class Numbers:
    days: list[Day]
    outcomes: list[tuple[str, str]]  # (value, label) of each check-in outcome, in order
    ocpp: bool  # the location has a charger connected over OCPP

    @property
    def first(self) -> date:
        return self.days[0].day

    @property
    def last(self) -> date:
        return self.days[-1].day


def numbers(site, days: int, today: date | None = None) -> Numbers:
    """Every day of the window, oldest first, zeros included. A fixed number of queries."""
    last = today or datetime.now(UTC).date()
    first = last - timedelta(days=days - 1)
    by_day = {first + timedelta(days=n): Day(first + timedelta(days=n)) for n in range(days)}
    since = datetime.combine(first, time.min, tzinfo=UTC)
    for row in (
        DailyCount.objects.for_site(site).between(first, last).values("day", "kind", "count")
    ):
        setattr(by_day[row["day"]], "views" if row["kind"] == Kind.VIEW else "search", row["count"])
    utc_day = TruncDate("created_at", tzinfo=UTC)
    reports = (
        Report.objects.filter(port__station__site=site, created_at__gte=since)
        .annotate(on=utc_day)
        .values("on")
        .annotate(n=Count("pk"))
    )
    for row in reports:
        if row["on"] in by_day:
            by_day[row["on"]].reports = row["n"]
    outcomes = list(Outcome.choices)
    rows = (
        CheckIn.objects.filter(site=site, created_at__gte=since)
        .annotate(on=utc_day)
        .values("on", "outcome")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        if row["on"] in by_day:
            by_day[row["on"]].check_ins[row["outcome"]] = row["n"]
    ocpp = Charger.objects.filter(station__site=site).exists()
    if ocpp:
        end = Coalesce("meter_stop_wh", "meter_last_wh", "meter_start_wh")
        sessions = (
            ChargingSession.objects.filter(charger__station__site=site, started_at__gte=since)
            .annotate(on=TruncDate("started_at", tzinfo=UTC))
            .values("on")
            .annotate(n=Count("pk"), wh=Sum(Greatest(end - F("meter_start_wh"), 0)))
        )
        for row in sessions:
            if row["on"] in by_day:
                by_day[row["on"]].sessions = row["n"]
                by_day[row["on"]].energy_wh = row["wh"] or 0
    for day in by_day.values():
        day.outcome_pairs = [(day.outcome(value), label) for value, label in outcomes]
    return Numbers(list(by_day.values()), outcomes, ocpp)


# The drawing: a viewBox the page scales to its width; labels stay legible at 390 px.
WIDTH, HEIGHT, TOP, BOTTOM, LEFT = 480, 160, 24, 24, 0


@dataclass
class Segment:
    y: float
    height: float
    css: str
    label: str


@dataclass
class Bar:
    x: float
    width: float
    segments: list[Segment]
    title: str  # what a pointer hover or a screen reader reads for the day


@dataclass
class Chart:
    slug: str
    title: str
    desc: str
    top: str  # the value at the top of the scale, as written
    bars: list[Bar]
    legend: list[tuple[str, str]]  # (css, label) for stacked charts
    first: str
    last: str
    width: int = WIDTH
    height: int = HEIGHT
    plot_top: int = TOP
    baseline: int = HEIGHT - BOTTOM
    left: int = LEFT


def charts(found: Numbers) -> list[Chart]:
    made = [
        _chart(
            found,
            "views",
            "Page views",
            "views of the location page",
            lambda d: [("views", d.views)],
        ),
        _chart(
            found,
            "search",
            "Search appearances",
            "times the location was shown in search results",
            lambda d: [("search", d.search)],
        ),
    ]
    made.append(
        _chart(
            found,
            "check-ins",
            "Check-ins by outcome",
            "driver check-ins, stacked by outcome",
            lambda d: [(f"outcome-{value}", d.outcome(value)) for value, _ in found.outcomes],
            legend=[(f"outcome-{value}", label) for value, label in found.outcomes],
        )
    )
    made.append(
        _chart(
            found,
            "reports",
            "Reports",
            "problem reports drivers sent",
            lambda d: [("reports", d.reports)],
        )
    )
    if found.ocpp:
        made.append(
            _chart(
                found,
                "sessions",
                "Charging sessions",
                "charging sessions started on connected chargers",
                lambda d: [("sessions", d.sessions)],
            )
        )
        made.append(
            _chart(
                found,
                "energy",
                "Energy delivered (kWh)",
                "energy delivered by sessions started that day, in kWh",
                lambda d: [("energy", d.energy_wh)],
                unit=lambda wh: f"{wh / 1000:.1f} kWh",
            )
        )
    return made


def _chart(found, slug, title, what, parts, legend=(), unit=str):
    values = [parts(day) for day in found.days]
    peak = max((sum(n for _, n in stack) for stack in values), default=0)
    scale_top = max(peak, 1)
    span = HEIGHT - BOTTOM - TOP
    step = (WIDTH - LEFT) / len(found.days)
    gap = min(2.0, step * 0.2)
    bars = []
    for n, (day, stack) in enumerate(zip(found.days, values, strict=True)):
        y = HEIGHT - BOTTOM
        segments = []
        for css, value in stack:
            if value:
                height = span * value / scale_top
                y -= height
                segments.append(Segment(round(y, 2), round(height, 2), css, unit(value)))
        total = sum(value for _, value in stack)
        bars.append(
            Bar(
                round(LEFT + n * step + gap / 2, 2),
                round(step - gap, 2),
                segments,
                f"{day.day:%a %-d %b}: {unit(total)}",
            )
        )
    total = sum(sum(n for _, n in stack) for stack in values)
    desc = (
        f"Bar chart of {what} per UTC day, {found.first:%-d %b %Y} to {found.last:%-d %b %Y}: "
        f"{unit(total)} in all, at most {unit(peak)} in a day. The table below gives every day."
    )
    return Chart(
        slug,
        title,
        desc,
        unit(peak),
        bars,
        list(legend),
        f"{found.first:%-d %b}",
        f"{found.last:%-d %b}",
    )
