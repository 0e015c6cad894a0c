"""Send the webhook deliveries that are due (retries with backoff) and the challenges
of subscriptions not yet confirmed. Run from cron, e.g. every minute."""

from django.core.management.base import BaseCommand

from opendata.webhooks import WebhookSubscription, confirm, send_due


class Command(BaseCommand):
    help = "Send due open-data webhook deliveries and pending challenges."

    def handle(self, *args, **options):
        pending = WebhookSubscription.objects.filter(
            active=True, confirmed_at__isnull=True
        ).values_list("pk", flat=True)
        confirmed = sum(1 for pk in pending if confirm(pk))
        delivered = send_due()
        self.stdout.write(f"confirmed {confirmed}, delivered {delivered}")
