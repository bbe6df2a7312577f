from django import forms
from django.core.exceptions import NON_FIELD_ERRORS

from sites import nearby
from sites.access import CARDS, AccessDetail
from sites.models import OpeningHours, Site, Weekday, zip_code_validator

ADDRESS_FIELDS = ["name", "street_address", "city", "state", "zip_code", "latitude", "longitude"]
PRICE_FIELDS = ["price_per_kwh", "price_per_hour", "price_per_session"]
# Typed without a time picker: "7:00", "19:30", "7:00 PM", "7pm".
TIME_FORMATS = ["%H:%M", "%H:%M:%S", "%I:%M %p", "%I:%M%p", "%I %p", "%I%p"]


class CoordinateField(forms.DecimalField):
    """Accepts coordinates pasted from a map with any number of decimals."""

    def to_python(self, value):
        value = super().to_python(value)
        if value is None or not value.is_finite() or abs(value) >= 1000:
            return value  # as typed: the range validators refuse it with a message
        # Phones copy 15 decimals; 6 places is 11 cm, plenty for a parking spot.
        return round(value, 6)


class PriceField(forms.DecimalField):
    """An amount in dollars; "$0.35" is read as 0.35."""

    default_error_messages = {
        "invalid": "Enter an amount in dollars, like 0.35.",
        "max_digits": "Enter an amount below $10,000.",
        "max_whole_digits": "Enter an amount below $10,000.",
        "max_decimal_places": "Round to whole cents, like 0.35.",
    }

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().removeprefix("$").strip()
        return super().to_python(value)


