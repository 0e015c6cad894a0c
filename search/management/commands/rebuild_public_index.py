from django.core.management.base import BaseCommand, CommandError

from search.engines import EngineUnavailable, get_engine
from search.queue import rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the public search index from the database into a new index and switch "
        "to it when complete: searches keep working throughout."
    )

    def handle(self, *args, **options):
        engine = get_engine()
        try:
            count = rebuild(engine)
        except EngineUnavailable as error:
            raise CommandError(f"The search engine is unavailable: {error}") from error
        self.stdout.write(
            self.style.SUCCESS(f"Indexed {count} documents ({engine.name} engine).")
        )
