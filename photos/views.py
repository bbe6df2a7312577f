from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.static import serve

from photos.forms import PhotoFormSet
from photos.models import Photo
from sites.models import Site


def _get_photo(request, pk):
    return get_object_or_404(Photo.objects.for_owner(request.user).select_related("site"), pk=pk)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def site_photos(request, site_pk):
    site = get_object_or_404(
        Site.objects.for_owner(request.user).prefetch_related("stations__ports"), pk=site_pk
    )
    formset = PhotoFormSet(
        request.POST or None, request.FILES or None, form_kwargs={"site": site}, prefix="photos"
    )
    if request.method == "POST" and formset.is_valid():
        ready = [form for form in formset if form.processed]
        if not ready:
            formset._non_form_errors = formset.error_class(["Choose at least one photo."])
        else:
            try:
                added = _save(site, ready, request.user)
            except ValidationError as error:
                formset._non_form_errors = formset.error_class(error.messages)
            else:
                messages.success(request, f"{added} photo{'s' if added != 1 else ''} added.")
                return redirect("photos:site", site_pk=site.pk)
    photos = site.photos.select_related("station", "port")
    plan = site.owner.plan_choice
    return render(
        request,
        "photos/site_photos.html",
        {
            "site": site,
            "photos": photos,
            "formset": formset,
            "limit": plan.limits.photos_per_location,
        },
    )


@transaction.atomic
def _save(site, forms, user) -> int:
    Photo(site=site).validate_photo_limit(adding=len(forms))  # all of them, or none
    position = site.photos.order_by("-position").values_list("position", flat=True).first() or 0
    for offset, form in enumerate(forms, 1):
        kind, _, pk = (form.cleaned_data.get("shows") or "").partition(":")
        photo = Photo(
            site=site,
            station_id=int(pk) if kind == "station" else None,
            port_id=int(pk) if kind == "port" else None,
            caption=form.cleaned_data["caption"].strip(),
            position=position + offset,
            uploaded_by=user,
        )
        photo.image.save(form.processed.web.name, form.processed.web, save=False)
        photo.thumbnail.save(form.processed.thumbnail.name, form.processed.thumbnail, save=False)
        photo.full_clean()
        photo.save()
    site.mark_verified()
    return len(forms)


@require_POST
@login_required
def move_photo(request, pk):
    photo = _get_photo(request, pk)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        return HttpResponseBadRequest("Move a photo up or down.")
    photos = list(photo.site.photos.order_by("position", "pk"))
    index = photos.index(photo)
    step = -1 if direction == "up" else 1
    if 0 <= index + step < len(photos):
        photos[index], photos[index + step] = photos[index + step], photos[index]
        for position, each in enumerate(photos, 1):
            each.position = position
        Photo.objects.bulk_update(photos, ["position"])
    return redirect("photos:site", site_pk=photo.site_id)


@require_POST
@login_required
def delete_photo(request, pk):
    photo = _get_photo(request, pk)
    site_pk = photo.site_id
    photo.image.delete(save=False)
    photo.thumbnail.delete(save=False)
    photo.delete()
    messages.success(request, "Photo deleted.")
    return redirect("photos:site", site_pk=site_pk)


@require_safe
def media(request, path):
    """Uploaded public files, when no web server or storage service serves them.

    The type follows the file name, which is ours (photos/images.py), never the uploader's.
    """
    return serve(request, path, document_root=settings.MEDIA_ROOT)
