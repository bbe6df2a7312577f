"""Proof-of-ownership files, and the claim form, as an owner's browser sends them."""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
MB = 1024 * 1024

CLAIM = {
    "full_name": "Alice Archer",
    "title": "Facilities Manager",
    "business_name": "Highway Rest Area LLC",
    "contact_email": "alice@example.com",
    "contact_phone": "518-555-0123",
    "relationship": "owner",
}


def image(kind: str) -> bytes:
    """A small real image, "PNG" or "JPEG", made with Pillow."""
    buffer = BytesIO()
    Image.new("RGB", (40, 30), "steelblue").save(buffer, kind)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def pdf(name="deed.pdf", size=None) -> SimpleUploadedFile:
    """A PDF, padded to `size` bytes when given."""
    padding = b"0" * (size - len(PDF)) if size else b""
    return upload(name, PDF + padding, "application/pdf")


def png(name="utility-bill.png") -> SimpleUploadedFile:
    return upload(name, image("PNG"), "image/png")


def jpeg(name="licence.jpg") -> SimpleUploadedFile:
    return upload(name, image("JPEG"), "image/jpeg")


def claim_data(proof=None, **changes) -> dict:
    """The claim form as posted: every field filled in, a PDF unless told otherwise."""
    return {**CLAIM, "proof": pdf() if proof is None else proof, **changes}
