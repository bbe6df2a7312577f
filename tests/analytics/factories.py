from datetime import UTC, datetime

import factory

from chargers.models import ChargingSession
from reports.models import Problem, Report
from tests.chargers.factories import ChargerFactory
from tests.factories import PortFactory


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    port = factory.SubFactory(PortFactory)
    problem = Problem.NOT_WORKING
    client = factory.Sequence(lambda n: f"{n:064d}")


class ChargingSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChargingSession

    charger = factory.SubFactory(ChargerFactory)
    connector_id = 1
    id_tag = "TAG1"
    started_at = factory.LazyFunction(lambda: datetime.now(UTC))
    meter_start_wh = 1000
