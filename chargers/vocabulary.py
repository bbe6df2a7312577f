"""OCPP 1.6J's words for a connector's state, and what a driver reads for each."""

from django.db import models

from ports.vocabulary import LiveStatus


class OcppStatus(models.TextChoices):
    AVAILABLE = "Available"
    PREPARING = "Preparing"
    CHARGING = "Charging"
    SUSPENDED_EV = "SuspendedEV"
    SUSPENDED_EVSE = "SuspendedEVSE"
    FINISHING = "Finishing"
    RESERVED = "Reserved"
    UNAVAILABLE = "Unavailable"
    FAULTED = "Faulted"


LIVE = {
    OcppStatus.AVAILABLE: LiveStatus.AVAILABLE,
    OcppStatus.PREPARING: LiveStatus.IN_USE,
    OcppStatus.CHARGING: LiveStatus.IN_USE,
    OcppStatus.SUSPENDED_EV: LiveStatus.IN_USE,
    OcppStatus.SUSPENDED_EVSE: LiveStatus.IN_USE,
    OcppStatus.FINISHING: LiveStatus.IN_USE,
    OcppStatus.RESERVED: LiveStatus.RESERVED,
    OcppStatus.UNAVAILABLE: LiveStatus.OUT_OF_ORDER,
    OcppStatus.FAULTED: LiveStatus.OUT_OF_ORDER,
}

# What drivers read as the source of a live status that came from the charger itself.
LIVE_SOURCE = "the charger"
