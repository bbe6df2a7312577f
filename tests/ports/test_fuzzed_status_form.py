"""Whatever is posted to a port's "Mark Out of Service" / "Mark Operational" form, the answer is
a redirect, the row, the form again saying what to fix, or a 400 for a status that is not
offered: never a 5xx, and never a port left breaking its rules."""

import pytest
from django.urls import reverse
from django.utils.html import escape
from hypothesis import given
from hypothesis import strategies as st

from ports.models import Port
from ports.vocabulary import PortStatus
from tests.conftest import HTMX
from tests.fuzzing import fuzzing, some, undone

pytestmark = pytest.mark.django_db

text = st.text(st.characters(exclude_categories=["Cs"]), max_size=600)
dates = st.one_of(st.dates().map(str), st.sampled_from(["2030-02-30", "9999-12-31", ""]), text)
ticks = st.sampled_from(["", "on", "true", "off", "0"])


status_forms = st.fixed_dictionaries(
    {
        "status": some(st.one_of(st.sampled_from(PortStatus.values), text)),
        "note": some(text),
        "expected_repair_date": some(dates),
        "clear_notes": some(ticks),
    }
)


@fuzzing
@given(data=status_forms, as_htmx=st.booleans(), broken=st.booleans())
def test_it_answers_any_input(alice_client, port, data, as_htmx, broken):
    with undone():
        if broken:
            Port.objects.filter(pk=port.pk).update(
                status=PortStatus.OUT_OF_SERVICE, notes="Awaiting parts"
            )
        sent = {name: value for name, value in data.items() if value is not None}
        url = reverse("ports:status", args=[port.pk])
        response = alice_client.post(url, sent, headers=HTMX if as_htmx else {})
        assert response.status_code in (200, 302, 400), response.status_code
        if response.status_code == 200 and not response.context.get("saved"):
            form = response.context["form"]
            shown = [message for messages in form.errors.values() for message in messages]
            assert shown, "a 200 that saved nothing must say what to fix"
            assert any(escape(message) in response.text for message in shown), shown
        Port.objects.get(pk=port.pk).full_clean()  # whatever happened, the port is sound
