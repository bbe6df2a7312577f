"""Support staff answer a request in the admin: the answer is mailed through the task queue
and the request is marked answered, by whom and when."""

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from helpcenter.models import RequestStatus, SupportRequest
from tests.helpcenter.conftest import change_url

pytestmark = pytest.mark.django_db

ANSWER = "Hello Alice, I moved you to Premium: you can add 2 more locations now."


def answer(client, support_request, text, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(change_url(support_request), {"answer": text, "_save": "Save"})


def test_it_mails_the_answer_and_marks_the_request_answered(
    staff_client, staff, support_request, django_capture_on_commit_callbacks
):
    before = timezone.now()
    response = answer(staff_client, support_request, ANSWER, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    support_request.refresh_from_db()
    assert support_request.status == RequestStatus.ANSWERED
    assert support_request.answer == ANSWER
    assert support_request.answered_by == staff
    assert support_request.answered_at >= before
    [sent] = mail.outbox
    assert sent.to == ["alice@example.com"]
    assert sent.subject == f"Re: your ChargeSites support request #{support_request.pk}"
    assert ANSWER in sent.body
    assert "> How do I move to Premium?\n> I need a second location." in sent.body


def test_it_says_where_the_answer_went(
    staff_client, support_request, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            change_url(support_request), {"answer": ANSWER, "_continue": "1"}, follow=True
        )
    assert "Answer mailed to alice@example.com." in response.text


def test_it_sends_nothing_while_no_answer_is_written(
    staff_client, support_request, django_capture_on_commit_callbacks
):
    answer(staff_client, support_request, "   ", django_capture_on_commit_callbacks)
    support_request.refresh_from_db()
    assert support_request.status == RequestStatus.OPEN
    assert mail.outbox == []


def test_it_does_not_mail_the_same_answer_twice(
    staff_client, support_request, django_capture_on_commit_callbacks
):
    answer(staff_client, support_request, ANSWER, django_capture_on_commit_callbacks)
    answer(staff_client, support_request, ANSWER, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1


def test_it_mails_a_corrected_answer(
    staff_client, support_request, django_capture_on_commit_callbacks
):
    answer(staff_client, support_request, ANSWER, django_capture_on_commit_callbacks)
    answer(
        staff_client,
        support_request,
        "Correction: 3 locations in all.",
        django_capture_on_commit_callbacks,
    )
    assert [m.body.split("\n\n")[1] for m in mail.outbox] == [
        ANSWER,
        "Correction: 3 locations in all.",
    ]


def test_it_keeps_the_answer_of_an_answered_request(
    staff_client, support_request, django_capture_on_commit_callbacks
):
    answer(staff_client, support_request, ANSWER, django_capture_on_commit_callbacks)
    response = answer(staff_client, support_request, "", django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert "This request was answered: keep its answer" in response.text
    support_request.refresh_from_db()
    assert support_request.answer == ANSWER


def test_it_shows_what_the_requester_wrote_but_lets_staff_change_only_the_answer(
    staff_client, support_request
):
    page = staff_client.get(change_url(support_request)).text
    assert 'name="answer"' in page
    assert "How do I move to Premium?" in page
    for field in ["name", "email", "message", "topic", "status", "location"]:
        assert f'name="{field}"' not in page


def test_it_lists_requests_with_their_topic_requester_location_and_status(
    staff_client, support_request
):
    page = staff_client.get(reverse("admin:helpcenter_supportrequest_changelist")).text
    for text in [
        "Subscription and billing",
        "Alice &lt;alice@example.com&gt;",
        "Maple Street Market",
        "Open",
    ]:
        assert text in page
    for column in [
        "column-created_at",
        "column-topic",
        "column-requester_display",
        "column-location",
        "column-status",
    ]:
        assert column in page


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("?status__exact=open", True),
        ("?status__exact=answered", False),
        ("?topic__exact=billing", True),
        ("?topic__exact=ports", False),
        ("?q=Premium", True),
        ("?q=Maple", True),
        ("?q=nothing-like-it", False),
    ],
)
def test_it_filters_and_searches_requests(staff_client, support_request, query, found):
    page = staff_client.get(reverse("admin:helpcenter_supportrequest_changelist") + query).text
    assert (change_url(support_request) in page) is found


def test_it_takes_requests_only_from_the_form(staff_client):
    assert staff_client.get(reverse("admin:helpcenter_supportrequest_add")).status_code == 403


def test_it_refuses_an_answered_request_without_an_answer_in_the_database(support_request):
    support_request.status = RequestStatus.ANSWERED
    support_request.answered_at = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        support_request.save()
    assert SupportRequest.objects.get().status == RequestStatus.OPEN
