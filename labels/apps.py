from django.apps import AppConfig


class LabelsConfig(AppConfig):
    name = "labels"
    verbose_name = "Port labels"

    def ready(self):
        # The core (ports) knows nothing of labels: each new port gets one through this hook.
        from labels import signals  # noqa: F401
