from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accounts.client_address import client_address
from ports.models import Port
from ports.vocabulary import PortStatus
from reports.forms import ReportForm, ResolveForm
from reports.models import Report, TooManyReports


def _get_report(request, pk):
    return get_object_or_404(
        Report.objects.for_owner(request.user).select_related("port__station__site"), pk=pk
    )


@require_http_methods(["GET", "HEAD", "POST"])
def report_problem(request, port_pk):
    port = get_object_or_404(Port.objects.listed().select_related("station__site"), pk=port_pk)
    site = port.station.site
    form = ReportForm(request.POST or None)
    context = {"port": port, "site": site, "form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            Report.objects.file(
                port, data["problem"], data["comment"], client=client_address(request)
            )
        except TooManyReports:
            return render(
                request, "reports/report_form.html", context | {"limited": True}, status=429
            )
        messages.success(request, "Thank you: the owner of this location has your report.")
        return redirect(site.get_public_url())
    return render(request, "reports/report_form.html", context)


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
