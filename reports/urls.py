from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("ports/<int:port_pk>/report/", views.report_problem, name="report"),
    path("dashboard/reports/<int:pk>/resolve/", views.resolve_report, name="resolve"),
    path(
        "dashboard/reports/<int:pk>/out-of-service/",
        views.mark_out_of_service,
        name="out_of_service",
    ),
]
