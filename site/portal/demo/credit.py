"""Demo content for the credit family: 社会组织信用信息公示.

Twenty-five fictional organisations registered by 清源区民政局 and their listings in
活动异常名录 and 严重违法失信名单: annual reports not filed, unreachable addresses,
penalties, removals after filing, and escalation after two years in the 活动异常名录.
Every name, code and decision number is invented; the codes are valid GB 32100 codes
made by ``helpers.credit_code``.
"""

import datetime

from content_models.credit.models import (
    CreditIndexPage,
    CreditListEntry,
    SocialOrganisation,
)

from .core import DISTRICT_CODE
from .helpers import add_section, credit_code

D = datetime.date
AUTHORITY = "清源区民政局"
ABNORMAL, SERIOUS = "abnormal", "serious"

# 民政部令第60号; the article numbers follow the final text as commonly quoted
# (../shared/docs/DOMAIN.md section C notes the full final text was not retrieved).
BASIS_REPORT = "《社会组织信用信息管理办法》第十条第（一）项"
BASIS_RECTIFY = "《社会组织信用信息管理办法》第十条第（三）项"
BASIS_WARNING = "《社会组织信用信息管理办法》第十条第（五）项"
BASIS_ADDRESS = "《社会组织信用信息管理办法》第十条第（六）项"
BASIS_TWO_YEARS = "《社会组织信用信息管理办法》第十七条第（一）项"
BASIS_SUSPENDED = "《社会组织信用信息管理办法》第十七条第（三）项"

# (key, name, kind 1 社会团体 / 2 民办非企业单位 / 3 基金会, region code, registered, address)
ORGANISATIONS = [
    ("sf", "清源区书法家协会", 1, None, D(2012, 5, 16), "清源区文化路12号文化馆三楼"),
    ("sy", "清源区摄影家协会", 1, None, D(2013, 3, 8), "清源区文化路12号文化馆二楼"),
    ("gt", "清源区个体劳动者协会", 1, None, D(2009, 9, 1), "清源区人民路102号"),
    ("lt", "清源区老年人体育协会", 1, None, D(2015, 6, 20), "清源区体育场东门"),
    ("cy", "清源区餐饮行业协会", 1, None, D(2016, 11, 3), "清源区迎宾大街66号"),
    (
        "gs",
        "清源区青山镇果树种植协会",
        1,
        "150299100000",
        D(2018, 4, 12),
        "青山镇政府院内",
    ),
    (
        "yz",
        "清源区白云镇养殖业协会",
        1,
        "150299101000",
        D(2017, 8, 25),
        "白云镇南沟村委会",
    ),
    ("sc", "清源区诗词学会", 1, None, D(2014, 10, 10), "清源区图书馆二楼"),
    ("zy", "清源区退役军人志愿者协会", 1, None, D(2020, 8, 1), "清源区建设路9号"),
    ("wl", "清源区物流行业协会", 1, None, D(2019, 5, 5), "清源区物流园区综合楼"),
    (
        "mw",
        "清源区查干苏木马文化协会",
        1,
        "150299200000",
        D(2016, 7, 15),
        "查干苏木宝音图嘎查",
    ),
    ("yg", "清源区阳光社会工作服务中心", 2, None, D(2016, 3, 18), "清源区育才路21号"),
    ("qm", "清源区启明星培训学校", 2, None, D(2011, 9, 1), "清源区学府街8号"),
    ("kl", "清源区康乐养老院", 2, "150299100000", D(2014, 5, 28), "青山镇前进村"),
    ("xr", "清源区向日葵幼儿园", 2, "150299001000", D(2015, 2, 26), "河东街道团结社区"),
    (
        "jj",
        "清源区滨河社区居家养老服务中心",
        2,
        "150299001001",
        D(2019, 10, 9),
        "河东街道滨河社区",
    ),
    ("tx", "清源区同心心理咨询服务中心", 2, None, D(2018, 12, 6), "清源区人民路55号"),
    (
        "jn",
        "清源区新华职业技能培训学校",
        2,
        "150299001002",
        D(2013, 7, 1),
        "河东街道新华社区",
    ),
    (
        "lz",
        "清源区绿洲环保科技服务中心",
        2,
        None,
        D(2020, 4, 22),
        "清源区开发区创业大厦",
    ),
    ("ll", "清源区乐龄文化服务中心", 2, None, D(2021, 1, 15), "清源区文化路30号"),
    (
        "yc",
        "清源区育才青少年活动中心",
        2,
        "150299001004",
        D(2017, 6, 1),
        "河东街道育才社区",
    ),
    ("zx", "清源区助学基金会", 3, None, D(2012, 9, 10), "清源区人民路88号"),
    ("zl", "清源区慈善助老基金会", 3, None, D(2016, 10, 9), "清源区人民路90号"),
    ("xc", "清源区乡村振兴发展基金会", 3, None, D(2021, 6, 8), "清源区农业大厦"),
    ("wh", "清源区文化传承基金会", 3, None, D(2019, 3, 21), "清源区文化路12号"),
]

