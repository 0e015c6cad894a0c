"""What each KIND of registry file looks like and how its rows become records.

One ``Spec`` per kind: its columns (the Chinese header an official writes, and the
aliases we accept, in one list per kind), and ``plan(rows, context)`` which turns the
rows into ``Planned`` writes, each carrying the problems found. Validation is the
models' own ``full_clean()``; here we only parse cells and find the record a row's
natural key points at (upsert, never duplicate).

Imported records are saved as drafts: a new record with ``live=False`` and a first
revision; an existing live record gets a new draft revision and its public version is
left alone until an editor publishes it (Wagtail docs, “Snippets: saving drafts”).
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from content_models.disclosure.models import Agency
from content_models.regions.models import Region

from .values import CellProblem


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # the header the template writes
    aliases: tuple = ()  # other headers officials write for the same column
    required: bool = False
    field: str = ""  # the model field it fills, to put model errors on the column
    example: str = ""

    @property
    def all_headers(self):
        return (self.header, *self.aliases)


@dataclass
class Planned:
    """One row's intended write: ``save(user)`` returns "created" or "updated"."""

    row: object
    key: tuple = None
    problems: list = field(default_factory=list)  # [(column header, message)]
    save: object = None
    # Or, for records saved in bulk (``bulk.save_drafts``): {stage: record}, stages
    # saved in order across the batch, and ``relink()`` called before each stage
    # after the first (to take up the keys the earlier stage gave).
    records: dict = None
    relink: object = None
    draft: object = None  # what ``save`` writes, to link to (when not ``records``)

    @property
    def valid(self):
        return not self.problems


@dataclass
class Spec:
    kind: str
    label: str
    columns: list
    planner: object  # (spec, table, rows, context) -> [Planned], one per row
    filename: str
    # () -> {column key: example} taken from this site's data, so that the template's
    # example row names an agency, region or charity that exists here.
    site_examples: object = None
    # Columns required in some rows only, marked in the template because its example
    # row is such a row (a credit listing of an organisation not yet registered here).
    also_marked: tuple = ()

    def plan(self, table, rows, context):
        return self.planner(self, table, rows, context)

    def column(self, key):
        return next(c for c in self.columns if c.key == key)

    def header(self, table, key):
        return table.headers.get(key) or self.column(key).header

    def required(self, column):
        """Whether the importer refuses a row that leaves ``column`` empty here:
        发布机构 is, unless the site has exactly one agency to default to."""
        if column.key == "agency":
            return agency_required()
        return column.required or column.key in self.also_marked

    def examples(self):
        """The template's example row: the spec's examples, with this site's data."""
        found = self.site_examples() if self.site_examples else {}
        return [found.get(c.key, c.example) for c in self.columns]


def agency_required():
    return Agency.objects.count() != 1


def first_agency_name():
    return Agency.objects.order_by("pk").values_list("name", flat=True).first() or ""


class Context:
    """What a run shares between rows: the user, and records created earlier in the
    same file (a new organisation listed twice is created once)."""

    def __init__(self, user=None):
        self.user = user
        self.new_records = {}
        self._default_agency = None
        # hash(natural key) -> first row: enough to name a duplicate's first row,
        # small enough for 100,000 rows (a collision needs ~2**32 rows).
        self._seen = {}
        self.created = set()  # (model label, pk) of records this run created
        self._agencies = {}
        self._regions = {}
        self.columns = {}  # 区划代码 -> (village column page, problem)
        # Per batch: what the batch's rows refer to, read in one query each.
        self.registered = {}
        self.listings = {}

    def region(self, code):
        """The region of a 区划代码 cell (looked up once per run)."""
        if code not in self._regions:
            self._regions[code] = Region.objects.filter(code=code).first()
        if self._regions[code] is None:
            raise CellProblem(_("区划代码“%(code)s”不存在") % {"code": code})
        return self._regions[code]

    def first_row(self, key, row):
        """The row where ``key`` first appeared (``row`` if this is the first)."""
        return self._seen.setdefault(hash(key), row)

    def batch_written(self):
        """Records made by earlier batches are in the database now."""
        self.new_records.clear()

    def agency(self, name):
        if name:
            if name not in self._agencies:
                self._agencies[name] = Agency.objects.filter(name=name).first()
            found = self._agencies[name]
            if found is None:
                raise CellProblem(_("发布机构“%(name)s”不存在") % {"name": name})
            return found
        if self._default_agency is None:
            agencies = list(Agency.objects.all()[:2])
            if len(agencies) != 1:
                raise CellProblem(
                    _("系统中有多个发布机构（或没有），请在“发布机构”列填写机构名称")
                )
            self._default_agency = agencies[0]
        return self._default_agency


