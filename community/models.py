"""Drivers' check-ins and reviews of a location, and the owner's public answers.

A check-in is one visit: which port, how it went, a comment. A review is the driver's one
standing opinion of the location: a 1–5 rating and some words, edited as often as they like.
A rating given while checking in is the review's rating (it creates or updates it).
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone

from accounts.client_address import client_key
from chargesites.mail import send_mail_on_commit
from ports.models import Port
from reports.models import flag_port_if_needed
from sites.models import Site

CHECK_INS_PER_HOUR = 4  # one driver, all locations: more than anyone charges in an hour
SAME_PORT_EVERY = timedelta(minutes=20)  # one driver, one port
SIGNAL_DRIVERS = 10  # the community signal reads the last this many drivers...
SIGNAL_WITHIN = timedelta(days=90)  # ...who checked in within this time
FLAGS_PER_HOUR = 10  # flags on reviews one client may send
LOW_RATING = 2  # a review rated this or less needs the owner's attention

OWN_LOCATION = "You manage this location: drivers check in and review it, its owner answers them."


class TooManyCheckIns(Exception):
    """The driver has checked in as often as they may for now; nothing was stored."""


class TooManyFlags(Exception):
    """The client has flagged as many reviews as it may for now."""


class Outcome(models.TextChoices):
    CHARGED = "charged", "Charged"
    COULD_NOT = "could_not", "Couldn't charge"
    WAITED = "waited", "Waited for a port"
    SLOW = "slow", "Charging slower than listed"


NEGATIVE = [Outcome.COULD_NOT, Outcome.WAITED, Outcome.SLOW]


class Answered(models.Model):
    """The owner's one public answer, edited in place; the driver hears of the first by mail."""

    answer = models.TextField(max_length=1000, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answer_edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None

    def give_answer(self, text, *, what):
        """Store the owner's answer; mail the driver the first time only (an edit is quiet)."""
        if not text.strip():
            raise ValidationError({"answer": "Write your answer: it shows under the driver's."})
        now = timezone.now()
        first = not self.is_answered
        self.answer = text.strip()
        if first:
            self.answered_at = now
        else:
            self.answer_edited_at = now
        self.save(update_fields=["answer", "answered_at", "answer_edited_at"])
        if first:
            site = self.site
            send_mail_on_commit(
                f"The owner of {site.name} answered your {what}",
                f"Hello {self.driver},\n\nThe owner of {site.name} answered your {what}:\n\n"
                f"{self.answer}\n\nSee it on the location's page: "
                f"{settings.SITE_URL}{site.get_public_url()}#community\n",
                [self.driver.email],
            )

    def clean(self):
        super().clean()
        if self.is_answered and not self.answer.strip():
            raise ValidationError({"answer": "Write your answer: it shows under the driver's."})


def _refuse_owner(site, driver):
    if site.owner_id is not None and site.owner_id == driver.pk:
        raise ValidationError(OWN_LOCATION)


def _refuse_unconfirmed(driver):
    if not driver.email_confirmed:
        raise ValidationError(
            "Confirm your email first: open the link we mailed to "
            f"{driver.email}, then come back to check in."
        )


class CheckInQuerySet(models.QuerySet):
    def for_owner(self, user):
        return self.filter(site__owner=user) if user.is_authenticated else self.none()

    def negative(self):
        return self.filter(outcome__in=NEGATIVE)

    def unanswered(self):
        return self.filter(answered_at__isnull=True)

    def newest_first(self):
        return self.select_related("port", "driver").order_by("-created_at", "-pk")

    def record(self, *, driver, site, port, outcome, comment="", rating=None):
        """Store a driver's check-in, within their limits; a rating becomes their review's.

        Raises ValidationError (owner of the location, unconfirmed email, a port not at
        this location) or TooManyCheckIns (over CHECK_INS_PER_HOUR, or the same port within
        SAME_PORT_EVERY). The limits hold under simultaneous requests: the driver's account
        row stays locked until the transaction ends. "Couldn't charge" counts toward
        flagging the port, as a "Not working" report does (reports.models).
        """
        with transaction.atomic():
            driver = get_user_model().objects.lock(driver.pk)
            check_in = self.model(
                site=site, port=port, driver=driver, outcome=outcome, comment=comment.strip()
            )
            check_in.full_clean()
            now = timezone.now()
            mine = self.filter(driver=driver)
            if (
                mine.filter(created_at__gte=now - timedelta(hours=1)).count() >= CHECK_INS_PER_HOUR
                or mine.filter(port=port, created_at__gte=now - SAME_PORT_EVERY).exists()
            ):
                raise TooManyCheckIns
            check_in.created_at = now
            check_in.save()
            if rating is not None:
                Review.objects.rate(driver=driver, site=site, rating=rating)
            if outcome == Outcome.COULD_NOT and port is not None:
                flag_port_if_needed(port)
        return check_in

    def signal_for(self, site_ids, now=None) -> dict[int, tuple[int, int]]:
        """{site_id: (charged, of)}: of the last SIGNAL_DRIVERS drivers who checked in at
        the location within SIGNAL_WITHIN, how many charged ("Charged") on their latest
        check-in there. Each driver counts once, by that latest check-in, so one person
        checking in often cannot tip the signal. One query for any number of locations;
        sites without check-ins are left out."""
        since = (now or timezone.now()) - SIGNAL_WITHIN
        latest = (
            self.filter(site_id__in=site_ids, created_at__gte=since)
            .annotate(
                nth=Window(
                    RowNumber(),
                    partition_by=["site_id", "driver_id"],
                    order_by=[models.F("created_at").desc(), models.F("pk").desc()],
                )
            )
            .filter(nth=1)
            .order_by("site_id", "-created_at", "-pk")
            .values_list("site_id", "outcome")
        )
        signal = {}
        for site_id, outcome in latest:
            charged, of = signal.get(site_id, (0, 0))
            if of < SIGNAL_DRIVERS:
                signal[site_id] = (charged + (outcome == Outcome.CHARGED), of + 1)
        return signal


class CheckIn(Answered):
    """One driver's visit to a location: which port, and how it went."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="check_ins")
    port = models.ForeignKey(
        Port, on_delete=models.SET_NULL, null=True, blank=True, related_name="check_ins"
    )
    driver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="check_ins"
    )
    outcome = models.CharField(max_length=12, choices=Outcome)
    comment = models.TextField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = CheckInQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["site", "created_at"], name="checkin_site_created"),
            models.Index(fields=["driver", "created_at"], name="checkin_driver_created"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__in=Outcome.values), name="checkin_outcome_known"
            )
        ]

    def __str__(self):
        return f"{self.get_outcome_display()} at {self.site}"

    @property
    def is_negative(self) -> bool:
        return self.outcome in NEGATIVE

    def clean(self):
        super().clean()
        if self.site_id and self.driver_id:
            _refuse_owner(self.site, self.driver)
            _refuse_unconfirmed(self.driver)
        if self.port_id and self.site_id and self.port.station.site_id != self.site_id:
            raise ValidationError({"port": "Choose one of this location's ports."})

    def get_answer_url(self):
        return reverse("community:answer_check_in", args=[self.pk])


class ReviewQuerySet(models.QuerySet):
    def for_owner(self, user):
        return self.filter(site__owner=user) if user.is_authenticated else self.none()

    def shown(self):
        return self.filter(hidden=False)

    def low(self):
        return self.filter(rating__lte=LOW_RATING)

    def unanswered(self):
        return self.filter(answered_at__isnull=True)

    def newest_first(self):
        return self.select_related("driver").order_by("-created_at", "-pk")

    def rate(self, *, driver, site, rating):
        """Create the driver's review of the location with this rating, or change its rating."""
        review = self.filter(driver=driver, site=site).first() or self.model(
            driver=driver, site=site
        )
        review.write(rating=rating, text=review.text)
        return review


class Review(Answered):
    """A driver's one review of a location: edited in place, dated when it changes."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="reviews")
    driver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews"
    )
    rating = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    text = models.TextField(max_length=2000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    hidden = models.BooleanField(
        default=False, help_text="Hidden from the location page; its author still sees it."
    )
    hidden_reason = models.CharField(
        max_length=300, blank=True, help_text="Shown to the review's author. Required to hide."
    )

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["driver", "site"],
                name="review_one_per_driver_per_site",
                violation_error_message="You reviewed this location already: edit that review.",
            ),
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="review_rating_1_to_5"
            ),
            models.CheckConstraint(
                condition=Q(hidden=False) | ~Q(hidden_reason=""), name="review_hidden_has_reason"
            ),
        ]

    def __str__(self):
        return f"{self.rating}/5 for {self.site} by {self.driver}"

    def clean(self):
        super().clean()
        if self.site_id and self.driver_id:
            _refuse_owner(self.site, self.driver)
        if self.hidden and not self.hidden_reason.strip():
            raise ValidationError(
                {"hidden_reason": "Say why the review is hidden: its author reads this."}
            )

    def write(self, *, rating, text):
        if self.pk:
            self.edited_at = timezone.now()
        self.rating, self.text = rating, text.strip()
        self.full_clean()
        self.save()

    @property
    def is_low(self) -> bool:
        return self.rating <= LOW_RATING

    def get_answer_url(self):
        return reverse("community:answer_review", args=[self.pk])


class ReviewFlagQuerySet(models.QuerySet):
    def raise_flag(self, review, *, client):
        """Someone thinks the review breaks the rules: support staff see the count. One flag
        per review per client, FLAGS_PER_HOUR an hour; over that raises TooManyFlags."""
        key = client_key(client, "community.flag")
        since = timezone.now() - timedelta(hours=1)
        if self.filter(client=key, created_at__gte=since).count() >= FLAGS_PER_HOUR:
            raise TooManyFlags
        self.bulk_create([self.model(review=review, client=key)], ignore_conflicts=True)


class ReviewFlag(models.Model):
    """A flag on a review, by a hash of its sender's address (accounts.client_address)."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="flags")
    client = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ReviewFlagQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "client"], name="reviewflag_once_per_client")
        ]
        indexes = [models.Index(fields=["client", "created_at"], name="reviewflag_client")]

    def __str__(self):
        return f"Flag on {self.review}"
