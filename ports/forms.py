from copy import copy
from decimal import Decimal

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from ports.models import Port
from ports.vocabulary import (
    COMMON_KW,
    CONNECTOR_CHOICE_LABELS,
    MAX_PORT_KW,
    POWER_CHOICE_LABELS,
    ConnectorType,
    PortStatus,
    PowerType,
)

VOLTS_AND_AMPS_HELP = (
    "Most stations: 240V, 30A (7.2 kW) or 240V, 40A (9.6 kW). "
    "Leave blank if unsure: max power is what matters most."
)


def problems(form, skip=()) -> list[tuple[str, str, str]]:
    """(label, field id, message) for each error, for the summary a form opens with."""
    found = []
    for name, errors in form.errors.items():
        if name in skip:
            continue
        if name == NON_FIELD_ERRORS:
            found += [("", "", message) for message in errors]
        else:
            field = form[name]
            found += [(field.label, field.auto_id, message) for message in errors]
    return found


class PowerTypeSelect(forms.Select):
    """Each power type names the connectors that deliver it, so static/js/port-form.js can offer
    only those; without JavaScript every choice stays and the model says what fits."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value:
            power = PowerType(str(value))
            connectors = [c.value for c in ConnectorType if power in c.power_types]
            option["attrs"]["data-connectors"] = " ".join(connectors)
        return option


class PowerInput(forms.NumberInput):
    """Max power as people write it: 7.2, not the database's 7.20."""

    def format_value(self, value):
        if isinstance(value, Decimal):
            return f"{value.normalize():f}"
        return super().format_value(value)


class PortForm(forms.ModelForm):
    common_kw = COMMON_KW  # offered as suggestions beside max power
    confirm_power = forms.BooleanField(required=False, label="Save anyway")
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
            "connector_type": forms.Select(attrs={"data-connector-select": ""}),
            "power_type": PowerTypeSelect(attrs={"data-power-select": ""}),
            "max_power_kw": PowerInput(attrs={"step": "0.01", "inputmode": "decimal"}),
            "voltage": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "amperage": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "notes": forms.Textarea(attrs={"rows": 2}),
            "expected_repair_date": forms.DateInput(attrs={"type": "date"}),
        }
        help_texts = {
            # Shown once under both fields by the template.
            "voltage": "",
            "amperage": "",
            # The tip and its link are written in the template, where {% url %} is.
            "connector_type": "",
        }

    def __init__(self, *args, **kwargs):
        # Ids of their own: the add form and a row's edit form can be open on one page.
        instance = kwargs.get("instance")
        kwargs.setdefault(
            "auto_id", f"port-{instance.pk}-%s" if instance and instance.pk else "new-port-%s"
        )
        super().__init__(*args, **kwargs)
        saved = self.instance if self.instance.pk else None
        self.was_out_of_service = bool(saved and saved.is_out_of_service)
        self._saved_notes = saved.notes if saved else ""
        self._saved_power = (saved.power_type, saved.max_power_kw) if saved else None
        self.power_warning = ""
        self.fields["connector_type"].choices = [
            ("", "Choose the connector"),
            *CONNECTOR_CHOICE_LABELS.items(),
        ]
        self.fields["power_type"].choices = [
            ("", "Choose the power type"),
            *POWER_CHOICE_LABELS.items(),
        ]
        # The datalist of common values, rendered beside the field by the template.
        self.fields["max_power_kw"].widget.attrs["list"] = self.auto_id % "max_power_kw_common"
        if not self.is_bound:
            # An opened form puts the owner on its first field (static/js/app.js).
            self.fields["connector_type"].widget.attrs["data-focus"] = ""

    @property
    def offers_power_confirmation(self) -> bool:
        """The amber "Save anyway" box: only once everything else is right."""
        return bool(self.power_warning)

    @property
    def offers_note_removal(self) -> bool:
        return self.was_out_of_service and bool(self._saved_notes)

    @property
    def problems(self) -> list[tuple[str, str, str]]:
        # confirm_power's "error" is the warning, shown amber beside max power.
        return problems(self, skip=("confirm_power",))

    def clean(self):
        data = super().clean()
        if data.get("status"):
            # Port.set_status holds the rule; the instance keeps its saved values until after
            # clean(), so the rule is applied to a copy and its outcome becomes the form's.
            port = copy(self.instance)
            port.notes = data.get("notes", "")
            port.expected_repair_date = data.get("expected_repair_date")
            port.set_status(data["status"], clear_notes=data.get("clear_notes", False))
            data["notes"], data["expected_repair_date"] = port.notes, port.expected_repair_date
        return data

    def _post_clean(self):
        super()._post_clean()  # the model's rules and constraints
        if not self._errors:
            self._warn_about_unusual_power(self.cleaned_data)

    def _warn_about_unusual_power(self, data):
        """Power outside the spec's typical range is questioned once, never refused; asked only
        of a form with no error left, so the owner never confirms an impossible combination."""
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
            "tick “Save anyway” and save again."
        )
        self.add_error("confirm_power", self.power_warning)


class StatusForm(forms.Form):
    """ "Mark Out of Service" (with an optional note and expected repair date) and
    "Mark Operational" (optionally removing the repair notes), asked in the port's row."""

    status = forms.ChoiceField(
        choices=[(s.value, s.label) for s in (PortStatus.OPERATIONAL, PortStatus.OUT_OF_SERVICE)]
    )
    note = forms.CharField(
        label="Note for drivers (optional)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="For example “Expected repair: March 14” or “Awaiting parts”.",
    )
    expected_repair_date = forms.DateField(
        label="Expected repair date (optional)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    clear_notes = forms.BooleanField(
        required=False,
        label="Remove the repair notes",
        help_text="All of the notes above go: drivers then see none.",
    )

    def __init__(self, port, *args, **kwargs):
        kwargs.setdefault("auto_id", f"port-{port.pk}-status-%s")
        kwargs.setdefault("initial", {"note": port.notes})
        super().__init__(*args, **kwargs)
        self.port = port
        if not self.is_bound:
            # Opened in the row: the owner starts on its first field (static/js/app.js).
            for name in ("note", "clear_notes"):
                self.fields[name].widget.attrs["data-focus"] = ""

    @property
    def problems(self) -> list[tuple[str, str, str]]:
        return problems(self)

    @property
    def marks_out_of_service(self) -> bool:
        return self._status() == PortStatus.OUT_OF_SERVICE

    def _status(self):
        if self.is_bound:
            return self.data.get(self.add_prefix("status"))
        return self.initial.get("status")

    def clean_note(self):
        # Absent (a one-click button): keep the notes; present, even empty: the owner's word.
        return self.cleaned_data["note"] if self.add_prefix("note") in self.data else None

    def save(self, *, by):
        """Mark the port; a rule it breaks comes back as this form's errors, nothing saved."""
        data = self.cleaned_data
        try:
            self.port.mark(
                data["status"],
                by=by,
                clear_notes=data["clear_notes"],
                note=data["note"],
                repair_date=data["expected_repair_date"],
            )
        except ValidationError as error:
            self.port.refresh_from_db()
            fields = {"notes": "note", "expected_repair_date": "expected_repair_date"}
            for name, messages in error.update_error_dict({}).items():
                for message in messages:
                    self.add_error(fields.get(name), message)
            return False
        return True
