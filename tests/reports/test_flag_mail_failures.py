"""A driver's report is kept whatever the mail server does; the flag mail's subject is one line."""

import pytest
from django.core import mail

from reports.models import Problem, Report
from tests.reports.conftest import driver, send
from tests.services import closed_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def mail_server_down(settings):
    """SMTP pointed at a local port nobody listens on: every send is refused."""
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": closed_port(), "timeout": 2},
        }
    }


def test_it_keeps_the_report_that_flags_a_port_when_the_mail_server_is_down(port, mail_server_down):
    for n in (1, 2, 3):
        response = send(port, Problem.NOT_WORKING, by=driver(n))
        assert response.status_code == 302
    assert Report.objects.count() == 3
    assert mail.outbox == []


def test_it_thanks_the_driver_when_the_mail_server_is_down(port, mail_server_down):
    send(port, by=driver(1))
    send(port, by=driver(2))
    response = send(port, by=driver(3), follow=True)
    assert response.status_code == 200
    assert "Thank you: the owner of this location has your report." in response.text


@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"], ids=["crlf", "lf", "cr"])
def test_it_sends_a_one_line_subject_for_names_with_line_breaks(port, newline):
    site, station = port.station.site, port.station
    site.name = f"Maple Street{newline}Bcc: everyone@example.com"
    site.save()
    port.label = f"Port{newline}1"
    port.save()
    for n in (1, 2, 3):
        assert send(port, by=driver(n)).status_code == 302
    assert Report.objects.count() == 3
    (message,) = mail.outbox
    assert "\r" not in message.subject and "\n" not in message.subject
    assert message.subject == (
        "3 drivers report Port 1 at Maple Street Bcc: everyone@example.com not working"
    )
    assert sorted(message.to) == ["alice@example.com", "support@chargesites.example"]
    assert station.name in message.body
