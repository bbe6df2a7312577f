from django.contrib import admin
from django.urls import include, path

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
    path("accounts/", include("accounts.urls")),
    path("admin/", admin.site.urls),
]
