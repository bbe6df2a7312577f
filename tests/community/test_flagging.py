"""A "Couldn't charge" check-in counts like a "Not working" report toward flagging the port:
three in 24 hours, from either, mail its owner and support staff once."""

import pytest
from django.core import mail
from django.urls import reverse

from community.models import Outcome
from reports.models import PortFlag, Problem, flagged_port_ids
from tests.community.conftest import check_in
from tests.conftest import logged_in
from tests.factories import UserFactory
from tests.reports.conftest import driver, send

pytestmark = pytest.mark.django_db


def could_not_charge(site, port, times):
    for _ in range(times):
        assert check_in(logged_in(UserFactory()), site, port, Outcome.COULD_NOT).status_code == 302


def test_three_couldnt_charge_check_ins_flag_the_port_once(site, port, settings):
    could_not_charge(site, port, 2)
    assert mail.outbox == []
    could_not_charge(site, port, 1)
    (message,) = mail.outbox
    assert sorted(message.to) == sorted(["alice@example.com", settings.SUPPORT_EMAIL])
    assert message.subject == "3 drivers report Port 1 at Maple Street Market not working"
    could_not_charge(site, port, 1)
    assert len(mail.outbox) == 1
    assert PortFlag.objects.count() == 1


def test_check_ins_and_reports_count_together(site, port):
    could_not_charge(site, port, 1)
    assert send(port, Problem.NOT_WORKING, by=driver(1)).status_code == 302
    assert mail.outbox == []
    assert send(port, Problem.NOT_WORKING, by=driver(2)).status_code == 302
    assert len(mail.outbox) == 1


def test_other_outcomes_do_not_count(site, port):
    for outcome in [Outcome.CHARGED, Outcome.WAITED, Outcome.SLOW] * 2:
        check_in(logged_in(UserFactory()), site, port, outcome)
    assert mail.outbox == []


def test_the_dashboard_flags_the_port_until_the_owner_answers(alice_client, site, port):
    could_not_charge(site, port, 2)
    send(port, Problem.NOT_WORKING, by=driver(1))
    assert flagged_port_ids() == {port.pk}
    response = alice_client.get(reverse("sites:dashboard"))
    assert [report.flagged for report in response.context["reports"]] == [True]
    for answered in port.check_ins.all():
        answered.give_answer("On it.", what="check-in")
    assert flagged_port_ids() == set()
