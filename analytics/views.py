import csv

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from analytics import stats, tasks, windows
from analytics.forms import WindowForm
from sites.models import Site


def _get_site(request, pk):
    return get_object_or_404(Site.objects.for_owner(request.user), pk=pk)


@require_safe
@login_required
def site_analytics(request, pk):
    site = _get_site(request, pk)
    plan = request.user.plan_choice
    form = WindowForm(request.GET)
    valid = form.is_valid()
    asked = (form.cleaned_data.get("days") if valid else None) or windows.allowed(plan)
    days = min(asked, windows.allowed(plan))
    found = stats.numbers(site, days)
    if valid and form.cleaned_data.get("format") == "csv":
        return _csv(site, found)
    tasks.ensure_scheduled()
    context = {
        "site": site,
        "form": form,
        "found": found,
        "charts": stats.charts(found),
        "days": days,
        "choices": windows.choices(plan),
        "clamped": windows.clamp_message(plan, asked) if asked > days else "",
    }
    template = "analytics/site_analytics.html"
    return render(request, f"{template}#numbers" if request.htmx else template, context)


def _csv(site, found):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"location-{site.pk}-{found.first:%Y%m%d}-{found.last:%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    writer = csv.writer(response)
    header = ["date_utc", "page_views", "search_appearances"]
    header += [f"check_ins_{value}" for value, _ in found.outcomes]
    header += ["reports"]
    if found.ocpp:
        header += ["charging_sessions", "energy_kwh"]
    writer.writerow(header)
    for day in found.days:
        row = [day.day.isoformat(), day.views, day.search]
        row += [day.outcome(value) for value, _ in found.outcomes]
        row += [day.reports]
        if found.ocpp:
            row += [day.sessions, day.energy_kwh]
        writer.writerow(row)
    return response
