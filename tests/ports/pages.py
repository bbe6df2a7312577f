"""Read the port pages and fill in the edit form the way a browser would."""

import json
import re


def row(response, port) -> str:
    """The port's <tr> in a response: its row in the list, or the panel opened in its place."""
    found = re.search(rf'<tr id="port-{port.pk}".*?</tr>', response.text, re.DOTALL)
    assert found, f"no <tr> for port {port.pk} in the response"
    return found.group()


def field(response, name) -> str:
    """One form field's block: its label, input, errors and help text."""
    found = re.search(
        rf'<div class="field[^"]*">(?:(?!</div>).)*?name="{name}"(?:(?!</div>).)*</div>',
        response.text,
        re.DOTALL,
    )
    assert found, f"no field named {name} in the response"
    return found.group()


def warning(response) -> str:
    """The amber field warning (not blocking) with its "Save anyway" box, or "" when none."""
    found = re.search(r'<div class="field-warning".*?</label>\s*</div>', response.text, re.DOTALL)
    return found.group() if found else ""


def announced(response) -> str:
    """What the live region says after this HTMX response (chargesites/announce.py)."""
    return json.loads(response.headers.get("HX-Trigger", "{}")).get("announce", "")


def edit_form_data(port, **changes) -> dict:
    """What the edit form posts for this port when the owner changes only `changes`."""
    data = {
        "connector_type": port.connector_type,
        "power_type": port.power_type,
        "max_power_kw": port.max_power_kw,
        "voltage": port.voltage or "",
        "amperage": port.amperage or "",
        "status": port.status,
        "label": port.label,
        "notes": port.notes,
        "expected_repair_date": port.expected_repair_date or "",
    }
    return {**data, **changes}


def text(html) -> str:
    """What a person reads: the HTML without its tags, whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())
