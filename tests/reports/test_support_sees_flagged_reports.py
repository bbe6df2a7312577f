"""Support staff, as load_demo_data sets them up, can open the flagged reports they are emailed."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts.models import User

pytestmark = pytest.mark.django_db


def test_it_lets_support_open_the_flagged_reports():
    call_command("load_demo_data", stdout=StringIO())
    support = User.objects.get(email="support@chargesites.example")
    assert support.has_perm("reports.view_report")
    client = Client()
    client.force_login(support)
    response = client.get(reverse("admin:reports_report_changelist") + "?flagged=yes")
    assert response.status_code == 200
