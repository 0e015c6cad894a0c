"""The import report: per file, how many rows, what was written, and every problem
with its row number and column, in words an official can act on."""

from dataclasses import asdict, dataclass, field


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

    def add(self, row, column, message):
        self.errors.append(Problem(row, str(column or ""), str(message)))

    @property
    def ok(self):
        return not self.errors

    def as_dict(self):
        """The ``--json`` shape: {"kind","file","rows","created","updated",
        "skipped","errors":[{"row","column","message"}]}."""
        return {
            "kind": self.kind,
            "file": self.file,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "skipped": self.skipped,
            "errors": [asdict(problem) for problem in self.errors],
        }

    def lines(self):
        """One line per problem: 文件 第N行 [列] 问题."""
        for problem in self.errors:
            where = f"第{problem.row}行" if problem.row else "文件"
            column = f"【{problem.column}】" if problem.column else ""
            yield f"{self.file} {where}{column}：{problem.message}"
