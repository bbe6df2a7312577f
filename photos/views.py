from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.static import serve

from chargesites.announce import announce
from photos.forms import PhotoDetailsForm, PhotoUploadForm, shown
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
    if request.method == "POST" and "photo" in request.POST:
        return _describe(request, site)
    form = PhotoUploadForm(request.POST or None, request.FILES or None, site=site)
    if request.method == "POST" and form.is_valid():
        try:
            added = _save(site, form, request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            said = f"{added} photo{'s' if added != 1 else ''} added."
            messages.success(request, said)
            for refusal in form.refused:
                messages.error(request, refusal)
            if request.htmx:
                page = _page(request, site, PhotoUploadForm(site=site), just_added=True)
                return announce(page, " ".join([said, *form.refused]))
            return redirect("photos:site", site_pk=site.pk)
    return _page(request, site, form)


def _page(request, site, form, describing=None, just_added=False):
    photos = list(site.photos.select_related("station", "port"))
    for photo in photos:
        photo.details = (
            describing
            if describing is not None and describing.prefix == f"photo-{photo.pk}"
            else PhotoDetailsForm(site=site, photo=photo)
        )
    plan = site.owner.plan_choice
    return render(
        request,
        "photos/site_photos.html",
        {
            "site": site,
            "photos": photos,
            "form": form,
            "plan": plan,
            "limit": plan.limits.photos_per_location,
            "room": Photo.room_at(site),
            "just_added": just_added,
            "over_limit": form.is_bound and form.has_error(NON_FIELD_ERRORS, "limit"),
        },
    )


def _describe(request, site):
    """Change one stored photo's caption and what it shows."""
    pk = request.POST["photo"]
    if not (pk.isascii() and pk.isdigit() and len(pk) < 10):
        return HttpResponseBadRequest("Say which photo to change.")
    photo = get_object_or_404(site.photos, pk=int(pk))
    form = PhotoDetailsForm(request.POST, site=site, photo=photo)
    if form.is_valid():
        photo.caption = form.cleaned_data["caption"]
        photo.station_id, photo.port_id = shown(form.cleaned_data["shows"])
        photo.full_clean()
        photo.save(update_fields=["caption", "station", "port"])
        messages.success(request, f"Photo “{photo.caption}” saved.")
        if request.htmx:
            page = _page(request, site, PhotoUploadForm(site=site))
            return announce(page, f"Photo “{photo.caption}” saved.")
        return redirect("photos:site", site_pk=site.pk)
    return _page(request, site, PhotoUploadForm(site=site), describing=form)


@transaction.atomic
def _save(site, form, user) -> int:
    ready = form.processed
    Photo(site=site).validate_photo_limit(adding=len(ready))  # all good ones, or none
    position = site.photos.order_by("-position").values_list("position", flat=True).first() or 0
    station_id, port_id = shown(form.cleaned_data.get("shows"))
    for offset, ((_, processed), caption) in enumerate(zip(ready, form.captions(), strict=True), 1):
        photo = Photo(
            site=site,
            station_id=station_id,
            port_id=port_id,
            caption=caption,
            position=position + offset,
            uploaded_by=user,
        )
        photo.image.save(processed.web.name, processed.web, save=False)
        photo.thumbnail.save(processed.thumbnail.name, processed.thumbnail, save=False)
        photo.full_clean()
        photo.save()
    site.mark_verified()
    return len(ready)


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
        # Saved one by one, not in bulk: each save tells the drivers' page cache (post_save).
        with transaction.atomic():
            for position, each in enumerate(photos, 1):
                if each.position != position:
                    each.position = position
                    each.save(update_fields=["position"])
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
