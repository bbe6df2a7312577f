from django import forms

from sites.models import Site, zip_code_validator


class CoordinateField(forms.DecimalField):
    """Accepts coordinates pasted from a map with any number of decimals."""

    def to_python(self, value):
        value = super().to_python(value)
        if value is None or not value.is_finite() or abs(value) >= 1000:
            return value  # as typed: the range validators refuse it with a message
        # Phones copy 15 decimals; 6 places is 11 cm, plenty for a parking spot.
        return round(value, 6)


class SiteForm(forms.ModelForm):
    """Owners add US locations: state and ZIP code are required here."""

    class Meta:
        model = Site
        fields = ["name", "street_address", "city", "state", "zip_code", "latitude", "longitude"]
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
        self.fields["state"].required = True
        self.fields["zip_code"].validators.append(zip_code_validator)
