from django.urls import path

from claims import views

app_name = "claims"
urlpatterns = [
    path("locations/<int:site_pk>/claim/", views.claim_location, name="claim"),
    path("claims/<int:pk>/proof/", views.proof, name="proof"),
]
