from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ocpi import linking
from ocpi.models import Partner
from sites.models import Site


class LinkForm(forms.Form):
    partner = forms.ModelChoiceField(
        label="Network", queryset=Partner.objects.filter(is_active=True).order_by("name")
    )
    location_id = forms.CharField(
        label="The network's location id",
        max_length=36,
        help_text="As the network's portal shows it, like “LOC1”.",
    )


@require_POST
@login_required
def link_network(request, site_pk):
    site = get_object_or_404(Site.objects.for_owner(request.user), pk=site_pk)
    form = LinkForm(request.POST)
    if form.is_valid():
        try:
            linking.link(site, form.cleaned_data["partner"], form.cleaned_data["location_id"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"Linked: {form.cleaned_data['partner']} now reports live status here.",
            )
            return redirect(site)
    return render(request, "ocpi/link_network.html", {"site": site, "form": form}, status=400)
