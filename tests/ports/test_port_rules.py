"""Each rule in Port.clean() explains itself on the right field; the database holds it too."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ports.models import Port
from ports.vocabulary import ConnectorType, PortStatus, PowerType
from tests.factories import PortFactory, StationFactory

pytestmark = pytest.mark.django_db

AC_1, AC_2, DC = PowerType.AC_LEVEL_1, PowerType.AC_LEVEL_2, PowerType.DC_FAST
REPAIR_DATE = date(2030, 3, 14)


def build(station, **fields):
    """An unsaved port that passes every rule until `fields` say otherwise."""
    defaults = {
        "connector_type": ConnectorType.J1772,
        "power_type": AC_2,
        "max_power_kw": Decimal("7.2"),
        "status": PortStatus.OPERATIONAL,
    }
    return Port(station=station, **{**defaults, **fields})


def errors(port) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        port.full_clean()
    return caught.value.message_dict


# Connector and power type.


@pytest.mark.parametrize(
    ("connector", "power_type", "max_power_kw"),
    [
        (ConnectorType.J1772, AC_1, "1.9"),
        (ConnectorType.J1772, AC_2, "7.2"),
        (ConnectorType.CCS, DC, "150"),
        (ConnectorType.CHADEMO, DC, "50"),
        (ConnectorType.TESLA, AC_2, "11"),
        (ConnectorType.TESLA, DC, "250"),
        (ConnectorType.OTHER, AC_1, "1.4"),
        (ConnectorType.OTHER, DC, "50"),
    ],
)
def test_it_accepts_each_connector_with_its_power_types(
    station, connector, power_type, max_power_kw
):
    port = build(
        station,
        connector_type=connector,
        power_type=power_type,
        max_power_kw=Decimal(max_power_kw),
        notes="Named in the notes",
    )
    port.full_clean()


@pytest.mark.parametrize(
    ("connector", "power_type", "advice"),
    [
        (ConnectorType.J1772, DC, "J1772 ports are AC: choose AC Level 1 or AC Level 2"),
        (ConnectorType.CCS, AC_1, "CCS ports are DC: choose DC Fast"),
        (ConnectorType.CCS, AC_2, "CCS ports are DC: choose DC Fast"),
        (ConnectorType.CHADEMO, AC_1, "CHAdeMO ports are DC: choose DC Fast"),
        (ConnectorType.CHADEMO, AC_2, "CHAdeMO ports are DC: choose DC Fast"),
        (ConnectorType.TESLA, AC_1, "choose one of those"),
    ],
)
def test_it_refuses_a_power_type_the_connector_cannot_deliver(
    station, connector, power_type, advice
):
    port = build(station, connector_type=connector, power_type=power_type)
    found = errors(port)
    assert list(found) == ["power_type"]
    assert advice in found["power_type"][0]


# "Other" connectors.


@pytest.mark.parametrize("notes", ["", "   "])
def test_it_asks_for_the_name_of_an_other_connector(station, notes):
    port = build(station, connector_type=ConnectorType.OTHER, notes=notes)
    found = errors(port)
    assert list(found) == ["notes"]
    assert found["notes"][0].startswith("Name the connector in the notes")


def test_it_accepts_an_other_connector_named_in_the_notes(station):
    build(station, connector_type=ConnectorType.OTHER, notes="NEMA 14-50 outlet").full_clean()


# Max power.


@pytest.mark.parametrize("max_power_kw", ["0.01", "7.2", "1000"])
def test_it_accepts_power_above_0_and_up_to_1000_kw(station, max_power_kw):
    build(station, max_power_kw=Decimal(max_power_kw)).full_clean()


@pytest.mark.parametrize(
    ("max_power_kw", "message"),
    [
        ("0", "Max power must be above 0 kW."),
        ("-7.2", "Max power must be above 0 kW."),
        ("1000.01", "a figure in watts must be divided by 1,000"),
        ("7200", "a figure in watts must be divided by 1,000"),
    ],
)
def test_it_refuses_power_out_of_range(station, max_power_kw, message):
    found = errors(build(station, max_power_kw=Decimal(max_power_kw)))
    assert list(found) == ["max_power_kw"]
    assert message in found["max_power_kw"][0]


# Voltage x amperage.


@pytest.mark.parametrize("max_power_kw", ["7.2", "7.56"])
def test_it_allows_nameplate_rounding_over_volts_times_amps(station, max_power_kw):
    port = build(station, voltage=240, amperage=30, max_power_kw=Decimal(max_power_kw))
    port.full_clean()
    port.save()  # the database's rule agrees at the edge


def test_it_refuses_power_above_volts_times_amps(station):
    found = errors(build(station, voltage=240, amperage=30, max_power_kw=Decimal("7.6")))
    assert list(found) == ["max_power_kw"]
    message = found["max_power_kw"][0]
    assert message.startswith("Don't overestimate power: 240 V × 30 A gives 7.2 kW")
    assert "Enter the nameplate power, or correct the voltage and amperage." in message


@pytest.mark.parametrize(("voltage", "amperage"), [(240, None), (None, 30)])
def test_it_needs_both_voltage_and_amperage_to_check_power(station, voltage, amperage):
    build(station, voltage=voltage, amperage=amperage, max_power_kw=Decimal("19.2")).full_clean()


def test_it_saves_a_fast_charger_with_its_voltage_and_amperage(station):
    port = build(
        station,
        connector_type=ConnectorType.CCS,
        power_type=DC,
        max_power_kw=Decimal("350"),
        voltage=920,
        amperage=400,
    )
    port.full_clean()
    port.save()
    assert Port.objects.get(pk=port.pk).rated_kw == Decimal("368")


# Expected repair date.


def test_it_accepts_a_repair_date_for_a_port_out_of_service(station):
    build(station, status=PortStatus.OUT_OF_SERVICE, expected_repair_date=REPAIR_DATE).full_clean()


@pytest.mark.parametrize("status", [PortStatus.OPERATIONAL, PortStatus.DECOMMISSIONED])
def test_it_refuses_a_repair_date_for_a_port_in_any_other_status(station, status):
    found = errors(build(station, status=status, expected_repair_date=REPAIR_DATE))
    assert list(found) == ["expected_repair_date"]
    assert "clear the date, or set the status to Out of Service" in found["expected_repair_date"][0]


# Labels.


def test_it_refuses_a_label_another_port_on_the_station_has(station):
    PortFactory(station=station, label="Port A")
    found = errors(build(station, label="Port A"))
    assert list(found) == ["label"]
    assert found["label"] == [
        "Another port on this station is labelled “Port A”. Give each port its own label."
    ]


def test_it_lets_a_port_keep_its_own_label(port):
    port.full_clean()


def test_it_allows_the_same_label_on_another_station(station):
    PortFactory(station=StationFactory(site=station.site), label="Port A")
    build(station, label="Port A").full_clean()


def test_it_allows_many_ports_without_a_label(station):
    PortFactory(station=station, label="")
    build(station, label="").full_clean()


# The database holds the same rules, whatever path the data takes.


@pytest.mark.parametrize(
    ("constraint", "change"),
    [
        ("port_max_power_in_range", {"max_power_kw": Decimal("0")}),
        ("port_max_power_in_range", {"max_power_kw": Decimal("1000.01")}),
        ("port_connector_matches_power_type", {"connector_type": ConnectorType.CCS}),
        ("port_other_connector_named_in_notes", {"connector_type": ConnectorType.OTHER}),
        (
            "port_power_within_volts_times_amps",
            {"voltage": 240, "amperage": 30, "max_power_kw": Decimal("7.6")},
        ),
        ("port_repair_date_only_when_out_of_service", {"expected_repair_date": REPAIR_DATE}),
    ],
)
def test_the_database_refuses_what_clean_refuses(port, constraint, change):
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        Port.objects.filter(pk=port.pk).update(**change)


def test_the_database_refuses_a_repeated_label_on_a_station(port, station):
    with pytest.raises(IntegrityError), transaction.atomic():
        Port.objects.bulk_create([build(station, label="Port 1")])


def test_the_database_allows_what_clean_allows(port, station):
    Port.objects.filter(pk=port.pk).update(voltage=240, amperage=30, max_power_kw=Decimal("7.56"))
    Port.objects.bulk_create([build(station, label=""), build(station, label="")])
    other_station = StationFactory(site=station.site)
    Port.objects.bulk_create([build(other_station, label="Port 1")])
    assert Port.objects.count() == 4
