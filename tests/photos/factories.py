import factory

from photos.models import Photo
from tests.factories import SiteFactory


class PhotoFactory(factory.django.DjangoModelFactory):
    """A stored photo, saved without the plan check (tests seed up to the limit with it)."""

    class Meta:
        model = Photo

    site = factory.SubFactory(SiteFactory)
    caption = factory.Sequence(lambda n: f"Connector {n}")
    image = factory.django.ImageField(width=64, height=48, format="JPEG", filename="web.jpg")
    thumbnail = factory.django.ImageField(width=32, height=24, format="JPEG", filename="thumb.jpg")
    position = factory.Sequence(lambda n: n + 1)
    uploaded_by = factory.SelfAttribute("site.owner")
