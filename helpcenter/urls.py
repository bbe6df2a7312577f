from django.urls import path

from helpcenter import views

app_name = "help"
urlpatterns = [
    path("", views.index, name="index"),
    path("managing-ports/", views.managing_ports, name="managing_ports"),
    path("connector-types/", views.connector_types, name="connector_types"),
    path("subscription-limits/", views.subscription_limits, name="subscription_limits"),
    path("optimizing-listings/", views.optimizing, name="optimizing"),
    path("contact/", views.contact, name="contact"),
    path("contact/sent/", views.contact_sent, name="contact_sent"),
]
