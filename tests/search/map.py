"""Ask the search map's endpoint the way search-map.js does."""

from django.urls import reverse

MAP_URL = reverse("search:map")
NEW_YORK_STATE = "-80,40,-71,46"
DOWNTOWN_ALBANY = "-73.80,42.64,-73.74,42.67"


def ask(client, **params) -> dict:
    response = client.get(MAP_URL, params)
    assert response.status_code == 200, response.content
    return response.json()


def located(answer) -> int:
    """How many locations the answer accounts for, in clusters and as points."""
    return sum(cluster["count"] for cluster in answer["clusters"]) + len(answer["points"])
