"""The home page and columns against their update windows, at ``now`` passed in."""

import datetime

from wagtail.models import PageViewRestriction

import pytest

from content_models.plans.pages import PlanIndexPage
from inspection import rules
from inspection.dashboard import inspect_site
from inspection.freshness import column_findings, home_flags
from inspection.models import ColumnSetting

from .conftest import NOW, page_under

SECOND = datetime.timedelta(seconds=1)
TWO_WEEKS = datetime.timedelta(days=14)


def titles(flags):
    return sorted(flag.subject for flag in flags)


def test_home_page_is_flagged_only_after_two_weeks_without_a_new_document(
    home, column, document
):
    notices = column()
    document(notices, TWO_WEEKS - SECOND)
    assert home_flags(NOW) == []
    assert home_flags(NOW + 2 * SECOND) != []
    [flag] = home_flags(NOW + 2 * SECOND)
    assert flag.rule is rules.HOME_NOT_UPDATED
    assert flag.fix_url == f"/admin/pages/{home.pk}/edit/"
    assert "最近更新" in flag.detail


def test_home_page_with_no_document_at_all_is_flagged(home, column):
    column()
    [flag] = home_flags(NOW)
    assert flag.detail == "从未发布过信息"


def test_a_draft_or_expired_document_does_not_update_the_home_page(
    home, column, document
):
    notices = column()
    document(notices, datetime.timedelta(days=300))
    document(notices, datetime.timedelta(days=1), live=False)
    document(notices, datetime.timedelta(days=1), expired=True)
    assert len(home_flags(NOW)) == 1


def test_notices_column_goes_stale_after_six_calendar_months(column, document):
    notices = column()
    six_months = NOW - rules.months_before(NOW, 6)
    document(notices, six_months)  # exactly six months old: still in the window
    stale, empty = column_findings(NOW)
    assert (stale, empty) == ([], [])
    stale, _ = column_findings(NOW + SECOND)
    assert [flag.rule for flag in stale] == [rules.NOTICES_STALE]
    assert stale[0].fix_url == f"/admin/pages/{notices.pk}/edit/"


def test_a_column_staff_mark_as_news_goes_stale_after_two_weeks(column, document):
    news = column("工作动态")
    ColumnSetting.objects.create(page=news, kind=rules.ColumnKind.NEWS)
    document(news, TWO_WEEKS)
    assert column_findings(NOW) == ([], [])
    stale, _ = column_findings(NOW + SECOND)
    assert [(flag.rule, flag.subject) for flag in stale] == [
        (rules.NEWS_STALE, "工作动态")
    ]


def test_other_columns_go_stale_after_a_year(home, document, agency):
    plans = page_under(home, PlanIndexPage(title="发展规划"), NOW)
    # A plan page is heavy to build; a notice under the plan column reads the same
    # rows (the inspection looks at what is public, not at the page type).
    from content_models.disclosure.models import ArticlePage

    article = ArticlePage(
        title="规划",
        agency=agency,
        summary="s",
        body="<p>x</p>",
        published_on=datetime.date(2025, 1, 1),
    )
    year = NOW - rules.months_before(NOW, 12)
    page_under(plans, article, NOW - year)
    assert column_findings(NOW) == ([], [])
    stale, _ = column_findings(NOW + SECOND)
    assert [(flag.rule, flag.subject) for flag in stale] == [
        (rules.LONG_STALE, "发展规划")
    ]


@pytest.mark.parametrize(
    "state",
    [{"live": False}, {"expired": True}],
    ids=["unpublished", "expired"],
)
def test_a_column_whose_only_children_are_not_public_is_empty(column, document, state):
    notices = column()
    document(notices, datetime.timedelta(days=1), **state)
    stale, empty = column_findings(NOW)
    assert stale == []
    assert [(flag.rule, flag.subject) for flag in empty] == [
        (rules.EMPTY_COLUMN, "通知公告")
    ]
    assert empty[0].fix_url == f"/admin/pages/{notices.pk}/edit/"


def test_a_column_whose_only_child_is_restricted_is_empty(column, document):
    notices = column()
    child = document(notices, datetime.timedelta(days=1))
    PageViewRestriction.objects.create(page=child, restriction_type="login")
    _, empty = column_findings(NOW)
    assert titles(empty) == ["通知公告"]


def test_a_column_with_one_public_child_is_not_empty(column, document):
    notices = column()
    document(notices, datetime.timedelta(days=1), live=False)
    document(notices, datetime.timedelta(days=1))
    assert column_findings(NOW) == ([], [])


def test_draft_columns_are_not_inspected(column):
    column("草稿栏目", live=False)
    assert column_findings(NOW) == ([], [])


def test_the_site_fails_on_the_sixth_empty_column_not_the_fifth(column):
    for number in range(5):
        column(f"栏目{number}")
    verdict = _verdict(inspect_site(NOW), rules.EMPTY_COLUMN)
    assert (verdict.offenders, verdict.fails_site) == (5, False)
    column("栏目5")
    verdict = _verdict(inspect_site(NOW), rules.EMPTY_COLUMN)
    assert (verdict.offenders, verdict.fails_site) == (6, True)


def test_every_stale_column_counts_towards_the_long_stale_limit(column, document):
    for number in range(11):
        document(column(f"栏目{number}"), datetime.timedelta(days=400))
    inspection = inspect_site(NOW)
    assert _verdict(inspection, rules.NOTICES_STALE).offenders == 11
    long_stale = _verdict(inspection, rules.LONG_STALE)
    assert (long_stale.offenders, long_stale.fails_site) == (11, True)
    assert inspection.fails_site


def _verdict(inspection, rule):
    return next(verdict for verdict in inspection.verdicts if verdict.rule is rule)


def test_only_the_default_language_is_inspected(home, column, document, english):
    notices = column()
    document(notices, datetime.timedelta(days=1))
    english_home = home.copy_for_translation(english)
    english_notices = notices.copy_for_translation(english)
    for page in (english_home, english_notices):
        type(page).objects.filter(pk=page.pk).update(live=True)
    # The English column is live and empty, its home never updated: not judged.
    assert column_findings(NOW) == ([], [])
    assert home_flags(NOW) == []
