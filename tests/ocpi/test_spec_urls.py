"""Partners build the URLs as OCPI writes them: {endpoint}/{country_code}/{party_id}/
{location_id}[/{evse_uid}[/{connector_id}]], with no trailing slash. A redirect is no
answer to a PUT or a PATCH: most clients drop the body, or the method, to follow it."""

import json

import pytest

from sites.models import Site
from tests.ocpi.network import ago, envelope, evse, location

pytestmark = pytest.mark.django_db

SLASH_BUG = (
    "BUG: ocpi/urls.py only matches URLs ending in '/'; CommonMiddleware answers the "
    "spec's URLs with a 301 outside the envelope"
)


def test_it_accepts_a_put_and_a_patch_without_trailing_slash(network):
    at = ago(minutes=5)
    body = json.dumps(location(last_updated=at, evses=[evse("1", last_updated=at)]))
    base = "/ocpi/emsp/2.2.1/locations/US/CPT/ALB1"
    response = network.client.put(
        base, body, content_type="application/json", headers=network.headers
    )
    envelope(response)
    assert Site.objects.count() == 1
    patch = json.dumps({"status": "CHARGING", "last_updated": ago(minutes=1)})
    response = network.client.patch(
        f"{base}/1", patch, content_type="application/json", headers=network.headers
    )
    envelope(response)


def test_it_answers_the_senders_get_without_trailing_slash(network):
    envelope(network.get_ours("/ocpi/cpo/2.2.1/locations"))


def test_it_serves_the_urls_with_a_trailing_slash(network):
    at = ago(minutes=5)
    body = json.dumps(location(last_updated=at))
    response = network.client.put(
        "/ocpi/emsp/2.2.1/locations/US/CPT/ALB1/",
        body,
        content_type="application/json",
        headers=network.headers,
    )
    envelope(response)
    envelope(network.get_ours("/ocpi/cpo/2.2.1/locations/"))


@pytest.mark.parametrize(
    "url",
    [
        "/ocpi/emsp/2.2.1/locations/US/CPT/ALB1/1/1/extra",
        "/ocpi/emsp/2.2.1/locations/US/CPT//1",  # an empty id
        "/ocpi/emsp/2.2.1/locations/US",
        "/ocpi/2.2.1/versions",
    ],
    ids=["too deep", "empty id", "too shallow", "another module"],
)
def test_it_answers_an_unknown_ocpi_url_in_the_envelope(network, url):
    envelope(network.client.get(url, headers=network.headers), status=404, code=2000)
    body = json.dumps({"last_updated": ago(minutes=1)})
    response = network.client.put(url, body, content_type="application/json")
    envelope(response, status=404, code=2000)
