"""How a report table is declared: its columns, its rows, and for each cell whether
the portal counts it (``Figure``) or staff enter it (``Entered``).

A ``Figure`` holds the one function that selects what it counts; the count frozen
into the report and the public list behind the figure's link are both read from it
(``measures.py``), so they cannot disagree."""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Figure:
    """A number the portal counts: ``select(period)`` returns the querysets whose
    rows it counts (one per model)."""

    select: Callable
    kind = "count"


@dataclass(frozen=True)
class Entered:
    """A value staff enter where the portal has no data: an integer, an amount
    (two decimals) or a short text."""

    kind: str = "int"


@dataclass(frozen=True)
class Setting:
    """A value the portal already holds (a site setting), read when figures are
    generated and frozen with them."""

    read: Callable
    kind = "text"


@dataclass(frozen=True)
class Total:
    """The sum of other cells of the same row (column keys)."""

    parts: tuple
    kind = "sum"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    group: str = ""  # a heading above several columns


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    cells: dict  # column key -> Figure | Entered | Setting | Total
    level: int = 0  # indentation under the row above
    heading: bool = False  # a heading row with no figures of its own


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    columns: tuple
    rows: tuple
    label_heading: str = ""
    note: str = ""
    check: Callable | None = field(default=None)  # figures -> [(column, ok)]

    def cells(self):
        """(row, column, spec) for every cell that holds a value."""
        for row in self.rows:
            for column in self.columns:
                spec = row.cells.get(column.key)
                if spec is not None:
                    yield row, column, spec

    def row(self, key):
        return next((row for row in self.rows if row.key == key), None)


def cell_key(table, row, column):
    return f"{table.key}/{row.key}/{column.key}"
