"""Bad input gets OCPI's error envelope and a 4xx, never a 500, and writes nothing."""

import json

import pytest

from ports.models import Port
from ports.vocabulary import LiveStatus
from tests.ocpi.network import ago, connector, envelope, evse, location, row_counts

pytestmark = pytest.mark.django_db

WHEN = "2026-01-01T00:00:00Z"  # for ALB2, which is new: any moment will do


@pytest.fixture
def pushed(network):
    """ALB1 is known, with EVSE 1 and its connector 1; ALB2 is not."""
    at = ago(minutes=10)
    envelope(network.put(location(last_updated=at, evses=[evse("1", last_updated=at)]), "ALB1"))
    return network


def valid(**changes):
    return {**location("ALB2", last_updated=WHEN, evses=[evse("1", last_updated=WHEN)]), **changes}


def with_evse(**changes):
    return valid(evses=[{**evse("1", last_updated=WHEN), **changes}])


def with_connector(**changes):
    return with_evse(connectors=[{**connector(), **changes}])


def without(key):
    body = valid()
    del body[key]
    return body


MALFORMED = {
    "truncated JSON": b'{"id": "ALB2", "publish": tru',
    "not UTF-8": b"\xff\xfe\x00{",
    "empty": b"",
    "a list": b"[]",
    "a string": b'"ALB2"',
    "null": b"null",
}
WRONG = {
    "publish maybe": valid(publish="maybe"),
    "id a number": valid(id=2),
    "evses an object": valid(evses={"uid": "1"}),
    "coordinates a list": valid(coordinates=[42.65, -73.75]),
    "latitude words": valid(coordinates={"latitude": "north", "longitude": "-73.7"}),
    "latitude off the earth": valid(coordinates={"latitude": "95", "longitude": "-73.7"}),
    "last_updated words": valid(last_updated="yesterday"),
    "address too long": valid(address="x" * 46),
    "id too long": valid(id="x" * 37),
    "no coordinates": without("coordinates"),
    "no last_updated": without("last_updated"),
    "evse status unknown": with_evse(status="BROKEN"),
    "evse without connectors": with_evse(connectors=[]),
    "evse uid a list": with_evse(uid=["1"]),
    "connector standard unknown": with_connector(standard="TYPE_9"),
    "connector format unknown": with_connector(format="PLUG"),
    "connector power type unknown": with_connector(power_type="AC_4_PHASE"),
    "connector voltage words": with_connector(max_voltage="high"),
    "connector power negative": with_connector(max_electric_power=-7200),
    "connector power zero": with_connector(max_electric_power=0),
}


def refused(response, status=400):
    return envelope(response, status=status, code=2001)


@pytest.mark.parametrize("body", MALFORMED.values(), ids=MALFORMED.keys())
def test_it_refuses_a_malformed_body(pushed, body):
    before = row_counts()
    refused(pushed.put(body, "ALB2"))
    refused(pushed.put(body, "ALB1"))
    refused(pushed.patch(body, "ALB1", "1"))
    assert row_counts() == before


@pytest.mark.parametrize("body", WRONG.values(), ids=WRONG.keys())
def test_it_refuses_wrong_types_and_unknown_values(pushed, body):
    before = row_counts()
    refused(pushed.put(body, body["id"] if isinstance(body.get("id"), str) else "ALB2"))
    assert row_counts() == before


@pytest.mark.parametrize(
    "patch",
    [
        {"status": "BROKEN"},
        {"status": 1},
        {"last_updated": "soon"},
        {"physical_reference": {"floor": 1}},
    ],
    ids=["status unknown", "status a number", "last_updated words", "reference an object"],
)
def test_it_refuses_a_wrong_evse_patch(pushed, patch):
    before = row_counts()
    refused(pushed.patch({"last_updated": ago(seconds=30), **patch}, "ALB1", "1"))
    assert row_counts() == before
    assert Port.objects.get().live_status == LiveStatus.AVAILABLE


@pytest.mark.parametrize(
    "patch",
    [{"standard": "TYPE_9"}, {"format": "PLUG"}, {"max_voltage": "high"}],
    ids=["standard", "format", "voltage"],
)
def test_it_refuses_a_wrong_connector_patch(pushed, patch):
    before = row_counts()
    refused(pushed.patch({"last_updated": ago(seconds=30), **patch}, "ALB1", "1", "1"))
    assert row_counts() == before


def test_it_refuses_a_location_patch_that_breaks_the_location(pushed):
    before = row_counts()
    refused(
        pushed.patch({"coordinates": {"latitude": "x"}, "last_updated": ago(seconds=30)}, "ALB1")
    )
    refused(pushed.patch({"address": None, "last_updated": ago(seconds=30)}, "ALB1"))
    assert row_counts() == before
    assert envelope(pushed.get("ALB1"))["data"]["address"] == "20 Eagle Street"


def test_it_refuses_a_body_over_256_kb_with_413(pushed):
    body = json.dumps(valid(padding="x" * (256 * 1024))).encode()
    before = row_counts()
    refused(pushed.put(body, "ALB2"), status=413)
    refused(pushed.patch(body, "ALB1", "1"), status=413)
    assert row_counts() == before


def test_it_accepts_a_body_just_under_256_kb(pushed):
    body = valid(padding="")
    room = 256 * 1024 - len(json.dumps(body).encode())
    body["padding"] = "x" * room
    assert len(json.dumps(body).encode()) == 256 * 1024
    envelope(pushed.put(body, "ALB2"))


def test_it_refuses_a_body_of_several_megabytes_with_413(pushed):
    body = json.dumps(valid(padding="x" * (3 * 1024 * 1024))).encode()
    before = row_counts()
    refused(pushed.put(body, "ALB2"), status=413)
    assert row_counts() == before


@pytest.mark.parametrize("depth", [3_000, 100], ids=["past Python's recursion", "past OCPI's"])
def test_it_refuses_deeply_nested_json(pushed, depth):
    nested = b"[" * depth + b"]" * depth
    body = b'{"last_updated": "' + ago(seconds=30).encode() + b'", "extra": ' + nested + b"}"
    before = row_counts()
    refused(pushed.put(b"[" * depth, "ALB2"))
    refused(pushed.put(nested, "ALB2"))
    refused(pushed.patch(body, "ALB1"))
    refused(pushed.patch(body, "ALB1", "1"))
    refused(pushed.patch(body, "ALB1", "1", "1"))
    assert row_counts() == before


@pytest.mark.parametrize(
    "path",
    [("ALB\x001",), ("ALB1", "1\x00"), ("ALB1", "1", "\x001"), ("ALB1", "\x7f")],
    ids=["location", "evse", "connector", "a control character"],
)
def test_it_refuses_a_control_character_in_a_path_id(pushed, path):
    before = row_counts()
    for send in (pushed.get, lambda *ids: pushed.patch({"last_updated": ago(seconds=9)}, *ids)):
        refused(send(*path))
    refused(pushed.put(valid(id=path[0]), *path))
    assert row_counts() == before


def test_it_refuses_a_nul_character_in_the_party(pushed):
    before = row_counts()
    response = pushed.put(valid(), "ALB2", cc="U\x00", party="CPT")
    envelope(response, status=400, code=2001)
    assert row_counts() == before
