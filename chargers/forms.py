"""What an owner types about their chargers: a charger to connect, which port each OCPP
connector is, which drivers it accepts and the RFID tags it accepts."""

import re

from django import forms
from django.db import transaction

from chargers import live
from chargers.models import (
    CHARGE_POINT_ID_TAKEN,
    TAG_TAKEN,
    AcceptedTag,
    Charger,
    ChargerConnector,
)

# Letters, digits and . _ - : what every charger's settings screen lets you type and what
# sits in the endpoint's URL path without escaping.
CHARGE_POINT_ID = re.compile(r"[A-Za-z0-9._-]{1,48}")
# OCPP 1.6's idTag is a CiString20: printable ASCII.
ID_TAG = re.compile(r"[\x21-\x7e]{1,20}")
NO_PORT = ""
# Said for every way an id can be wrong (too long, a NUL, a character a URL cannot carry):
# one rule, one sentence.
CHARGE_POINT_ID_RULE = (
    "A charge point id is letters, digits, dots, dashes and underscores, up to 48: type it "
    "as your charger's settings show it, or leave it empty and we make one up."
)
ID_TAG_RULE = (
    "Type the tag without spaces or accents: up to 20 letters A–Z, digits or symbols, "
    "as the charger reports it."
)


def _ids(charger) -> str:
    # A station page holds several chargers' forms: their ids must not collide.
    return f"charger-{charger.pk}-%s"


