import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection

from nrel.importer import ImportReport, apply_records
from search import scale_copies
from search.scale_data import national_records
from sites.models import Site

SHARED = Path(settings.BASE_DIR).parent / "shared" / "data"
BATCH = 1000


class Command(BaseCommand):
    help = (
        "Build the national data set for benchmarks: the 50,270 US locations of the 2022 AFDC "
        "list with stations and ports drawn (seeded) from the New York export's mix."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--multiply",
            type=int,
            default=1,
            help="N times as many locations (on PostgreSQL the copies are made in SQL, see "
            "search/scale_copies.py)",
        )
        parser.add_argument("--seed", type=int, default=2022)
        parser.add_argument("--us-list", type=Path, default=SHARED / "afdc-us-locations-2022.csv")
        parser.add_argument("--ny-export", type=Path, default=SHARED / "afdc-ny-2025-04.csv")

    def handle(self, *args, multiply, seed, us_list, ny_export, **options):
        started = time.perf_counter()
        in_sql = connection.vendor == "postgresql" and multiply > 1
        imported = 1 if in_sql else multiply
        report = ImportReport()
        unusable = []
        batch = []
        for number, record in enumerate(
            national_records(us_list, ny_export, multiply=imported, seed=seed)
        ):
            if isinstance(record, str):
                unusable.append(record)
                continue
            batch.append((number, record))
            if len(batch) >= BATCH:
                apply_records(batch, report)
                batch = []
                if self.stderr.isatty():
                    self.stderr.write(
                        f"\r{report.created + report.unchanged:,} locations", ending=""
                    )
        apply_records(batch, report)
        if self.stderr.isatty():
            self.stderr.write("")
        self.stdout.write(
            f"National data set: {report.created:,} created, {report.unchanged:,} unchanged, "
            f"{len(unusable) + len(report.skipped):,} rows left out, "
            f"in {time.perf_counter() - started:.0f} s"
        )
        for reason in unusable[:10]:
            self.stdout.write(f"  {reason}")
        if in_sql:
            started = time.perf_counter()
            made = scale_copies.make_copies(multiply)
            self.stdout.write(
                f"Copies in SQL: {made} made, {multiply - 1 - made} kept, "
                f"{Site.objects.count():,} locations in all, "
                f"in {time.perf_counter() - started:.0f} s"
            )
