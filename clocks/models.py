"""The clocks' records: the administrators' calendar adjustments, and the register of
依申请公开 applications (personal data: never a public record)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarAdjustment(models.Model):
    """A day the State Council's schedule makes a day off or a working day, entered
    by an administrator where chinese-calendar does not know the year yet (or is
    wrong). Entering any day of a year marks that year as known: enter the whole
    schedule of the year (days off and 调休 working weekends) at once."""

    date = models.DateField(_("日期"), unique=True)
    is_working_day = models.BooleanField(
        _("是工作日"),
        default=False,
        help_text=_("调休上班的周末选“是”；放假的日子选“否”。"),
    )
    note = models.CharField(
        _("说明"),
        max_length=60,
        help_text=_("节日名称，如“春节”；时限说明中显示。"),
    )

    class Meta:
        ordering = ["date"]
        verbose_name = _("节假日调整")
        verbose_name_plural = _("节假日调整")

    def __str__(self):
        kind = _("上班") if self.is_working_day else _("放假")
        return f"{self.date.isoformat()} {kind} {self.note}"
