"""What the plan template needs, worked out once so the template only prints.

The body becomes a list of items in reading order, each heading with its anchor and
its HTML level, each indicator table with its rows and their published progress. Tables
that the body does not place are printed after it, so no indicator is ever hidden.
Progress is handed over as plain values, which ``themes/templatetags/plan_charts.py``
draws.
"""

from dataclasses import dataclass, field

from .blocks import heading_anchor, heading_text
from .indicators import group_into_tables
from .progress import public_progress


@dataclass
class IndicatorProgressSeries:
    """One indicator's published values in order, and the plan period they fall in."""

    indicator: object
    values: list
    start_year: int
    end_year: int

    @property
    def latest(self):
        return self.values[-1]

    @property
    def anchor(self):
        return f"progress-{self.indicator.translation_key.hex[:8]}"

    @property
    def points(self):
        """The values as the chart takes them: plain numbers and labels, in order."""
        return [
            {
                "year": item.year,
                "quarter": item.quarter,
                "value": item.value,
                "label": item.display_value,
                "period": item.period_label,
            }
            for item in self.values
        ]

    @property
    def target(self):
        """The number inside the target as written, or None (then no target line)."""
        return self.indicator.target_number


def progress_series(indicators, progress, start_year, end_year):
    """Series for the indicators that have published values, in table order."""
    by_key = {}
    for item in progress:
        by_key.setdefault(item.indicator.translation_key, []).append(item)
    return {
        indicator.translation_key: IndicatorProgressSeries(
            indicator, by_key[indicator.translation_key], start_year, end_year
        )
        for indicator in indicators
        if indicator.translation_key in by_key
    }


@dataclass
class TableView:
    table: object
    note: str = ""
    rows: list = field(default_factory=list)  # [{"number", "indicator", "series"}]

    @property
    def with_progress(self):
        return [row for row in self.rows if row["series"] is not None]


def plan_context(plan):
    tables = {table.title: table for table in group_into_tables(plan.indicators.all())}
    series = progress_series(
        plan.indicators.all(), public_progress(plan), plan.start_year, plan.end_year
    )
    items, placed = [], set()
    previous = 1  # the <h1> is the plan's title
    for position, block in enumerate(plan.body):
        item = {"type": block.block_type, "value": block.value}
        if block.block_type == "heading":
            item["anchor"] = heading_anchor(block, position)
            item["text"] = heading_text(block.value["label"], block.value["title"])
            # Level 1 headings are <h2>: the plan's title is the page's only <h1>.
            # A level the plan skips is not skipped in HTML, where screen readers
            # move by heading level.
            level = min(int(block.value["level"]) + 1, previous + 1)
            previous = level
            item["tag"] = f"h{level}"
        elif block.block_type == "indicator_table":
            title = block.value["table_title"]
            if title not in tables or title in placed:
                continue  # clean() refuses this; never break the public page over it
            placed.add(title)
            item["table"] = _table_view(tables[title], series, block.value["note"])
        items.append(item)
    unplaced = [
        _table_view(table, series)
        for title, table in tables.items()
        if title not in placed
    ]
    return {
        "toc": plan.outline(),
        "body_items": items,
        "unplaced_tables": unplaced,
        "issuing_notice": plan.public_issuing_notice(),
        "has_progress": bool(series),
    }


def _table_view(table, series, note=""):
    view = TableView(table=table, note=note)
    for number, indicator in enumerate(table.rows, start=1):
        found = series.get(indicator.translation_key)
        view.rows.append({"number": number, "indicator": indicator, "series": found})
    return view
