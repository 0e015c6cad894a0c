"""``import_records``: read a file, validate every row, then write all or nothing.

Every row is validated (the models' ``full_clean``) before anything is written. Any
invalid row means nothing is written unless ``skip_invalid``; the writes happen in one
transaction, so a failure half-way leaves the database as it was, and a dry run rolls
the same transaction back so its counts are the real ones.
"""

import logging
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from .kinds import Context, duplicate_problem, get_spec
from .readers import FileProblem, read_table
from .report import Report

logger = logging.getLogger(__name__)


def import_records(
    kind, path, dry_run=False, skip_invalid=False, user=None, filename=None
):
    """Import ``path`` as ``kind``; returns a ``Report``. Raises ``UnknownKind``.

    ``filename`` is the name to report (the admin stores uploads under a temp name).
    """
    spec = get_spec(kind)
    name = filename or Path(path).name
    report = Report(kind=kind, file=name, dry_run=dry_run)
    try:
        table = read_table(path, spec.columns, name=name)
    except FileProblem as problem:
        report.add(None, problem.column, problem.message)
        return report
    report.rows = len(table.rows)
    planned = spec.plan(table, Context(user))
    _mark_duplicates(planned)
    for item in planned:
        for column, message in item.problems:
            report.add(item.row.number, column, message)
    valid = [item for item in planned if item.valid]
    report.skipped = len(planned) - len(valid)
    if report.errors and not skip_invalid:
        report.skipped = len(planned)
        return report
    try:
        with transaction.atomic():
            for item in valid:
                outcome = item.save(user)
                setattr(report, outcome, getattr(report, outcome) + 1)
            if dry_run:
                transaction.set_rollback(True)
    except Exception as error:  # noqa: BLE001 - rolled back; the report says why
        logger.exception("import_records %s %s failed", kind, name)
        report.created = report.updated = 0
        report.skipped = len(planned)
        report.add(
            None,
            "",
            _("写入时出错，已全部撤销，未导入任何记录：%(error)s") % {"error": error},
        )
        return report
    report.written = not dry_run
    return report


def _mark_duplicates(planned):
    seen = {}
    for item in planned:
        if item.key is None or not item.valid:
            continue
        if item.key in seen:
            item.problems.append(duplicate_problem(seen[item.key]))
        else:
            seen[item.key] = item.row.number
