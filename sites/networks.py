"""One human name per charging network.

The AFDC export mixes display names ("ChargePoint Network") with codes
("CHARGESMART_EV", "BP_PULSE"), and owners type names their own way; a driver
should read, and filter by, one name per network.
"""

import re

NON_NETWORKED = "Non-Networked"

# Lower-cased spellings, punctuation and spaces removed -> the name drivers read.
_KNOWN = {
    "chargepoint": "ChargePoint",
    "chargepointnetwork": "ChargePoint",
    "blink": "Blink",
    "blinknetwork": "Blink",
    "evgo": "EVgo",
    "evgonetwork": "EVgo",
    "electrifyamerica": "Electrify America",
    "tesla": "Tesla",
    "teslasupercharger": "Tesla Supercharger",
    "tesladestination": "Tesla Destination",
    "evconnect": "EV Connect",
    "shellrecharge": "Shell Recharge",
    "greenlots": "Shell Recharge",
    "volta": "Volta",
    "bppulse": "bp pulse",
    "chargesmartev": "ChargeSmart EV",
    "vialynk": "Vialynk",
    "evoke": "Evoke",
    "flo": "FLO",
    "ampup": "AmpUp",
    "swtch": "SWTCH",
    "evgateway": "EVgateway",
    "rivianadventure": "Rivian Adventure Network",
    "rivianwaypoints": "Rivian Waypoints",
    "fordcharge": "Ford Charge",
    "applegreen": "Applegreen Electric",
    "noodoe": "Noodoe",
    "chargelab": "ChargeLab",
    "flash": "FLASH",
    "revel": "Revel",
    "zefnet": "Zef Network",
    "opconnect": "OpConnect",
    "evium": "Evium",
    "loop": "Loop",
    "ampedup": "AMPED UP! Networks",
    "rede": "Red E",
    "autel": "Autel",
    "turnongreen": "Turn On Green",
    "matcha": "Matcha",
    "gravitychargingcenter": "Gravity Charging Center",
    "circlek": "Circle K",
    "francis": "Francis Energy",
    "francisenergy": "Francis Energy",
    "livingston": "Livingston Energy",
    "mercedesbenz": "Mercedes-Benz High-Power Charging",
    "ionna": "IONNA",
    "nonnetworked": NON_NETWORKED,
    "none": NON_NETWORKED,
}


def network_name(raw: str) -> str:
    """The name drivers read for a network as any source spells it ("" stays "")."""
    text = " ".join((raw or "").split())
    if not text:
        return ""
    key = re.sub(r"[^a-z0-9]", "", text.lower())
    if key in _KNOWN:
        return _KNOWN[key]
    if re.fullmatch(r"[A-Z0-9_]+", text):
        # An AFDC code we have no name for: "GRAVITY_CHARGING_CENTER" -> "Gravity Charging Center".
        return " ".join(word.capitalize() for word in text.split("_") if word)
    return text