REPORT_2022 = ("未按规定报送2022年度工作报告", BASIS_REPORT)
REPORT_2023 = ("未按规定报送2023年度工作报告", BASIS_REPORT)
REPORT_2024 = ("未按规定报送2024年度工作报告", BASIS_REPORT)
ADDRESS = ("通过登记的住所无法联系", BASIS_ADDRESS)
RECTIFY = ("未按期完成《限期整改通知书》要求的整改", BASIS_RECTIFY)
WARNING = ("违反《民办非企业单位登记管理暂行条例》，受到警告行政处罚", BASIS_WARNING)
SUSPENDED = ("被限期停止活动", BASIS_SUSPENDED)
TWO_YEARS = ("连续2年列入活动异常名录", BASIS_TWO_YEARS)

FILED = "已补报年度工作报告，经核实予以移出"
REACHABLE = "已恢复通过登记的住所取得联系，经核实予以移出"
RECTIFIED = "已完成整改，经核实予以移出"
SIX_MONTHS = "列入满6个月，无需整改，依规移出"
ESCALATED = "列入活动异常名录满2年，移入严重违法失信名单"
TWO_YEARS_CLEAN = "列入满2年且未再出现列入情形，经申请予以移出"

# (org key, list, (reason, basis), listed on, decision no., removal or None)
# removal = (removed on, reason, decision no.)
ENTRIES = [
    (
        "sy",
        ABNORMAL,
        REPORT_2022,
        D(2023, 7, 3),
        "清民社异〔2023〕1号",
        (D(2023, 9, 12), FILED, "清民社移〔2023〕4号"),
    ),
    ("sy", ABNORMAL, REPORT_2023, D(2024, 7, 2), "清民社异〔2024〕1号", None),
    (
        "gt",
        ABNORMAL,
        REPORT_2023,
        D(2024, 7, 2),
        "清民社异〔2024〕1号",
        (D(2024, 8, 20), FILED, "清民社移〔2024〕6号"),
    ),
    ("lt", ABNORMAL, REPORT_2023, D(2024, 7, 2), "清民社异〔2024〕1号", None),
    (
        "cy",
        ABNORMAL,
        ADDRESS,
        D(2024, 3, 15),
        "清民社异〔2024〕2号",
        (D(2024, 9, 16), SIX_MONTHS, "清民社移〔2024〕9号"),
    ),
    (
        "gs",
        ABNORMAL,
        REPORT_2023,
        D(2024, 7, 2),
        "清民社异〔2024〕1号",
        (D(2024, 10, 8), FILED, "清民社移〔2024〕11号"),
    ),
    (
        "yz",
        ABNORMAL,
        REPORT_2022,
        D(2023, 7, 3),
        "清民社异〔2023〕1号",
        (D(2025, 7, 3), ESCALATED, "清民社失〔2025〕1号"),
    ),
    ("yz", SERIOUS, TWO_YEARS, D(2025, 7, 3), "清民社失〔2025〕1号", None),
    ("sc", ABNORMAL, ADDRESS, D(2025, 4, 10), "清民社异〔2025〕2号", None),
    ("zy", ABNORMAL, REPORT_2024, D(2025, 7, 1), "清民社异〔2025〕3号", None),
    (
        "wl",
        ABNORMAL,
        RECTIFY,
        D(2024, 11, 5),
        "清民社异〔2024〕5号",
        (D(2025, 1, 20), RECTIFIED, "清民社移〔2025〕2号"),
    ),
    ("wl", ABNORMAL, REPORT_2024, D(2025, 7, 1), "清民社异〔2025〕3号", None),
    (
        "mw",
        ABNORMAL,
        ADDRESS,
        D(2022, 5, 9),
        "清民社异〔2022〕2号",
        (D(2024, 5, 9), ESCALATED, "清民社失〔2024〕2号"),
    ),
    ("mw", SERIOUS, TWO_YEARS, D(2024, 5, 9), "清民社失〔2024〕2号", None),
    (
        "yg",
        ABNORMAL,
        REPORT_2023,
        D(2024, 7, 2),
        "清民社异〔2024〕1号",
        (D(2024, 7, 30), FILED, "清民社移〔2024〕5号"),
    ),
    (
        "qm",
        ABNORMAL,
        WARNING,
        D(2023, 4, 18),
        "清民社异〔2023〕3号",
        (D(2023, 10, 18), SIX_MONTHS, "清民社移〔2023〕8号"),
    ),
    ("qm", SERIOUS, SUSPENDED, D(2024, 9, 6), "清民社失〔2024〕3号", None),
    (
        "kl",
        ABNORMAL,
        RECTIFY,
        D(2025, 3, 12),
        "清民社异〔2025〕1号",
        (D(2025, 6, 3), RECTIFIED, "清民社移〔2025〕5号"),
    ),
    (
        "xr",
        ABNORMAL,
        REPORT_2024,
        D(2025, 7, 1),
        "清民社异〔2025〕3号",
        (D(2025, 8, 14), FILED, "清民社移〔2025〕7号"),
    ),
    (
        "jj",
        ABNORMAL,
        REPORT_2022,
        D(2023, 7, 3),
        "清民社异〔2023〕1号",
        (D(2023, 8, 2), FILED, "清民社移〔2023〕3号"),
    ),
    (
        "tx",
        ABNORMAL,
        ADDRESS,
        D(2022, 9, 20),
        "清民社异〔2022〕4号",
        (D(2024, 9, 20), ESCALATED, "清民社失〔2024〕4号"),
    ),
    ("tx", SERIOUS, TWO_YEARS, D(2024, 9, 20), "清民社失〔2024〕4号", None),
    (
        "jn",
        SERIOUS,
        SUSPENDED,
        D(2021, 6, 10),
        "清民社失〔2021〕1号",
        (D(2023, 8, 15), TWO_YEARS_CLEAN, "清民社移〔2023〕6号"),
    ),
    ("jn", ABNORMAL, REPORT_2024, D(2025, 7, 1), "清民社异〔2025〕3号", None),
    ("lz", ABNORMAL, REPORT_2023, D(2024, 7, 2), "清民社异〔2024〕1号", None),
    ("ll", ABNORMAL, ADDRESS, D(2025, 9, 8), "清民社异〔2025〕4号", None),
    ("yc", ABNORMAL, REPORT_2024, D(2025, 7, 1), "清民社异〔2025〕3号", None),
    (
        "zx",
        ABNORMAL,
        REPORT_2022,
        D(2023, 7, 3),
        "清民社异〔2023〕1号",
        (D(2023, 8, 28), FILED, "清民社移〔2023〕5号"),
    ),
    (
        "zl",
        ABNORMAL,
        REPORT_2024,
        D(2025, 7, 1),
        "清民社异〔2025〕3号",
        (D(2025, 9, 1), FILED, "清民社移〔2025〕9号"),
    ),
    (
        "xc",
        ABNORMAL,
        REPORT_2023,
        D(2024, 7, 2),
        "清民社异〔2024〕1号",
        (D(2025, 1, 6), FILED, "清民社移〔2025〕1号"),
    ),
    (
        "wh",
        ABNORMAL,
        ADDRESS,
        D(2023, 11, 2),
        "清民社异〔2023〕4号",
        (D(2025, 11, 3), ESCALATED, "清民社失〔2025〕3号"),
    ),
    ("wh", SERIOUS, TWO_YEARS, D(2025, 11, 3), "清民社失〔2025〕3号", None),
    ("lt", ABNORMAL, RECTIFY, D(2026, 2, 9), "清民社异〔2026〕1号", None),
    ("cy", ABNORMAL, REPORT_2024, D(2025, 7, 1), "清民社异〔2025〕3号", None),
]


