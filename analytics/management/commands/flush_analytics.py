from django.core.management.base import BaseCommand

from analytics import flush


class Command(BaseCommand):
    help = "Add the page views and search appearances waiting in Redis to DailyCount now."

    def handle(self, *args, **options):
        added = flush.safely()
        if added is None:
            self.stderr.write("Redis is unreachable: the counts wait there for the next flush.")
        else:
            self.stdout.write(f"Added {added} batch{'es' if added != 1 else ''} of counts.")
