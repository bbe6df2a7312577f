from django.urls import re_path

from ocpi import owner_views, views

app_name = "ocpi"
# OCPI's URLs have no trailing slash; a redirect would lose a PUT's body.
_RECEIVER = r"^ocpi/emsp/2\.2\.1/locations/(?P<cc>[^/]+)/(?P<party>[^/]+)/(?P<location_id>[^/]+)"
_SENDER = r"^ocpi/cpo/2\.2\.1/locations"
_EVSE = r"/(?P<evse_uid>[^/]+)"
_CONNECTOR = r"/(?P<connector_id>[^/]+)"
_LOCATION = r"/(?P<location_id>[^/]+)"
_END = r"/?$"
urlpatterns = [
    re_path(r"^dashboard/sites/(?P<site_pk>\d+)/networks/$", owner_views.link_network, name="link"),
    re_path(_RECEIVER + _END, views.location, name="location"),
    re_path(_RECEIVER + _EVSE + _END, views.evse, name="evse"),
    re_path(_RECEIVER + _EVSE + _CONNECTOR + _END, views.connector, name="connector"),
    re_path(_SENDER + _END, views.our_locations, name="our_locations"),
    re_path(_SENDER + _LOCATION + _END, views.our_location, name="our_location"),
    re_path(_SENDER + _LOCATION + _EVSE + _END, views.our_location, name="our_evse"),
    re_path(
        _SENDER + _LOCATION + _EVSE + _CONNECTOR + _END, views.our_location, name="our_connector"
    ),
    # Anything else under ocpi/ (an empty id, a path too long or too short) gets the envelope.
    re_path(r"^ocpi/", views.no_endpoint, name="no_endpoint"),
]
