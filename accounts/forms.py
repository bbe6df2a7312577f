from django.contrib.auth.forms import (
    AuthenticationForm,
    BaseUserCreationForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts import emails
from accounts.models import User, normalize_email


class SignupForm(BaseUserCreationForm):
    class Meta:
        model = User
        fields = ["email", "display_name"]
        help_texts = {"display_name": "Your name or your business's, as support staff see it."}

    def clean_email(self):
        return normalize_email(self.cleaned_data["email"])

    # Whether an address has an account is for that inbox to hear (User.objects.sign_up),
    # never for this page to say: the checks that would tell leave the email out.
    def validate_unique(self):
        self._validate_without_email(self.instance.validate_unique)

    def validate_constraints(self):
        self._validate_without_email(self.instance.validate_constraints)

    def _validate_without_email(self, validate):
        try:
            validate(exclude={"email"})
        except ValidationError as error:
            self.add_error(None, error)


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "That email and password don't match an account. "
        "Check them (passwords are case-sensitive), or reset your password.",
    }

    def clean_username(self):
        return normalize_email(self.cleaned_data.get("username", ""))


class ResetRequestForm(PasswordResetForm):
    """One mail to the address typed, whether or not an account uses it (see emails.no_account)."""

    def save(self, **kwargs):
        email = normalize_email(self.cleaned_data["email"])
        user = next(iter(self.get_users(email)), None)
        if user is None:
            emails.no_account(email)
        else:
            emails.password_reset(user)


class ResetPasswordForm(SetPasswordForm):
    def save(self, commit=True):
        # The reset link reached this inbox: that confirms the address as well as its link would.
        if self.user.email_confirmed_at is None:
            self.user.email_confirmed_at = timezone.now()
        return super().save(commit)
