"""Whatever an owner (or a script with their session) posts to the owner forms, the answer is
a redirect or the form again saying what to fix: never a 5xx.

Each example runs in a savepoint rolled back afterwards, so every one starts from the same
location, station and port. A bounded number of examples keeps the suite fast.
"""

import pytest
from django.urls import reverse
from django.utils.html import escape
from hypothesis import given
from hypothesis import strategies as st

from accounts.plans import Plan
from ports.vocabulary import ConnectorType, PortStatus, PowerType
from tests.conftest import HTMX
from tests.fuzzing import fuzzing, some, undone

pytestmark = pytest.mark.django_db

# Any text a form can carry (NUL and other control characters too), and values that are
# nearly right: numbers out of range, in other notations, not numbers at all.
text = st.text(st.characters(exclude_categories=["Cs"]), max_size=300)
numbers = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.floats().map(str),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["7.2", "50", "0", "-1", "1e3", "1,000", "1_000", "٣", "0x10"]),
    text,
)
ticks = st.sampled_from(["", "on", "true", "off", "0"])
dates = st.one_of(st.dates().map(str), st.sampled_from(["2026-02-30", "9999-12-31"]), text)


def choice(values):
    return some(st.one_of(st.sampled_from(list(values)), text))


port_forms = st.fixed_dictionaries(
    {
        "connector_type": choice(ConnectorType.values),
        "power_type": choice(PowerType.values),
        "max_power_kw": some(numbers),
        "voltage": some(numbers),
        "amperage": some(numbers),
        "status": choice(PortStatus.values),
        "label": some(text),
        "notes": some(text),
        "expected_repair_date": some(dates),
        "confirm_power": some(ticks),
        "clear_notes": some(ticks),
    }
)
station_forms = st.fixed_dictionaries(
    {
        "name": some(text),
        "manufacturer": some(text),
        "model": some(text),
        "network": some(st.one_of(st.just("ChargePoint"), text)),
        "is_published": some(ticks),
    }
)
location_forms = st.fixed_dictionaries(
    {
        "name": some(text),
        "street_address": some(text),
        "city": some(text),
        "state": choice(["NY", "CA", "ny", "New York"]),
        "zip_code": some(st.one_of(st.sampled_from(["12207", "12207-1234"]), text)),
        "latitude": some(numbers),
        "longitude": some(numbers),
    }
)
link_forms = st.fixed_dictionaries(
    {"partner": some(st.one_of(st.integers().map(str), text)), "location_id": some(text)}
)
htmx = st.booleans()


def post(client, url, data, as_htmx):
    sent = {name: value for name, value in data.items() if value is not None}
    return client.post(url, sent, headers=HTMX if as_htmx else {})


def assert_answered(response, *, saved_fragment=""):
    """A redirect; the form again with its errors shown; or, to HTMX, the saved fragment."""
    assert response.status_code in (200, 302, 400), response.status_code
    if response.status_code == 302:
        return
    context = response.context
    if saved_fragment and context.get(saved_fragment):
        return
    form = context.get("form")
    assert form is not None, "a 200 without a redirect must show the form"
    if not form.is_bound:
        return  # nothing was sent: `request.POST or None` shows the empty form, as GET does
    assert form.errors, "a 200 without a redirect must say what to fix"
    shown = [message for messages in form.errors.values() for message in messages]
    assert any(escape(message) in response.text for message in shown), shown


@pytest.fixture
def premium(alice):
    alice.plan = Plan.PREMIUM_MULTI  # room to add: the fuzzing is of the input, not the limits
    alice.save()
    return alice


@fuzzing
@given(data=port_forms, as_htmx=htmx)
def test_add_port_answers_any_input(alice_client, station, port, data, as_htmx):
    with undone():
        response = post(alice_client, reverse("ports:add", args=[station.pk]), data, as_htmx)
        assert_answered(response, saved_fragment="added")


@fuzzing
@given(data=port_forms, as_htmx=htmx)
def test_edit_port_answers_any_input(alice_client, station, port, data, as_htmx):
    with undone():
        response = post(alice_client, reverse("ports:edit", args=[port.pk]), data, as_htmx)
        assert_answered(response, saved_fragment="saved")


@fuzzing
@given(data=station_forms)
def test_add_station_answers_any_input(alice_client, premium, site, station, data):
    with undone():
        response = post(alice_client, reverse("stations:add", args=[site.pk]), data, False)
        assert_answered(response)


@fuzzing
@given(data=station_forms)
def test_edit_station_answers_any_input(alice_client, site, station, data):
    with undone():
        response = post(alice_client, reverse("stations:edit", args=[station.pk]), data, False)
        assert_answered(response)


@fuzzing
@given(data=location_forms)
def test_add_location_answers_any_input(alice_client, premium, site, data):
    with undone():
        response = post(alice_client, reverse("sites:add"), data, False)
        assert_answered(response)


@fuzzing
@given(data=link_forms)
def test_link_a_network_answers_any_input(alice_client, site, network, data):
    with undone():
        response = post(alice_client, reverse("ocpi:link", args=[site.pk]), data, False)
        assert_answered(response)
