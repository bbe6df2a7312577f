"""The client's address as the deployment sees it, behind TRUSTED_PROXY_COUNT proxies."""

import pytest
from django.test import RequestFactory

from accounts.client_address import client_address


def request(forwarded=None, remote="10.1.1.1"):
    headers = {"X-Forwarded-For": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", headers=headers, REMOTE_ADDR=remote)


def test_it_is_the_peer_address_without_proxies(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request("203.0.113.7", remote="198.51.100.2")) == "198.51.100.2"


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),  # the client wrote 6.6.6.6 itself
        (2, "6.6.6.6, 203.0.113.7, 192.0.2.1", "203.0.113.7"),
        (2, "203.0.113.7", "203.0.113.7"),  # came past one proxy only: the farthest one saw
        (1, " 203.0.113.7 ", "203.0.113.7"),
        (1, "2001:DB8::0:1", "2001:db8::1"),
        (1, "203.0.113.7:51234", "203.0.113.7"),
        (1, "[2001:db8::1]:443", "2001:db8::1"),
    ],
)
def test_it_reads_the_address_the_nth_proxy_from_the_right_saw(
    settings, count, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = count
    assert client_address(request(forwarded)) == expected


@pytest.mark.parametrize("forwarded", [None, "", "not-an-address", "1.2.3.4, unknown", "999.1.1.1"])
def test_it_falls_back_to_the_peer_address(settings, forwarded):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request(forwarded)) == "10.1.1.1"