class RowReader:
    """Parses the cells of one row, collecting every problem instead of stopping."""

    def __init__(self, spec, table, row):
        self.spec, self.table, self.row = spec, table, row
        self.problems = list(row.problems)

    def text(self, key):
        return self.row.values.get(key, "").strip()

    def parse(self, key, parser, *args, required=None):
        text = self.text(key)
        column = self.spec.column(key)
        if key in self.row.refused:
            return None  # the reader said why already
        if not text:
            if required if required is not None else column.required:
                self.problems.append(
                    (self.spec.header(self.table, key), _("必填项不能为空"))
                )
            return None
        try:
            return parser(text, *args)
        except CellProblem as problem:
            self.problems.append((self.spec.header(self.table, key), str(problem)))
            return None

    def add(self, key, message):
        header = self.spec.header(self.table, key) if key else ""
        self.problems.append((header, str(message)))

    def add_validation_error(self, error, model=None):
        """Model errors on the columns that filled the fields."""
        by_field = {c.field: c.key for c in self.spec.columns if c.field}
        if hasattr(error, "error_dict"):
            by_name = error.message_dict
        else:
            by_name = {"__all__": error.messages}
        for name, messages in by_name.items():
            key = by_field.get(name)
            if key:
                header = self.spec.header(self.table, key)
            elif model is not None and name != "__all__":
                try:
                    header = str(model._meta.get_field(name).verbose_name)
                except Exception:  # noqa: BLE001 - a non-field key: no column
                    header = ""
            else:
                header = ""
            for message in messages:
                self.problems.append((header, str(message)))


def duplicate_problem(first_row):
    return ("", _("与第%(row)d行重复（同一记录在文件中出现两次）") % {"row": first_row})


# Relations the planners fill with objects they read from the database (or create in
# the same run): checking that each still exists would cost a query per row.
LOOKED_UP = ("agency", "organisation", "charity", "region")


def full_clean_into(reader, instance, exclude=None, looked_up=False):
    """The model's own validation (fields, ``clean()``, uniqueness, constraints),
    its problems put on the row's columns. ``looked_up``: the planner found the
    record by its unique key already (in the batch's lookup or earlier in the file),
    so uniqueness needs no query per row; and the models imported this way have no
    other constraint than checks their ``clean()`` repeats in words
    (``FundraisingFiling``: ends ≥ starts, target > 0), which Django would otherwise
    test with a query per row and constraint. The database still enforces them."""
    exclude = [*(exclude or ()), *LOOKED_UP]
    try:
        instance.full_clean(
            exclude=exclude,
            validate_unique=not looked_up,
            validate_constraints=not looked_up,
        )
    except ValidationError as error:
        reader.add_validation_error(error, type(instance))


def save_draft(record, user):
    """Create as a draft, or add a draft revision; never publish."""
    if record.pk is None:
        record.live = False
        record.save()
        record.save_revision(user=user)
        return "created"
    if not record.live:
        record.save()
    # A live record keeps its public version; the import waits in a draft revision.
    record.save_revision(user=user)
    return "updated"


def latest_draft(record):
    """The record as its latest revision has it, so pending edits are built on."""
    if record is None:
        return None
    return (
        record.get_latest_revision_as_object() if record.latest_revision_id else record
    )


def kinds():
    from .charity import CHARITY
    from .credit import CREDIT_LIST
    from .finance import DISCLOSURE_FINANCE

    return {spec.kind: spec for spec in (CREDIT_LIST, CHARITY, DISCLOSURE_FINANCE)}


class UnknownKind(ValueError):
    def __init__(self, kind):
        self.kind = kind
        super().__init__(
            _("未知的导入类型“%(kind)s”，可选：%(kinds)s")
            % {"kind": kind, "kinds": "、".join(kinds())}
        )


def get_spec(kind):
    try:
        return kinds()[kind]
    except KeyError:
        raise UnknownKind(kind) from None
