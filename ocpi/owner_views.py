from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.decorators import email_confirmed_required
from ocpi.models import LinkRequest, Partner
from sites.models import Site

SENT = (
    "Your request was sent to our support staff. They check that the network's location "
    "is this one, then link it: its status shows below."
)


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
@email_confirmed_required
def link_network(request, site_pk):
    site = get_object_or_404(Site.objects.for_owner(request.user), pk=site_pk)
    form = LinkForm(request.POST)
    if form.is_valid():
        # The same answer whatever the id: the form must not tell which locations exist.
        LinkRequest.objects.ask(site=site, by=request.user, **form.cleaned_data)
        messages.success(request, SENT)
        return redirect(site)
    return render(request, "ocpi/link_network.html", {"site": site, "form": form}, status=400)
