"""A national data set for measuring search at scale, built from real data.

Every real US location of the 2022 AFDC list (name, ZIP, coordinates, id) gets the
stations and ports of a New York location drawn at random (seeded) from the 2025
NY export, so the connector, power and network mix is a real one. `multiply`
adds jittered copies near each location to measure how search grows.
"""

import csv
import random
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from nrel.files import read_csv
from nrel.records import AfdcRecord, BadRecord, is_electric, parse

# The first three digits of a ZIP code and the state they belong to (USPS ranges).
_ZIP3_STATES = [
    (5, 5, "NY"),
    (6, 7, "PR"),
    (8, 8, "VI"),
    (9, 9, "PR"),
    (10, 27, "MA"),
    (28, 29, "RI"),
    (30, 38, "NH"),
    (39, 49, "ME"),
    (50, 54, "VT"),
    (55, 55, "MA"),
    (56, 59, "VT"),
    (60, 69, "CT"),
    (70, 89, "NJ"),
    (100, 149, "NY"),
    (150, 196, "PA"),
    (197, 199, "DE"),
    (200, 200, "DC"),
    (201, 201, "VA"),
    (202, 205, "DC"),
    (206, 219, "MD"),
    (220, 246, "VA"),
    (247, 268, "WV"),
    (270, 289, "NC"),
    (290, 299, "SC"),
    (300, 319, "GA"),
    (320, 349, "FL"),
    (350, 369, "AL"),
    (370, 385, "TN"),
    (386, 397, "MS"),
    (398, 399, "GA"),
    (400, 427, "KY"),
    (430, 459, "OH"),
    (460, 479, "IN"),
    (480, 499, "MI"),
    (500, 528, "IA"),
    (530, 549, "WI"),
    (550, 567, "MN"),
    (569, 569, "DC"),
    (570, 577, "SD"),
    (580, 588, "ND"),
    (590, 599, "MT"),
    (600, 629, "IL"),
    (630, 658, "MO"),
    (660, 679, "KS"),
    (680, 693, "NE"),
    (700, 714, "LA"),
    (716, 729, "AR"),
    (730, 732, "OK"),
    (733, 733, "TX"),
    (734, 749, "OK"),
    (750, 799, "TX"),
    (800, 816, "CO"),
    (820, 831, "WY"),
    (832, 838, "ID"),
    (840, 847, "UT"),
    (850, 865, "AZ"),
    (870, 884, "NM"),
    (885, 885, "TX"),
    (889, 898, "NV"),
    (900, 961, "CA"),
    (967, 968, "HI"),
    (969, 969, "GU"),
    (970, 979, "OR"),
    (980, 994, "WA"),
    (995, 999, "AK"),
]
OUT_OF_SERVICE_SHARE = 0.04  # the NY export has none; a few make "Available now" mean something
JITTER_DEGREES = 0.05  # about 3 miles


def state_of(zip_code: str) -> str | None:
    prefix = int(zip_code[:3])
    return next((state for low, high, state in _ZIP3_STATES if low <= prefix <= high), None)


def repaired_zip(raw: str) -> str | None:
    text = raw.replace("\u00a0", " ").strip().split(" ")[0].split("-")[0]
    if not text.isdigit() or len(text) > 5:
        return None  # a Canadian postal code, or worse
    return text.zfill(5)  # spreadsheets drop New England's leading zeros


def ny_mix(ny_export: Path) -> list[AfdcRecord]:
    with open(ny_export, "rb") as stream:
        records = []
        for _, raw in read_csv(stream):
            if is_electric(raw):
                try:
                    records.append(parse(raw))
                except BadRecord:
                    continue
        return records


def national_records(
    us_list: Path, ny_export: Path, *, multiply: int = 1, seed: int = 2022
) -> Iterator[AfdcRecord | str]:
    """AfdcRecords for the national set; a str for each row that cannot be used, saying why."""
    mix = ny_mix(ny_export)
    with open(us_list, encoding="utf-8-sig", newline="") as stream:
        for row in csv.DictReader(stream):
            zip_code = repaired_zip(row["ZIP"])
            state = state_of(zip_code) if zip_code else None
            try:
                lat, lng = Decimal(row["Latitude"]), Decimal(row["Longitude"])
            except ArithmeticError:
                lat = lng = Decimal(0)
            if not state or not lat or not lng or not (-180 <= lng <= 180 and -90 <= lat <= 90):
                yield f"id {row['ID']}: not a US location we can place ({row['ZIP']!r}, {lng})"
                continue
            for copy in range(multiply):
                # One generator per row and copy: a location is drawn the same whatever
                # --multiply says, so a larger set re-imports the smaller one unchanged.
                rng = random.Random(f"{seed}:{row['ID']}:{copy}")
                nudge = JITTER_DEGREES if copy else 0
                model = rng.choice(mix)
                status = "T" if rng.random() < OUT_OF_SERVICE_SHARE else "E"
                yield replace(
                    model,
                    source_id=f"us2022-{row['ID']}" + (f"-{copy}" if copy else ""),
                    name=(row["Station Name"].strip() or "Unnamed location")[:200],
                    street_address="(street not in the 2022 list)",
                    city="(city not in the 2022 list)",
                    state=state,
                    zip_code=zip_code,
                    latitude=round(lat + Decimal(str(rng.uniform(-nudge, nudge))), 6),
                    longitude=round(lng + Decimal(str(rng.uniform(-nudge, nudge))), 6),
                    status_code=status,
                    expected_date=None,
                    charging_units=None,
                )
