"""Every rule of clocks/duties.py on real items, in every state: due, overdue, done
in time, done late."""

import datetime

from clocks import duties
from clocks.calendar import WorkingCalendar
from content_models.disclosure.models import Topic
from content_models.villages.categories import Category, Direction
from tests.content_models import charity_factories, credit_factories

from .duty_builders import article, column, disclosure, notices_page, village_section

D = datetime.date
CAL = WorkingCalendar()


def by_title(rows, rule):
    return {duty.title: duty for duty in rows if duty.rule == rule}


def test_proactive_and_catalogue_items_in_every_state(home, agency, settings):
    settings.CLOCKS_CATALOGUE_TOPICS = ["shjz"]
    parent = Topic.objects.create(code="shjz", name="社会救助")
    child = Topic.objects.create(code="shjz-db", name="低保", parent=parent)
    notices = notices_page(home)
    # 2025-12-25 + 20 working days (元旦 off, Sunday 2026-01-04 worked) = 2026-01-23.
    article(notices, agency, "按期", D(2025, 12, 25), D(2026, 1, 23))
    article(notices, agency, "逾期公开", D(2025, 12, 25), D(2026, 1, 26))
    article(notices, agency, "未到期", D(2025, 12, 25))
    article(notices, agency, "逾期未公开", D(2025, 11, 3))
    # 标准目录 (a sub-topic of a listed code): 10 working days = 2026-01-09.
    article(notices, agency, "目录按期", D(2025, 12, 25), D(2026, 1, 9), topic=child)
    article(notices, agency, "目录逾期", D(2025, 12, 25), D(2026, 1, 12), topic=child)
    rows = duties.all_duties(D(2026, 1, 21), CAL)
    proactive = by_title(rows, duties.PROACTIVE)
    assert {title: duty.state for title, duty in proactive.items()} == {
        "按期": duties.ON_TIME,
        "逾期公开": duties.LATE,
        "未到期": duties.DUE,
        "逾期未公开": duties.OVERDUE,
    }
    assert proactive["按期"].due == D(2026, 1, 23)
    assert proactive["逾期公开"].done_on == D(2026, 1, 26)
    assert proactive["未到期"].done_on is None
    catalogue = by_title(rows, duties.CATALOGUE)
    assert {title: duty.state for title, duty in catalogue.items()} == {
        "目录按期": duties.ON_TIME,
        "目录逾期": duties.LATE,
    }
    assert catalogue["目录按期"].due == D(2026, 1, 9)
    assert str(catalogue["目录按期"].explanation).startswith(
        "成文 2025年12月25日 + 10 个工作日"
    )
    assert proactive["按期"].scope.agency == agency.name


def test_credit_decisions_entered_within_5_working_days(agency):
    org = credit_factories.organisation(agency)
    # 2025-12-29 + 5 working days across 元旦 (Sunday 2026-01-04 worked) = 2026-01-06.
    credit_factories.entry(org, listed_on=D(2025, 12, 29), published_on=D(2026, 1, 6))
    other = credit_factories.organisation(agency, name="清源区摄影家协会")
    credit_factories.entry(
        other,
        listed_on=D(2025, 12, 29),
        published_on=D(2026, 1, 7),
        decision_number="清民社异〔2025〕9号",
    )
    credit_factories.save_draft(
        credit_factories.entry(
            org,
            publish=False,
            listed_on=D(2026, 1, 19),
            decision_number="清民社异〔2026〕1号",
        )
    )
    credit_factories.save_draft(
        credit_factories.entry(
            org,
            publish=False,
            listed_on=D(2026, 1, 5),
            decision_number="清民社异〔2026〕2号",
        )
    )
    rows = [d for d in duties.all_duties(D(2026, 1, 21), CAL) if d.rule == "credit"]
    states = sorted((duty.explanation.start, duty.state) for duty in rows)
    assert states == [
        (D(2025, 12, 29), duties.LATE),
        (D(2025, 12, 29), duties.ON_TIME),
        (D(2026, 1, 5), duties.OVERDUE),
        (D(2026, 1, 19), duties.DUE),
    ]
    assert {duty.due for duty in rows if duty.explanation.start.year == 2025} == {
        D(2026, 1, 6)
    }


def test_charity_annual_reports_by_31_may(agency):
    old = charity_factories.charity(agency)
    # 2024's report due 2025-05-31, a holiday (端午节): moved to 2025-06-03.
    charity_factories.report(old, 2024, published_on=D(2025, 6, 3))
    young = charity_factories.charity(
        agency,
        name="清源区新苗慈善会",
        registered_on=D(2025, 3, 1),
        recognised_on=D(2025, 3, 1),
        public_fundraising_since=None,
    )
    charity_factories.report(young, 2025, published_on=D(2026, 6, 2))
    rows = [d for d in duties.all_duties(D(2026, 6, 10), CAL) if d.rule == "charity"]
    found = {duty.title: (duty.state, duty.due) for duty in rows}
    assert found == {
        "清源区助学基金会2024年度工作报告": (duties.ON_TIME, D(2025, 6, 3)),
        "清源区助学基金会2025年度工作报告": (duties.OVERDUE, D(2026, 6, 1)),
        "清源区新苗慈善会2025年度工作报告": (duties.LATE, D(2026, 6, 1)),
    }
    # Before the deadline the coming report is merely due.
    early = duties.all_duties(D(2026, 5, 20), CAL)
    assert {
        d.state for d in early if d.title == "清源区助学基金会2025年度工作报告"
    } == {duties.DUE}


def test_village_quarters_and_monthly_finances(home, agency, village, other_village):
    section = village_section(home)
    hongqi = column(section, village)
    column(section, other_village)
    disclosure(hongqi, agency, (2025, 4), D(2026, 1, 20))  # due Tue 2026-01-20
    disclosure(hongqi, agency, (2025, 3), D(2025, 10, 22))  # due 2025-10-20
    disclosure(
        hongqi,
        agency,
        (2025, 12),
        D(2026, 1, 5),
        category=Category.FINANCE,
        monthly=True,
        rows=[("办公经费", Direction.EXPENSE, "300")],
    )
    rows = [d for d in duties.all_duties(D(2026, 1, 21), CAL) if d.rule == "village"]
    hongqi_rows = {
        duty.period.slug: duty.state
        for duty in rows
        if duty.scope.village_code == village.code
    }
    assert hongqi_rows["2025-Q4"] == duties.ON_TIME
    assert hongqi_rows["2025-Q3"] == duties.LATE
    assert hongqi_rows["2025-Q2"] == duties.OVERDUE
    assert hongqi_rows["2025-12"] == duties.ON_TIME  # monthly: it discloses so
    assert hongqi_rows["2025-11"] == duties.OVERDUE
    qianjin_rows = {
        duty.period.slug: duty.state
        for duty in rows
        if duty.scope.village_code == other_village.code
    }
    assert "2025-12" not in qianjin_rows  # quarterly only
    assert qianjin_rows["2025-Q4"] == duties.OVERDUE
    on_the_day = duties.all_duties(D(2026, 1, 20), CAL)
    assert {
        d.state
        for d in on_the_day
        if d.rule == "village"
        and d.scope.village_code == other_village.code
        and d.period.slug == "2025-Q4"
    } == {duties.DUE}
    assert {d.scope.town_code for d in rows} == {village.parent.code}
