import time

from django.core.management import call_command
from django.core.management.base import BaseCommand

# What `make run` does before serving, in order. The search index is created before
# the demo is loaded, so the demo's own index updates fill it and nothing is indexed
# twice on a fresh clone.
STEPS = [
    ("migrate", {"interactive": False, "verbosity": 0, "skip_checks": True}),
    ("rebuild_public_index", {}),
    ("load_demo", {}),
    ("cut_release", {"quarterly": True}),
    ("ensure_admin", {}),
]


class Command(BaseCommand):
    help = (
        "Everything `make run` does before serving, in one process (each Django "
        "start-up costs seconds): the schema, the search index, the demo (once), "
        "this quarter's open-data release and the admin account."
    )

    def handle(self, *args, **options):
        for name, arguments in STEPS:
            started = time.monotonic()
            call_command(name, stdout=self.stdout, stderr=self.stderr, **arguments)
            self.stdout.write(f"{name}: {time.monotonic() - started:.1f} s")
