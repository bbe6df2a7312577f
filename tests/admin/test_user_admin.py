import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.plans import Plan
from accounts.support import support_group
from sites.models import Site
from stations.models import Station
from tests.factories import SiteFactory, StationFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:accounts_user_changelist")


def change_url(user):
    return reverse("admin:accounts_user_change", args=[user.pk])


def form_data(user, **changes):
    """The user change form as the page posts it."""
    joined = timezone.localtime(user.date_joined)
    data = {
        "email": user.email,
        "display_name": user.display_name,
        "plan": user.plan,
        "is_active": "on" if user.is_active else "",
        "is_staff": "on" if user.is_staff else "",
        "is_superuser": "on" if user.is_superuser else "",
        "groups": [group.pk for group in user.groups.all()],
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": joined.strftime("%Y-%m-%d"),
        "date_joined_1": joined.strftime("%H:%M:%S"),
        "initial-date_joined_0": joined.strftime("%Y-%m-%d"),
        "initial-date_joined_1": joined.strftime("%H:%M:%S"),
    }
    # Unticked checkboxes are not posted at all.
    return {key: value for key, value in (data | changes).items() if value != ""}


def a_location(owner, name="Second Location"):
    return Site(
        owner=owner,
        name=name,
        street_address="4 Plaza Drive",
        city="Kingston",
        state="NY",
        zip_code="12401",
        latitude="41.927000",
        longitude="-74.000300",
    )


def listed(response):
    assert response.status_code == 200
    return {user.email for user in response.context["cl"].result_list}


@pytest.fixture
def owners(alice):
    return [
        alice,
        UserFactory(email="premium@example.com", plan=Plan.PREMIUM),
        UserFactory(email="multi@example.com", plan=Plan.PREMIUM_MULTI),
    ]


def test_it_lists_owners_with_their_plan(support_client, owners):
    response = support_client.get(CHANGELIST)
    assert response.status_code == 200
    rows = response.text.split("<tbody>", 1)[1].split("</tbody>", 1)[0].split("</tr>")
    plans = {}
    for row in rows:
        for owner in owners:
            if f">{owner.email}<" in row:
                plans[owner.email] = row.split('class="field-plan">', 1)[1].split("<", 1)[0]
    assert plans == {
        "alice@example.com": "Free",
        "premium@example.com": "Premium",
        "multi@example.com": "Premium Multi",
    }


@pytest.mark.parametrize(
    ("plan", "found"),
    [
        (Plan.PREMIUM, {"premium@example.com"}),
        (Plan.PREMIUM_MULTI, {"multi@example.com"}),
    ],
)
def test_it_filters_by_plan(staff_client, owners, plan, found):
    assert listed(staff_client.get(CHANGELIST, {"plan__exact": plan})) == found


def test_it_filters_free_owners(staff_client, owners, staff):
    found = listed(staff_client.get(CHANGELIST, {"plan__exact": Plan.FREE}))
    assert found == {"alice@example.com", staff.email}


def test_it_lets_support_upgrade_an_owner_and_the_limits_apply_at_once(support_client, alice, site):
    with pytest.raises(ValidationError) as refused:
        a_location(alice).full_clean()
    assert refused.value.messages == [
        "Your Free plan allows 1 location. Upgrade to Premium for 3 locations."
    ]

    response = support_client.post(change_url(alice), form_data(alice, plan=Plan.PREMIUM))
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.plan == Plan.PREMIUM
    assert (alice.email, alice.display_name, alice.is_active) == (
        "alice@example.com",
        "Alice",
        True,
    )

    second = a_location(alice)
    second.full_clean()
    second.save()
    assert alice.sites.count() == 2


def test_it_lets_support_upgrade_an_owner_to_more_stations(support_client, alice, site):
    StationFactory.create_batch(3, site=site)
    with pytest.raises(ValidationError):
        Station(site=site, name="Bank D").full_clean()

    support_client.post(change_url(alice), form_data(alice, plan=Plan.PREMIUM_MULTI))

    Station(site=site, name="Bank D").full_clean()


def test_it_shows_the_owner_their_new_plan(support_client, alice, alice_client):
    support_client.post(change_url(alice), form_data(alice, plan=Plan.PREMIUM))
    response = alice_client.get(reverse("plan"))
    assert "Your plan: Premium" in response.text
    assert "You manage 0 of 3 locations." in response.text


def test_it_lets_support_downgrade_an_owner(staff_client):
    owner = UserFactory(plan=Plan.PREMIUM)
    SiteFactory(owner=owner)
    response = staff_client.post(change_url(owner), form_data(owner, plan=Plan.FREE))
    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.plan == Plan.FREE
    with pytest.raises(ValidationError):
        a_location(owner).full_clean()


