from decimal import Decimal

from django import forms

from ports.models import Port
from ports.vocabulary import MAX_PORT_KW, PortStatus, PowerType


class PortForm(forms.ModelForm):
    confirm_power = forms.BooleanField(required=False, label="This power is correct")
    clear_notes = forms.BooleanField(
        required=False, label="Remove the notes: the port is back in service"
    )

    class Meta:
        model = Port
        fields = [
            "connector_type",
            "power_type",
            "max_power_kw",
            "voltage",
            "amperage",
            "status",
            "label",
            "notes",
            "expected_repair_date",
        ]
        widgets = {
            "max_power_kw": forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
            "notes": forms.Textarea(attrs={"rows": 2}),
            "expected_repair_date": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        saved = self.instance if self.instance.pk else None
        self.was_out_of_service = bool(saved and saved.is_out_of_service)
        self._saved_notes = saved.notes if saved else ""
        self._saved_power = (saved.power_type, saved.max_power_kw) if saved else None
        self.power_warning = ""

    @property
    def asks_power_confirmation(self) -> bool:
        return bool(self.power_warning or self.data.get(self.add_prefix("confirm_power")))

    @property
    def offers_note_removal(self) -> bool:
        return self.was_out_of_service and bool(self._saved_notes)

    def clean(self):
        data = super().clean()
        if self.was_out_of_service and data.get("status") not in (None, PortStatus.OUT_OF_SERVICE):
            # Repaired: the repair date no longer means anything to a driver.
            data["expected_repair_date"] = None
            if data.get("clear_notes"):
                data["notes"] = ""
        self._warn_about_unusual_power(data)
        return data

    def _warn_about_unusual_power(self, data):
        kw, power_type = data.get("max_power_kw"), data.get("power_type")
        if kw is None or not power_type or data.get("confirm_power"):
            return
        if not Decimal(0) < kw <= MAX_PORT_KW:
            return  # impossible, not unusual: the model's message says what to fix
        if self._saved_power == (power_type, kw):
            return  # confirmed when it was first saved
        power = PowerType(power_type)
        low, high = power.typical_kw
        if low <= kw <= high:
            return
        self.power_warning = (
            f"{kw.normalize():f} kW is outside the usual range for {power.label} "
            f"({low.normalize():f}–{high.normalize():f} kW). Check the nameplate; if it is right, "
            "tick “This power is correct” and save again."
        )
        self.add_error("max_power_kw", self.power_warning)


class StatusForm(forms.Form):
    """The one-click "Mark Out of Service" / "Mark Operational" buttons."""

    status = forms.ChoiceField(
        choices=[(s.value, s.label) for s in (PortStatus.OPERATIONAL, PortStatus.OUT_OF_SERVICE)]
    )
    clear_notes = forms.BooleanField(required=False)
