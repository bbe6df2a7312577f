from django.urls import path

from sites import public_views, views

app_name = "sites"
urlpatterns = [
    path("", public_views.home, name="home"),
    path("locations/<int:pk>/", public_views.location, name="public"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/sites/", views.site_list, name="list"),
    path("dashboard/sites/add/", views.add_site, name="add"),
    path("dashboard/sites/add/nearby/", views.nearby, name="nearby"),
    path("dashboard/sites/<int:pk>/", views.site_detail, name="detail"),
    path("dashboard/sites/<int:pk>/edit/", views.edit_site, name="edit"),
    path("dashboard/sites/<int:pk>/verify/", views.verify_site, name="verify"),
    path("dashboard/suggestions/<int:pk>/", views.resolve_suggestion, name="suggestion"),
]
