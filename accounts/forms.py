from django import forms
from django.contrib.auth.forms import AuthenticationForm, BaseUserCreationForm

from accounts.models import User, normalize_email


class SignupForm(BaseUserCreationForm):
    EMAIL_TAKEN = "An account with this email already exists. Log in, or reset your password."

    class Meta:
        model = User
        fields = ["email", "display_name"]
        help_texts = {"display_name": "Your name or your business's, as support staff see it."}

    def clean_email(self):
        email = normalize_email(self.cleaned_data["email"])
        if User.objects.filter(email=email).exists():
            raise forms.ValidationError(self.EMAIL_TAKEN)
        return email


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "That email and password don't match an account. "
        "Check them (passwords are case-sensitive), or reset your password.",
    }

    def clean_username(self):
        return normalize_email(self.cleaned_data.get("username", ""))
