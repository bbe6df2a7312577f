from django.conf import settings
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from accounts.client_address import client_address
from accounts.plans import Plan, limit_message
from helpcenter.articles import ARTICLES, connectors, power_range, related, statuses
from helpcenter.forms import ContactForm
from helpcenter.models import SupportRequest, TooManyRequests, Topic
from ports.vocabulary import PowerType

# The request just sent, for its confirmation page (post/redirect/get).
SENT = "helpcenter.sent"


def _article(request, url_name, template, **context):
    article = next(a for a in ARTICLES if a.url_name == url_name)
    context |= {"article": article, "related": related(url_name)}
    return render(request, f"helpcenter/{template}.html", context)


@require_safe
def index(request):
    return render(request, "helpcenter/index.html", {"articles": ARTICLES})


@require_safe
def managing_ports(request):
    return _article(
        request,
        "help:managing_ports",
        "managing_ports",
        connectors=connectors(),
        power_types=[(power, power_range(power)) for power in PowerType],
        statuses=statuses(),
    )


@require_safe
def connector_types(request):
    return _article(
        request,
        "help:connector_types",
        "connector_types",
        connectors=connectors(),
        power_types=[(power, power_range(power)) for power in PowerType],
    )


@require_safe
def subscription_limits(request):
    return _article(
        request,
        "help:subscription_limits",
        "subscription_limits",
        plans=list(Plan),
        current=request.user.plan_choice if request.user.is_authenticated else None,
        example=limit_message(Plan.FREE, "location", "locations"),
    )


@require_safe
def optimizing(request):
    return _article(request, "help:optimizing", "optimizing_listings")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def contact(request):
    form = ContactForm(request.POST or None, user=request.user, initial=_initial(request))
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "website"}
        try:
            sent = SupportRequest.objects.file(
                client=client_address(request), requester=form.instance.requester, **fields
            )
        except TooManyRequests:
            context = {"form": form, "limited": True, "support_email": settings.SUPPORT_EMAIL}
            return render(request, "helpcenter/contact.html", context, status=429)
        request.session[SENT] = sent.pk
        return redirect("help:contact_sent")
    return render(request, "helpcenter/contact.html", {"form": form})


@never_cache
@require_safe
def contact_sent(request):
    sent = SupportRequest.objects.filter(pk=request.session.get(SENT)).first()
    if sent is None:
        return redirect("help:contact")
    return render(request, "helpcenter/contact_sent.html", {"sent": sent})


def _initial(request) -> dict:
    """What the form can know already: the account's name and address, and a topic or
    location a link to it names (?topic=billing, ?location=12)."""
    initial = {}
    user = request.user
    if user.is_authenticated:
        initial |= {"name": user.display_name, "email": user.email}
    if request.GET.get("topic") in Topic.values:
        initial["topic"] = request.GET["topic"]
    if request.GET.get("location", "").isdecimal():
        initial["location"] = request.GET["location"]
    return initial
