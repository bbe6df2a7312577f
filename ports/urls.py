from django.urls import path

from ports import views

app_name = "ports"
urlpatterns = [
    path("dashboard/stations/<int:station_pk>/ports/add/", views.add_port, name="add"),
    path("dashboard/ports/<int:pk>/", views.port_detail, name="detail"),
    path("dashboard/ports/<int:pk>/edit/", views.edit_port, name="edit"),
    path("dashboard/ports/<int:pk>/status/", views.mark_port, name="status"),
    path("dashboard/ports/<int:pk>/delete/", views.delete_port, name="delete"),
]
