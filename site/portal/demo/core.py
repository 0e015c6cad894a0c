"""The ground floor of the demo: languages, the region tree, agencies, taxonomies, the
home page in both languages and a few plain documents (通知公告), each with its English
translation made in wagtail-localize (english.py)."""

import datetime
from dataclasses import dataclass, field

from wagtail.models import Locale, Page, Site

from content_models.disclosure.models import (
    Agency,
    ArticleIndexPage,
    ArticlePage,
    Genre,
    HomePage,
    Topic,
)
from content_models.regions.models import Region

from . import english
from .helpers import credit_code, localize_page, publish_page, publish_reviewed
from .review import Review, default_review, load_staff
from .site_settings import load_site_settings

DISTRICT_CODE = "150299000000"
HOME_SLUG = "qingyuan-demo"

# (code, name, kind, [(code, name, kind), ...])
TOWNS = [
    (
        "150299001000",
        "河东街道",
        "街道",
        [
            ("150299001001", "滨河社区", "社区"),
            ("150299001002", "新华社区", "社区"),
            ("150299001003", "团结社区", "社区"),
            ("150299001004", "育才社区", "社区"),
        ],
    ),
    (
        "150299100000",
        "青山镇",
        "镇",
        [
            ("150299100201", "红旗村", "村"),
            ("150299100202", "前进村", "村"),
            ("150299100203", "柳树湾村", "村"),
            ("150299100204", "杏花村", "村"),
        ],
    ),
    (
        "150299101000",
        "白云镇",
        "镇",
        [
            ("150299101201", "南沟村", "村"),
            ("150299101202", "东梁村", "村"),
            ("150299101203", "石门村", "村"),
        ],
    ),
    (
        "150299200000",
        "查干苏木",
        "苏木",
        [
            ("150299200201", "宝音图嘎查", "嘎查"),
            ("150299200202", "乌兰嘎查", "嘎查"),
        ],
    ),
]

TOPICS = [
    ("mz", "民政、乡村振兴、救灾", None),
    ("zwgk", "综合政务", None),
    ("zwgk-gk", "政务公开", "zwgk"),
    ("mz-shzz", "社会组织", "mz"),
    ("mz-cs", "慈善事业", "mz"),
    ("mz-jc", "基层政权和社区建设", "mz"),
    ("mz-gh", "发展规划", "mz"),
]
GENRES = [
    ("tz", "通知"),
    ("gh", "规划"),
    ("gg", "公告公示"),
    ("md", "名单名录"),
    ("bg", "报告"),
    ("qt", "其他"),
]


@dataclass
class Demo:
    home: HomePage
    home_en: HomePage
    agency: Agency
    district: Region
    towns: list = field(default_factory=list)
    villages: list = field(default_factory=list)
    town_agencies: dict = field(default_factory=dict)
    topics: dict = field(default_factory=dict)
    genres: dict = field(default_factory=dict)
    review: Review | None = None  # publishes items through their workflows


def demo_home():
    return HomePage.objects.filter(
        slug=HOME_SLUG, locale__language_code="zh-hans"
    ).first()


def load():
    Locale.objects.get_or_create(language_code="en")
    district = Region.objects.create(code=DISTRICT_CODE, name="清源区", kind="区")
    agency = Agency.objects.create(
        name="清源区民政局",
        name_en=english.AGENCY,
        credit_code=credit_code_for_agency("qingyuan-mzj"),
        region=district,
        address="清源区人民路88号（演示地址）",
        office_hours="工作日 8:30—12:00，14:30—17:30",
        phone="0472-0000000",
    )
    demo = Demo(home=None, home_en=None, agency=agency, district=district)
    _load_regions(demo)
    _load_taxonomies(demo)
    _load_home(demo)
    load_site_settings(demo)
    # The staff are loaded afresh once both home pages exist: their workflow and
    # permissions cover the English home too (a user object keeps the permissions
    # it first read).
    demo.review = load_staff()
    translations = [demo.home_en, *_load_articles(demo)]
    # The English pages go through review together, as a batch (bulk_review).
    demo.review.publish_all([(page, demo.review.editor) for page in translations])
    demo.home_en.refresh_from_db()
    return demo


def credit_code_for_agency(seed):
    return credit_code(1, DISTRICT_CODE, seed, registrar="1")


def _load_regions(demo):
    for code, name, kind, villages in TOWNS:
        town = Region.objects.create(
            code=code, name=name, kind=kind, parent=demo.district
        )
        demo.towns.append(town)
        demo.town_agencies[code] = Agency.objects.create(
            name=f"清源区{name}人民政府" if kind != "街道" else f"清源区{name}办事处",
            name_en=english.TOWN_AGENCIES[code],
            credit_code=credit_code_for_agency(f"town-{code}"),
            region=town,
        )
        for v_code, v_name, v_kind in villages:
            demo.villages.append(
                Region.objects.create(
                    code=v_code, name=v_name, kind=v_kind, parent=town
                )
            )


