from django import forms

from community.models import Outcome, Review
from ports.models import Port

RATINGS = [(n, f"{n} of 5") for n in range(1, 6)]


class CheckInForm(forms.Form):
    port = forms.ModelChoiceField(
        label="Which port did you use?",
        queryset=Port.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Choose the port you used, so the owner knows which one.",
            "invalid_choice": "Choose one of the ports listed for this location.",
        },
    )
    outcome = forms.ChoiceField(
        label="How did it go?",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose how it went: Charged, Couldn't charge, Waited or Slower.",
            "invalid_choice": "Choose one of the outcomes listed.",
        },
    )
    comment = forms.CharField(
        label="Comment (optional)",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown on the location page with your display name. Up to 500 characters.",
        error_messages={
            "max_length": "Keep the comment to 500 characters (it has %(show_value)d)."
        },
    )
    rating = forms.TypedChoiceField(
        label="Rate this location (optional)",
        choices=RATINGS,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        help_text="A rating is your review of this location: you have one, and rating again "
        "changes it.",
        error_messages={"invalid_choice": "Choose a rating from 1 to 5, or leave it empty."},
    )

    def __init__(self, *args, site, **kwargs):
        super().__init__(*args, **kwargs)
        ports = Port.objects.listed().filter(station__site=site).select_related("station")
        self.fields["port"].queryset = ports.order_by("station__name", "label", "pk")
        self.fields["port"].label_from_instance = lambda port: (
            f"{port.station.name} · {port} ({port.connector.label})"
        )


class ReviewForm(forms.ModelForm):
    rating = forms.TypedChoiceField(
        label="Your rating",
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose a rating from 1 (poor) to 5 (excellent).",
            "invalid_choice": "Choose a rating from 1 to 5.",
        },
    )

    class Meta:
        model = Review
        fields = ["rating", "text"]
        labels = {"text": "Your review (optional)"}
        help_texts = {"text": "Shown on the location page with your display name."}
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}
        error_messages = {
            "text": {"max_length": "Keep the review to 2000 characters (it has %(show_value)d)."}
        }


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label="Your public answer",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Shown under the driver's words on the location page; the driver is mailed "
        "the first time. You can edit it later.",
        error_messages={
            "required": "Write your answer: it shows under the driver's words.",
            "max_length": "Keep the answer to 1000 characters (it has %(show_value)d).",
        },
    )

    def clean_answer(self):
        answer = self.cleaned_data["answer"].strip()
        if not answer:
            raise forms.ValidationError("Write your answer: it shows under the driver's words.")
        return answer
