"""Whatever is typed into sign-up or login, the answer is a page or a redirect, never a 5xx."""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

# Any text a browser or a script can post (surrogates cannot be encoded, so no request has them).
typed = st.text(st.characters(exclude_categories=["Cs"]), max_size=300)
maybe = st.one_of(st.none(), typed)
addresses = st.one_of(
    typed, st.emails(), st.sampled_from(["alice@example.com", "ALICE@example.com "])
)
passwords = st.one_of(typed, st.just("correct-horse-battery-staple"))
pages = st.one_of(st.none(), typed, st.sampled_from(["/dashboard/", "//evil.example/", "\\\\x"]))
# The database is not reset between examples: accounts and failed attempts pile up, as in life.
same_database = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def posted(data):
    return {name: value for name, value in data.items() if value is not None}


@same_database
@given(
    data=st.fixed_dictionaries(
        {
            "email": st.one_of(st.none(), addresses),
            "display_name": maybe,
            "password1": st.one_of(st.none(), passwords),
            "password2": st.one_of(st.none(), passwords),
            "next": pages,
        }
    ),
    extra=st.dictionaries(typed, typed, max_size=3),
)
def test_sign_up_never_fails(alice, data, extra):
    response = Client().post(reverse("signup"), {**extra, **posted(data)})
    assert response.status_code in (200, 302)


@same_database
@given(
    data=st.fixed_dictionaries(
        {
            "username": st.one_of(st.none(), addresses),
            "password": st.one_of(st.none(), passwords),
            "next": pages,
        }
    ),
    url=st.sampled_from([reverse("login"), reverse("admin:login")]),
    address=st.one_of(st.just("127.0.0.1"), st.ip_addresses().map(str)),
)
def test_login_never_fails(alice, data, url, address):
    response = Client(REMOTE_ADDR=address).post(url, posted(data))
    assert response.status_code in (200, 302, 429)
