from django.urls import path

from community import views

app_name = "community"
urlpatterns = [
    path("locations/<int:site_pk>/check-in/", views.check_in, name="check_in"),
    path("locations/<int:site_pk>/review/", views.review, name="review"),
    path("reviews/<int:pk>/flag/", views.flag_review, name="flag_review"),
    path("dashboard/check-ins/<int:pk>/answer/", views.answer_check_in, name="answer_check_in"),
    path("dashboard/reviews/<int:pk>/answer/", views.answer_review, name="answer_review"),
]
