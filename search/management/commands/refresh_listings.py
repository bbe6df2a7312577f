from django.core.management.base import BaseCommand

from search.models import Listing, bump_version
from sites.models import Site

CHUNK = 1000


class Command(BaseCommand):
    help = "Recompute every location's search listing from its ports (after bulk SQL changes)."

    def handle(self, *args, **options):
        ids = list(Site.objects.values_list("pk", flat=True).order_by("pk"))
        for start in range(0, len(ids), CHUNK):
            Listing.refresh(ids[start : start + CHUNK])
        bump_version()
        self.stdout.write(f"Refreshed {len(ids):,} listings.")
