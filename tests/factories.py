from decimal import Decimal

import factory
from django.utils import timezone

from accounts.models import User
from accounts.plans import Plan
from ports.models import Port
from ports.vocabulary import ConnectorType, PortStatus, PowerType
from sites.models import Site
from stations.models import Station

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"owner{n}@example.com")
    display_name = factory.Sequence(lambda n: f"Owner {n}")
    plan = Plan.FREE
    password = factory.django.Password(PASSWORD)
    # As accounts made by staff or commands are; sign-up's unconfirmed ones set None.
    email_confirmed_at = factory.LazyFunction(timezone.now)


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site

    name = factory.Sequence(lambda n: f"Location {n}")
    street_address = "1 Main Street"
    city = "Albany"
    state = "NY"
    zip_code = "12207"
    latitude = Decimal("42.651200")
    longitude = Decimal("-73.754900")
    owner = factory.SubFactory(UserFactory)


class StationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Station

    site = factory.SubFactory(SiteFactory)
    name = factory.Sequence(lambda n: f"Station {n}")
    manufacturer = "ChargePoint"
    model = "CT4000"
    network = "ChargePoint"


class PortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Port

    station = factory.SubFactory(StationFactory)
    connector_type = ConnectorType.J1772
    power_type = PowerType.AC_LEVEL_2
    max_power_kw = Decimal("7.2")
    status = PortStatus.OPERATIONAL
    label = factory.Sequence(lambda n: f"Port {n + 1}")


def dc_port(station, connector, kw, **fields) -> Port:
    """A DC fast port of this connector and power (in kW, as text or number)."""
    return PortFactory(
        station=station,
        connector_type=connector,
        power_type=PowerType.DC_FAST,
        max_power_kw=Decimal(str(kw)),
        **fields,
    )
