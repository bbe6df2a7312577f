from collections import Counter
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
        """A "Not working" report may be the one that flags its port (flag_port_if_needed)."""
        if self.problem != Problem.NOT_WORKING:
            return
        if flag_port_if_needed(self.port, self.created_at):
            Report.objects.filter(pk=self.pk).update(notified=True)
            self.notified = True


class PortFlag(models.Model):
    """A port flagged to its owner and support staff: at most one per FLAG_WITHIN."""

    port = models.ForeignKey(Port, on_delete=models.CASCADE, related_name="flags")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["port", "created_at"], name="portflag_port_created")]

    def __str__(self):
        return f"{self.port} flagged"


# Other apps' "it did not work" from drivers, counted with "Not working" reports (community's
# "Couldn't charge" check-ins): callables (port_ids or None, since, open_only) -> {port_id: n}.
_counted_elsewhere = []


def count_not_working_from(counter):
    """Count another kind of driver signal toward flagging; registered in an AppConfig.ready."""
    if counter not in _counted_elsewhere:
        _counted_elsewhere.append(counter)


def not_working_counts(port_ids, since, *, open_only=False) -> Counter:
    """{port_id: how many drivers said since `since` that it does not work}. `open_only`
    leaves out what the owner has dealt with (resolved reports, answered check-ins)."""
    reports = Report.objects.filter(problem=Problem.NOT_WORKING, created_at__gte=since)
    if open_only:
        reports = reports.open()
    if port_ids is not None:
        reports = reports.filter(port_id__in=port_ids)
    counts = Counter(dict(reports.values_list("port_id").annotate(n=models.Count("pk"))))
    for counter in _counted_elsewhere:
        counts.update(counter(port_ids, since, open_only))
    return counts


def flag_port_if_needed(port, now=None) -> bool:
    """The FLAG_AFTER-th "it does not work" within FLAG_WITHIN (a "Not working" report or
    anything counted with them) flags the port, by mail to its owner and support staff,
    once: the mail goes out after the commit, through the task worker. Call it after
    storing the new signal, in its transaction. Says whether it flagged."""
    now = now or timezone.now()
    since = now - FLAG_WITHIN
    with transaction.atomic():
        # One flag at a time per port: with the row locked, the count and "once a day" hold.
        list(Port.objects.select_for_update().filter(pk=port.pk).values_list("pk"))
        count = not_working_counts([port.pk], since)[port.pk]
        if count < FLAG_AFTER or PortFlag.objects.filter(port=port, created_at__gte=since).exists():
            return False
        PortFlag.objects.create(port=port, created_at=now)
    site = port.station.site
    send_mail_on_commit(
        f"{FLAG_AFTER} drivers report {port} at {site.name} not working",
        f"In the last 24 hours, {count} drivers reported “{port}” on {port.station.name} "
        f"at {site.name} as not working.\n\nCheck it, and mark it Out of Service if it is "
        f"broken: {settings.SITE_URL}{reverse('stations:detail', args=[port.station_id])}\n",
        [settings.SUPPORT_EMAIL] + ([site.owner.email] if site.owner_id else []),
    )
    return True


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
    """Ports FLAG_AFTER or more drivers said, in the last FLAG_WITHIN, do not work."""
    since = (now or timezone.now()) - FLAG_WITHIN
    # Open ones only: once the owner resolves or answers them, the port is no longer flagged.
    counts = not_working_counts(port_ids, since, open_only=True)
    return {port_id for port_id, n in counts.items() if n >= FLAG_AFTER}
