from django import forms
from django.conf import settings

from helpcenter.models import MESSAGE_MAX, SupportRequest, Topic
from sites.models import Site

MESSAGE_MIN = 10
NO_NUL = "Remove the invisible control character (NUL) from this field: it cannot be stored."


class ContactForm(forms.ModelForm):
    """Contact Support: who asks, about what, and their message. A logged-in owner may name
    one of their own locations."""

    # Left empty by people (it is hidden from eyes, keyboards and screen readers);
    # bots fill every field.
    website = forms.CharField(
        label="Leave this field empty",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    class Meta:
        model = SupportRequest
        fields = ["name", "email", "topic", "location", "message"]
        labels = {"name": "Your name", "email": "Your email", "message": "Your message"}
        help_texts = {
            "email": "We answer by email to this address.",
            "location": "The location your question is about, if it is about one.",
            "message": f"What happened, and what you expected. Up to {MESSAGE_MAX:,} characters.",
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "message": forms.Textarea(attrs={"rows": 8}),
        }
        error_messages = {
            "name": {
                "required": "Enter your name, so we know whom we are answering.",
                "max_length": "Your name is %(show_value)d characters long: "
                "shorten it to %(limit_value)d or fewer.",
                "null_characters_not_allowed": NO_NUL,
            },
            "email": {
                "required": "Enter your email address: we send our answer there.",
                "invalid": "Enter your email address as name@example.com: "
                "we send our answer there.",
                "max_length": "That email address is %(show_value)d characters long: "
                "use one of %(limit_value)d or fewer.",
                "null_characters_not_allowed": NO_NUL,
            },
            "topic": {
                "required": "Choose a topic: it brings your request to the right person.",
                "invalid_choice": "Choose one of the topics in the list.",
            },
            "location": {
                "invalid_choice": "Choose one of your own locations, or “No particular location”.",
            },
            "message": {
                "required": "Write your message: what happened, and what you expected.",
                "max_length": "Your message is %(show_value)d characters long: "
                "shorten it to %(limit_value)d or fewer, or send the rest in a second request.",
                "null_characters_not_allowed": NO_NUL,
            },
        }

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault(
            "instance", SupportRequest(requester=user if user.is_authenticated else None)
        )
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", "Choose a topic"), *Topic.choices]
        sites = Site.objects.for_owner(user).only("pk", "name")
        if user.is_authenticated and sites.exists():
            self.fields["location"].queryset = sites
            self.fields["location"].empty_label = "No particular location"
        else:
            del self.fields["location"]

    def clean_message(self):
        message = self.cleaned_data["message"]
        if len(message) < MESSAGE_MIN:
            raise forms.ValidationError(
                f"Tell us a little more (at least {MESSAGE_MIN} characters), "
                "so we can help with the first answer."
            )
        return message

    def clean(self):
        data = super().clean()
        if data.get("website"):
            raise forms.ValidationError(
                "This request looks automated and was not sent. If you are a person, "
                f"write to {settings.SUPPORT_EMAIL} instead."
            )
        return data

    def error_summary(self) -> list[tuple[str, str, str]]:
        """(input id, label, message) for every field's error, in the page's order."""
        return [
            (field.id_for_label, field.label, " ".join(field.errors))
            for field in self.visible_fields()
            if field.errors and field.name != "website"
        ]