class SiteForm(forms.ModelForm):
    """Owners add US locations: state and ZIP code are required here."""

    class Meta:
        model = Site
        fields = ADDRESS_FIELDS
        field_classes = {"latitude": CoordinateField, "longitude": CoordinateField}
        widgets = {
            "latitude": forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
            "longitude": forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
            "zip_code": forms.TextInput(
                attrs={"inputmode": "numeric", "autocomplete": "postal-code"}
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Imported records may lack them; an owner's location needs the whole address.
        for name in ["street_address", "city", "state", "zip_code"]:
            self.fields[name].required = True
        self.fields["zip_code"].validators.append(zip_code_validator)

    @property
    def address_fields(self):
        return [self[name] for name in ADDRESS_FIELDS]


class NearbyForm(forms.Form):
    """What the Add Location form has so far, to look for listings already there.

    Every field is optional and a bad value is simply not used: this only suggests.
    """

    street_address = forms.CharField(required=False, max_length=200)
    city = forms.CharField(required=False, max_length=100)
    zip_code = forms.CharField(required=False, max_length=10)
    latitude = forms.FloatField(required=False, min_value=-90, max_value=90)
    longitude = forms.FloatField(required=False, min_value=-180, max_value=180)

    def matches(self, user) -> list[nearby.Match]:
        self.is_valid()
        data = {name: self.cleaned_data.get(name) for name in self.fields}
        return find_nearby(user, data)

    def centre(self) -> tuple[float, float] | None:
        return nearby.centre_of(self.cleaned_data.get("zip_code") or "")


def find_nearby(user, data) -> list[nearby.Match]:
    return nearby.find(
        user,
        street=data.get("street_address") or "",
        city=data.get("city") or "",
        zip_code=data.get("zip_code") or "",
        latitude=data.get("latitude"),
        longitude=data.get("longitude"),
    )


class AddSiteForm(SiteForm):
    """Add Location: the address first, then, when listings are already there, the owner
    claims one of them or says none of them is theirs."""

    none_of_these = forms.BooleanField(required=False, label="None of these is my location")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.nearby = []
        # Typing in these asks for listings already there (hx-trigger in site_form.html).
        for name in ["street_address", "city", "zip_code", "latitude", "longitude"]:
            self.fields[name].widget.attrs["class"] = "lookup"
        self.fields["street_address"].widget.attrs["autocomplete"] = "street-address"
        self.fields["city"].widget.attrs["autocomplete"] = "address-level2"

    @property
    def place_fields(self):
        return [self[name] for name in ["name", "street_address", "city", "state", "zip_code"]]

    @property
    def pin_fields(self):
        return [self["latitude"], self["longitude"]]

    def clean(self):
        data = super().clean()
        # Compared with what is valid so far: a re-shown form lists them beside its errors.
        self.nearby = find_nearby(self.instance.owner, data)
        if self.nearby and not data.get("none_of_these"):
            self.add_error(
                "none_of_these",
                "ChargeSites already lists a location here: if it is yours, claim it instead; "
                "otherwise tick “None of these is my location”.",
            )
        return data


class DayHoursForm(forms.ModelForm):
    """One weekday: open from `opens` to `closes`, or closed. Both empty: not given."""

    closed = forms.BooleanField(required=False, label="Closed")

    class Meta:
        model = OpeningHours
        fields = ["opens", "closes"]
        field_classes = {"opens": forms.TimeField, "closes": forms.TimeField}
        widgets = {
            "opens": forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
            "closes": forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.day = Weekday(self.instance.weekday).label
        for name in ["opens", "closes"]:
            self.fields[name].required = False
            self.fields[name].input_formats = TIME_FORMATS
            self.fields[name].error_messages["invalid"] = (
                f"Enter {self.day}'s time like 7:00 AM or 19:00."
            )
        self.fields["opens"].label = "Opens"
        self.fields["closes"].label = "Closes"

    @property
    def is_blank(self) -> bool:
        data = self.cleaned_data
        return not data.get("closed") and not data.get("opens") and not data.get("closes")

    @property
    def is_open(self) -> bool:
        return not self.cleaned_data.get("closed") and not self.is_blank

    def clean(self):
        data = super().clean()
        if data.get("closed"):
            data["opens"] = data["closes"] = None  # a closed day has no row to check
            return data
        if data.get("opens") and not data.get("closes") and "closes" not in self.errors:
            self.add_error("closes", f"Give {self.day}'s closing time, or tick “Closed”.")
        if data.get("closes") and not data.get("opens") and "opens" not in self.errors:
            self.add_error("opens", f"Give {self.day}'s opening time, or tick “Closed”.")
        return data

    def _post_clean(self):
        if self.cleaned_data.get("closed") or self.is_blank:
            return  # nothing will be saved for this day
        super()._post_clean()


class SiteDetailsForm(SiteForm):
    """The whole location as its owner edits it: address, and what drivers need before
    driving there (access, hours, price, phone, payment).

    The week's hours are seven small forms in `days`; they are saved with the location.
    """

    cards = forms.MultipleChoiceField(
        label="Cards accepted",
        required=False,
        choices=list(CARDS.items()),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta(SiteForm.Meta):
        fields = [
            *ADDRESS_FIELDS,
            "access",
            "access_detail",
            "restricted",
            "always_open",
            "hours_note",
            "free",
            *PRICE_FIELDS,
            "pricing",
            "phone",
        ]
        field_classes = {
            **SiteForm.Meta.field_classes,
            **dict.fromkeys(PRICE_FIELDS, PriceField),
        }
        labels = {
            "access": "Who may charge here",
            "always_open": "Open 24/7",
            "hours_note": "Hours note",
            "free": "Free to charge",
            "price_per_kwh": "Per kWh ($)",
            "price_per_hour": "Per hour ($)",
            "price_per_session": "Per session ($)",
        }
        help_texts = {
            "access": "Private locations are hidden from drivers' search.",
            "always_open": "Drivers can charge at any hour, every day: the days below are ignored.",
            "free": "Leave the prices empty when charging is free.",
            "hours_note": 'Anything the times don\'t say: "Pay lot; gate closes at 10 PM".',
            "phone": "A number drivers can call about the chargers.",
        }
        widgets = {
            **SiteForm.Meta.widgets,
            "access": forms.RadioSelect,
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "hours_note": forms.Textarea(attrs={"rows": 2}),
            "pricing": forms.Textarea(attrs={"rows": 2}),
            **{
                name: forms.NumberInput(attrs={"step": "0.01", "min": "0", "inputmode": "decimal"})
                for name in PRICE_FIELDS
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["access_detail"].choices = [("", "None"), *AccessDetail.choices]
        # A browser always sends the ticked radio button; a script may not: keep what it was.
        self.fields["access"].required = False
        codes = self.instance.cards_accepted.upper().split()
        self.fields["cards"].initial = [code for code in codes if code in CARDS]
        # Codes we have no checkbox for are kept as they are.
        self._other_cards = [code for code in codes if code not in CARDS]
        rows = {row.weekday: row for row in self.instance.opening_hours.all()}
        self.days = [
            DayHoursForm(
                self.data if self.is_bound else None,
                prefix=f"day{day}",
                instance=rows.get(day) or OpeningHours(site=self.instance, weekday=day),
                # With some days given, a day without hours is closed.
                initial={"closed": bool(rows) and day not in rows},
            )
            for day in Weekday
        ]

    def clean_access(self):
        return self.cleaned_data["access"] or self.instance.access

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and sum(char.isdigit() for char in phone) < 7:
            raise forms.ValidationError(
                "Enter the whole phone number with its area code, like (518) 555-0134."
            )
        return phone

    def clean(self):
        data = super().clean()
        if not data.get("always_open"):
            self._check_week()
        return data

    def _check_week(self):
        if [day for day in self.days if not day.is_valid()]:
            self.add_error(None, forms.ValidationError("Check the hours.", code="hours"))
            return
        if all(day.is_blank for day in self.days):
            return  # hours not given: drivers read "hours unknown"
        if not any(day.is_open for day in self.days):
            self.add_error(
                "always_open",
                "Every day is ticked “Closed”: give the hours drivers can charge, "
                "or tick “Open 24/7”.",
            )
            return
        for day in self.days:
            if day.is_blank:
                day.add_error("opens", f"Give {day.day}'s hours, or tick “Closed”.")
        if any(day.errors for day in self.days):
            self.add_error(None, forms.ValidationError("Check the hours.", code="hours"))

    @property
    def error_summary(self) -> list[tuple[str, str, str]]:
        """(input id, label, message) for every error, in the page's order, to link to."""
        errors = self.errors.as_data()
        summary = [
            ("", "", " ".join(error.messages))
            for error in errors.get(NON_FIELD_ERRORS, [])
            if error.code != "hours"  # the days' own errors say what is wrong
        ]
        for name in self.fields:
            field = self[name]
            # A group of radios or checkboxes is linked by its fieldset's id.
            target = field.id_for_label or field.auto_id
            summary += [(target, field.label, " ".join(e.messages)) for e in errors.get(name, [])]
            if name == "always_open":
                summary += self._week_errors()
        return summary

    def _week_errors(self):
        if getattr(self, "cleaned_data", {}).get("always_open"):
            return []  # the days are ignored
        return [
            (day[name].id_for_label, f"{day.day} {day[name].label.lower()}", message)
            for day in self.days
            for name, messages in day.errors.items()
            for message in messages
        ]

    def save(self, commit=True):
        site = self.instance
        # Two saves at once would both add a day's first hours: the second waits here,
        # then finds the first one's rows.
        Site.objects.select_for_update().filter(pk=site.pk).first()
        # The hours first: saving the location refreshes what drivers' search knows of it.
        if self.cleaned_data["always_open"]:
            site.opening_hours.all().delete()
        else:
            for day in self.days:
                hours = day.instance
                if day.is_open:
                    OpeningHours.objects.update_or_create(
                        site=site,
                        weekday=hours.weekday,
                        defaults={"opens": hours.opens, "closes": hours.closes},
                    )
                else:
                    site.opening_hours.filter(weekday=hours.weekday).delete()
        site.cards_accepted = " ".join([*self.cleaned_data["cards"], *self._other_cards])
        return super().save(commit)
