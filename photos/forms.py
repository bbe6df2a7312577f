from django import forms
from django.core.exceptions import ValidationError

from photos import images
from photos.models import Photo

MAX_FILES = 10  # per request; settings.DATA_UPLOAD_MAX_NUMBER_FILES stops more before we read them
DESCRIBE = "Describe the photo: drivers who cannot see it read this."


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Every file chosen in one `<input type="file" multiple>`, as a list.

    Each file is checked on its own by the form, so one bad file never hides the good ones.
    """

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = [each for each in (data if isinstance(data, list | tuple) else [data]) if each]
        if self.required and not files:
            raise ValidationError(self.error_messages["required"], code="required")
        return files


def _shows_choices(site):
    choices = [("", "The location")]
    for station in site.stations.all():
        choices.append((f"station:{station.pk}", station.name))
        for port in station.ports.all():
            choices.append((f"port:{port.pk}", f"{station.name} · {port}"))
    return choices


def shown(value: str) -> tuple[int | None, int | None]:
    """A "Shows" choice as (station id, port id)."""
    kind, _, pk = (value or "").partition(":")
    return (int(pk) if kind == "station" else None, int(pk) if kind == "port" else None)


class PhotoUploadForm(forms.Form):
    """One or several photos at once; each good file is kept, each bad one named with its fix."""

    images = MultipleFileField(
        label="Photos",
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=f"Choose one or several: JPEG, PNG or WebP, up to 10 MB each, {MAX_FILES} at "
        "most.",
    )
    caption = forms.CharField(
        max_length=185,
        required=False,
        help_text="What they show, for drivers who cannot see them: “CCS cable, left side”. "
        "Several photos each get this caption and their number; change any of them afterwards.",
    )
    shows = forms.ChoiceField(
        label="Shows",
        required=False,
        help_text="Tag a port to show its photos beside that port on your public page.",
    )

    def __init__(self, *args, site, **kwargs):
        super().__init__(*args, **kwargs)
        self.site = site
        self.fields["shows"].choices = _shows_choices(site)
        self.processed = []  # (file name, images.Processed), in the order chosen
        self.refused = []  # one message per bad file, naming it and the fix

    def clean(self):
        data = super().clean()
        files, caption = data.get("images") or [], (data.get("caption") or "").strip()
        if not files and not caption:
            raise ValidationError("Choose at least one photo.")
        if not files:
            self.add_error("images", "Choose the photos this caption describes.")
        if files and not caption and "caption" not in self.errors:
            self.add_error("caption", DESCRIBE)
        if len(files) > MAX_FILES:
            self.add_error(
                "images", f"Choose at most {MAX_FILES} photos at once: {len(files)} were selected."
            )
        if self.errors:
            return data
        # Counted before any file is processed: the whole batch is what the owner chose.
        Photo(site=self.site).validate_photo_limit(adding=len(files))
        for upload in files:
            try:
                self.processed.append((upload.name, images.process(upload)))
            except ValidationError as error:
                self.refused.extend(f"Not added: {message}" for message in error.messages)
        if not self.processed:
            for message in self.refused:
                self.add_error("images", message)
        data["caption"] = caption
        return data

    def captions(self):
        """The caption, numbered when several photos share it."""
        caption, count = self.cleaned_data["caption"], len(self.processed)
        if count == 1:
            return [caption]
        return [f"{caption} ({n} of {count})" for n in range(1, count + 1)]


class PhotoDetailsForm(forms.Form):
    """A stored photo's caption and what it shows."""

    caption = forms.CharField(
        max_length=200,
        help_text="What it shows, for drivers who cannot see it.",
        error_messages={"required": DESCRIBE},
    )
    shows = forms.ChoiceField(label="Shows", required=False)

    def __init__(self, *args, site, photo, **kwargs):
        initial = {
            "caption": photo.caption,
            "shows": f"port:{photo.port_id}"
            if photo.port_id
            else (f"station:{photo.station_id}" if photo.station_id else ""),
        }
        super().__init__(*args, initial=initial, prefix=f"photo-{photo.pk}", **kwargs)
        self.fields["shows"].choices = _shows_choices(site)

    def clean_caption(self):
        caption = self.cleaned_data["caption"].strip()
        if not caption:
            raise ValidationError(DESCRIBE)
        return caption
