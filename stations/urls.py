from django.urls import path

from stations import views

app_name = "stations"
urlpatterns = [
    path("dashboard/sites/<int:site_pk>/stations/add/", views.add_station, name="add"),
    path("dashboard/stations/<int:pk>/", views.station_detail, name="detail"),
    path("dashboard/stations/<int:pk>/edit/", views.edit_station, name="edit"),
    path("dashboard/stations/<int:pk>/confirm/", views.confirm_ports, name="confirm"),
    path("dashboard/stations/<int:pk>/positions/", views.group_ports, name="group"),
    path("dashboard/positions/<int:pk>/split/", views.split_position, name="split"),
]
