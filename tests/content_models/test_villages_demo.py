"""The villages demo loads into an empty database and follows the family's own rules."""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.utils import timezone

from content_models.disclosure.models import IndexNumber
from content_models.disclosure.periods import Period
from content_models.disclosure.privacy import personal_data_problems
from content_models.regions.codes import VILLAGE
from content_models.villages.categories import Category, Direction
from content_models.villages.due import columns_owing, due_on, last_quarter
from content_models.villages.models import (
    VillageAffairsIndexPage,
    VillageDisclosurePage,
    VillageIndexPage,
)
from portal.demo import villages as villages_demo


def test_demo_loads_and_follows_the_rules(demo_site, client):
    """Every check on the shared demo's villages."""
    demo = demo_site
    # (page, its village's Region) for every Chinese disclosure, read once.
    chinese = [
        (page, page.public_region())
        for page in VillageDisclosurePage.objects.filter(
            locale__language_code="zh-hans"
        )
    ]
    check_a_column_for_every_village_in_both_languages(demo)
    check_eight_quarters_for_every_village(chinese)
    check_owing_and_late_columns(chinese)
    check_one_village_publishes_its_finances_monthly(chinese)
    check_disclosures_obey_the_rules(demo, chinese)
    check_accounts_are_plausible(demo)
    check_pages_render(client, demo)


def check_a_column_for_every_village_in_both_languages(demo):
    assert VillageAffairsIndexPage.objects.count() == 2
    columns = VillageIndexPage.objects.filter(locale__language_code="zh-hans")
    assert {c.region for c in columns} == set(demo.villages)
    assert all(c.region.level == VILLAGE and c.live for c in columns)
    english = VillageIndexPage.objects.filter(locale__language_code="en")
    assert english.count() == 13 and english.filter(title="Baoyintu Gacha").exists()
    section = VillageAffairsIndexPage.objects.get(locale__language_code="en")
    assert section.title == "Village and Community Affairs"


def check_eight_quarters_for_every_village(chinese):
    """Every village has the eight quarters ended by today, except the two that
    still owe the last one (overdue once its 20th has passed)."""
    assert {region.kind for _page, region in chinese} == {"村", "社区", "嘎查"}
    today = timezone.localdate()
    expected = {(p.year, p.quarter) for p in villages_demo.recent_quarters(today)}
    last = last_quarter(today)
    quarters = defaultdict(set)
    for page, region in chinese:
        if page.quarter:
            quarters[region.code].add((page.year, page.quarter))
    assert len(quarters) == 13
    for code, seen in quarters.items():
        if code in villages_demo.OWING and today > due_on(last):
            assert seen == expected - {(last.year, last.quarter)}, code
        else:
            assert seen == expected, code
    assert {page.category for page, _region in chinese} == set(Category.values)


def check_owing_and_late_columns(chinese):
    today = timezone.localdate()
    last = last_quarter(today)
    section = VillageAffairsIndexPage.objects.get(locale__language_code="zh-hans")
    owing = {owed.column.region.code for owed in columns_owing(section, today)}
    if today > due_on(last):
        assert owing == set(villages_demo.OWING)
    late = [
        page
        for page, region in chinese
        if region.code == villages_demo.LATE
        and (page.year, page.quarter) == (last.year, last.quarter)
    ]
    assert (
        late
        and all(page.published_on > due_on(last) for page in late)
        or (today <= due_on(last) + datetime.timedelta(days=6))
    )


def check_one_village_publishes_its_finances_monthly(chinese):
    """红旗村: monthly finances for the last four quarters and this quarter's ended
    months, and no quarterly finance report in those quarters."""
    today = timezone.localdate()
    quarters = villages_demo.recent_quarters(today)[-4:]
    months = [m for q in quarters for m in villages_demo._months(q)]
    months += [
        m for m in villages_demo._months(Period.containing(today)) if m.last_day < today
    ]
    monthly = [(page, region) for page, region in chinese if page.month]
    assert {region.name for _page, region in monthly} == {"红旗村"}
    assert sorted((page.year, page.month) for page, _r in monthly) == sorted(
        (m.year, m.month) for m in months
    )
    assert {page.category for page, _region in monthly} == {Category.FINANCE}
    assert not any(
        (page.year, page.quarter) in {(q.year, q.quarter) for q in quarters}
        and page.category == Category.FINANCE
        for page, region in chinese
        if region.name == "红旗村" and page.quarter
    )


def check_disclosures_obey_the_rules(demo, chinese):
    for page, _region in chinese[::10]:
        page.full_clean()  # every rule of the model, including the duplicate check
    with_rows = set(
        VillageDisclosurePage.objects.filter(finance_rows__isnull=False).values_list(
            "pk", flat=True
        )
    )
    for page, region in chinese:
        assert page.agency_id == demo.town_agencies[region.parent.code].pk
        assert personal_data_problems(page.body) == []
        assert (page.pk in with_rows) == (page.category == Category.FINANCE)
    assert "**" in "".join(page.body for page, _region in chinese)  # names are masked
    numbers = [page.index_number for page, _region in chinese]
    assert len(set(numbers)) == len(numbers)
    assert IndexNumber.objects.filter(value__in=numbers).count() == len(numbers)


def check_accounts_are_plausible(demo):
    for page in VillageDisclosurePage.objects.filter(category=Category.FINANCE):
        rows = list(page.finance_rows.all())
        assert all(row.amount > 0 for row in rows)
        assert all(row.amount < Decimal("200000") for row in rows)
        passed_on = {r.direction: r.amount for r in rows if r.item == "低保金代发"}
        if passed_on:  # money paid out on the town's behalf leaves as it came in
            assert passed_on[Direction.INCOME] == passed_on[Direction.EXPENSE]


def check_pages_render(client, demo):
    section = VillageAffairsIndexPage.objects.get(locale__language_code="zh-hans")
    html = client.get(section.url).content.decode()
    assert "查干苏木" in html and "宝音图嘎查" in html and "最近公开" in html
    column = VillageIndexPage.objects.get(
        region__code="150299100201", locale__language_code="en"
    )
    response = client.get(column.url)
    html = response.content.decode()
    assert response.status_code == 200
    chinese_column = VillageIndexPage.objects.get(
        region__code="150299100201", locale__language_code="zh-hans"
    )
    *_, earlier, latest = chinese_column.get_children().live().specific()
    assert f"Hongqi Village: {latest.period.slug} disclosure" in html  # translated
    assert earlier.title in html  # not translated: the Chinese page
