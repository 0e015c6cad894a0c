"""Progress of an indicator against its target, drawn as a small inline SVG.

No chart library and no JavaScript: the geometry is computed here and the template
writes a ``<polyline>``. The SVG carries a text alternative, and the same figures are
printed as a table beside it, because a chart alone fails GB/T 37668 for screen-reader
users (DOMAIN.md A6: colour or shape must never be the only cue).
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

WIDTH, HEIGHT = 360, 150
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 12, 26


def format_number(value):
    """A Decimal as people write it: 57.30 → 57.3, 100.0000 → 100."""
    if value is None:
        return ""
    text = f"{value.normalize():f}"
    return text


@dataclass
class ProgressChart:
    points: list = field(default_factory=list)  # [(x, y, value, period)]
    target_y: float | None = None
    top_label: str = ""
    bottom_label: str = ""
    start_label: str = ""
    end_label: str = ""
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right_edge: int = WIDTH - RIGHT
    axis_y: int = HEIGHT - BOTTOM

    @property
    def polyline(self):
        return " ".join(f"{x:.1f},{y:.1f}" for x, y, _value, _period in self.points)


@dataclass
class IndicatorProgressSeries:
    """One indicator's published values in order, with what the page shows of them."""

    indicator: object
    values: list
    drawing: ProgressChart | None = None  # set once the plan period is known

    @property
    def latest(self):
        return self.values[-1]

    @property
    def anchor(self):
        return f"progress-{self.indicator.key.hex[:8]}"

    def summary(self):
        """The chart in one sentence, for its text alternative."""
        first, last = self.values[0], self.values[-1]
        unit = self.indicator.unit
        text = _("%(first)s为%(v1)s%(unit)s，%(last)s为%(v2)s%(unit)s") % {
            "first": first.period_label,
            "v1": format_number(first.value),
            "last": last.period_label,
            "v2": format_number(last.value),
            "unit": unit,
        }
        return text + _("；目标值为%(target)s") % {
            "target": self.indicator.target_value
        }

    def chart(self, start_year, end_year):
        return build_chart(
            self.values, self.indicator.target_number, start_year, end_year
        )


def build_chart(values, target, start_year, end_year):
    """Quarters of the plan period along x; the values and the target along y."""
    numbers = [v.value for v in values] + ([target] if target is not None else [])
    low, high = min(numbers), max(numbers)
    if high == low:
        high, low = high + 1, low - 1
    span = high - low
    low, high = low - span / 10, high + span / 10
    quarters = max((end_year - start_year + 1) * 4 - 1, 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x_of(item):
        return (
            LEFT + plot_w * ((item.year - start_year) * 4 + item.quarter - 1) / quarters
        )

    def y_of(number):
        return TOP + plot_h * float((high - number) / (high - low))

    return ProgressChart(
        points=[
            (x_of(v), y_of(v.value), format_number(v.value), v.period_label)
            for v in values
        ],
        target_y=y_of(target) if target is not None else None,
        top_label=format_number(round(high, 1)),
        bottom_label=format_number(round(low, 1)),
        start_label=str(start_year),
        end_label=str(end_year),
    )


def progress_series(indicators, progress):
    """Series for the indicators that have published values, in table order."""
    by_key = {}
    for item in progress:
        by_key.setdefault(item.indicator.key, []).append(item)
    return {
        indicator.key: IndicatorProgressSeries(indicator, by_key[indicator.key])
        for indicator in indicators
        if indicator.key in by_key
    }
