from django.apps import AppConfig


class NrelConfig(AppConfig):
    name = "nrel"
    verbose_name = "NREL AFDC import"
