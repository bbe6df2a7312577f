"""Proof-of-ownership documents: what we accept, and where they are kept.

The type is read from the file's first bytes, never taken from its name or from
the browser, and the file is later served with the type we found.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property
from PIL import UnidentifiedImageError

from photos.images import open_lazily

MAX_BYTES = 5 * 1024 * 1024
CONTENT_TYPES = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}
_SIGNATURES = [(b"%PDF-", "pdf"), (b"\xff\xd8\xff", "jpeg"), (b"\x89PNG\r\n\x1a\n", "png")]
RULE = "Proof of ownership must be a PDF, JPG or PNG file of at most 5 MB"


class PrivateStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT, read when used (so a changed setting applies).

    Outside MEDIA_ROOT: no web server configuration can publish them by accident.
    """

    def __init__(self):
        super().__init__(base_url=None)

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)


def private_storage():
    return PrivateStorage()


def sniff(upload) -> str:
    """The document's kind ("pdf", "jpeg", "png"), or a ValidationError saying what to send."""
    if upload.size > MAX_BYTES:
        megabytes = upload.size / 1024 / 1024
        raise ValidationError(
            f"{RULE}; “{upload.name}” is {megabytes:.1f} MB. Send a smaller scan."
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    kind = next((kind for signature, kind in _SIGNATURES if head.startswith(signature)), None)
    if kind is None:
        raise ValidationError(f"{RULE}; “{upload.name}” is none of those.")
    if kind != "pdf":
        try:
            # Read as far as its header: a bomb or an oversized image is refused undecoded.
            with open_lazily(upload, upload.name) as image:
                image.verify()
        except ValidationError as error:
            raise ValidationError(
                f"Proof of ownership: {error.message} You can also send a PDF."
            ) from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            raise ValidationError(
                f"Proof of ownership: “{upload.name}” looks like a {kind.upper()} image "
                "but cannot be read. "
                "Export it again, or send a PDF."
            ) from None
        finally:
            upload.seek(0)
    return kind
