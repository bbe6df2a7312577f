from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from ports.models import Port
from ports.vocabulary import PortStatus
from reports.forms import ReportForm, ResolveForm
from reports.models import FLAG_AFTER, FLAG_WITHIN, Problem, Report, client_of

PER_HOUR = 5  # reports one client may send in an hour
SAME_PORT_EVERY = timedelta(minutes=30)


def _get_report(request, pk):
    return get_object_or_404(
        Report.objects.for_owner(request.user).select_related("port__station__site"), pk=pk
    )


@require_http_methods(["GET", "POST"])
def report_problem(request, port_pk):
    port = get_object_or_404(Port.objects.listed().select_related("station__site"), pk=port_pk)
    site = port.station.site
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        client = client_of(request)
        if _too_many(client, port):
            context = {"port": port, "site": site, "form": form, "limited": True}
            return render(request, "reports/report_form.html", context, status=429)
        report = Report.objects.create(
            port=port,
            problem=form.cleaned_data["problem"],
            comment=form.cleaned_data["comment"],
            client=client,
        )
        _flag_if_needed(report)
        messages.success(request, "Thank you: the owner of this location has your report.")
        return redirect(site.get_public_url())
    return render(request, "reports/report_form.html", {"port": port, "site": site, "form": form})


def _too_many(client, port) -> bool:
    now = timezone.now()
    recent = Report.objects.filter(client=client)
    return (
        recent.filter(created_at__gte=now - timedelta(hours=1)).count() >= PER_HOUR
        or recent.filter(port=port, created_at__gte=now - SAME_PORT_EVERY).exists()
    )


def _flag_if_needed(report):
    """The third "Not working" within a day flags the port to its owner and support staff."""
    if report.problem != Problem.NOT_WORKING:
        return
    since = report.created_at - FLAG_WITHIN
    count = Report.objects.filter(
        port=report.port, problem=Problem.NOT_WORKING, created_at__gte=since
    ).count()
    already = Report.objects.filter(port=report.port, notified=True, created_at__gte=since)
    if count < FLAG_AFTER or already.exists():
        return  # flagged once a day at most, when it crosses the line
    Report.objects.filter(pk=report.pk).update(notified=True)
    port, site = report.port, report.port.station.site
    recipients = [settings.SUPPORT_EMAIL] + ([site.owner.email] if site.owner_id else [])
    send_mail(
        subject=f"{FLAG_AFTER} drivers report {port} at {site.name} not working",
        message=(
            f"In the last 24 hours, {count} drivers reported “{port}” on {port.station.name} "
            f"at {site.name} as not working.\n\nCheck it, and mark it Out of Service if it is "
            f"broken: {settings.SITE_URL}{reverse('stations:detail', args=[port.station_id])}\n"
        ),
        from_email=None,
        recipient_list=recipients,
    )


@require_POST
@login_required
def resolve_report(request, pk):
    report = _get_report(request, pk)
    form = ResolveForm(request.POST)
    if form.is_valid():
        report.resolve(request.user, form.cleaned_data["reply"])
        messages.success(request, "Report resolved.")
    else:
        messages.error(request, " ".join(form.errors.get("reply", ["The reply is too long."])))
    return redirect("sites:dashboard")


@require_POST
@login_required
def mark_out_of_service(request, pk):
    report = _get_report(request, pk)
    port = report.port
    if port.current_status is PortStatus.DECOMMISSIONED:
        messages.error(request, f"“{port}” is Decommissioned: it changes status through Edit.")
        return redirect("sites:dashboard")
    try:
        if port.status != PortStatus.OUT_OF_SERVICE:
            port.notes = " ".join(
                filter(None, [port.notes, f"Drivers report: {report.get_problem_display()}."])
            )[:500]
            port.mark(PortStatus.OUT_OF_SERVICE, by=request.user)
            port.station.site.mark_verified()
    except ValidationError as error:
        messages.error(request, f"“{port}” was not changed: {' '.join(error.messages)}")
        return redirect("sites:dashboard")
    report.resolve(request.user, "Thanks: the port is marked Out of Service until it is repaired.")
    messages.success(request, f"“{port}” is now Out of Service.")
    return redirect("sites:dashboard")
