"""Loads the help article's example stations as one demo owner's locations.

Safe to run again: whatever already exists is left as it is.
"""

from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.models import User
from accounts.plans import Plan
from accounts.support import support_group
from ports.models import Port
from ports.vocabulary import ConnectorType as C
from ports.vocabulary import PortStatus as S
from ports.vocabulary import PowerType as P
from sites.models import Site
from stations.models import Station

OWNER = ("demo@chargesites.example", "demo-owner-2026", "Demo Charging Co.")
SUPPORT = ("support@chargesites.example", "demo-support-2026", "ChargeSites Support")

L2, DC = P.AC_LEVEL_2, P.DC_FAST
OK, BROKEN = S.OPERATIONAL, S.OUT_OF_SERVICE


def port(label, connector, power, kw, status=OK, notes="", volts=None, amps=None):
    return {
        "label": label,
        "connector_type": connector,
        "power_type": power,
        "max_power_kw": Decimal(kw),
        "status": status,
        "notes": notes,
        "voltage": volts,
        "amperage": amps,
    }


DEMO = [
    {
        "site": {
            "name": "Maple Street Market",
            "street_address": "120 Maple Street",
            "city": "Albany",
            "state": "NY",
            "zip_code": "12207",
            "latitude": Decimal("42.651200"),
            "longitude": Decimal("-73.754900"),
            "hours_note": "Store hours; the lot stays open overnight for charging.",
            "price_per_kwh": Decimal("0.30"),
            "pricing": "Free for Maple Street Market shoppers with a receipt.",
            "phone": "518-555-0100",
            "cards_accepted": "A D M V APPLE_PAY ANDROID_PAY",
            "facility_type": "GROCERY",
        },
        "hours": [(day, "06:00", "23:00") for day in range(7)],
        "stations": [
            (
                {
                    "name": "Tesla Wall Connector",
                    "manufacturer": "Tesla",
                    "model": "Wall Connector Gen 3",
                    "network": "Non-Networked",
                },
                [port("Port 1", C.TESLA, L2, "11", notes="Tesla adapter available at front desk")],
            ),
            (
                {
                    "name": "ChargePoint CT4000",
                    "manufacturer": "ChargePoint",
                    "model": "CT4000",
                    "network": "ChargePoint",
                },
                [
                    port(
                        "Port 1",
                        C.J1772,
                        L2,
                        "7.2",
                        volts=240,
                        amps=30,
                        notes="Requires ChargePoint app to activate",
                    ),
                    port(
                        "Port 2",
                        C.J1772,
                        L2,
                        "7.2",
                        volts=240,
                        amps=30,
                        notes="Requires ChargePoint app to activate",
                    ),
                ],
            ),
            (
                {
                    "name": "ChargePoint CPF50 Dual Port",
                    "manufacturer": "ChargePoint",
                    "model": "CPF50",
                    "network": "ChargePoint",
                },
                [port("Port 1", C.J1772, L2, "7.2"), port("Port 2", C.J1772, L2, "7.2")],
            ),
        ],
    },
    {
        "site": {
            "name": "Thruway Travel Plaza",
            "street_address": "4 Plaza Drive",
            "city": "Kingston",
            "state": "NY",
            "zip_code": "12401",
            "latitude": Decimal("41.927000"),
            "longitude": Decimal("-74.000300"),
            "always_open": True,
            "price_per_kwh": Decimal("0.56"),
            "pricing": "Idle fee $0.40 per minute after 10 minutes at 100%.",
            "cards_accepted": "A D M V",
            "facility_type": "TRAVEL_CENTER",
        },
        "stations": [
            (
                {
                    "name": "Electrify America 350kW",
                    "manufacturer": "SIGNET",
                    "model": "350 kW",
                    "network": "Electrify America",
                },
                [
                    port("Port 1", C.CCS, DC, "350"),
                    port("Port 2", C.CHADEMO, DC, "50", status=BROKEN, notes="Awaiting parts"),
                ],
            ),
        ],
    },
    {
        "site": {
            "name": "Riverside Parking Garage",
            "street_address": "55 River Road",
            "city": "Troy",
            "state": "NY",
            "zip_code": "12180",
            "latitude": Decimal("42.728400"),
            "longitude": Decimal("-73.691800"),
            "always_open": True,
            "free": True,
            "pricing": "Garage parking rates apply.",
            "access_detail": "CREDIT_CARD_ALWAYS",
            "facility_type": "PARKING_GARAGE",
        },
        "stations": [
            (
                {
                    "name": "Garage Level 2 - Bank A",
                    "manufacturer": "ChargePoint",
                    "model": "CT4000",
                    "network": "ChargePoint",
                },
                [
                    port("Port 1", C.J1772, L2, "6.6"),
                    port("Port 2", C.J1772, L2, "6.6"),
                    port(
                        "Port 3",
                        C.J1772,
                        L2,
                        "6.6",
                        status=BROKEN,
                        notes="Cable damaged; repair scheduled",
                    ),
                    port("Port 4", C.J1772, L2, "6.6"),
                ],
            ),
        ],
    },
]


class Command(BaseCommand):
    help = (
        "Load the help article's example stations as a demo owner's locations, and a support user."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        owner = self._user(*OWNER, plan=Plan.PREMIUM)
        self._user(*SUPPORT, is_staff=True).groups.add(support_group())
        for location in DEMO:
            site = Site.objects.filter(owner=owner, name=location["site"]["name"]).first()
            if site is None:
                site = Site(owner=owner, **location["site"])
                site.full_clean()
                site.save()
                for weekday, opens, closes in location.get("hours", []):
                    site.opening_hours.create(weekday=weekday, opens=opens, closes=closes)
                site.save()  # the drivers' listing reads the hours
            for station_fields, ports in location["stations"]:
                station = site.stations.filter(name=station_fields["name"]).first()
                if station is None:
                    station = Station(site=site, **station_fields)
                    station.full_clean()
                    station.save()
                for fields in ports:
                    if not station.ports.filter(label=fields["label"]).exists():
                        new = Port(station=station, updated_by=owner, **fields)
                        new.full_clean()
                        new.save()
        self.stdout.write(
            f"Demo owner:   {OWNER[0]} / {OWNER[1]}\n"
            f"Support user: {SUPPORT[0]} / {SUPPORT[1]}  (admin at /admin/)"
        )

    def _user(self, email, password, name, **fields):
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email, password, display_name=name, **fields)
        return user
