"""The team's shared public data: beside the repository, where CI lays it, or at /work/shared."""

from pathlib import Path

_BESIDE = Path(__file__).resolve().parents[2] / "shared"
SHARED = _BESIDE if _BESIDE.is_dir() else Path("/work/shared")
DATA = SHARED / "data"
NY_EXPORT = DATA / "afdc-ny-2025-04.csv"
US_LOCATIONS = DATA / "afdc-us-locations-2022.csv"
OCPI_EXAMPLES = DATA / "ocpi-2.2.1-examples"
