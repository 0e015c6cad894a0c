"""An indicator's progress against its target, drawn as a small inline SVG.

No chart library and no JavaScript: ``progress_chart`` computes the geometry and the
template writes a ``<polyline>``. The SVG carries a text alternative
(``progress_summary``), and the same figures are printed as a table beside it, because a
chart alone fails GB/T 37668 for screen-reader users (../shared/docs/DOMAIN.md A6:
colour or shape must never be the only cue).

Both tags take plain values from the template context: the points as dicts with
``year``, ``quarter``, ``value`` (a number), ``label`` (the value as printed) and
``period`` (its label), in order; the target as a number or None.
"""

from dataclasses import dataclass, field

from django import template
from django.utils.translation import gettext as _

register = template.Library()

WIDTH, HEIGHT = 360, 150
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 12, 26


@dataclass
class ProgressChart:
    points: list = field(default_factory=list)  # [(x, y, label, period)]
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
        return " ".join(f"{x:.1f},{y:.1f}" for x, y, _label, _period in self.points)


@register.simple_tag
def progress_chart(points, target, start_year, end_year):
    """Quarters of the plan period along x; the values and the target along y."""
    numbers = [p["value"] for p in points] + ([target] if target is not None else [])
    low, high = min(numbers), max(numbers)
    if high == low:
        high, low = high + 1, low - 1
    span = high - low
    low, high = low - span / 10, high + span / 10
    quarters = max((end_year - start_year + 1) * 4 - 1, 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x_of(point):
        quarter = (point["year"] - start_year) * 4 + point["quarter"] - 1
        return LEFT + plot_w * quarter / quarters

    def y_of(number):
        return TOP + plot_h * float((high - number) / (high - low))

    return ProgressChart(
        points=[(x_of(p), y_of(p["value"]), p["label"], p["period"]) for p in points],
        target_y=y_of(target) if target is not None else None,
        top_label=_tick(high),
        bottom_label=_tick(low),
        start_label=str(start_year),
        end_label=str(end_year),
    )


def _tick(number):
    """An axis tick to one decimal place, without a trailing .0: 57.36 → 57.4."""
    return f"{round(number, 1):f}".removesuffix(".0")


@register.simple_tag
def progress_summary(points, unit, target):
    """The chart in one sentence, for its text alternative."""
    first, last = points[0], points[-1]
    text = _("%(first)s为%(v1)s%(unit)s，%(last)s为%(v2)s%(unit)s") % {
        "first": first["period"],
        "v1": first["label"],
        "last": last["period"],
        "v2": last["label"],
        "unit": unit,
    }
    return text + _("；目标值为%(target)s") % {"target": target}
