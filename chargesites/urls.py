from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from chargesites.health import health
from photos.views import media

admin.site.site_header = "ChargeSites support"
admin.site.site_title = "ChargeSites support"
admin.site.index_title = "Locations, stations, ports and owners"

urlpatterns = [
    path("", include("sites.urls")),
    path("", include("stations.urls")),
    path("", include("ports.urls")),
    path("", include("claims.urls")),
    path("", include("search.urls")),
    path("", include("ocpi.urls")),
    path("", include("chargers.urls")),
    path("", include("photos.urls")),
    path("", include("reports.urls")),
    path("", include("community.urls")),
    path("", include("labels.urls")),
    path("", include("analytics.urls")),
    path("help/", include("helpcenter.urls")),
    path("accounts/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("health/", health, name="health"),
]

if settings.SERVE_MEDIA:
    # Content types follow the file names we gave (photos/images.py), never the uploader's.
    urlpatterns.append(re_path(r"^media/(?P<path>.*)$", media))
