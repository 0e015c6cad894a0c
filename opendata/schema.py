"""What a dataset is: its fields (a Frictionless Table Schema) and where its rows come
from. The definitions themselves are in ``datasets.py``; every format, the API, the
releases and the schema documents read them, so a column is described once.

Rows are read with ``values_list`` (no model instances: an export of a million rows
stays fast and flat) and every text cell goes through the same masking as the
publishing guards (``content_models.disclosure.privacy``), so nothing unmasked leaves
through open data even if it slipped into a published record.
"""

import datetime
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Count, Max, Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from content_models.disclosure.privacy import mask_personal_data, may_hold_personal_data
from content_models.regions.codes import descendant_prefix

# Frictionless Table Schema field types we use.
STRING, INTEGER, NUMBER, BOOLEAN, DATE, DATETIME = (
    "string",
    "integer",
    "number",
    "boolean",
    "date",
    "datetime",
)


@dataclass(frozen=True)
class Field:
    name: str  # the column header in every format; stable across releases
    type: str
    title: str  # lazy, Chinese msgid; English through the catalogue
    description: str = ""
    source: str | tuple = ""  # ORM path(s) read with values_list; default ``name``
    convert: Callable | None = None  # the source values -> the cell value
    required: bool = False
    unique: bool = False
    choices: type | None = None  # a TextChoices class: enum constraint and labels
    pattern: str = ""

    @property
    def sources(self):
        if isinstance(self.source, tuple):
            return self.source
        return (self.source or self.name,)

    def constraints(self):
        constraints = {}
        if self.required:
            constraints["required"] = True
        if self.unique:
            constraints["unique"] = True
        if self.choices is not None:
            constraints["enum"] = list(self.choices.values)
        if self.pattern:
            constraints["pattern"] = self.pattern
        return constraints


@dataclass(frozen=True)
class Dataset:
    slug: str  # the address: /opendata/<slug>.csv, /api/v1/<slug>
    title: str
    description: str
    fields: tuple
    rows_from: Callable  # () -> the public rows, a queryset
    models: tuple  # labels of the models whose changes change this dataset
    # Filters of the read API; a dataset offers those it has.
    region: Callable | None = None  # (queryset, region code) -> queryset
    period: Callable | None = None  # (queryset, Period) -> queryset
    list_type: str = ""  # ORM path of the 名录类型
    statuses: dict = field(default_factory=dict)  # value -> Q
    updated: tuple = ("last_published_at",)  # ORM paths; a row changed when any did
    # For catalogues (DCAT dcat:keyword, dcat:theme, dct:temporal): lazy keywords;
    # EU data-theme codes (SOCI, GOVE, REGI, ECON …); the ORM path of the date a row
    # is about (default: its first ``updated`` path).
    keywords: tuple = ()
    themes: tuple = ("SOCI",)
    covers: str = ""

    @property
    def primary_key(self):
        return self.fields[0].name

    @property
    def field_names(self):
        return [column.name for column in self.fields]

    def queryset(self):
        """The public rows in a stable order (the primary key), of items that went
        public through Wagtail's publication (see ``published_paths``)."""
        rows = self.rows_from()
        for path in published_paths(rows.model, self.updated):
            rows = rows.filter(**{f"{path}__isnull": False})
        return rows.order_by("pk")

    def published_before(self, moment):
        """The public rows whose every published part was first published before
        ``moment`` (a quarterly release's rows: see ``releases.quarter_end``)."""
        rows = self.queryset()
        for path in published_paths(rows.model, self.updated):
            first = path.removesuffix("live_revision") + "first_published_at"
            rows = rows.filter(**{f"{first}__lt": moment})
        return rows

    def fingerprint(self):
        """A digest of the public rows as the database holds them, in one aggregate
        query: how many, the last key, the last publication and published revision
        of every part of a row. A row added, removed, hidden or published outside
        publishing changes it; an edit of a column that touches none of these does
        not (``verify_ledger`` finds those)."""
        rows = self.queryset().order_by()
        aggregates = {"rows": Count("pk"), "last": Max("pk")}
        for number, path in enumerate(self.updated):
            aggregates[f"updated{number}"] = Max(path)
        for number, path in enumerate(published_paths(rows.model, self.updated)):
            aggregates[f"revision{number}"] = Max(path)
        return digest(rows.aggregate(**aggregates))

    def watches(self, label):
        """Whether a change to model ``label`` may change this dataset's rows."""
        return label in self.models

    def select(self, **filters):
        """The public rows matching the read API's filters (see ``filter``)."""
        return self.filter(self.queryset(), **filters)

    def page(self, selection, after=None, limit=100):
        """Up to ``limit`` rows of ``selection`` after position ``after``, as
        (position, row); a row's position is its primary key."""
        if after is not None:
            selection = selection.filter(pk__gt=after)
        return [(row[0], row) for row in self.rows(selection, limit=limit)]

    def parse_position(self, text):
        """A position from a cursor's text; ValueError when it cannot be one."""
        position = int(text)
        if position < 0:
            raise ValueError(text)
        return position

    def position_text(self, position):
        """The text a cursor carries for a position (``parse_position`` reads it)."""
        return str(position)

    def count(self, selection):
        return selection.count()

    def coverage(self):
        """(first, last) date the public rows are about, or None (no rows, or no
        date to read)."""
        path = self.covers or (self.updated[0] if self.updated else "")
        if not path:
            return None
        found = self.queryset().order_by().aggregate(first=Min(path), last=Max(path))
        if found["first"] is None:
            return None
        return _day(found["first"]), _day(found["last"])

    def filter(
        self,
        queryset,
        *,
        region=None,
        period=None,
        list_type=None,
        status=None,
        updated_since=None,
    ):
        """Rows matching the read API's filters; the caller has checked that this
        dataset offers each filter it passes (see ``offers``)."""
        if region:
            queryset = self.region(queryset, region)
        if period:
            queryset = self.period(queryset, period)
        if list_type:
            queryset = queryset.filter(**{self.list_type: list_type})
        if status:
            queryset = queryset.filter(self.statuses[status])
        if updated_since:
            changed = Q()
            for path in self.updated:
                changed |= Q(**{f"{path}__gte": updated_since})
            queryset = queryset.filter(changed)
        return queryset

    def offers(self):
        """The names of the read API filters this dataset has."""
        offered = {
            "region": self.region is not None,
            "period": self.period is not None,
            "list": bool(self.list_type),
            "status": bool(self.statuses),
            "updated_since": bool(self.updated),
        }
        return [name for name, present in offered.items() if present]

    def rows(self, queryset=None, limit=None):
        """Tuples of cell values in field order: dates, datetimes, Decimals, ints,
        bools, masked strings or None. Formats decide how each is written.

        Read through the database cursor in batches; each batch's text is checked
        for personal numbers in one pass (``_public_rows``)."""
        queryset = self.queryset() if queryset is None else queryset
        paths = [path for column in self.fields for path in column.sources]
        plan = []
        start = 0
        for column in self.fields:
            plan.append((column.convert, start, start + len(column.sources)))
            start += len(column.sources)
        values_list = queryset.values_list(*paths)
        if limit is not None:
            values_list = values_list[:limit]
        batch = []
        for values in values_list.iterator(chunk_size=BATCH_ROWS):
            batch.append(values)
            if len(batch) == BATCH_ROWS:
                yield from _public_rows(batch, plan)
                batch = []
        if batch:
            yield from _public_rows(batch, plan)


