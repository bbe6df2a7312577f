from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from accounts.plans import Plan


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        user = self.model(email=normalize_email(email), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)

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
    def plan_choice(self) -> Plan:
        return Plan(self.plan)
