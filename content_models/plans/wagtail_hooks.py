"""The 规划 menu: quarterly indicator progress, filterable by plan.

Plans themselves are pages (Pages → 规划); only the progress values are snippets
(see progress.py for why).
"""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .progress import IndicatorProgress


class IndicatorProgressViewSet(SnippetViewSet):
    model = IndicatorProgress
    icon = "calendar-check"
    menu_label = _("指标进展")
    list_display = ["indicator", "period_label", "value", "note"]
    list_filter = ["indicator__plan", "year", "quarter"]
    search_fields = ["indicator__name", "note"]
    ordering = ["-year", "-quarter", "indicator__sort_order"]


class PlansGroup(SnippetViewSetGroup):
    menu_label = _("规划")
    menu_icon = "doc-full"
    items = (IndicatorProgressViewSet,)


register_snippet(PlansGroup)
