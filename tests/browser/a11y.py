"""What "a page reads well on any screen and to any reader" means in a test:
no horizontal scroll, and axe-core finds no serious or critical violation.

Each check returns a list of readable problems (empty when the page passes), so a
failing assertion says which element to fix, not just that something is wrong.
"""

import os
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}

BLOCKING_IMPACTS = ("serious", "critical")

_axe = Axe()

# The widest elements poking out past the right edge: the ones to fix first.
_OVERFLOW_SCRIPT = """
() => {
  const width = window.innerWidth;
  const describe = (el) => {
    let name = el.tagName.toLowerCase();
    if (el.id) name += "#" + el.id;
    for (const cls of Array.from(el.classList).slice(0, 3)) name += "." + cls;
    return name;
  };
  const wide = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.right > width + 1) {
      // Report the outermost offender only: its children overflow because it does.
      const parent = el.parentElement;
      const parentBox = parent ? parent.getBoundingClientRect() : null;
      if (parentBox && parentBox.right > width + 1 && parent !== document.body) continue;
      wide.push({element: describe(el), right: Math.round(box.right)});
    }
  }
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: width,
    wide: wide.slice(0, 8),
  };
}
"""


def horizontal_overflow(page) -> list[str]:
    """Why the page scrolls sideways, or [] when it fits its window."""
    measured = page.evaluate(_OVERFLOW_SCRIPT)
    if measured["scrollWidth"] <= measured["innerWidth"]:
        return []
    problems = [
        f"page is {measured['scrollWidth']} px wide in a {measured['innerWidth']} px window"
    ]
    problems += [f"  {w['element']} reaches {w['right']} px" for w in measured["wide"]]
    return problems


def blocking_violations(page) -> list[dict]:
    """axe-core's serious and critical violations on the page as it is now."""
    results = _axe.run(page)
    return [v for v in results.response["violations"] if v.get("impact") in BLOCKING_IMPACTS]


def describe_violations(violations: list[dict]) -> list[str]:
    """One line per violation, then one per offending node with its selector."""
    lines = []
    for violation in violations:
        impact, rule = violation["impact"], violation["id"]
        lines.append(f"[{impact}] {rule}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"][:10]:
            target = " ".join(str(t) for t in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", " ").strip()
            lines.append(f"  {target}  {summary}")
        if len(violation["nodes"]) > 10:
            lines.append(f"  … and {len(violation['nodes']) - 10} more")
    return lines


def page_problems(page) -> list[str]:
    """Everything wrong with the page for the acceptance check, as readable lines."""
    problems = []
    overflow = horizontal_overflow(page)
    if overflow:
        problems += ["Horizontal scroll:", *overflow]
    violations = blocking_violations(page)
    if violations:
        problems += ["axe-core serious/critical violations:", *describe_violations(violations)]
    return problems


def keep_screenshot(page, name: str) -> None:
    """Save a full-page screenshot under $SHOTS for a person to look at; nothing without it."""
    folder = os.environ.get("SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=Path(folder) / name, full_page=True)
