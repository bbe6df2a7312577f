import re

from django import forms

from reports.models import Problem

_LINK = re.compile(r"https?://|www\.|\[url", re.IGNORECASE)


class ReportForm(forms.Form):
    problem = forms.ChoiceField(
        label="What is wrong?",
        choices=Problem.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what is wrong with this port.",
            "invalid_choice": "Choose one of the problems listed.",
        },
    )
    comment = forms.CharField(
        label="Anything to add? (optional)",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # Left empty by people (it is hidden); bots fill every field.
    website = forms.CharField(
        label="Leave this field empty",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def clean_comment(self):
        comment = self.cleaned_data["comment"].strip()
        if _LINK.search(comment):
            raise forms.ValidationError(
                "Please leave links out of the comment: describe the problem."
            )
        if len(comment) > 20 and len(set(comment.lower())) < 5:
            raise forms.ValidationError("That comment does not describe a problem.")
        return comment

    def clean(self):
        data = super().clean()
        if data.get("website"):
            raise forms.ValidationError("This report looks automated and was not sent.")
        return data


class ResolveForm(forms.Form):
    reply = forms.CharField(
        label="Reply to drivers (optional)",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
