import factory
from django.utils import timezone

from chargers.models import (
    AcceptedTag,
    Charger,
    ChargerConnector,
    ChargingSession,
    hash_password,
)
from tests.factories import StationFactory

# What ChargerFactory's chargers open with: tests pass it in the Basic-auth header.
CHARGER_PASSWORD = "charger-password-for-tests-only"


class ChargerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Charger

    station = factory.SubFactory(StationFactory)
    password_hash = hash_password(CHARGER_PASSWORD)
    password_version = 1


class ChargerConnectorFactory(factory.django.DjangoModelFactory):
    """A connector mapped to no port unless given one (`port=PortFactory(station=...)`)."""

    class Meta:
        model = ChargerConnector

    charger = factory.SubFactory(ChargerFactory)
    connector_id = factory.Sequence(lambda n: n + 1)


class AcceptedTagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AcceptedTag

    charger = factory.SubFactory(ChargerFactory)
    id_tag = factory.Sequence(lambda n: f"TAG{n:06d}")


class ChargingSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChargingSession

    charger = factory.SubFactory(ChargerFactory)
    connector_id = 1
    id_tag = "04A2B3C4D5"
    started_at = factory.LazyFunction(timezone.now)
    meter_start_wh = 1000
