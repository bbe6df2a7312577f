from django import forms

from sites.models import Site


class CoordinateField(forms.DecimalField):
    """Accepts coordinates pasted from a map with any number of decimals."""

    def to_python(self, value):
        value = super().to_python(value)
        if value is None or not value.is_finite() or abs(value) >= 1000:
            return value  # as typed: the range validators refuse it with a message
        # Phones copy 15 decimals; 6 places is 11 cm, plenty for a parking spot.
        return round(value, 6)


class SiteForm(forms.ModelForm):
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
