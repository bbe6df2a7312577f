from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.client_address import client_key as hashed_client
from chargesites.mail import send_mail_on_commit
from ports.models import Port

FLAG_AFTER = 3  # "Not working" reports on one port within FLAG_WITHIN flag it
FLAG_WITHIN = timedelta(hours=24)
PER_HOUR = 5  # reports one client may send in an hour
SAME_PORT_EVERY = timedelta(minutes=30)  # and one on each port in this time


class TooManyReports(Exception):
    """The client has sent as many reports as it may for now; nothing was stored."""


class Problem(models.TextChoices):
    NOT_WORKING = "not_working", "Not working"
    BLOCKED = "blocked", "Blocked by a vehicle"
    SLOW = "slow", "Charging slower than listed"
    WRONG_INFO = "wrong_info", "Wrong information"


class ReportQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)

    def for_owner(self, user):
        return (
            self.filter(port__station__site__owner=user) if user.is_authenticated else self.none()
        )

    def file(self, port, problem, comment="", *, client):
        """Store a driver's report, within its client's limits, and flag the port if it must.

        `client` is the sender's address as the deployment sees it
        (accounts.client_address); only a keyed hash of it is stored. Raises TooManyReports
        over PER_HOUR reports an hour, or a second report on the port within
        SAME_PORT_EVERY. The limits hold under simultaneous reports: the client's row stays
        locked until the caller's transaction ends, so the next report counts after it.
        """
        key = client_key(client)
        with transaction.atomic():
            Reporter.objects.lock(key)
            now = timezone.now()
            mine = self.filter(client=key)
            if (
                mine.filter(created_at__gte=now - timedelta(hours=1)).count() >= PER_HOUR
                or mine.filter(port=port, created_at__gte=now - SAME_PORT_EVERY).exists()
            ):
                raise TooManyReports
            report = self.model(port=port, problem=problem, comment=comment, client=key)
            report.full_clean()
            if problem == Problem.NOT_WORKING:
                # One flag at a time per port: the count and the mail's "once a day" hold.
                list(Port.objects.select_for_update().filter(pk=port.pk).values_list("pk"))
            report.save()
            report.flag_if_needed()
        return report


class Report(models.Model):
    """A driver's word on a port: no account needed, the owner answers."""

    port = models.ForeignKey(Port, on_delete=models.CASCADE, related_name="reports")
    problem = models.CharField(max_length=12, choices=Problem)
    comment = models.TextField(max_length=500, blank=True)
    # Who sent it, hashed: enough to limit how often, nothing that names them.
    client = models.CharField(max_length=64, editable=False, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    notified = models.BooleanField(
        default=False, editable=False, help_text="This report's arrival flagged the port by mail."
    )
    reply = models.TextField(
        max_length=500, blank=True, help_text="Shown to drivers on the location page."
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["port", "problem", "created_at"], name="report_port_problem")
        ]

    def __str__(self):
        return f"{self.get_problem_display()} on {self.port}"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None

    def resolve(self, by, reply=""):
        self.resolved_at = timezone.now()
        self.resolved_by = by
        self.reply = reply.strip()
        self.save()

    def flag_if_needed(self):
        """The FLAG_AFTER-th "Not working" within FLAG_WITHIN flags the port, by mail to its
        owner and support staff, once: the mail goes out after the commit, through the task
        worker, so the report is kept whatever the mail server does."""
        if self.problem != Problem.NOT_WORKING:
            return
        since = self.created_at - FLAG_WITHIN
        on_port = Report.objects.filter(port=self.port, created_at__gte=since)
        count = on_port.filter(problem=Problem.NOT_WORKING).count()
        if count < FLAG_AFTER or on_port.filter(notified=True).exists():
            return  # flagged once a day at most, when it crosses the line
        Report.objects.filter(pk=self.pk).update(notified=True)
        self.notified = True
        port, site = self.port, self.port.station.site
        send_mail_on_commit(
            f"{FLAG_AFTER} drivers report {port} at {site.name} not working",
            f"In the last 24 hours, {count} drivers reported “{port}” on {port.station.name} "
            f"at {site.name} as not working.\n\nCheck it, and mark it Out of Service if it is "
            f"broken: {settings.SITE_URL}{reverse('stations:detail', args=[port.station_id])}\n",
            [settings.SUPPORT_EMAIL] + ([site.owner.email] if site.owner_id else []),
        )


def client_key(address: str) -> str:
    return hashed_client(address, "reports.client")


class ReporterQuerySet(models.QuerySet):
    def lock(self, client: str):
        """Lock the client's row (made on its first report) until the transaction ends."""
        self.bulk_create([Reporter(client=client)], ignore_conflicts=True)
        return self.select_for_update().get(client=client)


class Reporter(models.Model):
    """A client that has sent reports, by its hash: its row is the lock on its limits."""

    client = models.CharField(max_length=64, primary_key=True)

    objects = ReporterQuerySet.as_manager()

    def __str__(self):
        return self.client


def flagged_port_ids(port_ids=None, now=None) -> set[int]:
    """Ports with FLAG_AFTER or more "Not working" reports in the last FLAG_WITHIN."""
    since = (now or timezone.now()) - FLAG_WITHIN
    # Open reports only: once the owner resolves them, the port is no longer flagged.
    reports = Report.objects.open().filter(problem=Problem.NOT_WORKING, created_at__gte=since)
    if port_ids is not None:
        reports = reports.filter(port_id__in=port_ids)
    counted = reports.values("port_id").annotate(n=models.Count("pk")).filter(n__gte=FLAG_AFTER)
    return {row["port_id"] for row in counted}
