"""An owner asks to link a network's location to their own. Nothing moves until support staff
approve (tests/ocpi/test_link_review.py); the answer never tells which location ids exist."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from ocpi.models import LinkRequest, LinkStatus, OcpiLocation
from sites.models import Site
from tests.ocpi.network import ago, evse, location
from tests.ports.pages import text

pytestmark = pytest.mark.django_db

SENT = "Your request was sent to our support staff."


def link(client, site, partner, location_id, **kwargs):
    return client.post(
        reverse("ocpi:link", args=[site.pk]),
        {"partner": partner.pk, "location_id": location_id},
        **kwargs,
    )


@pytest.fixture
def pushed(network):
    at = ago(minutes=5)
    network.put(location(last_updated=at, evses=[evse("1", last_updated=at)]), "ALB1")
    return OcpiLocation.objects.get(location_id="ALB1")


def test_it_sends_the_request_to_support_and_moves_nothing(
    alice, alice_client, site, network, pushed
):
    placeholder = pushed.site
    response = link(alice_client, site, network.partner, "ALB1")
    assert response.status_code == 302
    assert response.url == reverse("sites:detail", args=[site.pk])
    request = LinkRequest.objects.get()
    assert (request.site, request.partner, request.location_id) == (site, network.partner, "ALB1")
    assert (request.requested_by, request.status) == (alice, LinkStatus.PENDING)
    pushed.refresh_from_db()
    assert pushed.site == placeholder
    assert Site.objects.filter(pk=placeholder.pk).exists()
    assert not site.stations.exists()


def test_it_answers_an_unknown_id_as_it_answers_a_known_one(alice_client, site, network, pushed):
    known = link(alice_client, site, network.partner, "ALB1", follow=True)
    unknown = link(alice_client, site, network.partner, "NOPE", follow=True)
    assert known.status_code == unknown.status_code == 200
    assert known.redirect_chain == unknown.redirect_chain
    messages = [[str(m) for m in response.context["messages"]] for response in (known, unknown)]
    assert messages[0] == messages[1]
    assert messages[0][0].startswith(SENT)
    assert LinkRequest.objects.pending().count() == 2


def test_it_lists_the_request_as_waiting_on_the_location_page(alice_client, site, network):
    link(alice_client, site, network.partner, "ALB1")
    page = text(alice_client.get(reverse("sites:detail", args=[site.pk])).text)
    assert "Waiting for our support staff: Capital Power's location “ALB1”" in page


def test_it_keeps_one_request_when_the_form_is_sent_twice(alice_client, site, network):
    link(alice_client, site, network.partner, "ALB1")
    response = link(alice_client, site, network.partner, " ALB1 ")
    assert response.status_code == 302
    assert LinkRequest.objects.count() == 1


def test_it_shows_the_networks_live_status_once_support_approves(
    client, alice_client, support, site, network, pushed
):
    link(alice_client, site, network.partner, "ALB1")
    assert LinkRequest.objects.get().approve(support)
    network.patch({"status": "CHARGING", "last_updated": ago(minutes=1)}, "ALB1", "1")
    assert "In use" in client.get(reverse("sites:public", args=[site.pk])).text
    page = text(alice_client.get(reverse("sites:detail", args=[site.pk])).text)
    assert "Capital Power reports live status here (its location “ALB1”" in page
    assert "Waiting for our support staff" not in page


def test_it_tells_the_owner_why_a_request_was_rejected(alice_client, support, site, network):
    link(alice_client, site, network.partner, "ALB1")
    LinkRequest.objects.get().reject(support, "The network says ALB1 is in Troy, not Albany.")
    page = text(alice_client.get(reverse("sites:detail", args=[site.pk])).text)
    assert (
        "Not linked: Capital Power's location “ALB1”: "
        "The network says ALB1 is in Troy, not Albany." in page
    )


def test_it_asks_for_the_location_id(alice_client, site, network):
    response = link(alice_client, site, network.partner, "  ")
    assert response.status_code == 400
    assert "This field is required." in response.text
    assert not LinkRequest.objects.exists()


def test_it_is_404_for_a_stranger(bob_client, site, network, pushed):
    assert link(bob_client, site, network.partner, "ALB1").status_code == 404
    assert not LinkRequest.objects.exists()


def test_it_sends_anonymous_visitors_to_log_in(client, site, network, pushed):
    response = link(client, site, network.partner, "ALB1")
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


class Outline(HTMLParser):
    """Each element id's enclosing tags, and the <title>'s text and any tags inside it."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}

    def __init__(self, html):
        super().__init__()
        self.open, self.ancestors, self.title, self.tags_in_title = [], {}, "", []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if "title" in self.open:
            self.tags_in_title.append(tag)
        if (id_ := dict(attrs).get("id")) is not None:
            self.ancestors[id_] = list(self.open)
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]

    def handle_data(self, data):
        if self.open and self.open[-1] == "title":
            self.title += data


def test_it_shows_the_network_section_in_the_page_and_keeps_the_title_plain(alice_client, site):
    outline = Outline(alice_client.get(reverse("sites:detail", args=[site.pk])).text)
    assert "main" in outline.ancestors["networks-title"]
    assert "title" not in outline.ancestors["networks-title"]
    assert outline.tags_in_title == []
    assert "<" not in outline.title
    assert site.name in outline.title
