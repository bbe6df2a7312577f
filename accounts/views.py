from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_safe

from accounts import emails
from accounts.forms import LoginForm, SignupForm
from accounts.models import User
from accounts.plans import Plan
from sites.models import Site


@require_http_methods(["GET", "HEAD", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("sites:dashboard")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        User.objects.sign_up(
            email=form.cleaned_data["email"],
            display_name=form.cleaned_data["display_name"],
            password=form.cleaned_data["password1"],
            next_url=_safe_next(request) or "",
        )
        # The same answer whether or not the address had an account: its inbox hears which.
        return redirect("signup_done")
    # A driver signs up to check in and review: the same account, without the owner's plans.
    as_driver = (request.POST.get("as") or request.GET.get("as")) == "driver"
    return render(
        request,
        "accounts/signup.html",
        {"form": form, "next": _safe_next(request), "as_driver": as_driver},
    )


@require_safe
def signup_done(request):
    return render(request, "accounts/signup_done.html")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def confirm_email(request):
    """Where claiming and linking send an owner whose address is not confirmed yet."""
    next_url = _safe_next(request)
    if request.user.email_confirmed:
        return redirect(next_url or "sites:dashboard")
    if request.method == "POST":
        if emails.confirm_email(request.user, next_url or ""):
            messages.success(request, f"We sent a new link to {request.user.email}.")
        else:
            messages.info(
                request,
                "We sent you a link less than a minute ago: give it a moment, "
                "and look in your spam folder too.",
            )
        query = f"?{urlencode({'next': next_url})}" if next_url else ""
        return redirect(reverse("confirm_email") + query)
    return render(request, "accounts/confirm_email.html", {"next": next_url})


@require_http_methods(["GET", "HEAD", "POST"])
def confirm_email_link(request, token):
    user = User.objects.for_confirmation(token)
    if user is None:
        return render(request, "accounts/confirm_email_link.html", {"invalid": True}, status=400)
    next_url = _safe_next(request)
    if user.email_confirmed:
        messages.info(request, "Your email is already confirmed.")
        return redirect(next_url or "sites:dashboard")
    # Whoever signed up with someone else's address must not be confirmed by that inbox's
    # click: confirming takes the account's password, unless its owner is logged in already.
    form = None
    if request.user != user:
        data = {"username": user.email, "password": request.POST.get("password", "")}
        form = LoginForm(request, data=data if request.method == "POST" else None)
    if request.method == "POST" and (form is None or form.is_valid()):
        if form is not None:
            login(request, form.get_user())
        user.confirm_email()
        messages.success(request, "Your email is confirmed.")
        return redirect(next_url or "sites:dashboard")
    # A TemplateResponse, so a lockout (accounts.throttling) can show its message on this page.
    return TemplateResponse(
        request, "accounts/confirm_email_link.html", {"form": form, "account": user}
    )


def _safe_next(request):
    """Where to go afterwards, if it is a page of ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return None


@require_safe
@login_required
def plan(request):
    return render(
        request,
        "accounts/plan.html",
        {
            "plans": list(Plan),
            "current": request.user.plan_choice,
            "locations_held": Site.objects.for_owner(request.user).count(),
            "support_email": settings.SUPPORT_EMAIL,
        },
    )
