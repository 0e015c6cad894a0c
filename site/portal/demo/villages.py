"""Demo content for the villages family: the 村务居务公开 section, a column for each of the
13 villages and communities, and each one's disclosures for the eight quarters that
have ended by the day the demo is loaded, so the demo never goes stale: 红旗村 publishes
its finances monthly for the last year, two villages still owe last quarter's
disclosure and one published it late (the due and overdue lists have something to
show).

Every person named is masked (张**) as a real 公示 must be (../shared/docs/DOMAIN.md B); amounts come
from a seeded generator so the demo is the same on every load.
"""

import datetime
import random
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.models import Locale

from content_models.disclosure.periods import Period
from content_models.villages.categories import Category, Direction
from content_models.villages.disclosures import standard_title
from content_models.villages.due import DUE_DAY, due_on, last_quarter
from content_models.villages.models import (
    FinanceRow,
    VillageAffairsIndexPage,
    VillageAttachment,
    VillageDisclosurePage,
    VillageIndexPage,
)
from publishing.workflows import setup_publishing

from .helpers import add_section, backdate, translate_page

ENGLISH_NAMES = {
    "150299001001": "Binhe Community",
    "150299001002": "Xinhua Community",
    "150299001003": "Tuanjie Community",
    "150299001004": "Yucai Community",
    "150299100201": "Hongqi Village",
    "150299100202": "Qianjin Village",
    "150299100203": "Liushuwan Village",
    "150299100204": "Xinghua Village",
    "150299101201": "Nangou Village",
    "150299101202": "Dongliang Village",
    "150299101203": "Shimen Village",
    "150299200201": "Baoyintu Gacha",
    "150299200202": "Wulan Gacha",
}
MONTHLY_FINANCE = "150299100201"  # 红旗村: monthly finances for the last year
OWING = ("150299101203", "150299200202")  # 石门村, 乌兰嘎查: last quarter not yet out
LATE = "150299101201"  # 南沟村 published last quarter's after the 20th
# Columns whose latest disclosure is corrected later with a photo of the notice board.
CORRECTED = ("150299001001", "150299100203", "150299200201")
# Besides 事务 and 财务 every quarter: 党务 in Q1/Q3, 政务 in Q2/Q4.
EXTRA_CATEGORY = {
    1: Category.PARTY,
    2: Category.GOVERNMENT,
    3: Category.PARTY,
    4: Category.GOVERNMENT,
}

SURNAMES = "张王李赵刘陈杨黄周吴"
ONE_DAY = datetime.timedelta(days=1)


def load(demo):
    section = VillageAffairsIndexPage(
        title="村务居务公开",
        slug="village-affairs",
        show_in_menus=True,
        intro="各村（社区、嘎查）党务、政务、事务、财务公开。一般事项每季度公开一次，"
        "财务收支较多的村按月公开，重大事项随时公开。",
    )
    add_section(
        demo,
        section,
        "Village and Community Affairs",
        intro="Disclosures of each village and community: party affairs, "
        "government services, village affairs and finances.",
    )
    section_en = section.get_translation(Locale.objects.get(language_code="en"))
    columns = {}
    for region in demo.villages:
        columns[region.code] = _column(section, region, section_en)
    # The section now exists in both languages: give it its workflow and its
    # approvers their permissions.
    setup_publishing()
    today = timezone.localdate()
    latest = {}
    with demo.review.batch():
        for region in demo.villages:
            agency = demo.town_agencies[region.parent.code]
            pages = _disclosures(demo, columns[region.code], region, agency, today)
            latest[region.code] = pages[-1]
    for code in CORRECTED:
        page = latest[code]
        _attach_statement(demo, type(page).objects.get(pk=page.pk))
    hongqi_latest = columns["150299100201"].get_children().live().last().specific
    clerk = demo.review.clerk(columns["150299100201"].region)
    translate_page(
        hongqi_latest,
        f"Hongqi Village: {hongqi_latest.period.slug} disclosure",
        publish=lambda english: demo.review.publish(english, clerk),
        body="<p>English summary of the village's published accounts.</p>",
    )
    return section


def _add_live(parent, page, day=None):
    """Add a column under ``parent`` already live, without the revision and publish
    round trip of ``helpers.publish_page``. Columns are site furniture, not published
    items: the disclosures in them go through review (``Review.page``)."""
    day = day or timezone.localdate()
    when = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))
    page.first_published_at = page.last_published_at = when
    page._cached_parent_obj = parent  # spares the validation a query for the parent
    parent.add_child(instance=page)  # inserted as a draft (publishing/drafts.py)
    type(page).objects.filter(pk=page.pk).update(
        live=True, has_unpublished_changes=False
    )
    page.live, page.has_unpublished_changes = True, False
    return page


