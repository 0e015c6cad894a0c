"""到期与逾期: every duty of active disclosure, filtered by scope, as a page in the
admin and as CSV (the same rows). Staff see all; a village clerk their village."""

import csv
import io

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils.translation import gettext_lazy

from content_models.disclosure.spreadsheets import BOM, neutralise

from . import handling
from .admin_views import TitledAdminView
from .calendar import WorkingCalendar
from .duties import LATE, OVERDUE, RULES, STATES, all_duties
from .duty_access import rows_for, visible_villages

FILTERS = ("agency", "town", "village", "rule", "state")
FILTER_LABELS = {
    "agency": gettext_lazy("发布机构"),
    "town": gettext_lazy("乡镇（街道）"),
    "village": gettext_lazy("村（社区）"),
    "rule": gettext_lazy("类型"),
    "state": gettext_lazy("状态"),
}


def _matches(duty, chosen):
    scope = duty.scope
    return (
        (not chosen["agency"] or str(scope.agency_id) == chosen["agency"])
        and (not chosen["town"] or scope.town_code == chosen["town"])
        and (not chosen["village"] or scope.village_code == chosen["village"])
        and (not chosen["rule"] or duty.rule == chosen["rule"])
        and (not chosen["state"] or duty.state == chosen["state"])
    )


def chosen_filters(query):
    return {name: query.get(name, "").strip()[:40] for name in FILTERS}


def visible_duties(user):
    """(every row the user may see, the villages they are limited to or None);
    PermissionDenied when they may see none."""
    villages = visible_villages(user)
    if villages == set():
        raise PermissionDenied
    rows = all_duties(handling.today(), WorkingCalendar.current())
    return rows_for(villages, rows), villages


def scope_choices(rows):
    """The agencies, towns and villages the rows name, for the filter form."""
    agencies, towns, villages = {}, {}, {}
    for duty in rows:
        scope = duty.scope
        if scope.agency_id:
            agencies[str(scope.agency_id)] = scope.agency
        if scope.town_code:
            towns[scope.town_code] = scope.town
        if scope.village_code:
            villages[scope.village_code] = scope.village
    return {
        "agency": sorted(agencies.items(), key=lambda item: item[1]),
        "town": sorted(towns.items()),
        "village": sorted(villages.items()),
        "rule": list(RULES.items()),
        "state": list(STATES.items()),
    }


class DutiesDashboardView(TitledAdminView):
    page_title = gettext_lazy("到期与逾期")
    header_icon = "time"
    template_name = "clocks/admin/duties.html"

    def dispatch(self, request, *args, **kwargs):
        self.rows, self.villages = visible_duties(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        chosen = chosen_filters(self.request.GET)
        rows = [duty for duty in self.rows if _matches(duty, chosen)]
        counts = {state: 0 for state in STATES}
        for duty in rows:
            counts[duty.state] += 1
        context.update(
            rows=rows,
            filters=[
                {
                    "name": name,
                    "label": FILTER_LABELS[name],
                    "options": options,
                    "picked": chosen[name],
                }
                for name, options in scope_choices(self.rows).items()
            ],
            counts=[(STATES[state], counts[state]) for state in STATES],
            alert_states=(OVERDUE, LATE),
            query=self.request.GET.urlencode(),
        )
        return context


CSV_HEADER = (
    gettext_lazy("类型"),
    gettext_lazy("名称"),
    gettext_lazy("状态"),
    gettext_lazy("截止日期"),
    gettext_lazy("完成日期"),
    gettext_lazy("发布机构"),
    gettext_lazy("乡镇（街道）"),
    gettext_lazy("村（社区）"),
    gettext_lazy("时限计算"),
)


def csv_row(duty):
    scope = duty.scope
    cells = (
        duty.rule_label,
        duty.title,
        duty.state_label,
        duty.due.isoformat(),
        duty.done_on.isoformat() if duty.done_on else "",
        scope.agency,
        scope.town,
        scope.village,
        duty.explanation,
    )
    return [neutralise(str(cell)) for cell in cells]


def duties_csv(request):
    rows, _villages = visible_duties(request.user)
    chosen = chosen_filters(request.GET)
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out)
    writer.writerow([str(cell) for cell in CSV_HEADER])
    for duty in rows:
        if _matches(duty, chosen):
            writer.writerow(csv_row(duty))
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    name = f"duties-{handling.today().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
