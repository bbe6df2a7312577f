from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import IntegrityError, transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from accounts.decorators import email_confirmed_required
from claims.forms import ClaimForm
from claims.models import Claim
from claims.proof import CONTENT_TYPES
from sites.models import Site, location_limit_reached


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@email_confirmed_required
def claim_location(request, site_pk):
    site = get_object_or_404(Site, pk=site_pk)
    pending = Claim.objects.pending().filter(site=site, claimant=request.user).first()
    if site.is_claimed or pending:
        return render(request, "claims/claim_form.html", {"site": site, "pending": pending})
    limit = location_limit_reached(request.user)
    if limit and request.method != "POST":
        # Said before the owner gathers a proof document; a POST is refused by the model.
        return render(request, "claims/claim_form.html", {"site": site, "limit": limit})
    form = ClaimForm(
        request.POST or None,
        request.FILES or None,
        instance=Claim(site=site, claimant=request.user, contact_email=request.user.email),
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                form.save()
        except IntegrityError:  # a double-clicked "Send claim": the first one is pending
            pending = Claim.objects.pending().filter(site=site, claimant=request.user).first()
            return render(request, "claims/claim_form.html", {"site": site, "pending": pending})
        messages.success(
            request,
            f"Your claim for “{site.name}” is with our support staff. "
            "Its status shows here on your dashboard.",
        )
        return redirect("sites:dashboard")
    over_limit = form.has_error(NON_FIELD_ERRORS, "limit")
    return render(
        request, "claims/claim_form.html", {"site": site, "form": form, "over_limit": over_limit}
    )


@require_safe
@login_required
def proof(request, pk):
    claim = get_object_or_404(Claim, pk=pk)
    if not (request.user.is_staff or claim.claimant_id == request.user.pk):
        raise Http404("No such claim.")
    try:
        document = claim.proof.open("rb")
    except FileNotFoundError:
        raise Http404("The document is missing from storage.") from None
    response = FileResponse(
        document,
        content_type=CONTENT_TYPES[claim.proof_type],
        filename=f"claim-{claim.pk}-proof.{claim.proof_type}",
    )
    response["Cache-Control"] = "private, no-store"
    return response
