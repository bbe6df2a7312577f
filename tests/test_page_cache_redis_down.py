"""With Redis unreachable, the cached pages are rendered as if there were no cache."""

import pytest

from tests.page_cache import served
from tests.services import closed_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "chargesites.cache.FallbackRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


@pytest.mark.parametrize("page", ["location", "search", "map"])
def test_a_failing_redis_still_serves_the_page(client, port, redis_down, page):
    url = {
        "location": f"/locations/{port.station.site_id}/",
        "search": "/locations/?near=12207",
        "map": "/locations/map.json?bbox=-74,42,-73,43&zoom=9",
    }[page]
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200
        assert "Maple Street Market" in response.text
        if page != "map":
            assert served(response) == "miss"
