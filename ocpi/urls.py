from django.urls import path

from ocpi import views

app_name = "ocpi"
receiver = "ocpi/emsp/2.2.1/locations/<str:cc>/<str:party>/<str:location_id>/"
sender = "ocpi/cpo/2.2.1/locations/"
urlpatterns = [
    path(receiver, views.location, name="location"),
    path(f"{receiver}<str:evse_uid>/", views.evse, name="evse"),
    path(f"{receiver}<str:evse_uid>/<str:connector_id>/", views.connector, name="connector"),
    path(sender, views.our_locations, name="our_locations"),
    path(f"{sender}<str:location_id>/", views.our_location, name="our_location"),
    path(f"{sender}<str:location_id>/<str:evse_uid>/", views.our_location, name="our_evse"),
    path(
        f"{sender}<str:location_id>/<str:evse_uid>/<str:connector_id>/",
        views.our_location,
        name="our_connector",
    ),
]
