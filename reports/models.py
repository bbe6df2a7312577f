import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from ports.models import Port

FLAG_AFTER = 3  # "Not working" reports on one port within FLAG_WITHIN flag it
FLAG_WITHIN = timedelta(hours=24)


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


def client_of(request) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    agent = request.META.get("HTTP_USER_AGENT", "")
    return hashlib.sha256(f"{settings.SECRET_KEY}|{address}|{agent}".encode()).hexdigest()


def flagged_port_ids(port_ids=None, now=None) -> set[int]:
    """Ports with FLAG_AFTER or more "Not working" reports in the last FLAG_WITHIN."""
    since = (now or timezone.now()) - FLAG_WITHIN
    # Open reports only: once the owner resolves them, the port is no longer flagged.
    reports = Report.objects.open().filter(problem=Problem.NOT_WORKING, created_at__gte=since)
    if port_ids is not None:
        reports = reports.filter(port_id__in=port_ids)
    counted = reports.values("port_id").annotate(n=models.Count("pk")).filter(n__gte=FLAG_AFTER)
    return {row["port_id"] for row in counted}
