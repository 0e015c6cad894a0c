"""The plans family: plan documents, their indicators and quarterly progress."""

from .indicators import Indicator  # noqa: F401
from .pages import PlanIndexPage, PlanPage  # noqa: F401
from .progress import IndicatorProgress  # noqa: F401
