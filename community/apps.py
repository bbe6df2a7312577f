from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = "Check-ins and reviews"

    def ready(self):
        from community import receivers
        from reports.models import count_not_working_from

        count_not_working_from(receivers.could_not_charge)
