from django.urls import path

from search import views

app_name = "search"
urlpatterns = [
    path("locations/", views.locations, name="locations"),
    path("locations/map.json", views.map_data, name="map"),
]
