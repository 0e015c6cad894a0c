from django.core.management.base import BaseCommand

from publishing.workflows import setup_publishing


class Command(BaseCommand):
    help = (
        "Create the default review groups, permissions and workflows and assign them "
        "to the home pages, the village section and the record types. Safe to run "
        "again: only what is missing is added."
    )

    def handle(self, *args, **options):
        workflows = setup_publishing()
        for name in workflows:
            self.stdout.write(f"workflow: {name}")