def _load_taxonomies(demo):
    for code, name, parent in TOPICS:
        demo.topics[code] = Topic.objects.create(
            code=code,
            name=name,
            name_en=english.TOPICS[code],
            parent=demo.topics.get(parent),
        )
    for order, (code, name) in enumerate(GENRES):
        demo.genres[code] = Genre.objects.create(
            code=code, name=name, name_en=english.GENRES[code], sort_order=order
        )


def _load_home(demo):
    root = Page.get_first_root_node()
    demo.home = root.add_child(
        instance=HomePage(
            title="清源区民政局政府信息公开",
            slug=HOME_SLUG,
            intro="发布民政规划、村务居务公开、社会组织信用信息和慈善信息。本站为演示站点，内容均为虚构。",
        )
    )
    publish_reviewed(demo.home)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    old_root = site.root_page if site.pk else None
    site.root_page = demo.home
    site.site_name = "清源区民政局"
    site.save()
    if old_root is not None and old_root.pk != demo.home.pk and old_root.slug == "home":
        old_root.delete()  # Wagtail's "Welcome" placeholder
    demo.home_en = localize_page(
        demo.home,
        {
            "title": "Qingyuan District Civil Affairs Bureau: Government Information",
            "intro": "Plans, village and community affairs, social organisation credit "
            "lists and charity information. A demonstration site: all content is "
            "fictional.",
        },
        default_review().editor,
    )


def _load_articles(demo):
    """The 通知公告 index (published, in both languages) and its notices; returns the
    English drafts of the index and the notices, for review."""
    index = ArticleIndexPage(
        title="通知公告",
        slug="notices",
        show_in_menus=True,
        intro="本局发布的通知、公告和政策文件。",
    )
    publish_page(demo.home, index)
    translations = [
        localize_page(
            index,
            {
                "title": "Notices",
                "intro": "Notices and policy documents of the bureau.",
            },
            demo.review.editor,
        )
    ]
    articles = [
        (
            "2025-dibao-standard",
            "清源区民政局关于调整城乡最低生活保障标准的通知",
            "清民发〔2025〕12号",
            datetime.date(2025, 6, 20),
            "<p>各镇人民政府、街道办事处：</p><p>经区人民政府同意，自2025年7月1日起，城市最低生活保障标准由每人每月780元提高到每人每月820元，农村最低生活保障标准由每人每年8400元提高到每人每年8900元。</p><p>各地要按新标准及时调整低保金发放，确保7月底前发放到位。</p>",
        ),
        (
            "2025-disclosure-priorities",
            "清源区民政局2025年政府信息公开工作要点",
            "清民办〔2025〕3号",
            datetime.date(2025, 3, 10),
            "<p>一、推进社会救助领域信息公开。按月公开低保、特困供养对象数量和资金支出情况。</p><p>二、规范村务居务公开。指导各村（社区）每季度首月20日前完成公开。</p><p>三、做好社会组织信用信息公示。</p>",
        ),
    ]
    published = {}
    for slug, title, number, day, body in articles:
        published[slug] = demo.review.page(
            index,
            ArticlePage(
                title=title,
                slug=slug,
                body=body,
                agency=demo.agency,
                document_number=number,
                written_on=day,
                published_on=day,
                topic=demo.topics["zwgk-gk"],
                genre=demo.genres["tz"],
                keywords="低保 信息公开",
                source="清源区民政局办公室",
                summary=title,
            ),
        )
    # The standard the 2025 notice replaced: 已废止 from the day the new one applies.
    day = datetime.date(2024, 6, 18)
    title = "清源区民政局关于调整2024年城乡最低生活保障标准的通知"
    published["2024-dibao-standard"] = demo.review.page(
        index,
        ArticlePage(
            title=title,
            slug="2024-dibao-standard",
            body="<p>各镇人民政府、街道办事处：</p><p>经区人民政府同意，自2024年7月1日起，城市最低生活保障标准由每人每月740元提高到每人每月780元，农村最低生活保障标准由每人每年7900元提高到每人每年8400元。</p>",
            agency=demo.agency,
            document_number="清民发〔2024〕9号",
            written_on=day,
            published_on=day,
            topic=demo.topics["zwgk-gk"],
            genre=demo.genres["tz"],
            keywords="低保 最低生活保障标准",
            source="清源区民政局办公室",
            summary=title,
            validity="已废止",
            validity_changed_on=datetime.date(2025, 7, 1),
            replaced_by=published["2025-dibao-standard"],
        ),
    )
    for slug, page in published.items():
        translations.append(translate_notice(demo, page, english.NOTICES[slug]))
    return translations


def translate_notice(demo, notice, texts, **options):
    """The English draft of a notice, translated in wagtail-localize; its 文号 stays
    as issued."""
    return localize_page(
        notice, texts, demo.review.editor, keep=english.KEPT_IN_NOTICES, **options
    )
