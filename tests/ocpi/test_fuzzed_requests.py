"""Whatever a network sends to our OCPI endpoints (bodies, tokens, ids in the URL, query
strings), it gets OCPI's envelope back: never a 5xx, and a 2xxx status for bad input.

A bounded number of examples keeps the suite fast; HYPOTHESIS_MAX_EXAMPLES asks for more
(`make fuzz`). The database is not reset between examples: what one stores, the next
one meets.
"""

import base64
import copy
import json
from datetime import UTC, datetime
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, example, given
from hypothesis import settings as examples
from hypothesis import strategies as st

from tests.factories import PortFactory, SiteFactory, StationFactory
from tests.fuzzing import example_count
from tests.ocpi.network import TIMESTAMP, ago, chademo, connector, evse, location

pytestmark = pytest.mark.django_db

fuzzed = examples(
    max_examples=example_count(60),
    deadline=None,
    database=None,  # nothing written to the working tree; a failure prints its example
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
FAR = "9999-12-31T23:59:59Z"
METHODS = st.sampled_from(["GET", "PUT", "PATCH", "POST", "DELETE", "OPTIONS"])
SENDER = reverse("ocpi:our_locations")


@pytest.fixture
def pushed(network, alice):
    """ALB1 with two EVSEs, as Capital Power pushed it; one of Alice's locations to send."""
    at = ago(minutes=30)
    evses = [evse("1", last_updated=at), evse("2", last_updated=at, connectors=[chademo("1")])]
    answered(network.put(location(last_updated=at, evses=evses), "ALB1"), 200)
    PortFactory(station=StationFactory(site=SiteFactory(owner=alice)))
    return network


def answered(response, status=None) -> dict:
    """The envelope, whatever came in: 2xxx codes with a 4xx, 1000 with a 200."""
    assert response.status_code < 500, response.content[:500]
    if status is not None:
        assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "application/json", response.content[:500]
    body = json.loads(response.content)
    assert set(body) == {"data", "status_code", "status_message", "timestamp"}
    assert TIMESTAMP.fullmatch(body["timestamp"])
    if response.status_code >= 400:
        assert 2000 <= body["status_code"] <= 2999, body
    else:
        assert body["status_code"] == 1000, body
    return body


# Values as JSON carries them, and moments as networks write them (or miswrite them).
edge_moments = st.sampled_from(
    [
        "9999-12-31T23:59:59Z",
        "9999-12-31T23:59:59.999999",
        "0001-01-01T00:00:00+05:00",
        "9999-12-31T23:59:59-05:00",
        "1970-01-01T00:00:00Z",
        "2026-02-30T00:00:00Z",
        "",
    ]
)
moments = st.one_of(
    edge_moments,
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)).map(
        lambda moment: moment.isoformat()
    ),
    st.datetimes(timezones=st.just(UTC)).map(lambda moment: moment.isoformat()),
    st.integers(min_value=1, max_value=10).map(lambda minutes: ago(minutes=minutes)),
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=60),
    st.text(st.characters(codec="utf-8"), max_size=60),
    moments,
)
json_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)


def paths(value, prefix=()):
    """Every place in a JSON document, as the keys and indexes leading to it."""
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, child in value.items():
            found += paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += paths(child, (*prefix, index))
    return found


@st.composite
def mutated(draw, body: dict) -> dict:
    """The body with up to three of its values replaced or removed."""
    body = copy.deepcopy(body)
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        where = draw(st.sampled_from(paths(body)))
        parent = body
        try:
            for step in where[:-1]:
                parent = parent[step]
            if draw(st.booleans()) and isinstance(parent, dict):
                del parent[where[-1]]
            else:
                parent[where[-1]] = draw(json_values)
        except (KeyError, IndexError, TypeError):
            pass  # an earlier change removed or replaced this place
    return body


