import factory
from django.utils import timezone

from community.models import CheckIn, Outcome, Review
from tests.factories import PortFactory, UserFactory


class CheckInFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CheckIn

    port = factory.SubFactory(PortFactory)
    site = factory.LazyAttribute(lambda check_in: check_in.port.station.site)
    driver = factory.SubFactory(UserFactory)
    outcome = Outcome.CHARGED
    created_at = factory.LazyFunction(timezone.now)


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    site = factory.SubFactory("tests.factories.SiteFactory")
    driver = factory.SubFactory(UserFactory)
    rating = 4
    text = "Easy to find, well lit."
