"""The current downloads as files: each dataset's file in each format is written once
per change mark (``changes.py``) under ``storages["opendata"]`` in ``current/`` and
then served whole, by Django's ``FileResponse`` or by the web server
(``X-Accel-Redirect`` when ``OPENDATA_ACCEL_REDIRECT`` names nginx's internal
location for that folder).

A file is complete before any byte of it is sent, so a download can no longer end
early under a 200 (a streamed million-row export was cut off by gunicorn's worker
timeout); it is written to a ``.part`` file and renamed into place, so a reader never
sees half of one. ``manage.py write_opendata_files`` writes them ahead of the first
request (run it after publishing, e.g. from cron); otherwise the first request after a
change writes it.
"""

import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files.storage import storages
from django.utils import translation

from .formats import write_file


def storage():
    return storages["opendata"]


def current_name(dataset, fmt, version):
    """The file's name in storage: one per dataset, format and version."""
    return f"current/{dataset.slug}/{version}.{fmt}"


def current_file(dataset, fmt, version):
    """The storage name of ``dataset``'s file in ``fmt`` at ``version`` (the change
    mark's generation and fingerprint), written first if it is not there yet."""
    name = current_name(dataset, fmt, version)
    target = Path(storage().path(name))
    if target.exists():
        return name
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(
        dir=target.parent, prefix=f".{version}.{fmt}.", suffix=".part", delete=False
    ) as spool:
        try:
            with translation.override(settings.LANGUAGE_CODE):  # as releases are
                write_file(dataset, fmt, spool)
        except BaseException:
            os.unlink(spool.name)
            raise
    os.chmod(spool.name, 0o644)
    os.replace(spool.name, target)  # atomic: a reader sees no file or all of it
    _remove_older(target, fmt)
    return name


def _remove_older(current, fmt):
    """Remove all but the current and the one version before it: a download begun
    just before the change (or nginx following an X-Accel-Redirect) still finds its
    file."""
    older = [other for other in current.parent.glob(f"*.{fmt}") if other != current]
    older.sort(key=lambda path: path.stat().st_mtime, reverse=True)
    for other in older[1:]:
        other.unlink(missing_ok=True)
