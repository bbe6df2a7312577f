"""Owners edit what a driver needs before driving there: access, hours, price, phone."""

from datetime import time
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.models import Listing
from sites.access import Access, AccessDetail
from sites.models import OpeningHours, Site
from tests.fuzzing import example_count

pytestmark = pytest.mark.django_db

ADDRESS = {
    "name": "Maple Street Market",
    "street_address": "1 Main Street",
    "city": "Albany",
    "state": "NY",
    "zip_code": "12207",
    "latitude": "42.651200",
    "longitude": "-73.754900",
    "access": "public",
}
WEEKDAYS_7_TO_7 = {
    **{f"day{day}-opens": "07:00" for day in range(5)},
    **{f"day{day}-closes": "19:00" for day in range(5)},
    "day5-opens": "18:00",
    "day5-closes": "02:00",
    "day6-closed": "on",
}
EVERYTHING = {
    **ADDRESS,
    "access_detail": AccessDetail.CALL,
    "restricted": "on",
    **WEEKDAYS_7_TO_7,
    "hours_note": "Gate closes at 10 PM on Sundays",
    "price_per_kwh": "0.35",
    "price_per_session": "$1",
    "pricing": "$2 per hour idle fee after 4 hours",
    "phone": "(518) 555-0134",
    "cards": ["V", "M", "APPLE_PAY"],
}


def url(site):
    return reverse("sites:edit", args=[site.pk])


def errors_of(response):
    return {name: list(errors) for name, errors in response.context["form"].errors.items()}


def test_it_shows_each_section_filled_in(alice_client, site):
    OpeningHours.objects.create(site=site, weekday=0, opens=time(7), closes=time(19))
    site.price_per_kwh = Decimal("0.35")
    site.phone = "518-555-0134"
    site.cards_accepted = "V M"
    site.save()
    response = alice_client.get(url(site))
    assert response.status_code == 200
    for legend in ["Access", "Hours", "Price", "Phone and payment"]:
        assert f"<legend>{legend}</legend>" in response.text
    assert 'name="day0-opens" value="07:00"' in response.text
    # With Monday's hours given, Tuesday has none: it is shown closed.
    assert 'name="day1-closed" id="id_day1-closed" checked' in response.text
    assert 'name="price_per_kwh" value="0.35"' in response.text
    assert 'value="518-555-0134"' in response.text
    assert 'name="cards" value="V" id="id_cards_3" checked' in response.text


def test_it_saves_access_hours_price_and_phone(alice_client, site):
    response = alice_client.post(url(site), EVERYTHING)
    assert response.status_code == 302
    assert response.url == site.get_absolute_url()
    site.refresh_from_db()
    assert (site.access, site.restriction, site.restricted) == ("public", "Call ahead", True)
    assert [str(hours) for hours in site.opening_hours.all()] == [
        *[f"{day} 07:00-19:00" for day in ["Monday", "Tuesday", "Wednesday", "Thursday"]],
        "Friday 07:00-19:00",
        "Saturday 18:00-02:00",
    ]
    assert site.hours_note == "Gate closes at 10 PM on Sundays"
    assert site.prices == ["$0.35 per kWh", "$1.00 per session"]
    assert site.pricing == "$2 per hour idle fee after 4 hours"
    assert site.phone == "(518) 555-0134"
    assert site.card_names == ["Visa", "Mastercard", "Apple Pay"]


def test_it_tells_drivers_search_the_new_hours(alice_client, site):
    alice_client.post(url(site), EVERYTHING)
    listing = Listing.objects.get(site=site)
    assert listing.hours_known
    assert (listing.opens_0, listing.closes_0) == (7 * 60, 19 * 60)
    assert (listing.opens_5, listing.closes_5) == (18 * 60, 26 * 60)
    assert listing.opens_6 is None


def test_it_shows_what_drivers_see_on_the_location_page(alice_client, site):
    response = alice_client.post(url(site), EVERYTHING, follow=True)
    assert "Location saved." in response.text
    assert "What drivers see before they come" in response.text
    assert "Public · Call ahead" in response.text
    assert "Mon–Fri 7:00 AM – 7:00 PM" in response.text
    assert "Sat 6:00 PM – 2:00 AM" in response.text
    assert "Sun Closed" in response.text
    assert "$0.35 per kWh · $1.00 per session" in response.text
    assert '<a href="tel:(518) 555-0134">' in response.text
    assert "Visa, Mastercard, Apple Pay" in response.text
    assert f'href="{url(site)}#access">Edit' in response.text


def test_it_says_what_is_not_given_yet(alice_client, site):
    response = alice_client.get(site.get_absolute_url())
    assert "Not given: drivers filtering “Open now” won't find it" in response.text
    assert response.text.count("Not given") == 4


