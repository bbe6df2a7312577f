from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts import views
from accounts.forms import LoginForm, ResetPasswordForm, ResetRequestForm

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("signup/done/", views.signup_done, name="signup_done"),
    path("confirm-email/", views.confirm_email, name="confirm_email"),
    path("confirm-email/<str:token>/", views.confirm_email_link, name="confirm_email_link"),
    path("plan/", views.plan, name="plan"),
    path("login/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path(
        "password_reset/",
        auth_views.PasswordResetView.as_view(form_class=ResetRequestForm),
        name="password_reset",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=ResetPasswordForm),
        name="password_reset_confirm",
    ),
    path("", include("django.contrib.auth.urls")),
]
