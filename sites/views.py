"""The owner's side of locations: the dashboard, the Sites list, one location."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from ports.models import Port
from ports.vocabulary import PortStatus
from sites.forms import SiteForm
from sites.models import Site


def _get_site(request, pk):
    return get_object_or_404(Site.objects.for_owner(request.user), pk=pk)


@require_GET
@login_required
def dashboard(request):
    attention = Port.objects.for_owner(request.user).needing_attention()
    return render(
        request,
        "sites/dashboard.html",
        {
            "needs_attention": attention.select_related("station__site"),
            "site_count": Site.objects.for_owner(request.user).count(),
            "plan": request.user.plan_choice,
        },
    )


@require_GET
@login_required
def site_list(request):
    sites = Site.objects.for_owner(request.user).annotate(
        station_count=Count("stations", distinct=True),
        port_count=Count(
            "stations__ports",
            filter=~Q(stations__ports__status=PortStatus.DECOMMISSIONED),
            distinct=True,
        ),
    )
    return render(
        request, "sites/site_list.html", {"sites": sites, "plan": request.user.plan_choice}
    )


@require_http_methods(["GET", "POST"])
@login_required
def add_site(request):
    form = SiteForm(request.POST or None, instance=Site(owner=request.user))
    if request.method == "POST" and form.is_valid():
        site = form.save()
        messages.success(request, f"“{site.name}” added. Now add its stations.")
        return redirect(site)
    return render(request, "sites/site_form.html", {"form": form, "site": None})


@require_GET
@login_required
def site_detail(request, pk):
    site = _get_site(request, pk)
    stations = site.stations.annotate(
        port_count=Count("ports", filter=~Q(ports__status=PortStatus.DECOMMISSIONED)),
        out_of_service_count=Count("ports", filter=Q(ports__status=PortStatus.OUT_OF_SERVICE)),
    )
    return render(request, "sites/site_detail.html", {"site": site, "stations": stations})


@require_http_methods(["GET", "POST"])
@login_required
def edit_site(request, pk):
    site = _get_site(request, pk)
    form = SiteForm(request.POST or None, instance=site)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Location saved.")
        return redirect(site)
    return render(request, "sites/site_form.html", {"form": form, "site": site})