def test_it_saves_open_24_7_and_forgets_the_days(alice_client, site):
    OpeningHours.objects.create(site=site, weekday=0, opens=time(7), closes=time(19))
    # The days are hidden and ignored when 24/7 is ticked, whatever they hold.
    data = {**ADDRESS, "always_open": "on", "day0-opens": "soon", "day1-closed": "on"}
    response = alice_client.post(url(site), data)
    assert response.status_code == 302
    site.refresh_from_db()
    assert site.always_open
    assert not site.opening_hours.exists()
    assert "Open 24/7" in alice_client.get(site.get_absolute_url()).text


def test_it_leaves_hours_unknown_when_no_day_is_given(alice_client, site):
    OpeningHours.objects.create(site=site, weekday=0, opens=time(7), closes=time(19))
    response = alice_client.post(url(site), ADDRESS)
    assert response.status_code == 302
    assert not site.opening_hours.exists()
    assert not Listing.objects.get(site=site).hours_known


def test_it_accepts_midnight_to_midnight_as_all_day(alice_client, site):
    data = {**ADDRESS, "day0-opens": "00:00", "day0-closes": "00:00"}
    data.update({f"day{day}-closed": "on" for day in range(1, 7)})
    assert alice_client.post(url(site), data).status_code == 302
    assert site.opening_hours.get().text == "All day"


def test_it_reads_times_typed_without_a_picker(alice_client, site):
    data = {**ADDRESS, "day0-opens": "7am", "day0-closes": "7:30 PM"}
    data.update({f"day{day}-closed": "on" for day in range(1, 7)})
    assert alice_client.post(url(site), data).status_code == 302
    hours = site.opening_hours.get()
    assert (hours.opens, hours.closes) == (time(7), time(19, 30))


def test_it_refuses_a_day_that_closes_when_it_opens(alice_client, site):
    data = {**EVERYTHING, "day2-opens": "08:00", "day2-closes": "08:00"}
    response = alice_client.post(url(site), data)
    assert response.status_code == 200
    message = (
        "Wednesday opens and closes at 8:00 AM: correct the closing time, "
        "or set both to midnight (12:00 AM) for open all day."
    )
    assert response.context["form"].days[2].errors == {"closes": [message]}
    assert f'<a href="#id_day2-closes">Wednesday closes</a>: {message}' in response.text
    assert not site.opening_hours.exists()


def test_it_asks_for_the_missing_time_of_a_day(alice_client, site):
    data = {**EVERYTHING, "day3-closes": ""}
    response = alice_client.post(url(site), data)
    assert response.context["form"].days[3].errors == {
        "closes": ["Give Thursday's closing time, or tick “Closed”."]
    }
    assert not site.opening_hours.exists()


def test_it_asks_for_the_days_left_empty_once_some_are_given(alice_client, site):
    data = {**ADDRESS, "day0-opens": "07:00", "day0-closes": "19:00"}
    response = alice_client.post(url(site), data)
    assert response.status_code == 200
    assert response.context["form"].days[1].errors == {
        "opens": ["Give Tuesday's hours, or tick “Closed”."]
    }
    assert escape("Give Sunday's hours, or tick “Closed”.") in response.text


def test_it_refuses_a_week_closed_every_day(alice_client, site):
    data = {**ADDRESS, **{f"day{day}-closed": "on" for day in range(7)}}
    response = alice_client.post(url(site), data)
    assert errors_of(response) == {
        "always_open": [
            "Every day is ticked “Closed”: give the hours drivers can charge, or tick “Open 24/7”."
        ]
    }


def test_it_refuses_free_with_a_price(alice_client, site):
    response = alice_client.post(url(site), {**EVERYTHING, "free": "on"})
    assert response.status_code == 200
    message = "A free location has no price: untick “Free” or clear the prices."
    assert errors_of(response) == {"free": [message]}
    assert f'<a href="#id_free">Free to charge</a>: {message}' in response.text
    site.refresh_from_db()
    assert (site.free, site.price_per_kwh, site.phone) == (False, None, "")


def test_it_saves_free_without_prices(alice_client, site):
    data = {**EVERYTHING, "free": "on", "price_per_kwh": "", "price_per_session": ""}
    assert alice_client.post(url(site), data).status_code == 302
    site.refresh_from_db()
    assert site.prices == ["Free"]
    assert Listing.objects.get(site=site).free


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-0.35", "A price cannot be below $0."),
        ("0.355", "Round to whole cents, like 0.35."),
        ("35000", "Enter an amount below $10,000."),
        ("35 cents", "Enter an amount in dollars, like 0.35."),
        ("NaN", "Enter an amount in dollars, like 0.35."),
    ],
)
def test_it_explains_a_price_it_cannot_take(alice_client, site, value, message):
    response = alice_client.post(url(site), {**EVERYTHING, "price_per_kwh": value})
    assert response.status_code == 200
    assert errors_of(response) == {"price_per_kwh": [message]}
    site.refresh_from_db()
    assert site.price_per_kwh is None


