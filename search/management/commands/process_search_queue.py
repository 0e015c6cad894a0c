from django.core.management.base import BaseCommand, CommandError

from search.models import PendingUpdate
from search.queue import apply_pending


class Command(BaseCommand):
    help = (
        "Apply queued search index updates (run it from cron: updates that found the "
        "engine unreachable wait in the queue until it is back)."
    )

    def handle(self, *args, **options):
        applied = apply_pending(force=True)
        waiting = PendingUpdate.objects.count()
        self.stdout.write(f"Applied {applied} updates; {waiting} waiting.")
        if waiting:
            last = PendingUpdate.objects.exclude(last_error="").order_by("-pk").first()
            reason = last.last_error if last else "a rebuild is in progress"
            raise CommandError(f"{waiting} updates still waiting: {reason}")
