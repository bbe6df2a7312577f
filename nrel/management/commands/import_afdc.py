import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from nrel.files import BadFile
from nrel.importer import ImportReport, import_file

SHOWN_SKIPS = 50
SHOWN_REASONS = 3


class Command(BaseCommand):
    help = (
        "Import an NREL AFDC station export (the CSV download, also as a spreadsheet saved it, "
        "or the API's JSON) as unclaimed locations. Safe to run again: unchanged records write "
        "nothing, claimed locations get suggestions instead of changes."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="an AFDC .csv export or API .json file")
        parser.add_argument(
            "--max-skipped",
            type=float,
            default=5.0,
            metavar="PERCENT",
            help="fail (after importing the good rows) when more electric rows than this "
            "are skipped (default: 5)",
        )

    def handle(self, *args, path: Path, max_skipped: float, **options):
        if not path.is_file():
            raise CommandError(
                f"{path}: no such file. Give the path of an AFDC .csv or .json file."
            )
        started = time.perf_counter()
        with tqdm(
            total=path.stat().st_size,
            unit="B",
            unit_scale=True,
            desc=path.name,
            disable=not sys.stderr.isatty(),
        ) as bar:
            try:
                report = import_file(path, progress=lambda done: bar.update(done - bar.n))
            except BadFile as error:
                raise CommandError(f"{path}: {error}") from None
        seconds = time.perf_counter() - started
        self.stdout.write(f"Imported {path.name} in {seconds:.1f} s")
        self.print_report(report)
        if report.skipped and report.skipped_percent > max_skipped:
            reasons = "; ".join(
                f"{count:,} × {reason}"
                for reason, count in report.skip_reasons.most_common(SHOWN_REASONS)
            )
            raise CommandError(
                f"{path}: {len(report.skipped):,} of {report.electric:,} electric rows "
                f"({report.skipped_percent:.1f}%) were skipped, more than --max-skipped "
                f"{max_skipped:g}%. The other rows are imported. Most common reasons: {reasons}."
            )

    def print_report(self, report: ImportReport):
        for label, count in [
            ("created", report.created),
            ("updated", report.updated),
            ("unchanged", report.unchanged),
            ("skipped", len(report.skipped)),
        ]:
            self.stdout.write(f"  {label:<10}{count:>8,}")
        if report.suggested:
            self.stdout.write(
                f"  {report.suggested:,} claimed location(s) left as their owners keep them; "
                "NREL's differences are waiting for them as suggestions."
            )
        if report.other_fuels:
            self.stdout.write(f"  {report.other_fuels:,} records of other fuels ignored.")
        if report.unreadable:
            self.stdout.write("Imported without cells that could not be read:")
            for column, count in report.unreadable.most_common():
                examples = ", ".join(f"“{value}”" for value in report.examples[column])
                self.stdout.write(f"  {count:>6,}  unreadable {column} (e.g. {examples})")
        if report.skipped:
            self.stdout.write("Skipped, by reason:")
            for reason, count in report.skip_reasons.most_common():
                self.stdout.write(f"  {count:>6,}  {reason}")
            self.stdout.write("Skipped rows:")
            for skip in report.skipped[:SHOWN_SKIPS]:
                self.stdout.write(
                    f"  {report.unit} {skip.line} (id {skip.source_id}): {skip.reason}"
                )
            if len(report.skipped) > SHOWN_SKIPS:
                self.stdout.write(f"  ... and {len(report.skipped) - SHOWN_SKIPS:,} more.")
