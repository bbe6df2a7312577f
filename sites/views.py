"""The owner's side of locations: the dashboard, the Sites list, one location."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Count, Q
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ocpi.owner_views import LinkForm
from ports.models import Port
from ports.vocabulary import PortStatus
from reports.models import Report, flagged_port_ids
from sites import suggestions, visibility
from sites.forms import AddSiteForm, NearbyForm, SiteDetailsForm
from sites.models import Site, Suggestion, SuggestionStatus, Weekday, location_limit_reached
from stations.models import Station, station_limit_reached


def _get_site(request, pk):
    return get_object_or_404(Site.objects.for_owner(request.user), pk=pk)


@require_safe
@login_required
def dashboard(request):
    attention = Port.objects.for_owner(request.user).needing_attention()
    stations = Station.objects.for_owner(request.user).select_related("site")
    to_review = (
        Site.objects.for_owner(request.user)
        .annotate(
            unreviewed=Count(
                "stations__ports", filter=Q(stations__ports__needs_review=True), distinct=True
            ),
            suggestion_count=Count(
                "suggestions",
                filter=Q(suggestions__status=SuggestionStatus.PENDING),
                distinct=True,
            ),
        )
        .filter(Q(unreviewed__gt=0) | Q(suggestion_count__gt=0))
    )
    return render(
        request,
        "sites/dashboard.html",
        {
            "needs_attention": attention.select_related("station__site"),
            "to_review": to_review,
            "claims": request.user.claims.select_related("site"),
            "reports": _open_reports(request.user),
            "site_count": Site.objects.for_owner(request.user).count(),
            "plan": request.user.plan_choice,
            "location_limit": location_limit_reached(request.user),
            "not_in_search": list(
                visibility.not_in_search(Site.objects.for_owner(request.user)).order_by("name")
            ),
            # What drivers will not find, and where to fix it.
            "without_stations": list(Site.objects.for_owner(request.user).without_stations()),
            "without_ports": list(stations.without_ports()),
            "drafts": list(stations.drafts()),
            "has_ports": Port.objects.for_owner(request.user)
            .exclude(status=PortStatus.DECOMMISSIONED)
            .exists(),
        },
    )


def _open_reports(user):
    reports = list(Report.objects.for_owner(user).open().select_related("port__station__site"))
    flagged = flagged_port_ids({report.port_id for report in reports})
    for report in reports:
        report.flagged = report.port_id in flagged
    return reports


@require_safe
@login_required
def site_list(request):
    sites = visibility.with_listed_ports(Site.objects.for_owner(request.user)).annotate(
        station_count=Count("stations", distinct=True),
        port_count=Count(
            "stations__ports",
            filter=~Q(stations__ports__status=PortStatus.DECOMMISSIONED),
            distinct=True,
        ),
    )
    for site in sites:
        site.in_search = visibility.in_search(site)
    return render(
        request,
        "sites/site_list.html",
        {
            "sites": sites,
            "plan": request.user.plan_choice,
            "location_limit": location_limit_reached(request.user),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def add_site(request):
    limit = location_limit_reached(request.user)
    if limit and request.method != "POST":
        # Said before the form is filled; a POST is still refused by the model.
        return render(request, "sites/site_form.html", {"site": None, "limit": limit})
    form = AddSiteForm(request.POST or None, instance=Site(owner=request.user))
    if request.method == "POST" and form.is_valid():
        site = form.save()
        site.mark_verified()
        messages.success(request, f"“{site.name}” added. Now add its stations.")
        return redirect(site)
    return render(request, "sites/site_form.html", _add_context(form, form.nearby))


def _add_context(form, matches, centre=None):
    return {
        "form": form,
        "site": None,
        "matches": matches,
        "centre": centre,
        "over_limit": form.has_error(NON_FIELD_ERRORS, "limit"),
    }


@require_safe
@login_required
def nearby(request):
    """Listings already at or near the address typed so far (Add Location, as the owner types)."""
    query = NearbyForm(request.GET)
    matches = query.matches(request.user)
    ticked = request.GET.get("none_of_these") == "on"
    if request.htmx:
        form = AddSiteForm(initial={"none_of_these": ticked}, instance=Site(owner=request.user))
        context = _add_context(form, matches, query.centre())
        return render(request, "sites/site_form.html#nearby", context)
    # Without JavaScript: the Add Location page, filled in with what was asked.
    initial = {name: value for name, value in query.cleaned_data.items() if value is not None}
    form = AddSiteForm(initial=initial, instance=Site(owner=request.user))
    return render(request, "sites/site_form.html", _add_context(form, matches, query.centre()))


@require_safe
@login_required
def site_detail(request, pk):
    site = _get_site(request, pk)
    stations = visibility.with_counts(site.stations.all()).annotate(
        port_count=Count(
            "ports", filter=~Q(ports__status=PortStatus.DECOMMISSIONED), distinct=True
        ),
        out_of_service_count=Count(
            "ports", filter=Q(ports__status=PortStatus.OUT_OF_SERVICE), distinct=True
        ),
        unreviewed_count=Count("ports", filter=Q(ports__needs_review=True), distinct=True),
    )
    stations = list(stations)
    checks = visibility.checks(site, stations)
    pending = [(s, suggestions.can_accept(s)) for s in site.suggestions.pending()]
    return render(
        request,
        "sites/site_detail.html",
        {
            "site": site,
            "hours": _hours_at_a_glance(site),
            "stations": stations,
            "suggestions": pending,
            "network_links": site.ocpi_locations.select_related("partner"),
            "link_form": LinkForm(),
            "checks": checks,
            "in_search": not any(check.failed and check.keeps_out for check in checks),
            "needs_fixing": any(check.failed for check in checks),
            "station_limit": station_limit_reached(site),
        },
    )


@require_POST
@login_required
def verify_site(request, pk):
    """ "Confirm it is current": the owner checked the listing and it is right."""
    site = _get_site(request, pk)
    site.mark_verified()
    messages.success(request, f"Thank you: “{site.name}” is confirmed current.")
    return redirect(f"{site.get_absolute_url()}#visibility")


def _hours_at_a_glance(site) -> list[tuple[str, str]]:
    """[("Mon–Fri", "7:00 AM – 7:00 PM"), ("Sat–Sun", "Closed")]; [] when not given."""
    by_day = {row.weekday: row.text for row in site.opening_hours.all()}
    if not by_day:
        return []
    runs = []  # [first day, last day, hours]
    for day in Weekday:
        hours = by_day.get(day, "Closed")
        if runs and runs[-1][2] == hours:
            runs[-1][1] = day
        else:
            runs.append([day, day, hours])
    if len(runs) == 1:
        return [("Every day", runs[0][2])]
    return [
        (first.label[:3] if first == last else f"{first.label[:3]}–{last.label[:3]}", hours)
        for first, last, hours in runs
    ]


@require_POST
@login_required
def resolve_suggestion(request, pk):
    suggestion = get_object_or_404(
        Suggestion.objects.for_owner(request.user).pending().select_related("site"), pk=pk
    )
    if request.POST.get("action") == "accept":
        try:
            suggestions.accept(suggestion, by=request.user)
        except ValidationError as error:
            messages.error(request, f"Not accepted: {' '.join(error.messages)}")
        else:
            messages.success(request, f"Accepted: {suggestion.message}")
    elif request.POST.get("action") == "dismiss":
        suggestions.dismiss(suggestion, by=request.user)
        messages.success(request, f"Dismissed: {suggestion.message}")
    else:
        return HttpResponseBadRequest("Choose an action: accept or dismiss.")
    return redirect(suggestion.site)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def edit_site(request, pk):
    site = _get_site(request, pk)
    form = SiteDetailsForm(request.POST or None, instance=site)
    if request.method == "POST" and form.is_valid():
        form.save()
        site.mark_verified()
        messages.success(request, "Location saved.")
        return redirect(site)
    return render(request, "sites/site_form.html", {"form": form, "site": site})
