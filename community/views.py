"""Drivers check in and review; owners answer; anyone flags a review. Each form page answers
HTMX with its form region and a plain browser with the page or a redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from accounts.client_address import client_address
from accounts.decorators import email_confirmed_required
from chargesites.announce import announce
from community.forms import AnswerForm, CheckInForm, ReviewForm
from community.models import CheckIn, Review, ReviewFlag, TooManyCheckIns, TooManyFlags
from sites.access import Access
from sites.models import Site

CHECK_IN_PAGE = "community/check_in.html"
REVIEW_PAGE = "community/review.html"
ANSWER_PAGE = "community/answer.html"


def _get_check_in(request, pk):
    return get_object_or_404(CheckIn.objects.for_owner(request.user).select_related("site"), pk=pk)


def _get_review(request, pk):
    return get_object_or_404(Review.objects.for_owner(request.user).select_related("site"), pk=pk)


def _public_site(pk):
    # Private locations are not open to drivers: nobody checks in at them.
    return get_object_or_404(Site.objects.exclude(access=Access.PRIVATE), pk=pk)


def _done(request, url, text):
    # HTMX too goes to the page that shows what changed, where the message waits.
    messages.success(request, text)
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@email_confirmed_required
def check_in(request, site_pk):
    site = _public_site(site_pk)
    initial = {"port": request.GET.get("port")} if request.GET.get("port", "").isdigit() else {}
    form = CheckInForm(request.POST or None, site=site, initial=initial)
    context = {"site": site, "form": form, "own": site.owner_id == request.user.pk}
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            CheckIn.objects.record(driver=request.user, site=site, **form.cleaned_data)
        except TooManyCheckIns:
            context["limited"], status = True, 429
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _done(request, f"{site.get_public_url()}#community", "Thanks for checking in.")
    if form.errors:
        status = 400
    page = f"{CHECK_IN_PAGE}#check-in-form" if request.htmx else CHECK_IN_PAGE
    return render(request, page, context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@email_confirmed_required
def review(request, site_pk):
    site = _public_site(site_pk)
    mine = Review.objects.filter(site=site, driver=request.user).first()
    form = ReviewForm(request.POST or None, instance=mine)
    context = {"site": site, "form": form, "review": mine, "own": site.owner_id == request.user.pk}
    if request.method == "POST" and form.is_valid():
        written = mine or Review(site=site, driver=request.user)
        try:
            written.write(rating=form.cleaned_data["rating"], text=form.cleaned_data["text"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _done(request, f"{site.get_public_url()}#community", "Your review is saved.")
    page = f"{REVIEW_PAGE}#review-form" if request.htmx else REVIEW_PAGE
    return render(request, page, context, status=400 if form.errors else 200)


@require_POST
def flag_review(request, pk):
    flagged = get_object_or_404(Review.objects.shown().select_related("site"), pk=pk)
    url = f"{flagged.site.get_public_url()}#review-{flagged.pk}"
    try:
        ReviewFlag.objects.raise_flag(flagged, client=client_address(request))
    except TooManyFlags:
        messages.error(request, "You have flagged several reviews in a short time: try later.")
        return redirect(url)
    text = "Thanks: support staff will read this review."
    if request.htmx:
        return announce(render(request, "community/flagged.html"), text)
    messages.success(request, text)
    return redirect(url)


def _answer(request, answered, what):
    form = AnswerForm(request.POST or None, initial={"answer": answered.answer})
    if request.method == "POST" and form.is_valid():
        answered.give_answer(form.cleaned_data["answer"], what=what)
        return _done(request, reverse("sites:dashboard"), "Your answer is on the location page.")
    context = {"form": form, "answered": answered, "what": what, "site": answered.site}
    page = f"{ANSWER_PAGE}#answer-form" if request.htmx else ANSWER_PAGE
    return render(request, page, context, status=400 if form.errors else 200)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def answer_check_in(request, pk):
    answered = _get_check_in(request, pk)
    return _answer(request, answered, "check-in")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def answer_review(request, pk):
    answered = _get_review(request, pk)
    return _answer(request, answered, "review")
