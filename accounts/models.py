from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core import signing
from django.db import IntegrityError, models, transaction
from django.db.models.functions import Lower
from django.utils import timezone

from accounts import emails
from accounts.plans import Plan

# How long a mailed "confirm your email" link works.
CONFIRMATION_MAX_AGE = timedelta(days=3)
_CONFIRMATION_SALT = "accounts.confirm-email"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        """An account made by staff or a command (createsuperuser, demo data): its address is
        taken as confirmed. People signing up go through sign_up() instead."""
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        fields.setdefault("email_confirmed_at", timezone.now())
        user = self.model(email=normalize_email(email), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)

    def sign_up(self, *, email, display_name, password, next_url=""):
        """Create an unconfirmed account and mail it a confirmation link; if the address has
        an account already, mail its owner that someone tried instead.

        The caller answers the same either way. Both branches hash the password, try the
        insert and queue one mail, so the time taken does not tell either.
        """
        user = self.model(email=normalize_email(email), display_name=display_name)
        user.set_password(password)
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError:  # the address is taken (the database's unique constraint says so)
            existing = self.filter(email__iexact=user.email).first()
            if existing is not None:
                emails.signup_attempted(existing)
        else:
            emails.confirm_email(user, next_url)

    def for_confirmation(self, token):
        """The account a mailed confirmation link is for, or None if it is forged or expired."""
        try:
            pk, email = signing.loads(token, salt=_CONFIRMATION_SALT, max_age=CONFIRMATION_MAX_AGE)
        except (signing.BadSignature, ValueError, TypeError):
            return None
        # A link mailed to an address the account no longer has confirms nothing.
        return self.filter(pk=pk, email=email).first()

    def lock(self, pk):
        """Lock an owner's row until the transaction ends.

        Plan limits count rows and then insert one; two requests doing that at
        once would both see room for one more. Counting under this lock makes
        the second request wait for the first to commit.
        """
        return self.select_for_update().get(pk=pk)

    def get_by_natural_key(self, email):
        return self.get(email=normalize_email(email))


def normalize_email(email: str) -> str:
    # One address, one account: "Alice@Example.com" and "alice@example.com" are the same owner.
    return (email or "").strip().lower()


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField("email", unique=True)
    display_name = models.CharField(
        "display name", max_length=100, help_text="Shown to support staff and in your dashboard."
    )
    plan = models.CharField(max_length=20, choices=Plan, default=Plan.FREE)
    is_staff = models.BooleanField(
        "support staff", default=False, help_text="Can log in to the admin."
    )
    is_active = models.BooleanField("active", default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    email_confirmed_at = models.DateTimeField(
        "email confirmed",
        null=True,
        blank=True,
        help_text="When the owner opened the link mailed to this address. "
        "Claiming a location and linking a network's location wait for it.",
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="user_email_unique_ignoring_case",
                violation_error_message="An account with this email already exists.",
            )
        ]

    def __str__(self):
        return self.display_name or self.email

    def clean(self):
        super().clean()
        self.email = normalize_email(self.email)

    @property
    def email_confirmed(self) -> bool:
        return self.email_confirmed_at is not None

    def confirm_email(self):
        if self.email_confirmed_at is None:
            self.email_confirmed_at = timezone.now()
            self.save(update_fields=["email_confirmed_at"])

    def email_confirmation_token(self) -> str:
        return signing.dumps([self.pk, self.email], salt=_CONFIRMATION_SALT)

    @property
    def plan_choice(self) -> Plan:
        return Plan(self.plan)
