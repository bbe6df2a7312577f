from django.urls import path

from analytics import views

app_name = "analytics"
urlpatterns = [
    path("dashboard/sites/<int:pk>/analytics/", views.site_analytics, name="site"),
]
