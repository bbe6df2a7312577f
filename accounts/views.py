from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods

from accounts.forms import SignupForm
from accounts.plans import Plan
from sites.models import Site


@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("sites:dashboard")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                user = form.save()
        except IntegrityError:  # a double-clicked "Create account"
            form.add_error("email", SignupForm.EMAIL_TAKEN)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect(_safe_next(request) or "sites:dashboard")
    return render(request, "accounts/signup.html", {"form": form, "next": _safe_next(request)})


def _safe_next(request):
    """Where to go after signing up, if it is a page of ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return None


@require_GET
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
