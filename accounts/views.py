from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
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
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("sites:dashboard")
    return render(request, "accounts/signup.html", {"form": form})


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
