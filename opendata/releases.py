"""Releases: every dataset in every format, cut at one moment and never changed.

A release is written to ``storages["opendata"]`` under ``releases/<label>/`` with each
file's SHA-256, size and row count recorded as it is written (the file is not read
back to checksum it). A cut is all-or-nothing: if any file or row fails, the files
already written are removed and no ``Release`` exists.

Labels: ``2026-Q3`` for the quarterly release of that quarter (cut in the quarter
after it), ``2026-11-23-151700`` (Beijing time) for one cut on demand.

A quarterly release holds the rows first published before its quarter ended, as they
stand when it is cut (``quarter_end``): rows published later are left out, but a
correction or withdrawal made between the quarter's end and the cut shows (the rows
are not rebuilt from the ledger's snapshots, which only records have). Each release's
``datapackage.json`` (written with its files) says so in ``rows_published_before``
and ``as_of``.
"""

import datetime
import hashlib
import json
import tempfile
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import storages
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wagtail.log_actions import log

from content_models.disclosure.periods import Period

from .datasets import DATASETS
from .formats import FORMATS, write_file
from .models import Release, ReleaseFile

CUT_ACTION = "opendata.cut_release"


class ReleaseError(Exception):
    """A cut that must not happen (its label or files exist already)."""


def storage():
    return storages["opendata"]


def release_path(label, slug, fmt):
    return f"releases/{label}/{checksummed_name(slug, fmt)}"


def quarter_before(today):
    """The quarter that ended last before ``today``."""
    return Period.containing(Period.containing(today).first_day - datetime.timedelta(1))


def on_demand_label(now):
    return timezone.localtime(now).strftime("%Y-%m-%d-%H%M%S")


def quarter_end(release_label):
    """For a quarterly label (``2026-Q3``) the moment its quarter ended (the next
    quarter's first day, 00:00 Beijing time); None for any other label."""
    try:
        period = Period.from_slug(release_label)
    except ValidationError:
        return None
    if period is None or not period.quarter:
        return None
    day = period.last_day + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def cut_quarterly(today=None, *, user=None):
    """The release of the quarter just ended, cut unless it exists (for cron).
    Returns (release, whether it was cut now)."""
    today = today or timezone.localdate()
    label = quarter_before(today).slug
    existing = Release.objects.filter(label=label).first()
    if existing is not None:
        return existing, False
    return _cut(label, Release.Kind.QUARTERLY, user=user), True


def cut_release(kind, *, user=None, note="", now=None):
    """Cut a release now: a quarterly one (of the quarter before ``now``) or one on
    demand (labelled with the local time). ReleaseError if the label is taken."""
    now = now or timezone.now()
    if kind == Release.Kind.QUARTERLY:
        label = quarter_before(timezone.localdate(now)).slug
    elif kind == Release.Kind.ON_DEMAND:
        label = on_demand_label(now)
    else:
        raise ValueError(kind)
    return _cut(label, kind, user=user, note=note, now=now)


def _cut(label, kind, *, user=None, note="", now=None):
    if Release.objects.filter(label=label).exists():
        raise ReleaseError(_("版本“%(label)s”已存在，不能重复生成") % {"label": label})
    limit = Release._meta.get_field("note").max_length
    if len(note) > limit:
        raise ReleaseError(_("说明不能超过%(limit)d个字") % {"limit": limit})
    written = []
    until = quarter_end(label) if kind == Release.Kind.QUARTERLY else None
    try:
        with _snapshot(), translation.override(settings.LANGUAGE_CODE):
            files = [
                _write(label, dataset, fmt, written, until)
                for dataset in DATASETS.values()
                for fmt in FORMATS
            ]
            release = Release.objects.create(
                label=label,
                kind=kind,
                cut_at=now or timezone.now(),
                cut_by=user,
                note=note,
            )
            for release_file in files:
                release_file.release = release
            ReleaseFile.objects.bulk_create(files)
            for dataset in DATASETS.values():
                _write_datapackage(release, dataset, files, until, written)
            log(
                instance=release,
                action=CUT_ACTION,
                user=user,
                data={"label": label, "files": len(files)},
            )
    except BaseException:
        for path in written:
            storage().delete(path)
        raise
    return release


