from collections import Counter

from django import forms
from django.core.exceptions import ValidationError

from ports.models import Position
from ports.vocabulary import PortStatus
from stations.models import COMMON_NETWORKS, Station


class StationForm(forms.ModelForm):
    class Meta:
        model = Station
        fields = ["name", "manufacturer", "model", "network", "is_published"]
        widgets = {"network": forms.TextInput(attrs={"list": "networks"})}

    networks = COMMON_NETWORKS


class PositionForm(forms.Form):
    """ "These ports charge one car at a time": ports sharing one cable cabinet.

    Built from the station's ports, already loaded for the page: it offers those that
    charge separately now (ports sharing a position are split first).
    """

    ports = forms.TypedMultipleChoiceField(
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        label="Ports that share one cable cabinet",
        error_messages={
            "required": "Tick the ports that share one cable cabinet: at least two.",
            "invalid_choice": "Tick only this station's ports that charge separately now.",
        },
    )

    def __init__(self, station, ports, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.station = station
        sharing = Counter(port.position_id for port in ports if port.position_id)
        self.offered = {
            port.pk: port
            for port in ports
            if port.status != PortStatus.DECOMMISSIONED and sharing[port.position_id] < 2
        }
        self.fields["ports"].choices = [
            (pk, f"{port} · {port.connector.label} · {port.max_power_kw.normalize():f} kW")
            for pk, port in self.offered.items()
        ]

    def clean_ports(self):
        return [self.offered[pk] for pk in self.cleaned_data["ports"]]

    def save(self, *, by) -> Position | None:
        """The new position, or None with the rule it broke in the form's errors."""
        try:
            return Position.group(self.station, self.cleaned_data["ports"], by=by)
        except ValidationError as error:
            self.add_error("ports" if len(self.cleaned_data["ports"]) < 2 else None, error)
            return None
