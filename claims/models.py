import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from chargesites.mail import send_mail_on_commit
from claims.proof import private_storage
from sites.models import Site, location_limit_reached


class Relationship(models.TextChoices):
    OWNER = "owner", "Owner"
    MANAGER = "manager", "Manager"
    OPERATOR = "operator", "Operator"


class ClaimStatus(models.TextChoices):
    PENDING = "pending", "Pending review"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"

    @property
    def look(self) -> tuple[str, str]:
        """(pill tone, icon) for templates: status is never colour alone."""
        return _LOOKS[self]


_LOOKS = {
    ClaimStatus.PENDING: ("info", "clock"),
    ClaimStatus.APPROVED: ("ok", "check"),
    ClaimStatus.REJECTED: ("bad", "x-circle"),
}


class ClaimQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=ClaimStatus.PENDING)


def _proof_name(claim, filename):
    # Our own name, never the uploader's: it ends up in file paths and headers.
    return f"claims/{uuid.uuid4().hex}.{claim.proof_type or 'bin'}"


phone_validator = RegexValidator(
    r"^\+?[\d\s().-]{7,20}$", "Enter a phone number, like 518-555-0123 or +1 518 555 0123."
)


class Claim(models.Model):
    """A request to manage an unclaimed location, reviewed by support staff."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="claims")
    claimant = models.ForeignKey(User, on_delete=models.CASCADE, related_name="claims")
    full_name = models.CharField("your name", max_length=100)
    title = models.CharField("your title", max_length=100, help_text="Like “Facilities Manager”.")
    business_name = models.CharField("business name", max_length=200)
    contact_email = models.EmailField("contact email")
    contact_phone = models.CharField("contact phone", max_length=20, validators=[phone_validator])
    relationship = models.CharField(
        "relationship to the property", max_length=10, choices=Relationship
    )
    proof = models.FileField(
        "proof of ownership",
        storage=private_storage,
        upload_to=_proof_name,
        help_text="A utility bill, lease, deed or business licence: PDF, JPG or PNG, up to 5 MB.",
    )
    proof_type = models.CharField(max_length=4, editable=False)
    status = models.CharField(max_length=10, choices=ClaimStatus, default=ClaimStatus.PENDING)
    review_note = models.TextField(
        "note to the claimant",
        blank=True,
        help_text="Why a claim was rejected, or what it is waiting for.",
    )
    reviewed_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "claimant"],
                condition=Q(status=ClaimStatus.PENDING),
                name="claim_one_pending_per_owner",
                violation_error_message="You already have a pending claim for this location.",
            )
        ]

    def __str__(self):
        return f"{self.claimant} claims {self.site}"

    def get_proof_url(self):
        return reverse("claims:proof", args=[self.pk])

    @property
    def status_look(self) -> tuple[str, str]:
        return ClaimStatus(self.status).look

    @property
    def is_pending(self) -> bool:
        return self.status == ClaimStatus.PENDING

    def clean(self):
        super().clean()
        if self.site_id is None or not self._state.adding:
            return
        if self.site.is_claimed:
            raise ValidationError(
                "This location already has an owner on ChargeSites. "
                f"If that is wrong, write to {settings.SUPPORT_EMAIL}."
            )
        if Claim.objects.pending().filter(site=self.site, claimant_id=self.claimant_id).exists():
            raise ValidationError(
                "You already have a claim for this location pending review: "
                "your dashboard shows its status."
            )
        # Approval checks the limit again: the owner may have added a location meanwhile.
        if message := location_limit_reached(self.claimant):
            raise ValidationError(
                f"{message} Claiming this location would make one more.", code="limit"
            )

    @transaction.atomic
    def approve(self, by) -> bool:
        """Make the claimant the owner, if their plan allows one more location.

        Otherwise the claim stays pending and its note says why.
        """
        site = Site.objects.select_for_update().get(pk=self.site_id)
        if site.is_claimed:
            self.reject(by, "Another owner manages this location now.")
            return False
        site.owner = self.claimant
        try:
            site.validate_location_limit()
        except ValidationError as error:
            self.review_note = f"Waiting: {' '.join(error.messages)}"
            self._reviewed(by)
            return False
        site.save(update_fields=["owner", "updated_at"])
        self.status = ClaimStatus.APPROVED
        self.review_note = ""
        self._reviewed(by)
        self._tell_claimant(
            f"Your claim for {site.name} is approved",
            f"You now manage {site.name}. Review its imported data and keep its ports' status "
            f"current: {settings.SITE_URL}{site.get_absolute_url()}\n",
        )
        for other in Claim.objects.pending().filter(site=site).exclude(pk=self.pk):
            other.reject(by, "Another claim for this location was approved.")
        return True

    def reject(self, by, reason: str):
        self.status = ClaimStatus.REJECTED
        self.review_note = reason
        self._reviewed(by)
        self._tell_claimant(
            f"Your claim for {self.site.name} was not approved",
            f"Our support staff did not approve your claim for {self.site.name}: {reason}\n\n"
            f"Questions? Write to {settings.SUPPORT_EMAIL}.\n",
        )

    def _tell_claimant(self, subject: str, body: str):
        # After the decision commits, from the task worker: a mail server down never
        # undoes a decision.
        send_mail_on_commit(subject, body, [self.claimant.email])

    def _reviewed(self, by):
        self.reviewed_by = by
        self.reviewed_at = timezone.now()
        self.save()
