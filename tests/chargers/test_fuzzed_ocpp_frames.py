"""Whatever frames a charger sends (fuzzed), each CALL gets exactly one answer, a
CALLRESULT or a CALLERROR with the CALL's id, and the connection and the server stay up:
one connection takes every example in turn."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ocpp.v16.enums import Action

from chargers.models import Charger
from tests.chargers.factories import ChargerFactory
from tests.fuzzing import example_count

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=60)
)
JSON = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)
# Payloads near what a charger sends: its fields, with any value in them.
FIELDS = [
    "connectorId",
    "errorCode",
    "status",
    "timestamp",
    "info",
    "idTag",
    "meterStart",
    "meterStop",
    "transactionId",
    "meterValue",
    "chargePointVendor",
    "chargePointModel",
    "reason",
    "vendorId",
]
NEAR = st.dictionaries(st.sampled_from(FIELDS), JSON | st.sampled_from(["Charging", "NoError"]))
ACTIONS = st.sampled_from([action.value for action in Action]) | st.text(max_size=30)
# Not a CALL nor an answer to one: each must get a CALLERROR.
JUNK = JSON.filter(lambda frame: not (isinstance(frame, list) and frame[:1] in ([2], [3], [4])))
CALLS = st.tuples(st.text(min_size=1, max_size=36), ACTIONS, NEAR | JSON)


@settings(
    max_examples=example_count(60),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(calls=st.lists(CALLS, min_size=1, max_size=5), junk=st.lists(JUNK, max_size=2))
def test_it_answers_every_call_and_stays_up(connect, calls, junk):
    charger = Charger.objects.first() or ChargerFactory()
    link = getattr(test_it_answers_every_call_and_stays_up, "link", None)
    if link is None:
        link = test_it_answers_every_call_and_stays_up.link = connect(charger, raw=True)

    for frame in junk:
        answer = link.exchange(frame)
        assert answer[0] == 4 and answer[2] == "FormationViolation", answer
    for unique_id, action, payload in calls:
        answer = link.exchange([2, unique_id, action, payload])
        assert answer[:2] in ([3, unique_id], [4, unique_id]), answer
        if answer[0] == 4:
            assert isinstance(answer[4].get("cause"), str), answer
    assert link.exchange([2, "still-there", "Heartbeat", {}])[:2] == [3, "still-there"]


def teardown_function(function):
    # The next test (and the next run of this one) connects afresh.
    if hasattr(function, "link"):
        del function.link
