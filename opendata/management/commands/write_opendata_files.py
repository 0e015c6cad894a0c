"""Write the current download files ahead of the first request (``exports.py``):
``manage.py write_opendata_files`` after publishing, e.g. every few minutes from cron,
so no reader waits for a large file to be written. Files already written for the
current change mark are left alone."""

from django.core.management.base import BaseCommand

from opendata.datasets import DATASETS
from opendata.downloads import current_download
from opendata.formats import FORMATS


class Command(BaseCommand):
    help = "Write the current open-data download files (those up to date are kept)."

    def handle(self, *args, **options):
        for dataset in DATASETS.values():
            for fmt in FORMATS:
                name = current_download(dataset, fmt)
                self.stdout.write(name)
