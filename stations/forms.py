from django import forms

from stations.models import COMMON_NETWORKS, Station


class StationForm(forms.ModelForm):
    class Meta:
        model = Station
        fields = ["name", "manufacturer", "model", "network", "is_published"]
        widgets = {"network": forms.TextInput(attrs={"list": "networks"})}

    networks = COMMON_NETWORKS
