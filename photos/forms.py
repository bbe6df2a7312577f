from django import forms
from django.forms import formset_factory

from photos import images


class PhotoForm(forms.Form):
    image = forms.FileField(
        label="Photo",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text="JPEG, PNG or WebP, up to 10 MB.",
    )
    caption = forms.CharField(
        max_length=200,
        required=False,
        help_text="What it shows, for drivers who cannot see it: “CCS cable, left side”.",
    )
    shows = forms.ChoiceField(label="Shows", required=False)

    def __init__(self, *args, site, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "The location")]
        for station in site.stations.all():
            choices.append((f"station:{station.pk}", station.name))
            for port in station.ports.all():
                choices.append((f"port:{port.pk}", f"{station.name} · {port}"))
        self.fields["shows"].choices = choices
        self.processed = None

    def clean(self):
        data = super().clean()
        upload, caption = data.get("image"), (data.get("caption") or "").strip()
        if upload and not caption:
            self.add_error("caption", "Describe the photo: drivers who cannot see it read this.")
        if caption and not upload:
            self.add_error("image", "Choose the photo this caption describes.")
        if upload and caption:
            try:
                self.processed = images.process(upload)
            except forms.ValidationError as error:
                self.add_error("image", error)
        return data


PhotoFormSet = formset_factory(PhotoForm, extra=3, max_num=10, absolute_max=10)
