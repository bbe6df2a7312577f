"""The time zone a US location keeps its opening hours in, from its state and longitude.

"Open now" compares a location's hours with its own clock. Most states keep one
zone; for the states a zone line crosses, the line is taken as a meridian, which
is right for all but a strip along the border (an hour off there, at worst).
"""

_ZONES = {
    "AK": "America/Anchorage",
    "AL": "America/Chicago",
    "AR": "America/Chicago",
    "AS": "Pacific/Pago_Pago",
    "AZ": "America/Phoenix",
    "CA": "America/Los_Angeles",
    "CO": "America/Denver",
    "CT": "America/New_York",
    "DC": "America/New_York",
    "DE": "America/New_York",
    "GA": "America/New_York",
    "GU": "Pacific/Guam",
    "HI": "Pacific/Honolulu",
    "IA": "America/Chicago",
    "IL": "America/Chicago",
    "LA": "America/Chicago",
    "MA": "America/New_York",
    "MD": "America/New_York",
    "ME": "America/New_York",
    "MN": "America/Chicago",
    "MO": "America/Chicago",
    "MP": "Pacific/Saipan",
    "MS": "America/Chicago",
    "MT": "America/Denver",
    "NC": "America/New_York",
    "NH": "America/New_York",
    "NJ": "America/New_York",
    "NM": "America/Denver",
    "NV": "America/Los_Angeles",
    "NY": "America/New_York",
    "OH": "America/New_York",
    "OK": "America/Chicago",
    "PA": "America/New_York",
    "PR": "America/Puerto_Rico",
    "RI": "America/New_York",
    "SC": "America/New_York",
    "UT": "America/Denver",
    "VA": "America/New_York",
    "VI": "America/St_Thomas",
    "VT": "America/New_York",
    "WA": "America/Los_Angeles",
    "WI": "America/Chicago",
    "WV": "America/New_York",
    "WY": "America/Denver",
}
# States a zone line crosses: (the zone east of the meridian, the meridian, the zone west of it).
_SPLIT = {
    "FL": ("America/New_York", -85.0, "America/Chicago"),
    "ID": ("America/Boise", 999.0, "America/Los_Angeles"),  # north of 45.5°: Pacific
    "IN": ("America/Indiana/Indianapolis", -87.0, "America/Chicago"),
    "KS": ("America/Chicago", -101.5, "America/Denver"),
    "KY": ("America/New_York", -85.7, "America/Chicago"),
    "MI": ("America/Detroit", -87.5, "America/Menominee"),
    "ND": ("America/Chicago", -101.0, "America/Denver"),
    "NE": ("America/Chicago", -101.0, "America/Denver"),
    "OR": ("America/Los_Angeles", -117.3, "America/Boise"),
    "SD": ("America/Chicago", -100.5, "America/Denver"),
    "TN": ("America/New_York", -85.2, "America/Chicago"),
    "TX": ("America/Chicago", -104.9, "America/Denver"),
}
DEFAULT_ZONE = "America/New_York"


def zone_of(state: str, latitude=None, longitude=None) -> str:
    """The IANA zone name for a location; the default zone when the state is unknown."""
    if state in _ZONES:
        return _ZONES[state]
    if state not in _SPLIT:
        return DEFAULT_ZONE
    east, meridian, west = _SPLIT[state]
    if state == "ID":
        return west if latitude is not None and float(latitude) > 45.5 else east
    if state == "OR":
        # Malheur County, the east edge, keeps Mountain time.
        return west if longitude is not None and float(longitude) > meridian else east
    if longitude is None:
        return east
    return east if float(longitude) >= meridian else west
