"""The import report: per file, how many rows, what was written, and every problem
with its row number and column, in words an official can act on."""

from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _


@dataclass
class Problem:
    row: int | None  # spreadsheet row (header = 1); None for the file as a whole
    column: str
    message: str


@dataclass
class Report:
    kind: str
    file: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    skipped: int = 0
    errors: list = field(default_factory=list)
    dry_run: bool = False
    written: bool = False
    max_listed: int | None = None  # problems listed; the rest are only counted
    unlisted: int = 0
    # The drafts written, as (model label, pk, title): the admin links to each.
    drafts: list = field(default_factory=list)
    drafts_unlisted: int = 0
    # Every draft written, listed or not, as {model label: {pk: None}} (an ordered
    # set), when the caller asked for them (the admin's "submit all for review").
    draft_ids: dict = None

    def add_draft(self, record):
        """List ``record`` (its title as its revision has it, when it has one),
        once however many rows wrote it; past ``max_listed`` only count it."""
        key = (record._meta.label_lower, record.pk)
        if self.draft_ids is not None:
            self.draft_ids.setdefault(key[0], {})[key[1]] = None
        if self.drafts and self.drafts[-1][:2] == key:
            return
        if self.max_listed is not None and len(self.drafts) >= self.max_listed:
            self.drafts_unlisted += 1
            return
        title = getattr(record, "_revision_title", None) or str(record)
        self.drafts.append((*key, title))

    def add(self, row, column, message):
        if self.max_listed is not None and len(self.errors) >= self.max_listed:
            self.unlisted += 1
            return
        self.errors.append(Problem(row, str(column or ""), str(message)))

    @property
    def ok(self):
        return not self.errors

    def as_dict(self):
        """The ``--json`` shape: {"kind","file","rows","created","updated",
        "skipped","errors":[{"row","column","message"}]}, with "unlisted_errors"
        (a count) when more problems were found than listed."""
        return {
            "kind": self.kind,
            "file": self.file,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "skipped": self.skipped,
            "errors": [asdict(problem) for problem in self.errors],
        } | ({"unlisted_errors": self.unlisted} if self.unlisted else {})

    def lines(self):
        """One line per problem: 文件 第N行 [列] 问题."""
        for problem in self.errors:
            where = f"第{problem.row}行" if problem.row else "文件"
            column = f"【{problem.column}】" if problem.column else ""
            yield f"{self.file} {where}{column}：{problem.message}"
        if self.unlisted:
            yield _("%(file)s：另有%(count)d个问题未列出") % {
                "file": self.file,
                "count": self.unlisted,
            }
