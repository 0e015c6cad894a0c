"""The demo's villages on the dashboard: 石门村 and 乌兰嘎查 still owe last quarter's
disclosure, 南沟村 published it late (portal/demo/villages.py dates them so)."""

from clocks import duties, handling
from clocks.calendar import WorkingCalendar
from content_models.villages.due import last_quarter
from portal.demo.villages import LATE, OWING


def test_the_demo_villages_owing_and_late_are_on_the_dashboard(demo_site, db):
    today = handling.today()
    calendar = WorkingCalendar.current()
    quarter = last_quarter(today)
    rows = {
        duty.scope.village_code: duty
        for duty in duties.all_duties(today, calendar)
        if duty.rule == duties.VILLAGE_RULE and duty.period == quarter
    }
    owing_state = duties.OVERDUE if today > rows[OWING[0]].due else duties.DUE
    assert {rows[code].state for code in OWING} == {owing_state}
    assert rows[LATE].state == duties.LATE
    on_time = set(rows) - {*OWING, LATE}
    assert on_time and {rows[code].state for code in on_time} == {duties.ON_TIME}
