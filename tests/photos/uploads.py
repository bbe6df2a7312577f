"""Image files made by Pillow in the test, and the upload form's POST data."""

import io
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image

CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
FREE_LIMIT = (
    "Your Free plan allows 3 photos per location. Upgrade to Premium for 25 photos per location."
)


def url(site):
    return reverse("photos:site", args=[site.pk])


def encoded(image: Image.Image, fmt: str, **save_args) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **save_args)
    return buffer.getvalue()


def image_bytes(fmt="JPEG", size=(640, 480), color="green", **save_args) -> bytes:
    return encoded(Image.new("RGB", size, color), fmt, **save_args)


def photo_file(fmt="JPEG", size=(640, 480), color="green", image=None, **save_args):
    """An upload as a browser sends it, named and typed after its format."""
    image = image or Image.new("RGB", size, color)
    return SimpleUploadedFile(
        f"connector.{EXTENSIONS[fmt]}",
        encoded(image, fmt, **save_args),
        content_type=CONTENT_TYPES[fmt],
    )


def gps_exif(orientation=None) -> Image.Exif:
    """What a phone writes: its make, where the photo was taken and, often, which way is up."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneCo"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (42.0, 39.0, 4.32),
        ExifTags.GPS.GPSLongitudeRef: "W",
        ExifTags.GPS.GPSLongitude: (73.0, 45.0, 17.64),
    }
    if orientation is not None:
        exif[ExifTags.Base.Orientation] = orientation
    return exif


def formset(*forms, total=3):
    """The upload form's POST data: forms are dicts of image, caption and shows."""
    data = {
        "photos-TOTAL_FORMS": str(max(total, len(forms))),
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "10",
    }
    for index, form in enumerate(forms):
        for key, value in form.items():
            data[f"photos-{index}-{key}"] = value
    return data


def stored_files(media_root) -> list[str]:
    root = Path(media_root)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def opened(field) -> Image.Image:
    """A stored image read back with Pillow, loaded so the file is closed at once."""
    with Image.open(field.path) as image:
        image.load()
        return image
