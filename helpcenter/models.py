from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format

from accounts.client_address import client_key as hashed_client
from chargesites.mail import send_mail_on_commit
from sites.models import Site

PER_HOUR = 3  # requests one client may send in an hour
PER_DAY = 10  # and in a day
MESSAGE_MAX = 5000
ANSWER_MAX = 10000


class TooManyRequests(Exception):
    """The client has sent as many requests as it may for now; nothing was stored."""


class Topic(models.TextChoices):
    PORTS = "ports", "Ports and stations"
    CLAIM = "claim", "Claiming a location"
    BILLING = "billing", "Subscription and billing"
    DATA_ERROR = "data_error", "A data error in a listing"
    OTHER = "other", "Something else"


class RequestStatus(models.TextChoices):
    OPEN = "open", "Open"
    ANSWERED = "answered", "Answered"


class SupportRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=RequestStatus.OPEN)

    def file(self, *, client: str, **fields) -> "SupportRequest":
        """Store a request to support, within its client's limits, and mail both sides.

        `client` is the sender's address as the deployment sees it
        (accounts.client_address); only a keyed hash of it is stored. Raises TooManyRequests
        past PER_HOUR requests an hour or PER_DAY a day, and ValidationError for a request
        that breaks a rule of the model. The limits hold under simultaneous requests: the
        client's row stays locked until the caller's transaction ends.
        """
        key = client_key(client)
        with transaction.atomic():
            Sender.objects.lock(key)
            now = timezone.now()
            sent = self.filter(client=key).aggregate(
                hour=Count("pk", filter=Q(created_at__gte=now - timedelta(hours=1))),
                day=Count("pk", filter=Q(created_at__gte=now - timedelta(days=1))),
            )
            if sent["hour"] >= PER_HOUR or sent["day"] >= PER_DAY:
                raise TooManyRequests
            request = self.model(client=key, **fields)
            request.full_clean()
            request.save()
            request.acknowledge()
        return request


class SupportRequest(models.Model):
    """A question to support staff, from the Contact Support form; answered by mail."""

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support_requests",
        help_text="The account that sent it; empty when sent without logging in.",
    )
    name = models.CharField(max_length=100)
    email = models.EmailField(help_text="The answer goes to this address.")
    topic = models.CharField(max_length=12, choices=Topic)
    location = models.ForeignKey(
        Site,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support_requests",
    )
    message = models.TextField(max_length=MESSAGE_MAX)
    # Who sent it, hashed: enough to limit how often, nothing that names them.
    client = models.CharField(max_length=64, editable=False, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    status = models.CharField(max_length=10, choices=RequestStatus, default=RequestStatus.OPEN)
    answer = models.TextField(
        max_length=ANSWER_MAX,
        blank=True,
        help_text="Saving an answer mails it to the requester and marks the request answered.",
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    objects = SupportRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=RequestStatus.OPEN, answered_at__isnull=True)
                | (Q(status=RequestStatus.ANSWERED, answered_at__isnull=False) & ~Q(answer="")),
                name="support_request_answered_with_answer",
                violation_error_message="An answered request has an answer and its time.",
            )
        ]

    def __str__(self):
        return f"#{self.pk} {self.get_topic_display()} from {self.name}"

    def clean(self):
        super().clean()
        if self.location_id is not None and (
            self.requester_id is None or self.location.owner_id != self.requester_id
        ):
            raise ValidationError(
                {"location": "Choose one of your own locations, or “No particular location”."}
            )
        if self.status == RequestStatus.ANSWERED and not self.answer.strip():
            raise ValidationError(
                {"answer": "An answered request keeps its answer: write one to send."}
            )

    def send_answer(self, text: str, by) -> None:
        """Mark the request answered by `by` and mail `text` to the requester, after the
        commit, through the task worker: a mail server down never loses the answer."""
        self.answer = text.strip()
        self.status = RequestStatus.ANSWERED
        self.answered_by = by
        self.answered_at = timezone.now()
        self.full_clean()
        self.save()
        quoted = "\n".join(f"> {line}" for line in self.message.splitlines())
        send_mail_on_commit(
            f"Re: your ChargeSites support request #{self.pk}",
            f"Hello {self.name},\n\n{self.answer}\n\nChargeSites support\n\n"
            f"On {date_format(timezone.localtime(self.created_at), 'F j, Y')} you wrote:\n"
            f"{quoted}\n\n"
            f"To ask something else: {settings.SITE_URL}{reverse('help:contact')}\n",
            [self.email],
        )

    def acknowledge(self) -> None:
        """Tell the requester we have it, and support staff that it waits for them."""
        # Nothing the sender typed goes back out to the address they gave: the form
        # cannot be used to send someone else a message.
        send_mail_on_commit(
            f"We got your ChargeSites support request #{self.pk}",
            f"Hello,\n\nWe got your support request #{self.pk} about "
            f"“{self.get_topic_display()}”. We answer by email to this address, usually "
            "within one business day.\n\nIf you did not write to us, you can ignore this mail."
            "\n\nChargeSites support\n",
            [self.email],
        )
        account = f"\nAccount: {self.requester.email}" if self.requester_id else ""
        location = f"\nLocation: {self.location.name}" if self.location_id else ""
        admin_url = reverse("admin:helpcenter_supportrequest_change", args=[self.pk])
        send_mail_on_commit(
            f"Support request #{self.pk}: {self.get_topic_display()} from {self.name}",
            f"From: {self.name} <{self.email}>{account}{location}\n\n{self.message}\n\n"
            f"Answer it in the admin: {settings.SITE_URL}{admin_url}\n",
            [settings.SUPPORT_EMAIL],
        )


def client_key(address: str) -> str:
    return hashed_client(address, "helpcenter.client")


class SenderQuerySet(models.QuerySet):
    def lock(self, client: str):
        """Lock the client's row (made on its first request) until the transaction ends."""
        self.bulk_create([Sender(client=client)], ignore_conflicts=True)
        return self.select_for_update().get(client=client)


class Sender(models.Model):
    """A client that has written to support, by its hash: its row is the lock on its limits."""

    client = models.CharField(max_length=64, primary_key=True)

    objects = SenderQuerySet.as_manager()

    def __str__(self):
        return self.client
