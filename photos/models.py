from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction

from accounts.models import User
from accounts.plans import limit_message
from ports.models import Port
from sites.models import Site
from stations.models import Station


class PhotoQuerySet(models.QuerySet):
    def for_owner(self, user):
        return self.filter(site__owner=user) if user.is_authenticated else self.none()


class Photo(models.Model):
    """A photo of a location, optionally of one of its stations or ports."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="photos")
    station = models.ForeignKey(
        Station, on_delete=models.SET_NULL, null=True, blank=True, related_name="photos"
    )
    port = models.ForeignKey(
        Port, on_delete=models.SET_NULL, null=True, blank=True, related_name="photos"
    )
    caption = models.CharField(
        max_length=200, help_text="What it shows, for drivers who cannot see it: “CCS cable, left”."
    )
    image = models.ImageField(upload_to="photos/", width_field="width", height_field="height")
    thumbnail = models.ImageField(upload_to="photos/")
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    position = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PhotoQuerySet.as_manager()

    class Meta:
        ordering = ["site", "position", "pk"]

    def __str__(self):
        return self.caption

    def clean(self):
        super().clean()
        if self.port_id and self.port.station.site_id != self.site_id:
            raise ValidationError({"port": "Choose a port of this location."})
        if self.station_id and self.station.site_id != self.site_id:
            raise ValidationError({"station": "Choose a station of this location."})
        if self._state.adding:
            self.validate_photo_limit()

    @staticmethod
    def room_at(site) -> int | None:
        """How many more photos the location may have on its owner's plan (None: no limit)."""
        if site.owner_id is None:
            return None
        allowed = site.owner.plan_choice.limits.photos_per_location
        if allowed is None:
            return None
        return max(allowed - site.photos.count(), 0)

    def validate_photo_limit(self, adding: int = 1):
        """As many photos per location as the owner's plan allows, safe under concurrent uploads:
        the owner's row stays locked until the caller's transaction ends."""
        owner_id = self.site.owner_id
        if owner_id is None:
            return
        with transaction.atomic():
            owner = User.objects.lock(owner_id)
            plan = owner.plan_choice
            allowed = plan.limits.photos_per_location
            held = Photo.objects.filter(site_id=self.site_id).count()
            if allowed is not None and held + adding > allowed:
                message = limit_message(plan, "photo", "photos_per_location", " per location")
                room = max(allowed - held, 0)
                if room and adding > 1:  # a batch that would fit in part: say how much does
                    more = f"{room} more photo{'s' if room != 1 else ''}"
                    message = (
                        f"You can add {more} on the {plan.label} plan; {adding} were selected. "
                        f"Choose {room} or fewer. {message}"
                    )
                raise ValidationError(message, code="limit")
