"""Bad map requests get a 400 in JSON naming the parameter to fix, never a 500."""

import pytest

from tests.search.map import MAP_URL

pytestmark = pytest.mark.django_db

GOOD = {"bbox": "-80,40,-71,46", "zoom": "6"}


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"zoom": "6"}, "bbox"),
        ({**GOOD, "bbox": "the whole map"}, "bbox"),
        ({**GOOD, "bbox": "-73.8,42.6,-73.7"}, "bbox"),
        ({**GOOD, "bbox": "1,2,3,4,5"}, "bbox"),
        ({**GOOD, "bbox": "-73.7,42.7,-73.8,42.6"}, "bbox"),
        ({**GOOD, "bbox": "nan,nan,nan,nan"}, "bbox"),
        ({**GOOD, "bbox": "-inf,40,inf,46"}, "bbox"),
        ({"bbox": GOOD["bbox"]}, "zoom"),
        ({**GOOD, "zoom": "far"}, "zoom"),
        ({**GOOD, "zoom": "-1"}, "zoom"),
        ({**GOOD, "zoom": "20"}, "zoom"),
        ({**GOOD, "zoom": "nan"}, "zoom"),
        ({**GOOD, "min_kw": "abc"}, "min_kw"),
        ({**GOOD, "connector": "steam"}, "connector"),
        ({**GOOD, "near": "Springfield"}, "near"),
        ({**GOOD, "lat": "42.65"}, "lat"),
    ],
)
def test_it_names_the_parameter_to_fix(client, chargers, params, name):
    response = client.get(MAP_URL, params)
    assert response.status_code == 400
    body = response.json()
    assert body["error"].startswith(f"{name}: ")
    assert name in body["errors"]


def test_it_refuses_other_methods(client):
    assert client.post(MAP_URL, GOOD).status_code == 405
