"""Each partner signs its requests with its own token; tokens are kept hashed."""

import pytest
from django.db import connection
from django.urls import reverse

from ocpi.models import Partner
from tests.ocpi.network import Network, ago, encode, envelope, evse, location, row_counts

pytestmark = pytest.mark.django_db

SENDER = reverse("ocpi:our_locations")


def test_it_keeps_only_a_hash_of_the_token(network):
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM ocpi_partner WHERE id = %s", [network.partner.pk])
        row = cursor.fetchone()
    cells = " ".join(str(cell) for cell in row)
    assert network.token not in cells
    assert encode(network.token) not in cells
    assert network.partner.token_hash in cells


def test_it_accepts_the_base64_token(network):
    response = network.put(location(last_updated=ago(minutes=1)), "ALB1")
    envelope(response)


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "",
        "Token",
        "Token ",
        "Token bm90LXRoZS10b2tlbg==",  # base64 of "not-the-token"
        "Bearer {token}",
        "Basic {token}",
        "Token caf\u00e9",  # not base64: a header carries Latin-1
        "Token \u00ff\u00fe",
        "Token /w==",  # base64 of a byte that is not UTF-8
        "Token {token}\u00e9",
        "Token " + "A" * 10_000,
    ],
)
def test_it_refuses_a_missing_or_wrong_token_with_401(client, network, authorization):
    headers = {}
    if authorization is not None:
        headers["Authorization"] = authorization.format(token=encode(network.token))
    before = row_counts()
    response = client.put(
        network.url("ALB1"),
        location(last_updated=ago(minutes=1)),
        content_type="application/json",
        headers=headers,
    )
    envelope(response, status=401, code=2000)
    assert row_counts() == before


def test_it_refuses_a_wrong_token_on_every_endpoint(client, network):
    headers = {"Authorization": "Token " + encode("guessed")}
    for url in [
        network.url("ALB1"),
        network.url("ALB1", "1"),
        network.url("ALB1", "1", "1"),
        SENDER,
        reverse("ocpi:our_location", args=["1"]),
    ]:
        envelope(client.get(url, headers=headers), status=401, code=2000)


def test_it_refuses_the_old_token_once_a_new_one_is_issued(network):
    old_headers = network.headers
    new_token = network.partner.issue_token()
    network.partner.save()
    response = network.client.get(SENDER, headers=old_headers)
    envelope(response, status=401, code=2000)
    response = network.client.get(SENDER, headers={"Authorization": f"Token {encode(new_token)}"})
    envelope(response)


def test_it_refuses_a_partner_made_inactive(network):
    envelope(network.get_ours(SENDER))
    network.partner.is_active = False
    network.partner.save()
    envelope(network.get_ours(SENDER), status=401, code=2000)


def test_it_forbids_pushing_another_partys_locations(network):
    other = Network("BeCharged", "BE", "BEC")
    body = location(last_updated=ago(minutes=1), country_code="BE", party_id="BEC")
    before = row_counts()
    envelope(network.put(body, "ALB1", cc="BE", party="BEC"), status=403, code=2001)
    patch = {"status": "CHARGING", "last_updated": ago(minutes=1)}
    envelope(network.patch(patch, "ALB1", "1", cc="BE", party="BEC"), status=403, code=2001)
    assert row_counts() == before
    # The rightful party can.
    envelope(other.put(body, "ALB1"))


def test_it_refuses_a_body_for_another_party_than_the_url(network):
    body = location(
        last_updated=ago(minutes=1),
        country_code="BE",
        party_id="BEC",
        evses=[evse("1", last_updated=ago(minutes=1))],
    )
    before = row_counts()
    envelope(network.put(body, "ALB1"), status=400, code=2001)
    assert row_counts() == before


def test_it_refuses_a_deleted_partners_token_at_once(network):
    envelope(network.get_ours(SENDER))
    network.partner.delete()
    envelope(network.get_ours(SENDER), status=401, code=2000)


def test_it_refuses_a_partner_deleted_with_a_queryset(network):
    envelope(network.get_ours(SENDER))
    Partner.objects.filter(pk=network.partner.pk).delete()  # as the admin's bulk delete does
    envelope(network.get_ours(SENDER), status=401, code=2000)


def test_it_refuses_a_partner_deactivated_by_another_process(network):
    """Another process's change reaches this one only through the database or the shared
    cache: nothing this process remembers may keep the token working."""
    envelope(network.get_ours(SENDER))
    Partner.objects.filter(pk=network.partner.pk).update(is_active=False)
    envelope(network.get_ours(SENDER), status=401, code=2000)
    Partner.objects.filter(pk=network.partner.pk).update(is_active=True)
    envelope(network.get_ours(SENDER))
