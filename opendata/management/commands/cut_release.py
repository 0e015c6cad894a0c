"""Cut an open data release: ``cut_release`` now, or ``cut_release --quarterly``
from cron (cuts the quarter just ended once; later runs only say it exists)."""

from django.core.management.base import BaseCommand, CommandError

from opendata.models import Release
from opendata.releases import ReleaseError, cut_quarterly, cut_release


class Command(BaseCommand):
    help = "Cut a release of every open dataset (on demand, or the quarterly one)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--quarterly",
            action="store_true",
            help="Cut the release of the quarter just ended unless it exists.",
        )
        parser.add_argument("--note", default="", help="A note shown with it.")

    def handle(self, *args, quarterly=False, note="", **options):
        if quarterly:
            if note:
                raise CommandError("--note is for releases cut on demand.")
            release, cut = cut_quarterly()
            verb = "Cut" if cut else "Already exists:"
        else:
            try:
                release = cut_release(Release.Kind.ON_DEMAND, note=note)
            except ReleaseError as error:
                raise CommandError(str(error)) from error
            verb = "Cut"
        files = release.files.count()
        self.stdout.write(f"{verb} release {release.label} ({files} files)")
