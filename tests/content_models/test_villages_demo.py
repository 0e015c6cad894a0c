"""The villages demo loads into an empty database and follows the family's own rules."""

from collections import defaultdict
from decimal import Decimal

from content_models.disclosure.models import IndexNumber
from content_models.disclosure.privacy import personal_data_problems
from content_models.regions.codes import VILLAGE
from content_models.villages.categories import Category, Direction
from content_models.villages.models import (
    VillageAffairsIndexPage,
    VillageDisclosurePage,
    VillageIndexPage,
)


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
    check_eight_quarters_for_a_mix_of_villages(chinese)
    check_one_village_publishes_its_2025_finances_monthly(chinese)
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


def check_eight_quarters_for_a_mix_of_villages(chinese):
    assert {region.kind for _page, region in chinese} == {"村", "社区", "嘎查"}
    quarters = defaultdict(set)
    for page, region in chinese:
        if page.quarter:
            quarters[region.code].add((page.year, page.quarter))
    assert len(quarters) >= 5
    for code, seen in quarters.items():
        assert seen == {(y, q) for y in (2024, 2025) for q in (1, 2, 3, 4)}, code
    assert {page.category for page, _region in chinese} == set(Category.values)


def check_one_village_publishes_its_2025_finances_monthly(chinese):
    monthly = [(page, region) for page, region in chinese if page.month]
    assert {region.name for _page, region in monthly} == {"红旗村"}
    assert sorted(page.month for page, _region in monthly) == list(range(1, 13))
    assert {page.category for page, _region in monthly} == {Category.FINANCE}
    assert not any(
        page.year == 2025 and page.quarter and page.category == Category.FINANCE
        for page, region in chinese
        if region.name == "红旗村"
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
    assert "Hongqi Village: 2025-12 disclosure" in html  # translated
    assert "红旗村2025年11月财务公开" in html  # not translated: the Chinese page