class ConnectForm(forms.ModelForm):
    """Register a charger; the charge point id is ours unless the charger cannot change its own."""

    class Meta:
        model = Charger
        fields = ["charge_point_id"]
        error_messages = {
            "charge_point_id": {
                "unique": CHARGE_POINT_ID_TAKEN,
                "max_length": CHARGE_POINT_ID_RULE,
                "null_characters_not_allowed": CHARGE_POINT_ID_RULE,
            }
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["charge_point_id"]
        field.required = False
        field.label = "Charge point id (optional)"
        field.help_text = (
            "Leave empty and we make one up. Fill it in only if your charger cannot change "
            "its own id (some use their serial number): letters, digits, dots, dashes and "
            "underscores, up to 48."
        )
        field.widget.attrs.update(autocomplete="off", spellcheck="false")

    def clean_charge_point_id(self):
        value = (self.cleaned_data.get("charge_point_id") or "").strip()
        if not value:
            return self.instance.charge_point_id  # the model's default, made up for it
        if not CHARGE_POINT_ID.fullmatch(value):
            raise forms.ValidationError(CHARGE_POINT_ID_RULE)
        return value


class ConnectorsForm(forms.Form):
    """Which port each connector is: one select per connector, offering this station's ports
    that no other charger's connector holds. Built from lists already in memory: no queries."""

    def __init__(self, charger, ports, *args, **kwargs):
        super().__init__(*args, auto_id=_ids(charger), **kwargs)
        self.charger = charger
        self.connectors = list(charger.connectors.all())
        mine = {connector.pk for connector in self.connectors}
        taken = {
            port.pk
            for port in ports
            if getattr(port, "held_by", None) and port.held_by.pk not in mine
        }
        self.ports = {str(port.pk): port for port in ports if port.pk not in taken}
        choices = [(NO_PORT, "No port")] + [(pk, str(port)) for pk, port in self.ports.items()]
        for connector in self.connectors:
            self.fields[self.field_name(connector)] = forms.ChoiceField(
                label=f"Connector {connector.connector_id}",
                choices=choices,
                required=False,
                initial=str(connector.port_id or NO_PORT),
                # A port of another station, one another charger took meanwhile, or one
                # deleted meanwhile: the select offers only those still free here.
                error_messages={
                    "invalid_choice": f"Select a valid choice for connector "
                    f"{connector.connector_id}: a port of this station no other connector "
                    "holds (the list is up to date now), or “No port”."
                },
            )

    @staticmethod
    def field_name(connector):
        return f"connector_{connector.connector_id}"

    def rows(self):
        """(connector, its bound field) in connector order, for the table."""
        return [(c, self[self.field_name(c)]) for c in self.connectors]

    def clean(self):
        chosen = {}
        for connector in self.connectors:
            name = self.field_name(connector)
            pk = self.cleaned_data.get(name, NO_PORT)
            if pk == NO_PORT:
                continue
            if pk in chosen:
                port = self.ports[pk]
                self.add_error(
                    name,
                    f"Connector {chosen[pk]} is already “{port}”: a port is one connector. "
                    "Choose another port, or “No port”.",
                )
            chosen[pk] = connector.connector_id
        return self.cleaned_data

    def changed_connectors(self):
        wanted = {}
        for connector in self.connectors:
            pk = self.cleaned_data.get(self.field_name(connector), NO_PORT)
            port = self.ports.get(pk) if pk else None
            if (port.pk if port else None) != connector.port_id:
                wanted[connector] = port
        return wanted

    def save(self, now=None):
        """Apply the mapping; two connectors may swap ports, so the old ties go first. A
        connected charger's newly mapped ports take their connector's last status at once."""
        wanted = self.changed_connectors()
        let_go = {c.port_id for c in wanted if c.port_id} - {p.pk for p in wanted.values() if p}
        with transaction.atomic():
            ChargerConnector.objects.filter(pk__in=[c.pk for c in wanted]).update(port=None)
            for connector, port in wanted.items():
                connector.port = port
                connector.full_clean(exclude=["charger"])
                connector.save(update_fields=["port"])
            live.released(let_go, now)
        if self.charger.is_online(now):
            for connector, port in wanted.items():
                if port is not None and connector.status:
                    live.status(
                        self.charger.pk,
                        connector.connector_id,
                        connector.status,
                        error_code=connector.error_code,
                        info=connector.info,
                        vendor_error_code=connector.vendor_error_code,
                        timestamp=connector.status_at,
                        now=now,
                    )
        return list(wanted)


class AcceptsForm(forms.ModelForm):
    class Meta:
        model = Charger
        fields = ["accepts"]
        widgets = {"accepts": forms.RadioSelect}
        error_messages = {
            "accepts": {
                "required": "Choose who may charge: every driver, or only the listed tags.",
                "invalid_choice": "Choose who may charge: every driver, or only the listed tags.",
            }
        }

    def __init__(self, *args, instance, **kwargs):
        super().__init__(*args, instance=instance, auto_id=_ids(instance), **kwargs)


class TagForm(forms.ModelForm):
    class Meta:
        model = AcceptedTag
        fields = ["id_tag", "label"]
        error_messages = {
            "id_tag": {
                "required": "Type the RFID tag to accept.",
                "max_length": "An RFID tag is at most 20 characters, as OCPP sends it.",
                "null_characters_not_allowed": ID_TAG_RULE,
            },
            "label": {
                "max_length": "A label is at most 100 characters: shorten it.",
                "null_characters_not_allowed": "A label cannot hold the invisible NUL "
                "character: type the label again rather than pasting it.",
            },
        }

    def __init__(self, charger, *args, **kwargs):
        tag = AcceptedTag(charger=charger)
        super().__init__(*args, instance=tag, auto_id=_ids(charger), **kwargs)
        self.fields["id_tag"].help_text = (
            "As the charger reports it, e.g. 04A2B3C4D5E6F7: read it from a session on the "
            "charger's screen or its log, or from the card's packaging."
        )
        self.fields["id_tag"].widget.attrs.update(autocomplete="off", spellcheck="false")
        self.fields["label"].label = "Label (optional)"

    def clean_id_tag(self):
        value = self.cleaned_data["id_tag"].strip()
        if not ID_TAG.fullmatch(value):
            raise forms.ValidationError(ID_TAG_RULE)
        # OCPP compares idTags without regard to case (CiString).
        if self.instance.charger.tags.filter(id_tag__iexact=value).exists():
            raise forms.ValidationError(TAG_TAKEN)
        return value
