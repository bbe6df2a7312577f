"""One client sends at most 3 requests an hour and 10 a day; a refused one is not counted."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from helpcenter.models import PER_DAY, PER_HOUR, SupportRequest, TooManyRequests, Topic
from tests.helpcenter.conftest import send, visitor

pytestmark = pytest.mark.django_db

LIMITED = "You have sent several requests in a short time, so this one was not sent."


def backdate(**ago):
    SupportRequest.objects.update(created_at=timezone.now() - timedelta(**ago))


def test_it_takes_three_requests_an_hour_from_one_client(db):
    alone = visitor(1)
    for _ in range(PER_HOUR):
        assert send(by=alone).status_code == 302
    response = send(by=alone, message="A fourth question, about photos.")
    assert response.status_code == 429
    assert LIMITED in response.text
    assert "A fourth question, about photos." in response.text  # kept to send later
    assert SupportRequest.objects.count() == PER_HOUR
    assert len(mail.outbox) == 2 * PER_HOUR


def test_it_takes_requests_again_after_an_hour(db):
    alone = visitor(1)
    for _ in range(PER_HOUR):
        send(by=alone)
    backdate(minutes=61)
    assert send(by=alone).status_code == 302


def test_it_takes_ten_requests_a_day_from_one_client(db):
    alone = visitor(1)
    for _ in range(PER_DAY // PER_HOUR + 1):
        for _ in range(PER_HOUR):
            send(by=alone)
        backdate(minutes=61)
    assert SupportRequest.objects.count() >= PER_DAY
    SupportRequest.objects.filter(pk__in=SupportRequest.objects.all()[PER_DAY:]).delete()
    assert send(by=alone).status_code == 429
    backdate(hours=25)
    assert send(by=alone).status_code == 302


def test_it_limits_each_client_on_its_own(db):
    for n in range(1, PER_HOUR + 3):
        assert send(by=visitor(n)).status_code == 302


def test_it_counts_an_owner_by_address_too(alice):
    owner = Client(REMOTE_ADDR="10.1.0.1")
    owner.force_login(alice)
    for _ in range(PER_HOUR):
        send(by=visitor(1))
    assert send(by=owner, name="Alice", email="alice@example.com").status_code == 429


def test_it_counts_an_ipv6_network_as_one_client(db):
    for n in range(1, PER_HOUR + 1):
        assert send(by=Client(REMOTE_ADDR=f"2001:db8:1:2::{n}")).status_code == 302
    assert send(by=Client(REMOTE_ADDR="2001:db8:1:2:ffff::9")).status_code == 429
    assert send(by=Client(REMOTE_ADDR="2001:db8:1:3::1")).status_code == 302


def test_it_reads_the_client_behind_a_trusted_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(PER_HOUR):
        send(by=Client(REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR="203.0.113.5"))
    forged = Client(REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.5")
    assert send(by=forged).status_code == 429
    other = Client(REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR="203.0.113.6")
    assert send(by=other).status_code == 302


def test_it_does_not_count_refused_requests(db):
    alone = visitor(1)
    for _ in range(PER_HOUR + 2):
        send(by=alone, email="nope")
    assert send(by=alone).status_code == 302


def test_it_holds_the_limit_for_requests_filed_outside_the_form(db):
    # The rule lives with the requests: a script or the admin meet it too.
    fields = {
        "name": "Dana",
        "email": "dana@example.com",
        "topic": Topic.OTHER,
        "message": "A question about the map.",
    }
    for _ in range(PER_HOUR):
        SupportRequest.objects.file(client="10.1.0.1", **fields)
    with pytest.raises(TooManyRequests):
        SupportRequest.objects.file(client="10.1.0.1", **fields)
    assert SupportRequest.objects.count() == PER_HOUR