def _column(section, region, section_en):
    kind = "居务" if region.kind == "社区" else "村务"
    column = _add_live(
        section,
        VillageIndexPage(
            title=region.name,
            slug=region.code,
            region=region,
            intro=f"{region.full_name}{kind}公开栏。对公开内容有疑问的，可在公开之日起10日内"
            f"向{region.name}{kind}监督委员会提出，也可向{region.parent.name}反映。",
        ),
    )
    english = ENGLISH_NAMES[region.code]
    _add_live(
        section_en,
        VillageIndexPage(
            title=english,
            slug=region.code,
            region=region,
            locale=section_en.locale,
            translation_key=column.translation_key,
            intro=f"Disclosure column of {english} ({region.full_name}).",
        ),
    )
    return column


def recent_quarters(today, count=8):
    """The ``count`` quarters that have ended by ``today``, oldest first."""
    quarters = [last_quarter(today)]
    while len(quarters) < count:
        quarters.insert(0, Period.containing(quarters[0].first_day - ONE_DAY))
    return quarters


def _disclosures(demo, column, region, agency, today):
    quarters = recent_quarters(today)
    if region.code in OWING and today > due_on(quarters[-1]):
        quarters = quarters[:-1]
    monthly = quarters[-4:] if region.code == MONTHLY_FINANCE else []
    pages = []
    for period in quarters:
        categories = [Category.AFFAIRS, EXTRA_CATEGORY[period.quarter]]
        if period not in monthly:
            categories.append(Category.FINANCE)
        for category in categories:
            pages.append(_disclosure(demo, column, region, agency, period, category))
        for month in _months(period) if period in monthly else ():
            pages.append(
                _disclosure(demo, column, region, agency, month, Category.FINANCE)
            )
    if region.code == MONTHLY_FINANCE:  # this quarter's months that have ended
        for month in _months(Period.containing(today)):
            if month.last_day < today:
                pages.append(
                    _disclosure(demo, column, region, agency, month, Category.FINANCE)
                )
    return pages


def _months(quarter):
    first = 3 * quarter.quarter - 2
    return [Period(quarter.year, month=month) for month in range(first, first + 3)]


def _disclosure(demo, column, region, agency, period, category):
    # Seeded so every load is identical; demo figures, not secrets.
    rng = random.Random(f"{region.code}-{period.slug}-{category}")  # noqa: S311
    # Published in the first weeks after the period (攀枝花 style: 首个月20日前).
    days = rng.randint(5, 18)
    if region.code == LATE and period == last_quarter(timezone.localdate()):
        days = DUE_DAY + 6
    published = min(
        period.last_day + datetime.timedelta(days=days), timezone.localdate()
    )
    page = VillageDisclosurePage(
        title=standard_title(region, period, category),
        slug=f"{period.slug}-{category}".lower(),
        year=period.year,
        quarter=period.quarter,
        month=period.month,
        category=category,
        body=BODIES[category](region, period, rng),
        agency=agency,
        written_on=published - datetime.timedelta(days=2),
        published_on=published,
        topic=demo.topics["mz-jc"],
        genre=demo.genres["gg"],
        source=f"{region.name}{'居民' if region.kind == '社区' else '村民'}委员会",
        keywords=f"{Category(category).label} {region.name}",
        summary=f"{region.full_name}{period}{Category(category).label}",
    )
    if category == Category.FINANCE:
        page.finance_rows = _finance_rows(region, period, rng)
    return demo.review.page(column, page, demo.review.clerk(region))


def _masked(rng):
    return f"{rng.choice(SURNAMES)}**"


def _party_body(region, period, rng):
    return (
        f"<h2>一、党员队伍建设</h2><p>{period}，党支部共有党员{rng.randint(18, 46)}名。"
        f"接收预备党员{rng.randint(0, 2)}名（{_masked(rng)}），按期转正党员1名（{_masked(rng)}）。</p>"
        f"<h2>二、党费收缴</h2><p>本季度应缴党费{rng.randint(900, 1800)}.00元，已全部收缴，"
        f"按规定上缴{region.parent.name}党委。</p>"
        "<h2>三、组织生活</h2><p>召开支部党员大会1次、支委会3次，开展主题党日活动3次，"
        "上党课1次。</p>"
    )


def _government_body(region, period, rng):
    households = rng.randint(8, 24)
    return (
        f"<h2>一、最低生活保障</h2><p>截至{period}末，本{region.kind}享受低保{households}户"
        f"{households + rng.randint(3, 12)}人。本季度新增1户（户主{_masked(rng)}），"
        f"因收入增加停保1户（户主{_masked(rng)}）。以上对象已在公开栏公示7个工作日，无异议。</p>"
        f"<h2>二、高龄津贴和残疾人两项补贴</h2><p>发放80周岁以上高龄津贴{rng.randint(20, 60)}人，"
        f"困难残疾人生活补贴{rng.randint(3, 10)}人，重度残疾人护理补贴{rng.randint(2, 8)}人，"
        "均由区民政局通过社会保障卡直接发放。</p>"
    )