def full_location(at="2026-01-01T00:00:00Z"):
    connectors = [connector(last_updated=at), chademo(last_updated=at)]
    body = location(last_updated=at, evses=[evse("1", last_updated=at, connectors=connectors)])
    body["opening_times"] = {
        "twentyfourseven": False,
        "regular_hours": [{"weekday": 1, "period_begin": "08:00", "period_end": "18:00"}],
    }
    return body


def send(network, method, path, body: bytes | None = None, headers=None):
    return network.client.generic(
        method,
        path,
        body or b"",
        content_type="application/json",
        headers=network.headers if headers is None else headers,
    )


def as_json(body) -> bytes:
    return json.dumps(body).encode()


def url(*parts: str, sender=False) -> str:
    """An OCPI URL with these parts, whatever they hold ('/' too), each percent-encoded."""
    base = "/ocpi/cpo/2.2.1/locations" if sender else "/ocpi/emsp/2.2.1/locations/US/CPT"
    return "/".join([base, *(quote(part, safe="") for part in parts)])


# When an update says it was made: as the body has it, just now (newer than what we hold,
# so it goes all the way), or any moment at all.
dates = st.one_of(st.none(), st.just("now"), edge_moments, moments)


def dated(body: dict, at) -> dict:
    """The body, and the EVSEs and connectors in it, dated `at` (None: left as they are)."""
    if at is None:
        return body
    at = ago(seconds=1) if at == "now" else at
    pending = [body]
    while pending:
        part = pending.pop()
        if isinstance(part, dict):
            if "last_updated" in part:
                part["last_updated"] = at
            pending += [part.get("evses"), part.get("connectors")]
        elif isinstance(part, list):
            pending += part
    return body


@fuzzed
@given(body=mutated(full_location()), at=dates, new=st.booleans())
@example(body=full_location(), at=FAR, new=False)  # once broke the search for everyone
def test_it_answers_any_location_put(pushed, body, at, new):
    dated(body, at)
    location_id = body.get("id") if new and isinstance(body.get("id"), str) else "ALB1"
    answered(send(pushed, "PUT", url(location_id), as_json(body)))
    drivers_see_it(pushed)


def drivers_see_it(network):
    """What a network stored breaks no page: the search recomputes stale rows first."""
    assert network.client.get(reverse("search:locations"), {"available": "on"}).status_code == 200


@fuzzed
@given(
    body=st.one_of(mutated(evse("1", last_updated=ago(seconds=1))), mutated(connector())),
    where=st.sampled_from([("ALB1", "1"), ("ALB1", "3"), ("ALB1", "1", "1"), ("ALB9", "1")]),
)
def test_it_answers_any_evse_or_connector_put(pushed, body, where):
    answered(send(pushed, "PUT", pushed.url(*where), as_json(body)))


patch_fields = st.sampled_from(
    [
        "status",
        "last_updated",
        "name",
        "address",
        "publish",
        "coordinates",
        "opening_times",
        "time_zone",
        "id",
        "uid",
        "country_code",
        "party_id",
        "standard",
        "max_voltage",
        "physical_reference",
    ]
)
patches = st.dictionaries(
    st.one_of(patch_fields, st.text(max_size=12)),
    st.one_of(
        json_values,
        st.sampled_from(["AVAILABLE", "CHARGING", "REMOVED", "OUTOFORDER", "America/New_York"]),
    ),
    max_size=5,
)


@fuzzed
@given(
    patch=patches,
    at=dates,
    where=st.sampled_from([("ALB1",), ("ALB1", "1"), ("ALB1", "2", "1"), ("ALB1", "9")]),
)
@example(patch={"status": "CHARGING"}, at=FAR, where=("ALB1", "1"))
def test_it_answers_any_patch(pushed, patch, at, where):
    if at is not None:
        patch = dated({**patch, "last_updated": None}, at)
    answered(send(pushed, "PATCH", pushed.url(*where), as_json(patch)))
    drivers_see_it(pushed)


