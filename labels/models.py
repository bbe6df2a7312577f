from functools import cached_property

import segno
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from labels.codes import ALPHABET, LENGTH, new_code
from ports.models import Port

# Enough for any station; a collision in 31**10 codes is already one in a trillion.
_ATTEMPTS = 5


class PortLabelQuerySet(models.QuerySet):
    def issue(self, port) -> "PortLabel":
        """The port's label, created on first call; the same one ever after, even when two
        requests ask at once."""
        for _ in range(_ATTEMPTS):
            try:
                # A savepoint: a lost race must not spoil the caller's transaction.
                with transaction.atomic():
                    return self.create(port=port, code=new_code())
            except IntegrityError:
                if existing := self.filter(port=port).first():
                    return existing
                # Otherwise the code was taken: draw again.
        raise RuntimeError(f"No free label code for port {port.pk} in {_ATTEMPTS} attempts.")

    def issue_missing(self, port_ids) -> None:
        """Labels for those of these ports that have none, in one insert: ports made in bulk
        (imports, networks) skip the signal that labels ports one by one."""
        for _ in range(_ATTEMPTS):
            labelled = set(self.filter(port_id__in=port_ids).values_list("port_id", flat=True))
            missing = [pk for pk in port_ids if pk not in labelled]
            if not missing:
                return
            # A race or a taken code skips a row silently; the loop looks again.
            self.bulk_create(
                [PortLabel(port_id=pk, code=new_code()) for pk in missing], ignore_conflicts=True
            )
        raise RuntimeError(f"No free label codes for ports {missing} in {_ATTEMPTS} attempts.")


class PortLabel(models.Model):
    """The short code on a port's printed QR label. Issued once: the sticker on the hardware
    outlives any edit of the port."""

    port = models.OneToOneField(Port, on_delete=models.CASCADE, related_name="printed_label")
    code = models.CharField(max_length=LENGTH, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PortLabelQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Exact(Length("code"), LENGTH),
                name="port_label_code_length",
                violation_error_message=f"A label code is {LENGTH} characters long.",
            )
        ]

    def __str__(self):
        return self.code

    def save(self, *args, **kwargs):
        # The sticker on the hardware cannot change with the row: refuse, whoever saves.
        if self.pk and PortLabel.objects.filter(pk=self.pk).exclude(code=self.code).exists():
            raise ValidationError(
                {"code": "A port's label code never changes: it is printed on the port."}
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("labels:port", args=[self.code])

    def clean(self):
        super().clean()
        if len(self.code) != LENGTH or set(self.code) - set(ALPHABET):
            raise ValidationError(
                {
                    "code": f"A label code is {LENGTH} characters from “{ALPHABET}”: "
                    "keep the code ChargeSites issued."
                }
            )

    @property
    def short_url(self) -> str:
        """What the QR code holds and the label prints: the site's own address, whatever
        host the owner printed the sheet from."""
        return settings.SITE_URL.rstrip("/") + self.get_absolute_url()

    @cached_property
    def qr(self) -> segno.QRCode:
        # Q recovers a quarter of the code: a scratched or dirty sticker still scans.
        return segno.make(self.short_url, error="q", micro=False, boost_error=False)

    def qr_svg(self):
        """The QR code as inline SVG, sized by CSS; named for screen readers by its URL."""
        drawing = self.qr.svg_inline(
            scale=1, border=4, omitsize=True, svgclass="qr", lineclass=None
        )
        # segno's output holds only the matrix path: the URL itself never enters it.
        return format_html(
            '<span class="qr-code" role="img" aria-label="QR code for {}">{}</span>',
            self.short_url,
            mark_safe(drawing),
        )
