"""Network partners and how their OCPI objects map onto our locations, stations and ports.

OCPI's Location -> EVSE -> Connector becomes our Site -> Station -> Port.
"""

import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.db.models import Q
from django.utils import timezone

from ocpi import linking
from ports.models import Port, Position
from sites.models import Site
from stations.models import Station


def hash_token(token: str) -> str:
    # Tokens are long and random: a plain digest is enough to keep them unreadable at rest.
    return hashlib.sha256(token.encode()).hexdigest()


class Partner(models.Model):
    """A charging network that pushes its locations' status to us, with its token."""

    name = models.CharField(max_length=100, unique=True)
    country_code = models.CharField("country code", max_length=2, help_text="e.g. US")
    party_id = models.CharField("party id", max_length=3, help_text="e.g. CPT")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    token_hint = models.CharField(
        "token starts with", max_length=8, editable=False, help_text="To tell tokens apart."
    )
    is_active = models.BooleanField("active", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["country_code", "party_id"], name="partner_unique_party"
            )
        ]

    def __str__(self):
        return self.name

    @classmethod
    def by_token(cls, token: str) -> "Partner | None":
        """The active partner holding this token, asked of the database on every request.

        No copy is kept in memory or a cache: a partner deleted, deactivated or given a
        new token, by any process and by any means (admin, bulk actions, SQL), is refused
        at once.
        """
        # Every request of every network passes here: plain SQL on the unique index spares
        # the ORM's cost of building the query (0.1 ms instead of 0.6), as fast_status does.
        fields = cls._meta.concrete_fields
        columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {columns} FROM {connection.ops.quote_name(cls._meta.db_table)} "
                "WHERE token_hash = %s AND is_active",
                [hash_token(token)],
            )
            row = cursor.fetchone()
        return cls.from_db(connection.alias, [f.attname for f in fields], row) if row else None

    def issue_token(self) -> str:
        """A new token (shown once, to pass on to the partner); the old one stops working."""
        token = secrets.token_urlsafe(32)
        self.token_hash = hash_token(token)
        self.token_hint = token[:6]
        return token


class OcpiLocation(models.Model):
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="locations")
    location_id = models.CharField(max_length=36)
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="ocpi_locations")
    last_updated = models.DateTimeField()
    data = models.JSONField(help_text="The object as the network last sent it.")

    class Meta:
        verbose_name = "OCPI location"
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "location_id"], name="ocpi_location_unique_id"
            )
        ]

    def __str__(self):
        return f"{self.partner} {self.location_id}"


class OcpiEvse(models.Model):
    location = models.ForeignKey(OcpiLocation, on_delete=models.CASCADE, related_name="evses")
    uid = models.CharField(max_length=36)
    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="ocpi_evses")
    # An EVSE charges one car at a time: its connectors' ports share this position.
    position = models.ForeignKey(
        Position, on_delete=models.SET_NULL, null=True, blank=True, related_name="ocpi_evses"
    )
    status = models.CharField(max_length=12)
    last_updated = models.DateTimeField()
    data = models.JSONField()

    class Meta:
        verbose_name = "OCPI EVSE"
        constraints = [
            models.UniqueConstraint(fields=["location", "uid"], name="ocpi_evse_unique_uid")
        ]

    def __str__(self):
        return f"{self.location} / {self.uid}"


class OcpiConnector(models.Model):
    evse = models.ForeignKey(OcpiEvse, on_delete=models.CASCADE, related_name="connectors")
    connector_id = models.CharField(max_length=36)
    port = models.ForeignKey(Port, on_delete=models.CASCADE, related_name="ocpi_connectors")
    last_updated = models.DateTimeField()
    data = models.JSONField()

    class Meta:
        verbose_name = "OCPI connector"
        constraints = [
            models.UniqueConstraint(
                fields=["evse", "connector_id"], name="ocpi_connector_unique_id"
            )
        ]

    def __str__(self):
        return f"{self.evse} / {self.connector_id}"


class LinkStatus(models.TextChoices):
    PENDING = "pending", "Pending review"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class LinkRequestQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=LinkStatus.PENDING)

    def unlinked(self):
        """Requests still waiting, or rejected: what the owner's page lists."""
        return self.exclude(status=LinkStatus.APPROVED).select_related("partner")

    def ask(self, *, site, partner, location_id: str, by) -> "LinkRequest":
        """The owner's pending request for this link: a new one, or the one already sent.

        Looks nothing up in the network's data: the answer is the same whether the
        location exists or not, so the form cannot be used to find out which do.
        """
        request, _ = self.get_or_create(
            site=site,
            partner=partner,
            location_id=location_id.strip(),
            status=LinkStatus.PENDING,
            defaults={"requested_by": by},
        )
        return request


class LinkRequest(models.Model):
    """An owner asks that a network's location report its live status on their location.

    Nothing moves until support staff approve it, as with a claim: the network's
    location may be someone else's, and claims for it may be pending.
    """

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="link_requests")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="link_requests"
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="link_requests", verbose_name="network"
    )
    location_id = models.CharField("the network's location id", max_length=36)
    status = models.CharField(max_length=10, choices=LinkStatus, default=LinkStatus.PENDING)
    review_note = models.TextField(
        "note to the owner",
        blank=True,
        help_text="Why a request was rejected, or what it is waiting for.",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = LinkRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "partner", "location_id"],
                condition=Q(status=LinkStatus.PENDING),
                name="link_request_one_pending",
                violation_error_message="This link is already waiting for review.",
            )
        ]

    def __str__(self):
        return f"{self.site} ← {self.partner} “{self.location_id}”"

    @property
    def is_pending(self) -> bool:
        return self.status == LinkStatus.PENDING

    @transaction.atomic
    def approve(self, by) -> bool:
        """Move the network's stations onto the owner's location.

        When that cannot happen yet (the network has not sent the location, claims for
        it are pending, the plan is full) the request stays pending and its note says
        why; when it never can (another owner has it), it is rejected.
        """
        try:
            linking.link(self.site, self.partner, self.location_id)
        except ValidationError as error:
            if getattr(error, "code", None) == linking.REFUSED:
                self.reject(by, " ".join(error.messages))
            else:
                self.review_note = f"Waiting: {' '.join(error.messages)}"
                self._reviewed(by)
            return False
        self.status = LinkStatus.APPROVED
        self.review_note = ""
        self._reviewed(by)
        rivals = LinkRequest.objects.pending().filter(
            partner=self.partner, location_id=self.location_id
        )
        for other in rivals.exclude(pk=self.pk):
            other.reject(by, "The network's location was linked to another location.")
        return True

    def reject(self, by, reason: str):
        self.status = LinkStatus.REJECTED
        self.review_note = reason
        self._reviewed(by)

    def _reviewed(self, by):
        self.reviewed_by = by
        self.reviewed_at = timezone.now()
        self.save()
