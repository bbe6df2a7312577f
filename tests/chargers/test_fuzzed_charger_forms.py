"""Whatever an owner (or a script with their session) posts to the charger forms, the answer
is done (a redirect, or to HTMX the card with the live region told) or the form again with
each error beside its field, naming it, and nothing written; never a 5xx. Whatever a stranger
posts, a 404 and nothing written.

Each example runs in a savepoint rolled back afterwards, so every one starts from the same
charger: two connectors on two of the station's three ports, one accepted tag.
"""

import pytest
from django.urls import reverse
from django.utils.html import escape
from hypothesis import given
from hypothesis import settings as examples
from hypothesis import strategies as st

from chargers.models import AcceptedTag, Charger, ChargerConnector
from tests.chargers.factories import AcceptedTagFactory, ChargerConnectorFactory, ChargerFactory
from tests.conftest import HTMX
from tests.factories import PortFactory
from tests.fuzzing import example_count, fuzzing, some, undone
from tests.ports.pages import announced

pytestmark = pytest.mark.django_db

# Any text a form can carry (NUL and other control characters too).
text = st.text(st.characters(exclude_categories=["Cs"]), max_size=300)
htmx = st.booleans()
anything = st.dictionaries(st.sampled_from(["id_tag", "accepts", "connector_1", "x"]), text)


# Nearly right: the ids a charger's settings show, padded, too long, taken (exactly, or in
# another case), with a character a URL path cannot carry.
charge_point_ids = some(
    st.one_of(
        st.sampled_from(
            ["", "   ", "EVB-P2134.A_7", " FUZZ2 ", "x" * 48, "x" * 49, "TAKEN1", "taken1"]
        ),
        st.sampled_from(["FUZZ1", "a/b", "a b", "é", "a?b", "a\x00b", "a\tb", "a%2Fb"]),
        text,
    )
)
id_tags = some(
    st.one_of(
        st.sampled_from(["04A2B3C4D5E6F7", " CAFE02 ", "CAFE01", "cafe01", "x" * 20, "x" * 21]),
        st.sampled_from(["has space", "tag\x00", "ÄBC", "\x7f", "~!@#$%^&*()_+{}|:<>?"]),
        text,
    )
)
accepts = some(st.one_of(st.sampled_from([*Charger.Accepts.values, "LISTED", "friends"]), text))

# Seven forms, both branches each: a stranger's 404 comes before any input is read.
fewer = examples(parent=fuzzing, max_examples=example_count(15))


@pytest.fixture
def bays(station, port):
    return [port, PortFactory(station=station, label="Bay 2"), PortFactory(station=station)]


@pytest.fixture
def charger(station, bays):
    charger = ChargerFactory(
        station=station, charge_point_id="FUZZ1", accepts=Charger.Accepts.LISTED
    )
    for connector_id, bay in ((1, bays[0]), (2, bays[1])):
        ChargerConnectorFactory(charger=charger, connector_id=connector_id, port=bay)
    AcceptedTagFactory(charger=charger, id_tag="CAFE01", label="Fleet van 3")
    return charger


@pytest.fixture
def elsewhere(db):
    """Someone else's charger, holding a port: an id to collide with, a port not to take."""
    other = ChargerFactory(charge_point_id="TAKEN1")
    ChargerConnectorFactory(charger=other, connector_id=1, port=PortFactory(station=other.station))
    return other


@pytest.fixture
def tag(charger):
    return charger.tags.get()


def post(client, url, data, as_htmx):
    sent = {name: value for name, value in data.items() if value is not None}
    return client.post(url, sent, headers=HTMX if as_htmx else {})


def written():
    """Everything the charger forms write, to compare before and after an answer."""
    return (
        list(Charger.objects.values_list("pk", "charge_point_id", "accepts", "password_hash")),
        list(ChargerConnector.objects.order_by("pk").values_list("pk", "port_id")),
        list(AcceptedTag.objects.order_by("pk").values_list("pk", "id_tag", "label")),
    )


def done(response) -> bool:
    """A redirect; to HTMX, the live region told; or a page showing a new password (that one
    is rendered, not redirected, so the password is never stored to show again)."""
    if response.status_code == 302 or announced(response):
        return True
    return bool(getattr(response.context.get("charger"), "new_password", ""))


def assert_answered(response, before, form, names):
    """Done, or `form` again with each of its errors on a field and naming it (`names` maps a
    field to the words its messages use), and nothing written. `form(context)` finds the form."""
    assert response.status_code in (200, 302, 400), response.status_code
    if response.status_code == 200:
        # HTMX swaps in a fragment; a plain browser gets a whole page.
        assert (b"<html" in response.content) != bool(response.wsgi_request.htmx)
    if done(response):
        return
    assert written() == before, "a refused form must write nothing"
    shown = form(response.context)
    if not shown.is_bound:
        return  # nothing was sent: `request.POST or None` shows the empty form, as GET does
    assert shown.errors, "a 200 without a redirect must say what to fix"
    for field, messages in shown.errors.items():
        assert field in shown.fields, f"an error on no field: {messages}"
        for message in messages:
            assert names(field) in message.lower(), f"{field}: {message!r} does not name it"
            assert escape(message) in response.text, message


def card_form(name):
    return lambda context: getattr(context["charger"], name)