def test_it_refuses_an_unknown_plan(staff_client, alice):
    response = staff_client.post(change_url(alice), form_data(alice, plan="platinum"))
    assert response.status_code == 200
    assert "Select a valid choice. platinum is not one of the available choices." in (response.text)
    alice.refresh_from_db()
    assert alice.plan == Plan.FREE


def test_it_does_not_let_support_staff_make_themselves_superusers(support_client, support):
    data = form_data(support, is_superuser="on")
    support_client.post(change_url(support), data)
    support.refresh_from_db()
    assert not support.is_superuser


def test_it_does_not_let_support_staff_set_a_superusers_password(support_client, staff):
    url = reverse("admin:auth_user_password_change", args=[staff.pk])
    new = "a-brand-new-passphrase-2026"
    support_client.post(url, {"password1": new, "password2": new, "usable_password": "true"})
    staff.refresh_from_db()
    assert not staff.check_password(new)


@pytest.fixture
def colleague(db):
    """Another support staff member: support must not remove their peers either."""
    user = UserFactory(email="kim@chargesites.example", display_name="Kim", is_staff=True)
    user.groups.add(support_group())
    return user


def delete_url(user):
    return reverse("admin:accounts_user_delete", args=[user.pk])


def bulk_delete(client, users):
    return client.post(
        CHANGELIST,
        {
            "action": "delete_selected",
            "_selected_action": [user.pk for user in users],
            "post": "yes",
        },
    )


@pytest.mark.parametrize("target", ["staff", "colleague", "support"])
def test_it_does_not_let_support_staff_delete_staff(request, support_client, target):
    user = request.getfixturevalue(target)
    assert support_client.get(delete_url(user)).status_code == 403
    assert support_client.post(delete_url(user), {"post": "yes"}).status_code == 403
    assert User.objects.filter(pk=user.pk).exists()


@pytest.mark.parametrize("target", ["staff", "colleague"])
def test_it_does_not_let_support_staff_bulk_delete_staff(request, support_client, alice, target):
    user = request.getfixturevalue(target)
    response = bulk_delete(support_client, [alice, user])
    assert response.status_code == 403
    assert User.objects.filter(pk__in=[alice.pk, user.pk]).count() == 2


def test_it_lets_support_staff_delete_owners(support_client, alice, bob):
    assert support_client.post(delete_url(alice), {"post": "yes"}).status_code == 302
    assert bulk_delete(support_client, [bob]).status_code == 302
    assert not User.objects.filter(pk__in=[alice.pk, bob.pk]).exists()


def test_it_lets_superusers_delete_staff(staff_client, support, colleague):
    assert staff_client.post(delete_url(support), {"post": "yes"}).status_code == 302
    assert bulk_delete(staff_client, [colleague]).status_code == 302
    assert not User.objects.filter(pk__in=[support.pk, colleague.pk]).exists()


def test_it_does_not_let_support_staff_demote_a_colleague(support_client, colleague):
    data = form_data(colleague, is_staff="", is_active="", groups=[])
    response = support_client.post(change_url(colleague), data)
    assert response.status_code == 302  # the rest of the form still saves
    colleague.refresh_from_db()
    assert (colleague.is_staff, colleague.is_active) == (True, True)
    assert colleague.groups.filter(name="Support").exists()


def test_it_does_not_let_support_staff_change_a_superuser(support_client, staff):
    response = support_client.post(change_url(staff), form_data(staff, is_superuser=""))
    assert response.status_code == 403
    staff.refresh_from_db()
    assert staff.is_superuser


def test_it_does_not_let_support_staff_promote_an_owner(support_client, alice):
    group = support_group()
    support_client.post(
        change_url(alice), form_data(alice, is_staff="on", is_superuser="on", groups=[group.pk])
    )
    alice.refresh_from_db()
    assert not (alice.is_staff or alice.is_superuser or alice.groups.exists())


def test_it_lets_support_staff_deactivate_an_owner(support_client, alice):
    support_client.post(change_url(alice), form_data(alice, is_active=""))
    alice.refresh_from_db()
    assert not alice.is_active


def test_it_lets_superusers_demote_staff(staff_client, colleague):
    response = staff_client.post(
        change_url(colleague), form_data(colleague, is_staff="", groups=[])
    )
    assert response.status_code == 302
    colleague.refresh_from_db()
    assert not colleague.is_staff
    assert not colleague.groups.exists()
