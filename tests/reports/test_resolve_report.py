"""The owner resolves a report, with an optional reply that drivers read on the location page."""

import pytest
from django.urls import reverse

from reports.models import Report
from tests.reports.conftest import driver

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("sites:dashboard")


def url(report):
    return reverse("reports:resolve", args=[report.pk])


def location_page(port):
    return driver(9).get(reverse("sites:public", args=[port.station.site.pk])).text


def test_it_resolves_with_a_reply_drivers_read(alice_client, alice, report, port):
    response = alice_client.post(url(report), {"reply": "  Fixed the screen this morning.  "})
    assert response.status_code == 302
    assert response.url == DASHBOARD
    report.refresh_from_db()
    assert not report.is_open
    assert (report.resolved_by, report.reply) == (alice, "Fixed the screen this morning.")
    assert (
        "Owner's reply to a driver's report (not working): Fixed the screen this morning."
        in location_page(port)
    )


def test_it_resolves_without_a_reply_and_shows_drivers_nothing(alice_client, report, port):
    response = alice_client.post(url(report), follow=True)
    assert "Report resolved." in response.text
    report.refresh_from_db()
    assert not report.is_open
    assert report.reply == ""
    assert "Owner's reply" not in location_page(port)
    assert response.context["reports"] == []


def test_it_escapes_the_reply(alice_client, report, port):
    alice_client.post(url(report), {"reply": "<script>alert(1)</script>"})
    page = location_page(port)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_it_refuses_a_reply_over_500_characters(alice_client, report):
    response = alice_client.post(url(report), {"reply": "x" * 501}, follow=True)
    assert "at most 500 characters" in response.text
    report.refresh_from_db()
    assert report.is_open


def test_it_is_404_for_a_stranger(bob_client, report):
    assert bob_client.post(url(report), {"reply": "Not mine"}).status_code == 404
    report.refresh_from_db()
    assert report.is_open


def test_it_sends_anonymous_visitors_to_log_in(client, report):
    response = client.post(url(report))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    report.refresh_from_db()
    assert report.is_open


def test_it_takes_only_post(alice_client, report):
    assert alice_client.get(url(report)).status_code == 405
    report.refresh_from_db()
    assert report.is_open


def test_it_is_404_for_a_report_that_does_not_exist(alice_client, db):
    response = alice_client.post(reverse("reports:resolve", args=[999999]))
    assert response.status_code == 404
    assert not Report.objects.exists()
