"""Every upload (photos, claim proofs) is held to its limits while the request is read.

Django would otherwise read the whole body, and store every file whole, before any form
could say "too large". Settings: UPLOAD_MAX_REQUEST_BYTES, UPLOAD_MAX_FILE_BYTES and
DATA_UPLOAD_MAX_NUMBER_FILES.
"""

import io

from django.conf import settings
from django.core.exceptions import TooManyFilesSent
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.http import HttpResponse


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def _refused(status: int, message: str) -> HttpResponse:
    # Plain text: this answers before sessions, CSRF and templates' context exist.
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


class UploadLimitsMiddleware:
    """Answers 413 to a body over UPLOAD_MAX_REQUEST_BYTES from its Content-Length, before
    a byte of it is read, and a clear 400 to a form with too many files.

    Sits before CsrfViewMiddleware, the first to read a POST."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0  # Django refuses a malformed length itself
        limit = settings.UPLOAD_MAX_REQUEST_BYTES
        if declared > limit:
            return _refused(
                413,
                f"This upload is {_megabytes(declared)}: we take at most {_megabytes(limit)} "
                "in one request. Send fewer or smaller files.",
            )
        if request.method == "POST" and request.content_type == "multipart/form-data":
            try:
                request.FILES  # noqa: B018 (parsed here, so that a refusal can say why)
            except TooManyFilesSent:
                most = settings.DATA_UPLOAD_MAX_NUMBER_FILES
                return _refused(
                    400,
                    f"This form sent {most + 1} files or more: send at most {most} in one request.",
                )
        return self.get_response(request)


class CappedTemporaryFileUploadHandler(TemporaryFileUploadHandler):
    """Django's handler for files too big to keep in memory, keeping no more than
    UPLOAD_MAX_FILE_BYTES of any one file.

    Past the cap it drops what it kept and the rest as it arrives, and hands the form an
    empty file that knows its real size: the form says how big it was and what we take.
    (Files kept in memory are under FILE_UPLOAD_MAX_MEMORY_SIZE, smaller than the cap.)
    """

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.oversized = False

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > settings.UPLOAD_MAX_FILE_BYTES:
            if not self.oversized:
                self.oversized = True
                self.file.close()  # a temporary file: closing deletes it
            return None
        return super().receive_data_chunk(raw_data, start)

    def file_complete(self, file_size):
        if not self.oversized:
            return super().file_complete(file_size)
        return UploadedFile(
            io.BytesIO(),
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )
