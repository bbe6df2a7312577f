"""Image files made by Pillow in the test, and the upload form's POST data."""

import io
import struct
import zlib
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


def blank_png(width: int, height: int, mode: str = "1") -> bytes:
    """A PNG of zeros claiming any size, written row by row: a few KB for what would decode
    into hundreds of MB ("1": one bit a pixel, "RGB", "RGBA"). Nothing that large is held
    here, so the tests can make decompression bombs cheaply."""
    depth, color_type, channels = {"1": (1, 0, 1), "RGB": (8, 2, 3), "RGBA": (8, 6, 4)}[mode]
    row = b"\0" * (1 + (width * depth * channels + 7) // 8)  # filter byte, then pixels
    squeeze, data = zlib.compressobj(9), bytearray()
    for _ in range(height):
        data += squeeze.compress(row)
    data += squeeze.flush()

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, depth, color_type, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", bytes(data))
        + chunk(b"IEND", b"")
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


def upload(*files, caption="CCS cable", shows=""):
    """The upload form's POST data: the files chosen in its one multiple-file input."""
    return {"images": list(files), "caption": caption, "shows": shows}


def stored_files(media_root) -> list[str]:
    root = Path(media_root)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def opened(field) -> Image.Image:
    """A stored image read back with Pillow, loaded so the file is closed at once."""
    with Image.open(field.path) as image:
        image.load()
        return image
