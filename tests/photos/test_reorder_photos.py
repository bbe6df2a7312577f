import pytest
from django.urls import reverse

from tests.factories import SiteFactory
from tests.photos.factories import PhotoFactory
from tests.photos.uploads import url

pytestmark = pytest.mark.django_db


@pytest.fixture
def photos(site):
    return [PhotoFactory(site=site, position=i, caption=c) for i, c in enumerate("ABC", 1)]


def move(client, photo, direction):
    return client.post(reverse("photos:move", args=[photo.pk]), {"direction": direction})


def order(site):
    return "".join(site.photos.values_list("caption", flat=True))


def test_it_moves_a_photo_up(alice_client, site, photos):
    response = move(alice_client, photos[2], "up")
    assert response.status_code == 302
    assert response.url == url(site)
    assert order(site) == "ACB"


def test_it_moves_a_photo_down(alice_client, site, photos):
    move(alice_client, photos[0], "down")
    assert order(site) == "BAC"
    assert list(site.photos.values_list("position", flat=True)) == [1, 2, 3]


def test_it_leaves_the_ends_where_they_are(alice_client, site, photos):
    move(alice_client, photos[0], "up")
    move(alice_client, photos[2], "down")
    assert order(site) == "ABC"


def test_it_orders_the_owner_page_and_offers_only_moves_that_exist(alice_client, site, photos):
    move(alice_client, photos[1], "up")
    response = alice_client.get(url(site))
    assert response.text.index(">B<") < response.text.index(">A<") < response.text.index(">C<")
    assert response.text.count('value="up"') == 2
    assert response.text.count('value="down"') == 2


def test_it_moves_only_this_locations_photos(alice_client, alice, site, photos):
    other = PhotoFactory(site=SiteFactory(owner=alice), position=2, caption="Z")
    move(alice_client, photos[2], "up")
    other.refresh_from_db()
    assert other.position == 2


def test_it_is_404_for_a_stranger(bob_client, site, photos):
    assert move(bob_client, photos[2], "up").status_code == 404
    assert order(site) == "ABC"


def test_it_sends_anonymous_visitors_to_log_in(client, site, photos):
    response = move(client, photos[2], "up")
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert order(site) == "ABC"


def test_it_refuses_a_get(alice_client, photos):
    assert alice_client.get(reverse("photos:move", args=[photos[2].pk])).status_code == 405


def test_it_refuses_a_direction_it_does_not_know(alice_client, site, photos):
    response = move(alice_client, photos[0], "sideways")
    assert response.status_code == 400
    assert order(site) == "ABC"


def test_it_shows_drivers_the_new_order_at_once(alice_client, client, site):
    """The drivers' page may come from a cache: a move must reach it all the same."""
    first = PhotoFactory(site=site, position=1, caption="First")
    PhotoFactory(site=site, position=2, caption="Second")
    public = site.get_public_url()
    before = client.get(public).text
    assert before.index('alt="First"') < before.index('alt="Second"')
    alice_client.post(reverse("photos:move", args=[first.pk]), {"direction": "down"})
    after = client.get(public).text
    assert after.index('alt="Second"') < after.index('alt="First"')
