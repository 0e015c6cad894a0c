"""Where reply documents are kept: a folder of their own (``CLOCKS_PRIVATE_DIR``,
default var/private), never under MEDIA_ROOT, which a web server may serve whole.
The storage has no URL: documents leave only through the applicant's status page
(views.py) and email."""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property


@deconstructible(path="clocks.storage.PrivateStorage")
class PrivateStorage(FileSystemStorage):
    def __init__(self):
        super().__init__(base_url=None)

    @cached_property
    def base_location(self):
        folder = getattr(settings, "CLOCKS_PRIVATE_DIR", None)
        return str(folder or Path(settings.VAR_DIR) / "private")

    def url(self, name):
        raise ValueError("reply documents have no public address")


private_storage = PrivateStorage()