def load(demo):
    """Create this family's demo content under ``demo.home``."""
    add_section(
        demo,
        CreditIndexPage(
            title="社会组织信用信息公示",
            slug="credit",
            show_in_menus=True,
            intro="公示本区登记的社会组织列入、移出活动异常名录和严重违法失信名单的情况。"
            "可按名称或统一社会信用代码查询。",
        ),
        "Social Organisation Credit Lists",
        intro="Social organisations registered in the district that are, or were, in the "
        "list of abnormal activities or the list of serious violations.",
    )
    with demo.review.batch():
        organisations = {key: _organisation(demo, *row) for key, *row in ORGANISATIONS}
        for key, list_type, (reason, basis), listed_on, number, removal in ENTRIES:
            _entry(
                demo,
                organisations[key],
                list_type,
                reason,
                basis,
                listed_on,
                number,
                removal,
            )


def _metadata(demo, day, number=""):
    return {
        "agency": demo.agency,
        "published_on": day,
        "written_on": day,
        "document_number": number,
        "topic": demo.topics["mz-shzz"],
        "genre": demo.genres["md"],
        "source": "清源区民政局社会组织管理股",
    }


def _organisation(demo, name, kind, region_code, registered_on, address):
    region = next(
        (r for r in [*demo.towns, *demo.villages] if r.code == region_code), None
    )
    organisation = SocialOrganisation(
        name=name,
        credit_code=credit_code(kind, DISTRICT_CODE, f"credit-org-{name}"),
        org_type=str(kind),
        registering_authority=AUTHORITY,
        region=region,
        registered_on=registered_on,
        address=f"{address}（演示地址）",
        keywords="社会组织 登记信息",
        **_metadata(demo, registered_on),
    )
    organisation.full_clean()
    return demo.review.record(organisation, demo.review.social_organisations)


def _entry(demo, organisation, list_type, reason, basis, listed_on, number, removal):
    removed_on, removal_reason, removal_number = removal or (None, "", "")
    entry = CreditListEntry(
        organisation=organisation,
        list_type=list_type,
        reason=reason,
        legal_basis=basis,
        deciding_authority=AUTHORITY,
        decision_number=number,
        listed_on=listed_on,
        removed_on=removed_on,
        removal_reason=removal_reason,
        removal_authority=AUTHORITY if removal else "",
        removal_decision_number=removal_number,
        keywords="信用名录 活动异常名录 严重违法失信名单",
        **_metadata(demo, listed_on, number),
    )
    entry.full_clean()  # the demo obeys the same rules as editors
    return demo.review.record(entry, demo.review.social_organisations)