@contextmanager
def _snapshot():
    """One transaction that every dataset is read in, so a release is one moment.

    PostgreSQL reads each statement from a new snapshot unless the transaction is
    REPEATABLE READ; SQLite's transaction already is one snapshot. Inside an outer
    transaction (tests, a caller's atomic block) the level cannot change any more.
    """
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        yield


def _write(label, dataset, fmt, written, until=None):
    """Write one file of the release; the ReleaseFile (unsaved) describing it."""
    path = release_path(label, dataset.slug, fmt)
    if storage().exists(path):
        raise ReleaseError(_("文件“%(path)s”已存在，版本文件不能覆盖") % {"path": path})
    selection = dataset.published_before(until) if until else None
    rows = CountedRows(dataset.rows(selection))
    with tempfile.TemporaryFile() as spool:
        target = HashingWriter(spool)
        write_file(dataset, fmt, target, rows=rows)
        spool.seek(0)
        saved = storage().save(path, File(spool))
    written.append(saved)
    if saved != path:
        # Written meanwhile by another cut: ours went to another name.
        raise ReleaseError(_("文件“%(path)s”已存在，版本文件不能覆盖") % {"path": path})
    return ReleaseFile(
        dataset=dataset.slug,
        format=fmt,
        path=path,
        sha256=target.hexdigest(),
        size=target.size,
        rows=rows.count,
    )


def datapackage_path(label, slug):
    return f"releases/{label}/{slug}.datapackage.json"


def _write_datapackage(release, dataset, files, until, written):
    """The release's own descriptor of ``dataset``: its files by their names in the
    release folder, their checksums, the schema and licence as they were then."""
    from .catalog import release_datapackage  # catalog reads releases' files

    mine = [item for item in files if item.dataset == dataset.slug]
    document = release_datapackage(dataset, release, mine, until)
    content = json.dumps(document, ensure_ascii=False, indent=2).encode()
    path = datapackage_path(release.label, dataset.slug)
    with tempfile.TemporaryFile() as spool:
        spool.write(content)
        spool.seek(0)
        saved = storage().save(path, File(spool))
    written.append(saved)
    if saved != path:
        raise ReleaseError(_("文件“%(path)s”已存在，版本文件不能覆盖") % {"path": path})


class HashingWriter:
    """A write-only file that checksums and counts what passes through it.

    It has no ``seek``/``tell`` on purpose: zipfile (XLSX) then writes in one
    forward pass instead of going back to patch headers the hash has seen already.
    """

    def __init__(self, target):
        self._target = target
        self._hash = hashlib.sha256()
        self.size = 0

    def write(self, data):
        self._hash.update(data)
        self.size += len(data)
        return self._target.write(data)

    def flush(self):
        self._target.flush()

    def hexdigest(self):
        return self._hash.hexdigest()


class CountedRows:
    """The rows, counted as a writer consumes them."""

    def __init__(self, rows):
        self._rows = rows
        self.count = 0

    def __iter__(self):
        for row in self._rows:
            self.count += 1
            yield row


def checksummed_name(slug, fmt):
    """A release file's name: in SHA256SUMS, at the end of its address and in the
    ``Content-Disposition`` a browser saves it under; one name, so ``sha256sum -c``
    works on downloaded files however they were fetched."""
    return f"{slug}.{fmt}"


def checksums(release):
    """The release's SHA256SUMS: ``sha256sum -c`` reads it in the release's folder."""
    return "".join(
        f"{item.sha256}  {checksummed_name(item.dataset, item.format)}\n"
        for item in release.files.order_by("dataset", "format")
    )
