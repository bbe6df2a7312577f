"""Drivers are anonymous clients told apart by address; a report is what one of them sent."""

import pytest
from django.test import Client, TestCase
from django.urls import reverse

from reports.models import Problem, Report


def report_url(port):
    return reverse("reports:report", args=[port.pk])


def driver(n=1) -> Client:
    """A driver with no account: another address is another client to the rate limits."""
    return Client(REMOTE_ADDR=f"10.0.0.{n}")


def send(port, problem=Problem.NOT_WORKING, comment="", by=None, follow=False, **extra):
    data = {"problem": problem, "comment": comment, **extra}
    # Run what the request left for after its commit (the flag mail), as a real commit would.
    with TestCase.captureOnCommitCallbacks(execute=True):
        return (by or driver()).post(report_url(port), data, follow=follow)


@pytest.fixture
def report(port):
    return Report.objects.create(
        port=port, problem=Problem.NOT_WORKING, comment="Screen is black", client="x" * 64
    )
