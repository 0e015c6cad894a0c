"""Admin wiring of the clocks: the calendar's adjustments (a snippet, so Wagtail's
audit log records every change)."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import CalendarAdjustment


class CalendarAdjustmentViewSet(SnippetViewSet):
    model = CalendarAdjustment
    icon = "date"
    menu_label = _("节假日调整")
    add_to_settings_menu = True
    list_display = ["date", "is_working_day", "note"]
    list_filter = ["is_working_day"]
    ordering = ["-date"]


register_snippet(CalendarAdjustmentViewSet)
