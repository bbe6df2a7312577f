"""Every Location, EVSE and PATCH example of the OCPI 2.2.1 specification is accepted as
it is written: each file is read at test time and sent unchanged."""

import pytest

from ocpi.models import OcpiConnector, OcpiEvse, OcpiLocation
from ports.models import Port, Position
from search.models import Listing
from sites.models import Origin, Site
from stations.models import Station
from tests.live.pages import public_page
from tests.ocpi.network import EXAMPLES, Network, envelope, example, example_json

pytestmark = pytest.mark.django_db

LOCATIONS = sorted(path.name for path in EXAMPLES.glob("location_example*.json"))
# Where each PATCH example goes: the location LOC1, its EVSE 3256, or that EVSE's connector 1.
PATCHES = {
    "location_patch_example_location.json": ("LOC1",),
    "location_patch_example_status.json": ("LOC1", "3256"),
    "location_patch_example_remove_evse.json": ("LOC1", "3256"),
    "location_patch_example_tariff.json": ("LOC1", "3256", "1"),
}


def network_of(body: dict) -> Network:
    country_code, party_id = body["country_code"], body["party_id"]
    return Network(f"{country_code} {party_id}", country_code, party_id)


@pytest.fixture
def loc1():
    """BeCharged's Gent Zuid (location_example.json), pushed as BE/BEC/LOC1."""
    becharged = Network("BeCharged", "BE", "BEC")
    envelope(becharged.put(example("location_example.json"), "LOC1"))
    return becharged


def test_it_has_the_examples_to_read():
    assert len(LOCATIONS) == 6
    assert set(PATCHES) == {p.name for p in EXAMPLES.glob("location_patch_example_*.json")}


@pytest.mark.parametrize("name", LOCATIONS)
def test_it_accepts_the_location_example(client, name):
    body = example_json(name)
    network = network_of(body)
    envelope(network.put(example(name), body["id"]))
    site = Site.objects.get()
    assert site.origin == Origin.OCPI
    assert site.owner is None
    assert site.city == body["city"]
    assert site.name == body.get("name", body["address"])
    assert Station.objects.count() == len(body["evses"])
    assert Position.objects.count() == len(body["evses"])  # an EVSE is a charging position
    assert Port.objects.count() == sum(len(e["connectors"]) for e in body["evses"])
    assert not Port.objects.filter(position=None).exists()
    assert set(Station.objects.values_list("is_published", flat=True)) == {body["publish"]}
    stored = envelope(network.get(body["id"]))["data"]
    assert stored["id"] == body["id"]
    assert [e["uid"] for e in stored["evses"]] == [e["uid"] for e in body["evses"]]
    assert public_page(client, site)  # the drivers' page shows it


def test_it_accepts_the_example_that_puts_an_evse(loc1):
    envelope(loc1.put(example("location_put_example_add_evse.json"), "LOC1", "3256"))
    evse = OcpiEvse.objects.get(uid="3256")
    assert evse.data["evse_id"] == "BE*BEC*E041503003"
    assert evse.data["physical_reference"] == 3
    assert envelope(loc1.get("LOC1", "3256", "1"))["data"]["tariff_ids"] == ["14"]


@pytest.mark.parametrize("name", list(PATCHES))
def test_it_accepts_the_patch_example(loc1, name):
    response = loc1.patch(example(name), *PATCHES[name])
    assert envelope(response)["status_message"] == "Success"


def test_it_applies_the_location_patch_example(loc1):
    loc1.patch(example("location_patch_example_location.json"), "LOC1")
    assert Site.objects.get().name == "Interparking Gent Zuid"
    assert OcpiLocation.objects.get().data["name"] == "Interparking Gent Zuid"


def test_it_applies_the_status_patch_example(loc1):
    loc1.patch(example("location_patch_example_status.json"), "LOC1", "3256")
    assert OcpiEvse.objects.get(uid="3256").status == "CHARGING"
    ports = Port.objects.filter(ocpi_connectors__evse__uid="3256")
    assert set(ports.values_list("live_status", flat=True)) == {"in_use"}


def test_it_applies_the_remove_evse_patch_example(client, loc1):
    loc1.patch(example("location_patch_example_remove_evse.json"), "LOC1", "3256")
    assert OcpiEvse.objects.get(uid="3256").status == "REMOVED"
    assert Port.objects.count() == 3
    assert Port.objects.listed().count() == 1
    site = Site.objects.get()
    assert Listing.objects.get(site=site).ports_total == 1
    assert public_page(client, site)


def test_it_applies_the_tariff_patch_example(loc1):
    loc1.patch(example("location_patch_example_tariff.json"), "LOC1", "3256", "1")
    connector = OcpiConnector.objects.get(evse__uid="3256", connector_id="1")
    assert connector.data["tariff_ids"] == ["15"]
    assert connector.data["standard"] == "IEC_62196_T2"  # the rest is kept
