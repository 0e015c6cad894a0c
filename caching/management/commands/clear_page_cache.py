"""Start a new page-cache generation: after a deploy (templates or code changed),
or whenever an operator wants every page rendered afresh. Nothing else needs it:
publishing starts one by itself."""

from django.core.management.base import BaseCommand

from caching.generation import start_new


class Command(BaseCommand):
    help = "Start a new page-cache generation (after a deploy)."

    def handle(self, *args, **options):
        generation = start_new()
        self.stdout.write(f"page cache generation {generation.token}")
