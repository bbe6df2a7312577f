from django.urls import path

from chargers import views

app_name = "chargers"
urlpatterns = [
    path(
        "dashboard/stations/<int:station_pk>/chargers/connect/",
        views.connect_charger,
        name="connect",
    ),
    path("dashboard/chargers/<int:pk>/", views.charger_detail, name="detail"),
    path("dashboard/chargers/<int:pk>/password/", views.issue_password, name="password"),
    path("dashboard/chargers/<int:pk>/connectors/", views.map_connectors, name="connectors"),
    path("dashboard/chargers/<int:pk>/accepts/", views.set_accepts, name="accepts"),
    path("dashboard/chargers/<int:pk>/tags/", views.add_tag, name="add_tag"),
    path("dashboard/tags/<int:pk>/remove/", views.remove_tag, name="remove_tag"),
    path("dashboard/chargers/<int:pk>/remove/", views.remove_charger, name="remove"),
]
