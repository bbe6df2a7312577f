from collections import Counter

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction

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
        ports = [self.offered[pk] for pk in self.cleaned_data["ports"]]
        if len(ports) < 2:
            raise ValidationError(
                "Tick at least two ports: a single port already charges one car at a time."
            )
        return ports

    def save(self, *, by) -> Position | None:
        """The new position, or None with the port's rule in the form's errors."""
        ports = self.cleaned_data["ports"]
        try:
            with transaction.atomic():
                position = Position.objects.create(station=self.station)
                for port in ports:
                    emptied = port.position_id
                    port.position = position
                    port.updated_by = by
                    port.full_clean()
                    port.save()
                    # An imported single-port position means nothing once its port moves.
                    if emptied:
                        Position.objects.filter(pk=emptied, ports__isnull=True).delete()
        except ValidationError as error:
            self.add_error(None, f"“{port}” cannot join: {' '.join(error.messages)}")
            return None
        return position
