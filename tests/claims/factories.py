import factory

from claims.models import Claim, ClaimStatus, Relationship
from sites.models import Origin
from tests.claims.documents import PDF
from tests.factories import SiteFactory, UserFactory


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    site = factory.SubFactory(
        SiteFactory,
        owner=None,
        origin=Origin.NREL,
        source_id=factory.Sequence(lambda n: str(200000 + n)),
    )
    claimant = factory.SubFactory(UserFactory)
    full_name = factory.LazyAttribute(lambda claim: claim.claimant.display_name)
    title = "Owner"
    business_name = factory.Sequence(lambda n: f"Business {n}")
    contact_email = factory.LazyAttribute(lambda claim: claim.claimant.email)
    contact_phone = "518-555-0123"
    relationship = Relationship.OWNER
    proof_type = "pdf"
    proof = factory.django.FileField(data=PDF, filename="deed.pdf")
    status = ClaimStatus.PENDING
