from django import forms

from analytics import windows


class WindowForm(forms.Form):
    """?days= and ?format= of the analytics page; both optional."""

    days = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=max(windows.CHOICES),
        error_messages={
            "invalid": "Days: give a whole number of days, such as 7 or 90.",
            "min_value": "Days: give at least 1 day.",
            "max_value": "Days: give at most %(limit_value)s days.",
        },
    )
    format = forms.ChoiceField(
        required=False,
        choices=[("", "Page"), ("csv", "CSV")],
        error_messages={"invalid_choice": "Format: leave it out for the page, or ask for csv."},
    )