@fuzzed
@given(
    body=st.one_of(
        st.binary(max_size=2000),
        st.text(max_size=200).map(str.encode),
        json_values.map(as_json),
        st.sampled_from([1, 32, 33, 100, 3000]).map(lambda depth: b"[" * depth),
        st.sampled_from([1, 32, 33, 100, 3000]).map(
            lambda depth: b'{"a":' * depth + b"1" + b"}" * depth
        ),
        st.sampled_from([b'{"name": "\\ud800"}', b'{"a": 1e400}', b'{"a": NaN}', b"{" * 9]),
    ),
    method=METHODS,
    where=st.sampled_from([("ALB1",), ("ALB2",), ("ALB1", "1"), ("ALB1", "1", "1")]),
)
@example(body=b"[" * 3000, method="PUT", where=("ALB2",))  # past Python's recursion limit
def test_it_answers_any_body(pushed, body, method, where):
    answered(send(pushed, method, pushed.url(*where), body))


# Header values as servers hand them to Django: Latin-1, control characters included.
header_text = st.text(st.characters(max_codepoint=255), max_size=120)


@fuzzed
@given(
    authorization=st.one_of(
        header_text,
        header_text.map(lambda text: f"Token {text}"),
        st.binary(max_size=90).map(
            lambda raw: "Token " + base64.b64encode(raw).decode()  # base64 of anything
        ),
    ),
    method=METHODS,
    path=st.sampled_from(
        [("location", ["US", "CPT", "ALB1"]), ("evse", ["US", "CPT", "ALB1", "1"])]
        + [("our_locations", []), ("our_location", ["1"])]
    ),
)
@example(authorization="Token caf\u00e9", method="GET", path=("our_locations", []))
def test_it_answers_any_authorization(pushed, authorization, method, path):
    name, args = path
    headers = {"Authorization": authorization}
    response = send(pushed, method, reverse(f"ocpi:{name}", args=args), b"{}", headers)
    answered(response)
    assert response.status_code in (401, 405)  # no token, or no such method here


ids = st.one_of(
    st.text(st.characters(codec="utf-8"), max_size=40),
    st.text(st.characters(max_codepoint=127), min_size=1, max_size=40),
    st.sampled_from(["ALB1", "1", "US", "CPT", "0", "9" * 30, ".", "..", "%00", "\x00"]),
)


@fuzzed
@given(path=st.lists(ids, min_size=1, max_size=5), method=METHODS, sender=st.booleans())
@example(path=["ALB\x001"], method="GET", sender=False)  # PostgreSQL holds no NUL
@example(path=["ALB1", ""], method="PUT", sender=False)
def test_it_answers_any_ids_in_the_url(pushed, path, method, sender):
    body = as_json(evse(path[-1], last_updated=ago(seconds=1)))
    answered(send(pushed, method, url(*path, sender=sender), body))


parameters = st.sampled_from(["offset", "limit", "date_from", "date_to"])
values = st.one_of(
    st.sampled_from(["-1", "0", "1", "9" * 18, "9" * 19, "1" * 5000, "\u0661", "1e3"]),
    moments,
    st.integers().map(str),
    st.text(max_size=40),
)


@fuzzed
@given(
    query=st.lists(st.tuples(st.one_of(parameters, st.text(max_size=10)), values), max_size=5),
    raw=st.one_of(st.none(), st.text(st.characters(max_codepoint=255), max_size=80)),
)
@example(query=[("offset", "9" * 20)], raw=None)  # beyond 64 bits
@example(query=[("date_from", "0001-01-01T00:00:00+05:00")], raw=None)  # before year 1 in UTC
@example(query=[("date_to", "9999-12-31T23:59:59Z")], raw=None)
def test_it_answers_any_query_string(pushed, query, raw):
    client = Client(headers=pushed.headers)
    if raw is None:
        response = client.get(SENDER, dict(query))
    else:
        response = client.get(SENDER, QUERY_STRING=raw)
    body = answered(response)
    if response.status_code == 200:
        assert isinstance(body["data"], list)
