"""Turning an upload into the two images we keep: checked, upright, without metadata.

Pillow decides what a file is, never its name or the browser. SVG and anything
else Pillow cannot open as JPEG, PNG or WebP is refused, and so is a
decompression bomb (a small file that would expand into a huge image).
"""

import io
import uuid
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 40-megapixel photo; more is a bomb, not a connector
WEB_SIZE = 1600
THUMB_SIZE = 320
FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "MPO": ("jpg", "image/jpeg"),  # a JPEG carrying extra images (phones' HDR gain map, depth)
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
}
RULE = "Photos must be JPEG, PNG or WebP images of at most 10 MB"


@dataclass(frozen=True)
class Processed:
    web: ContentFile
    thumbnail: ContentFile
    width: int  # of the web-size version
    height: int


def process(upload) -> Processed:
    """Checks the upload and returns its web-size and thumbnail versions."""
    name = getattr(upload, "name", "the file")
    if upload.size > MAX_BYTES:
        raise ValidationError(f"{RULE}: “{name}” is {upload.size / 1024 / 1024:.1f} MB.")
    image = _open(upload, name)
    kind = "JPEG" if image.format == "MPO" else image.format  # keep only the first image
    try:
        # Decoded once, here, and straight to web size: a JPEG at a fraction of its scale, and
        # no full-size copy is made (the box is square, so turning upright afterwards fits).
        image.thumbnail((WEB_SIZE, WEB_SIZE))
        image.load()  # one that fits already is left undecoded by thumbnail()
    except (Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        raise ValidationError(f"{RULE}: “{name}” is not an image we can read.") from None
    web = ImageOps.exif_transpose(image)  # apply the camera's orientation, then drop EXIF
    extension = FORMATS[kind][0]
    stem = uuid.uuid4().hex
    return Processed(
        web=ContentFile(_encoded(web, kind), name=f"{stem}.{extension}"),
        thumbnail=ContentFile(
            _encoded(_fitted(web, THUMB_SIZE), kind), name=f"{stem}-thumb.{extension}"
        ),
        width=web.width,
        height=web.height,
    )


def open_lazily(file, name) -> Image.Image:
    """The image in `file`, its header read and not one pixel decoded yet.

    Pillow decodes only on load(); the size is known at open. So an image that would
    expand into more than MAX_PIXELS is refused here, before it costs any memory.
    Raises ValidationError for those, UnidentifiedImageError for what is no image.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(file)
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise ValidationError(
            f"“{name}” would expand into an enormous image; it is refused."
        ) from None
    if image.width * image.height > MAX_PIXELS:
        raise ValidationError(
            f"“{name}” is {image.width}×{image.height} pixels: too large an image for us to "
            "process. Send a smaller one (up to 40 megapixels)."
        )
    return image


def _open(upload, name) -> Image.Image:
    upload.seek(0)
    data = upload.read()
    try:
        probe = open_lazily(io.BytesIO(data), name)
        if probe.format not in FORMATS:
            kind = f"a {probe.format}" if probe.format else "another kind of"
            raise ValidationError(f"{RULE}: “{name}” is {kind} file.")
        probe.verify()  # catches truncated and corrupt files
        return open_lazily(io.BytesIO(data), name)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(f"{RULE}: “{name}” is not an image we can read.") from None


def _fitted(image: Image.Image, size: int) -> Image.Image:
    copy = image.copy()
    copy.thumbnail((size, size))
    return copy


def _encoded(image: Image.Image, kind: str) -> bytes:
    out = io.BytesIO()
    if kind == "JPEG":
        image.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
    else:
        image.save(out, kind)  # no exif= argument: metadata, GPS included, is not written
    return out.getvalue()
