"""``import_records``: read a file, validate every row, then keep all or nothing.

The file is read as a stream and handled a batch of rows at a time, inside one
transaction: each batch is validated (the models' ``full_clean``) and its valid rows
written, so later rows see the records earlier rows made. At the end the transaction
is rolled back when any row was invalid (unless ``skip_invalid``), for a dry run, and
on any failure: nothing half-written, whatever the file holds, and a dry run's counts
are the real ones. Memory stays flat in the file's size: only the current batch, the
natural keys seen (as hashes, for duplicates) and the listed problems are held.
"""

import logging
from collections import defaultdict
from itertools import islice
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from .bulk import save_drafts
from .kinds import Context, duplicate_problem, get_spec
from .limits import limits
from .readers import FileProblem, read_table
from .report import Report
from .translations import cached_translations

logger = logging.getLogger(__name__)

BATCH = 1000  # rows validated and written together


class _Undo(Exception):
    """Leaves the transaction so that it rolls back."""


def import_records(
    kind,
    path,
    dry_run=False,
    skip_invalid=False,
    user=None,
    filename=None,
    collect_ids=False,
):
    """Import ``path`` as ``kind``; returns a ``Report``. Raises ``UnknownKind``.

    ``filename`` is the name to report (the admin stores uploads under a temp name).
    ``collect_ids``: keep every draft's id in ``report.draft_ids`` (the admin offers
    to submit them all for review); else only the listed ones are kept.
    Never raises for the file's content: every problem is in the report.
    """
    spec = get_spec(kind)
    name = filename or Path(path).name
    report = Report(kind=kind, file=name, dry_run=dry_run)
    report.max_listed = limits().reported_problems
    if collect_ids:
        report.draft_ids = {}
    context = Context(user)
    where = {"row": None}
    try:
        with cached_translations(), transaction.atomic():
            _import(spec, path, name, report, context, user, where)
            if dry_run or (report.errors and not skip_invalid):
                raise _Undo
    except _Undo:
        pass
    except FileProblem as problem:
        report.add(problem.row, problem.column, problem.message)
        return _nothing_written(report)
    except Exception as error:  # noqa: BLE001 - rolled back; the report says why
        logger.exception("import_records %s %s failed", kind, name)
        report.add(
            where["row"],
            "",
            _("写入时出错，已全部撤销，未导入任何记录：%(error)s")
            % {"error": error or type(error).__name__},
        )
        return _nothing_written(report)
    if report.errors and not skip_invalid:
        return _nothing_written(report)
    report.written = not dry_run
    if dry_run:
        _forget_drafts(report)
    return report


def _import(spec, path, name, report, context, user, where):
    table = read_table(path, spec.columns, name=name)
    rows = iter(table.rows)
    while batch := list(islice(rows, BATCH)):
        where["row"] = batch[0].number
        planned = spec.plan(table, batch, context)
        _mark_duplicates(planned, context)
        valid = []
        for item in planned:
            report.rows += 1
            for column, message in item.problems:
                report.add(item.row.number, column, message)
            if item.valid:
                valid.append(item)
            else:
                report.skipped += 1
        for item in valid:
            if item.records is None:
                where["row"] = item.row.number
                _count(report, item.save(user))
                if item.draft is not None:
                    report.add_draft(item.draft)
        _save_in_bulk([item for item in valid if item.records], user, report)
        context.batch_written()


def _save_in_bulk(items, user, report):
    stages = sorted({stage for item in items for stage in item.records})
    last = {}
    for stage in stages:
        members = [item for item in items if stage in item.records]
        if stage != stages[0]:
            for item in members:
                if item.relink:
                    item.relink()
        by_model, seen = defaultdict(list), set()
        for item in members:
            record = item.records[stage]
            if id(record) not in seen:  # a new organisation shared by two rows
                seen.add(id(record))
                by_model[type(record)].append(record)
        for records in by_model.values():
            for record, outcome in zip(
                records, save_drafts(records, user), strict=True
            ):
                last[id(record)] = outcome
    for item in items:
        record = item.records[max(item.records)]
        _count(report, last[id(record)])
        report.add_draft(record)


def _count(report, outcome):
    setattr(report, outcome, getattr(report, outcome) + 1)


def _forget_drafts(report):
    report.drafts, report.drafts_unlisted = [], 0
    if report.draft_ids is not None:
        report.draft_ids = {}


def _nothing_written(report):
    _forget_drafts(report)
    report.created = report.updated = 0
    report.skipped = report.rows
    report.written = False
    return report


def _mark_duplicates(planned, context):
    for item in planned:
        if item.key is None or not item.valid:
            continue
        first = context.first_row(item.key, item.row.number)
        if first != item.row.number:
            item.problems.append(duplicate_problem(first))
