"""Accepting or dismissing what a source suggests for a claimed location."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ports.models import Port
from ports.vocabulary import PowerType
from sites.models import Suggestion, SuggestionStatus
from stations.models import Station


def can_accept(suggestion: Suggestion) -> bool:
    """A smaller port count cannot be accepted blindly: the owner picks which ports went."""
    return not suggestion.is_about_ports or bool(suggestion.value["add"])


@transaction.atomic
def accept(suggestion: Suggestion, by):
    """Apply the suggestion; raises ValidationError with a message for the owner."""
    if not can_accept(suggestion):
        raise ValidationError(
            "NREL lists fewer ports than you do. If some are gone, mark them Decommissioned "
            "or delete them on their station's page, then dismiss this suggestion."
        )
    site = suggestion.site
    if suggestion.is_about_ports:
        _add_ports(suggestion, by)
    else:
        setattr(site, suggestion.field, suggestion.value)
        site.full_clean()
        site.save()
    site.mark_verified()
    _resolve(suggestion, SuggestionStatus.ACCEPTED, by)


def dismiss(suggestion: Suggestion, by):
    _resolve(suggestion, SuggestionStatus.DISMISSED, by)


def _add_ports(suggestion: Suggestion, by):
    power = PowerType(suggestion.field.removeprefix("ports:"))
    site = suggestion.site
    station = site.stations.filter(ports__power_type=power).distinct().first()
    if station is None:
        station = Station(site=site, name=f"{power.label} chargers", network=site.network)
        station.full_clean()
        station.save()
    taken = set(station.ports.values_list("label", flat=True))
    number = 1
    for details in suggestion.value["add"]:
        while f"Port {number}" in taken:
            number += 1
        port = Port(
            station=station,
            label=f"Port {number}",
            connector_type=details["connector_type"],
            power_type=power,
            max_power_kw=Decimal(details["max_power_kw"]),
            notes=details["notes"],
            needs_review=True,
            updated_by=by,
        )
        port.full_clean()
        port.save()
        taken.add(port.label)


def _resolve(suggestion: Suggestion, status: SuggestionStatus, by):
    suggestion.status = status
    suggestion.resolved_by = by
    suggestion.resolved_at = timezone.now()
    suggestion.save()