def _affairs_body(region, period, rng):
    assembly = "居民代表会议" if region.kind == "社区" else "村民代表会议"
    matters = rng.sample(
        [
            "村内巷道硬化工程（长约1.2公里）",
            "集体机动地对外发包",
            "饮水安全改造",
            "公共区域路灯更换",
            "农村人居环境整治保洁员聘用",
            "集体经济合作社年度分红方案",
            "老旧小区楼道照明改造",
            "草场围栏维修",
        ],
        2,
    )
    return (
        f"<h2>一、{assembly}决定事项</h2><p>{period}召开{assembly}{rng.randint(1, 2)}次，"
        f"应到代表{rng.randint(25, 40)}人，实到人数超过三分之二。会议讨论通过：</p>"
        f"<ol><li>{matters[0]}；</li><li>{matters[1]}。</li></ol>"
        "<h2>二、执行情况</h2><p>上述事项已按决定组织实施，进展情况将在下次公开时报告。</p>"
    )


def _finance_body(region, period, rng):
    return (
        f"<p>现将{region.name}{period}财务收支情况公开如下（单位：元），"
        f"请广大{'居民' if region.kind == '社区' else '群众'}监督。</p>"
        f"<p>{'居' if region.kind == '社区' else '村'}务监督委员会审核意见：经审核，收支凭证齐全，账实相符，同意公开。"
        f"（审核人：{_masked(rng)}、{_masked(rng)}）</p>"
    )


BODIES = {
    Category.PARTY: _party_body,
    Category.GOVERNMENT: _government_body,
    Category.AFFAIRS: _affairs_body,
    Category.FINANCE: _finance_body,
}

# (item, direction, low, high in 元 for a quarter, note); monthly periods use a third.
VILLAGE_ITEMS = [
    ("集体经营收入（机动地发包）", Direction.INCOME, 30000, 90000, "发包面积约210亩"),
    (
        "上级转移支付（村级组织运转经费）",
        Direction.INCOME,
        15000,
        25000,
        "镇财政所拨付",
    ),
    ("低保金代发", Direction.INCOME, 18000, 36000, "镇财政所拨付，代发"),
    ("低保金代发", Direction.EXPENSE, 18000, 36000, "已通过一卡通发放到户"),
    ("办公经费", Direction.EXPENSE, 3000, 8000, "办公用品、水电费"),
    ("道路维修", Direction.EXPENSE, 20000, 80000, "经村民代表会议通过"),
    ("保洁员劳务费", Direction.EXPENSE, 6000, 9000, "保洁员3名"),
]
COMMUNITY_ITEMS = [
    ("上级转移支付（社区工作经费）", Direction.INCOME, 20000, 35000, "街道拨付"),
    ("为民服务专项经费", Direction.INCOME, 10000, 20000, "区财政拨付"),
    ("办公经费", Direction.EXPENSE, 4000, 9000, "办公用品、网络费"),
    ("楼道照明维修", Direction.EXPENSE, 3000, 12000, "经居民代表会议通过"),
    ("困难群众走访慰问", Direction.EXPENSE, 2000, 6000, "慰问12户"),
]
GACHA_ITEMS = [
    ("集体草场租赁收入", Direction.INCOME, 40000, 110000, "租赁草场约3000亩"),
    ("上级转移支付（嘎查运转经费）", Direction.INCOME, 15000, 25000, "苏木财政所拨付"),
    ("牲畜防疫费用", Direction.EXPENSE, 5000, 15000, "春秋两季防疫"),
    ("办公经费", Direction.EXPENSE, 3000, 7000, "办公用品、取暖费"),
    ("道路维修", Direction.EXPENSE, 10000, 50000, "通嘎查砂石路"),
]


def _finance_rows(region, period, rng):
    items = {"社区": COMMUNITY_ITEMS, "嘎查": GACHA_ITEMS}.get(
        region.kind, VILLAGE_ITEMS
    )
    scale = Decimal(1) if period.quarter else Decimal(1) / 3
    rows, paid_out = [], {}
    for item, direction, low, high, note in items:
        if item == "道路维修" and rng.random() < 0.5:
            continue  # not every period has road works
        # 代发 money goes out exactly as it came in.
        amount = paid_out.get(item) or (
            Decimal(rng.randint(low * 100, high * 100)) / 100 * scale
        ).quantize(Decimal("0.01"))
        paid_out[item] = amount
        rows.append(
            FinanceRow(item=item, direction=direction, amount=amount, note=note)
        )
    return rows


# A one-page PDF standing in for the scanned 公开栏 sheet.
_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _attach_statement(demo, page):
    """A later edit of a published disclosure, reviewed again (a ledger correction)."""
    document = get_document_model().objects.create(
        title=f"{page.title}（公开栏照片）",
        file=ContentFile(_PDF, name=f"village-{page.slug}.pdf"),
    )
    page.attachments = [VillageAttachment(document=document)]
    clerk = demo.review.clerk(page.get_parent().specific.region)
    demo.review.publish(page, clerk)
    backdate(page)
