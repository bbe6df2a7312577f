from django.urls import path

from photos import views

app_name = "photos"
urlpatterns = [
    path("dashboard/sites/<int:site_pk>/photos/", views.site_photos, name="site"),
    path("dashboard/photos/<int:pk>/move/", views.move_photo, name="move"),
    path("dashboard/photos/<int:pk>/delete/", views.delete_photo, name="delete"),
]
