"""Network partners and how their OCPI objects map onto our locations, stations and ports.

OCPI's Location -> EVSE -> Connector becomes our Site -> Station -> Port.
"""

import hashlib
import secrets
import time

from django.db import models

from ports.models import Port, Position
from sites.models import Site
from stations.models import Station


def hash_token(token: str) -> str:
    # Tokens are long and random: a plain digest is enough to keep them unreadable at rest.
    return hashlib.sha256(token.encode()).hexdigest()


# Active partners by token hash, for a minute: networks send hundreds of requests a
# second. Saving a partner clears it in this process; other processes follow within
# the minute (a revoked token works at most that much longer).
_BY_TOKEN: dict[str, tuple[float, "Partner | None"]] = {}
PARTNER_CACHE_SECONDS = 60


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

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        _BY_TOKEN.clear()

    @classmethod
    def by_token(cls, token: str) -> "Partner | None":
        digest = hash_token(token)
        now = time.monotonic()
        cached = _BY_TOKEN.get(digest)
        if cached and cached[0] > now:
            return cached[1]
        partner = cls.objects.filter(token_hash=digest, is_active=True).first()
        if len(_BY_TOKEN) > 1000:
            _BY_TOKEN.clear()
        _BY_TOKEN[digest] = (now + PARTNER_CACHE_SECONDS, partner)
        return partner

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
