"""Obvious spam is refused with a message that says why; nothing is saved."""

import re

import pytest

from reports.models import Report
from tests.factories import PortFactory
from tests.reports.conftest import driver, report_url, send

pytestmark = pytest.mark.django_db

NO_LINKS = "Please leave links out of the comment: describe the problem."
NOT_A_PROBLEM = "That comment does not describe a problem."
AUTOMATED = "This report looks automated and was not sent."


@pytest.mark.parametrize(
    "comment",
    [
        "Cheap chargers at https://spam.example",
        "see http://spam.example/x",
        "Visit WWW.SPAM.EXAMPLE today",
        "[url=spam.example]great deal[/url]",
    ],
)
def test_it_refuses_links_in_the_comment(port, comment):
    response = send(port, comment=comment)
    assert response.status_code == 200
    assert NO_LINKS in response.text
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    "comment", ["a" * 40, "!!!!!!!!!!!!!!!!!!!!!!!!!!", "AAAA aaaa AAAA aaaa AAAA"]
)
def test_it_refuses_a_long_comment_of_one_repeated_character(port, comment):
    response = send(port, comment=comment)
    assert response.status_code == 200
    assert NOT_A_PROBLEM in response.text
    assert not Report.objects.exists()


@pytest.mark.parametrize("comment", ["!!!", "Blocked by a white van since 9am", "ok"])
def test_it_keeps_short_or_real_comments(port, comment):
    assert send(port, comment=comment).status_code == 302
    assert Report.objects.get().comment == comment


def test_it_refuses_a_filled_honeypot(port):
    response = send(port, website="https://spam.example")
    assert response.status_code == 200
    assert AUTOMATED in response.text
    assert not Report.objects.exists()


def test_it_hides_the_honeypot_from_people_and_keyboards(port):
    response = driver().get(report_url(port))
    assert 'class="card narrow report-form"' in response.text
    assert 'name="website"' in response.text
    assert 'tabindex="-1"' in response.text
    assert 'autocomplete="off"' in response.text


def test_it_keeps_what_the_driver_chose_when_it_refuses(station):
    port = PortFactory(station=station)
    response = send(port, "blocked", comment="www.spam.example")
    assert re.search(r'value="blocked"[^>]*checked', response.text)
    assert "www.spam.example" in response.text
