"""How hard the property tests try: a bounded count in every `make test`, many more in
`make fuzz` (HYPOTHESIS_MAX_EXAMPLES)."""

import os


def example_count(usual: int) -> int:
    return int(os.environ.get("HYPOTHESIS_MAX_EXAMPLES", usual))
