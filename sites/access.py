"""What a driver needs to know before driving: who may charge, how to pay, what the place is.

The AFDC's codes (../shared/reference/field-vocabulary.md, "AFDC access, payment and
facility fields") with the words a driver reads, defined once for models, forms,
imports and templates.
"""

from django.db import models


class Access(models.TextChoices):
    PUBLIC = "public", "Public"
    PRIVATE = "private", "Private"


class AccessDetail(models.TextChoices):
    """Why a location is restricted, in the few words a search result has room for."""

    CALL = "CALL", "Call ahead"
    KEY_ALWAYS = "KEY_ALWAYS", "Card key at all times"
    KEY_AFTER_HOURS = "KEY_AFTER_HOURS", "Card key after hours"
    CREDIT_CARD_ALWAYS = "CREDIT_CARD_ALWAYS", "Credit card at all times"
    CREDIT_CARD_AFTER_HOURS = "CREDIT_CARD_AFTER_HOURS", "Credit card after hours"
    FLEET = "FLEET", "Fleet only"
    GOVERNMENT = "GOVERNMENT", "Government only"
    LIMITED_HOURS = "LIMITED_HOURS", "Limited hours"
    RESIDENTIAL = "RESIDENTIAL", "Residents only"


CARDS = {
    "A": "American Express",
    "D": "Discover",
    "M": "Mastercard",
    "V": "Visa",
    "DEBIT": "Debit card",
    "CREDIT": "Credit card",
    "CASH": "Cash",
    "CHECKS": "Checks",
    "ACCOUNT_BALANCE": "Account balance",
    "APPLE_PAY": "Apple Pay",
    "ANDROID_PAY": "Google Pay",
    "PROPRIETOR": "The operator's own card",
}

FACILITY_TYPES = {
    "PAY_GARAGE": "Pay garage",
    "PARKING_GARAGE": "Parking garage",
    "PARKING_LOT": "Parking lot",
    "PAY_LOT": "Pay lot",
    "STREET_PARKING": "Street parking",
    "HOTEL": "Hotel",
    "INN": "Inn",
    "B_AND_B": "Bed and breakfast",
    "CAR_DEALER": "Car dealer",
    "MULTI_UNIT_DWELLING": "Apartment building",
    "MUNI_GOV": "Municipal building",
    "FED_GOV": "Federal building",
    "STATE_GOV": "State building",
    "OFFICE_BLDG": "Office building",
    "SHOPPING_CENTER": "Shopping center",
    "SHOPPING_MALL": "Shopping mall",
    "RETAIL": "Store",
    "GROCERY": "Grocery store",
    "CONVENIENCE_STORE": "Convenience store",
    "HARDWARE_STORE": "Hardware store",
    "GAS_STATION": "Gas station",
    "TRAVEL_CENTER": "Travel center",
    "REST_STOP": "Rest stop",
    "RESTAURANT": "Restaurant",
    "BREWERY_DISTILLERY_WINERY": "Brewery, distillery or winery",
    "COLLEGE_CAMPUS": "College campus",
    "SCHOOL": "School",
    "LIBRARY": "Library",
    "MUSEUM": "Museum",
    "PARK": "Park",
    "CAMPGROUND": "Campground",
    "REC_SPORTS_FACILITY": "Sports facility",
    "OTHER_ENTERTAINMENT": "Entertainment venue",
    "HOSPITAL": "Hospital",
    "AIRPORT": "Airport",
    "AUTO_REPAIR": "Auto repair shop",
    "BANK": "Bank",
    "PLACE_OF_WORSHIP": "Place of worship",
    "UTILITY": "Utility",
    "PUBLIC": "Public place",
    "OTHER": "Other",
}


def card_names(codes: str) -> list[str]:
    """ "A D Debit M V" -> ["American Express", "Discover", "Debit card", ...]."""
    names = []
    for code in codes.split():
        name = CARDS.get(code.upper(), code.replace("_", " ").capitalize())
        if name not in names:
            names.append(name)
    return names


def facility_name(code: str) -> str:
    return FACILITY_TYPES.get(code.upper(), code.replace("_", " ").capitalize()) if code else ""