@fuzzing
@given(charge_point_id=charge_point_ids, as_htmx=htmx)
def test_it_answers_any_connect_input(alice_client, station, elsewhere, charge_point_id, as_htmx):
    url = reverse("chargers:connect", args=[station.pk])
    with undone():
        before = written()
        response = post(alice_client, url, {"charge_point_id": charge_point_id}, as_htmx)
        assert_answered(response, before, lambda c: c["form"], lambda _: "charge point id")
        if done(response):
            added = Charger.objects.exclude(pk__in=[row[0] for row in before[0]]).get()
            typed = (charge_point_id or "").strip()
            assert added.station == station
            assert added.charge_point_id == typed or not typed, "the id typed is the id kept"


@fuzzing
@given(data=st.data(), as_htmx=htmx)
def test_it_answers_any_connector_mapping(alice_client, charger, bays, elsewhere, data, as_htmx):
    theirs = elsewhere.connectors.get().port_id
    values = some(
        st.one_of(
            st.sampled_from(["", *[str(bay.pk) for bay in bays], str(theirs)]),
            st.integers().map(str),
            text,
        )
    )
    sent = data.draw(st.fixed_dictionaries({f"connector_{n}": values for n in (1, 2, 3)}))
    url = reverse("chargers:connectors", args=[charger.pk])
    with undone():
        before = written()
        response = post(alice_client, url, sent, as_htmx)
        assert_answered(response, before, card_form("connectors_form"), lambda field: "connector")
        if done(response):
            mapped = dict(charger.connectors.values_list("connector_id", "port_id"))
            # Not sent, or "No port": the connector is let go.
            assert mapped == {n: int(sent[f"connector_{n}"] or 0) or None for n in (1, 2)}
            assert theirs not in mapped.values()


@fuzzing
@given(choice=accepts, as_htmx=htmx)
def test_it_answers_any_accepts_choice(alice_client, charger, choice, as_htmx):
    url = reverse("chargers:accepts", args=[charger.pk])
    with undone():
        before = written()
        response = post(alice_client, url, {"accepts": choice}, as_htmx)
        assert_answered(response, before, card_form("accepts_form"), lambda _: "who may charge")
        charger.refresh_from_db()
        assert charger.accepts in Charger.Accepts.values


@fuzzing
@given(id_tag=id_tags, label=some(text), as_htmx=htmx)
def test_it_answers_any_tag_to_add(alice_client, charger, id_tag, label, as_htmx):
    url = reverse("chargers:add_tag", args=[charger.pk])
    with undone():
        before = written()
        response = post(alice_client, url, {"id_tag": id_tag, "label": label}, as_htmx)
        assert_answered(
            response, before, card_form("tag_form"), {"id_tag": "tag", "label": "label"}.get
        )
        tags = list(charger.tags.values_list("id_tag", "label"))
        assert len({tag.upper() for tag, _ in tags}) == len(tags), "a tag twice, in another case"
        if done(response):
            assert len(tags) == 2
            assert (id_tag.strip(), (label or "").strip()) in tags


@fuzzing
@given(data=anything, as_htmx=htmx)
def test_it_removes_a_tag_whatever_else_is_posted(alice_client, tag, data, as_htmx):
    with undone():
        response = post(alice_client, reverse("chargers:remove_tag", args=[tag.pk]), data, as_htmx)
        assert done(response)
        assert not AcceptedTag.objects.filter(pk=tag.pk).exists()


@fuzzing
@given(data=anything, as_htmx=htmx)
def test_it_issues_a_password_whatever_else_is_posted(alice_client, charger, data, as_htmx):
    with undone():
        response = post(
            alice_client, reverse("chargers:password", args=[charger.pk]), data, as_htmx
        )
        assert done(response)
        assert response.context["charger"].new_password
        assert charger.password_hash != Charger.objects.get(pk=charger.pk).password_hash


@fuzzing
@given(data=anything, as_htmx=htmx)
def test_it_removes_a_charger_whatever_else_is_posted(alice_client, charger, data, as_htmx):
    with undone():
        response = post(alice_client, reverse("chargers:remove", args=[charger.pk]), data, as_htmx)
        assert done(response)
        assert not Charger.objects.filter(pk=charger.pk).exists()


STRANGER_POSTS = [
    ("chargers:connect", lambda charger, tag: charger.station_id, {"charge_point_id": text}),
    (
        "chargers:connectors",
        lambda charger, tag: charger.pk,
        {"connector_1": st.one_of(st.integers(1, 20).map(str), text)},
    ),
    ("chargers:accepts", lambda charger, tag: charger.pk, {"accepts": accepts}),
    ("chargers:add_tag", lambda charger, tag: charger.pk, {"id_tag": id_tags, "label": text}),
    ("chargers:remove_tag", lambda charger, tag: tag.pk, {"id_tag": text}),
    ("chargers:password", lambda charger, tag: charger.pk, {"x": text}),
    ("chargers:remove", lambda charger, tag: charger.pk, {"x": text}),
]


@pytest.mark.parametrize(
    "name, pk_of, fields", STRANGER_POSTS, ids=[name for name, *_ in STRANGER_POSTS]
)
def test_it_is_404_for_a_stranger_whatever_he_posts(bob_client, charger, tag, name, pk_of, fields):
    url = reverse(name, args=[pk_of(charger, tag)])

    @fewer
    @given(data=st.fixed_dictionaries({key: some(value) for key, value in fields.items()}))
    def answers_404(data):
        for as_htmx in (False, True):
            with undone():
                before = written()
                assert post(bob_client, url, data, as_htmx).status_code == 404
                assert written() == before

    answers_404()