BATCH_ROWS = 2000


def _public_rows(batch, plan):
    """The batch's cells, every text masked. Privacy's cheap pre-check runs once on
    the batch's text joined by NUL (which no number pattern crosses), and each
    distinct text of a batch (names, authorities, reasons repeat) is masked once."""
    rows = [
        tuple(convert(*values[a:b]) if convert else values[a] for convert, a, b in plan)
        for values in batch
    ]
    texts = {cell for row in rows for cell in row if isinstance(cell, str)}
    if not may_hold_personal_data("\x00".join(texts)):
        return rows
    masked = {text: mask_personal_data(text) for text in texts}
    return [
        tuple(masked[cell] if isinstance(cell, str) else cell for cell in row)
        for row in rows
    ]


def published_paths(model, updated):
    """ORM paths of the ``live_revision`` of each published part of a row (the row's
    own model and the parents its ``updated`` paths name).

    Open data reads a row only when Wagtail's publication set that revision: a row
    saved as live in a shell, a data migration or ``.update(live=True)`` has none,
    and unpublishing clears it, so nothing reaches the files without having gone
    through publishing (``GuardedPublication``, whose announcement the ledger and
    these change marks hear)."""
    paths = []
    for path in updated:
        if not path.endswith("last_published_at"):
            continue
        candidate = path.removesuffix("last_published_at") + "live_revision"
        if _resolves(model, candidate):
            paths.append(candidate)
    return paths


def _resolves(model, path):
    for name in path.split("__"):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return False
        model = field.related_model
    return True


def digest(values):
    """A short stable digest of an aggregate's result (a dict)."""
    text = repr(sorted((key, str(value)) for key, value in values.items()))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def public_value(value):
    """A cell as the public may see it: text with personal numbers masked."""
    # mask_personal_data starts with privacy's own cheap pre-check.
    return mask_personal_data(value) if isinstance(value, str) else value


# -- building blocks for the definitions --------------------------------------------


def by_region_code(path, prefix=""):
    """A region filter over an ORM path holding a 12-digit code (after ``prefix``):
    the region itself and everything below it."""

    def apply(queryset, code):
        return queryset.filter(
            **{f"{path}__startswith": prefix + descendant_prefix(code)}
        )

    return apply


def by_date(path):
    """A period filter: ``path`` (a date) falls in the period."""

    def apply(queryset, period):
        return queryset.filter(
            **{f"{path}__range": (period.first_day, period.last_day)}
        )

    return apply


def by_year(path):
    """A period filter for yearly figures: the period's year (a quarter or month
    of that year selects the year's row as well)."""

    def apply(queryset, period):
        return queryset.filter(**{path: period.year})

    return apply


def by_reporting_period(year, quarter, month=None):
    """A period filter for rows that name their own reporting period: a year selects
    all of that year, a quarter its quarter and the months in it, a month itself."""

    def apply(queryset, chosen):
        queryset = queryset.filter(**{year: chosen.year})
        if chosen.month:
            if month is None:
                return queryset.none()
            return queryset.filter(**{month: chosen.month})
        if chosen.quarter:
            in_quarter = Q(**{quarter: chosen.quarter})
            if month:
                months = range(3 * chosen.quarter - 2, 3 * chosen.quarter + 1)
                in_quarter |= Q(**{f"{month}__in": months})
            return queryset.filter(in_quarter)
        return queryset

    return apply


def latest(*moments):
    """The last of several datetimes (a row changes when any of its parts does)."""
    present = [moment for moment in moments if moment is not None]
    return max(present) if present else None


def local_date(moment):
    return timezone.localdate(moment) if moment else None


def _day(value):
    """A date, or a moment's date in Beijing."""
    return local_date(value) if isinstance(value, datetime.datetime) else value


def identifier():
    return Field(
        "id",
        INTEGER,
        _("编号"),
        _("本数据集中每行的固定编号，在各次发布之间保持不变"),
        source="pk",
        required=True,
        unique=True,
    )
