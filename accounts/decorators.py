from functools import wraps
from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse
from django_htmx.http import HttpResponseClientRedirect


def email_confirmed_required(view):
    """Send an owner whose address is not confirmed to confirm it first (under @login_required)."""

    @wraps(view)
    def checked(request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.email_confirmed:
            url = reverse("confirm_email")
            if request.method == "GET":  # come back here afterwards; a POST cannot be replayed
                url = f"{url}?{urlencode({'next': request.get_full_path()})}"
            if request.htmx:
                return HttpResponseClientRedirect(url)
            return redirect(url)
        return view(request, *args, **kwargs)

    return checked
