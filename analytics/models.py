"""How a location does, per UTC day: what the task worker flushed from Redis.

Views and search appearances are counted in Redis on the driver's request (counting.py)
and added here by `flush_counts` (flush.py). Check-ins, reports and charging sessions are
rows of their own apps already: the owner's page reads those where they are.
"""

from django.core.exceptions import ValidationError
from django.db import models

from sites.models import Site


class Kind(models.TextChoices):
    VIEW = "view", "Page views"
    SEARCH = "search", "Search appearances"


class DailyCountQuerySet(models.QuerySet):
    def for_site(self, site):
        return self.filter(site=site)

    def between(self, first, last):
        return self.filter(day__gte=first, day__lte=last)


class DailyCount(models.Model):
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="daily_counts")
    day = models.DateField(help_text="A UTC day.")
    kind = models.CharField(max_length=10, choices=Kind)
    count = models.PositiveIntegerField(default=0)

    objects = DailyCountQuerySet.as_manager()

    class Meta:
        ordering = ["site", "day", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["site", "day", "kind"], name="daily_count_once"),
            models.CheckConstraint(
                condition=models.Q(kind__in=Kind.values), name="daily_count_known_kind"
            ),
        ]

    def __str__(self):
        return f"{self.site_id} {self.day} {self.kind}: {self.count}"

    def clean(self):
        if self.kind not in Kind.values:
            raise ValidationError(
                {
                    "kind": f"Choose one of: {', '.join(Kind.labels)}; counts of other kinds "
                    "are read from their own records."
                }
            )


class FlushedBatch(models.Model):
    """A Redis batch already added to DailyCount: a flush that meets it again (it ran
    twice, or Redis was down when the first one went to delete it) adds nothing."""

    key = models.CharField(max_length=200, unique=True)
    flushed_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return self.key