def test_it_asks_for_a_whole_phone_number(alice_client, site):
    response = alice_client.post(url(site), {**EVERYTHING, "phone": "555-01"})
    assert errors_of(response) == {
        "phone": ["Enter the whole phone number with its area code, like (518) 555-0134."]
    }


def test_it_keeps_payment_codes_it_has_no_checkbox_for(alice_client, site):
    site.cards_accepted = "V CHARGEPOINT_CARD"
    site.save()
    alice_client.post(url(site), {**EVERYTHING, "cards": ["M"]})
    site.refresh_from_db()
    assert site.cards_accepted == "M CHARGEPOINT_CARD"


def test_it_makes_a_location_private_and_takes_it_out_of_search(alice_client, site):
    assert Listing.objects.filter(site=site).exists()
    response = alice_client.post(url(site), {**EVERYTHING, "access": "private"}, follow=True)
    site.refresh_from_db()
    assert site.access == Access.PRIVATE
    assert not Listing.objects.filter(site=site).exists()
    assert "Private: hidden from drivers' search" in response.text


def test_it_refuses_an_access_it_does_not_know(alice_client, site):
    response = alice_client.post(url(site), {**EVERYTHING, "access": "members"})
    assert list(errors_of(response)) == ["access"]
    assert '<a href="#id_access">Who may charge here</a>' in response.text
    site.refresh_from_db()
    assert site.access == Access.PUBLIC


def test_it_keeps_the_access_when_a_script_leaves_it_out(alice_client, site):
    site.access = Access.PRIVATE
    site.save()
    data = {name: value for name, value in ADDRESS.items() if name != "access"}
    assert alice_client.post(url(site), data).status_code == 302
    site.refresh_from_db()
    assert site.access == Access.PRIVATE


def test_it_is_404_for_a_stranger(bob_client, site):
    assert bob_client.get(url(site)).status_code == 404
    assert bob_client.post(url(site), {**EVERYTHING, "access": "private"}).status_code == 404
    site.refresh_from_db()
    assert (site.access, site.phone) == (Access.PUBLIC, "")
    assert not site.opening_hours.exists()


def test_it_keeps_add_location_to_the_address(alice_client):
    response = alice_client.get(reverse("sites:add"))
    assert "<legend>Hours</legend>" not in response.text
    assert "say who may charge here, when, at what price" in response.text


# Whatever an owner (or a script) types, the page answers: saved, or a message.
times = st.one_of(
    st.none(),
    st.times().map(lambda moment: moment.strftime("%H:%M")),
    st.sampled_from(["00:00", "24:00", "7pm", "12:60", "08:00:00", " 9:00 "]),
    st.text(max_size=12),
)
amounts = st.one_of(
    st.none(),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.floats().map(str),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.text(max_size=12),
)
no_database_reset = settings(
    max_examples=example_count(40),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _without_none(data):
    return {name: value for name, value in data.items() if value is not None}


@no_database_reset
@given(
    week=st.fixed_dictionaries(
        {
            f"day{day}-{name}": strategy
            for day in range(7)
            for name, strategy in [("opens", times), ("closes", times)]
        }
        | {f"day{day}-closed": st.sampled_from([None, "on"]) for day in range(7)}
    ),
    always_open=st.sampled_from([None, "on"]),
)
def test_it_answers_any_hours_with_a_save_or_a_message(alice_client, site, week, always_open):
    data = _without_none({**ADDRESS, **week, "always_open": always_open})
    response = alice_client.post(url(site), data)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert response.context["form"].error_summary
    for hours in OpeningHours.objects.filter(site=site):
        assert hours.opens != hours.closes or hours.opens == time(0)


@no_database_reset
@given(
    prices=st.fixed_dictionaries(
        {"price_per_kwh": amounts, "price_per_hour": amounts, "price_per_session": amounts}
    ),
    free=st.sampled_from([None, "on"]),
)
def test_it_answers_any_price_with_a_save_or_a_message(alice_client, site, prices, free):
    response = alice_client.post(url(site), _without_none({**ADDRESS, **prices, "free": free}))
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert response.context["form"].error_summary
    saved = Site.objects.get(pk=site.pk)
    amounts_saved = [saved.price_per_kwh, saved.price_per_hour, saved.price_per_session]
    assert all(amount is None or amount >= 0 for amount in amounts_saved)
    assert not (saved.free and any(amount is not None for amount in amounts_saved))


def test_it_sends_anonymous_visitors_to_log_in(client, site):
    response = client.post(url(site), EVERYTHING)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not Site.objects.get(pk=site.pk).phone
