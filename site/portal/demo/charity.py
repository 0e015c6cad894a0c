"""Demo content for the charity family: the 慈善信息 section, six fictional charities,
their fundraising filings, annual reports for 2022–2024 and projects.

Number formats used here (all invented):
- 统一社会信用代码: ``helpers.credit_code`` with registrar 5 (民政) and kind 1 社会团体,
  2 民办非企业单位 or 3 基金会, so every code passes the GB 32100 check.
- 备案编号: the charity's credit code + the two-digit filing year + a three-digit serial
  (``FILING_NUMBER`` in content_models/charity/fundraising.py checks this shape).
- 项目编号: ``XM`` + district code 150299 + start year + a three-digit serial.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from content_models.charity.models import (
    AnnualReport,
    CharityIndexPage,
    CharityOrganisation,
    CharityProject,
    FundraisingFiling,
    ProgressReport,
)

from .helpers import add_section, credit_code

D = datetime.date
KIND_CODES = {"社会团体": 1, "民办非企业单位": 2, "基金会": 3}
# 慈善中国's home page: the demo charities have no entries of their own there.
CSZG_HOME = "https://cszg.mca.gov.cn/"

# The tables below are data, laid out one row a line for reading.
# fmt: off

# name, type, registered, recognised, 公募 since, tax years, region code, address
CHARITIES = [
    ("清源区慈善总会", "社会团体", D(2006, 5, 18), D(2017, 3, 20), D(2017, 9, 1),
     (2024, 2026), "150299000000", "清源区人民路88号民政服务中心三楼（演示地址）"),
    ("清源区助学基金会", "基金会", D(2011, 9, 9), D(2016, 12, 15), D(2018, 4, 10),
     (2024, 2026), "150299000000", "清源区文昌街16号（演示地址）"),
    ("清源区夕阳红养老服务中心", "民办非企业单位", D(2015, 3, 2), D(2019, 6, 18), None,
     None, "150299001000", "清源区河东街道滨河路3号（演示地址）"),
    ("清源区青山镇乡村振兴促进会", "社会团体", D(2018, 7, 1), D(2020, 10, 12), None,
     (2023, 2025), "150299100000", "清源区青山镇政府院内（演示地址）"),
    ("清源区扶残助困基金会", "基金会", D(2019, 1, 15), D(2019, 1, 15), D(2021, 3, 1),
     (2025, 2027), "150299000000", "清源区建设路120号（演示地址）"),
    ("清源区白云镇邻里互助服务社", "民办非企业单位", D(2021, 5, 20), D(2022, 8, 8), None,
     None, "150299101000", "清源区白云镇南沟村村委会旁（演示地址）"),
]

# charity, serial in its year, title, purpose, filed, starts, ends, target 元, status,
# emergency (filed after the start, 《慈善法》第七十三条)
FILINGS = [
    ("清源区慈善总会", 1, "2025年“情暖清源”春节慈善募捐活动",
     "为城乡低保家庭、特困人员和困境儿童筹集春节慰问款物。", D(2024, 12, 10),
     D(2025, 1, 1), D(2025, 2, 28), 500000, "已结束", False),
    ("清源区慈善总会", 1, "清源区2025年“99公益日”助困募捐",
     "资助困难家庭学生和大病患者家庭。", D(2025, 8, 15),
     D(2025, 9, 1), D(2025, 9, 30), 300000, "已结束", False),
    ("清源区慈善总会", 1, "清源区困难群众大病救助长期募捐",
     "对经医保报销后自付费用仍然较高的困难群众给予补充救助。", D(2026, 2, 10),
     D(2026, 3, 1), D(2026, 12, 31), 800000, "募捐中", False),
    ("清源区助学基金会", 1, "“圆梦清源”2025年秋季助学募捐",
     "资助考入高等院校的困难家庭新生每人5000元。", D(2025, 6, 20),
     D(2025, 7, 1), D(2025, 9, 15), 200000, "已结束", False),
    ("清源区助学基金会", 1, "“书香乡村”村级图书角募捐",
     "为全区13个村（社区）建设图书角并每年更新图书。", D(2026, 4, 1),
     D(2026, 4, 20), D(2027, 4, 19), 150000, "募捐中", False),
    ("清源区扶残助困基金会", 1, "2024年清源区汛期受灾群众紧急救助募捐",
     "为汛期受灾的残疾人家庭和困难群众提供临时生活救助和房屋修缮补助。", D(2024, 7, 25),
     D(2024, 7, 20), D(2024, 9, 30), 400000, "已结束", True),
]

# charity: {year: (income, donations, spending, charitable, management, net assets)} in
# 万元. Net assets roll forward by each year's surplus. 公募 foundations spend ≥ 70 % of
# the previous year's income, except the 扶残助困基金会 in 2023, which the table flags.
REPORTS = {
    "清源区慈善总会": {2022: (612, 540, 580, 538, 31, 436), 2023: (655, 590, 630, 586, 33, 461),
                    2024: (702, 640, 676, 630, 35, 487)},
    "清源区助学基金会": {2022: (185, 170, 160, 148, 11, 520), 2023: (198, 182, 176, 162, 12, 542),
                     2024: (210, 195, 188, 173, 13, 564)},
    "清源区夕阳红养老服务中心": {2022: (96, 12, 92, 70, 18, 45), 2023: (104, 15, 99, 76, 19, 50),
                          2024: (111, 16, 106, 82, 20, 55)},
    "清源区青山镇乡村振兴促进会": {2022: (38, 30, 35, 30, 4, 22), 2023: (42, 35, 40, 34, 5, 24),
                           2024: (45, 38, 43, 37, 5, 26)},
    "清源区扶残助困基金会": {2022: (120, 110, 105, 96, 8, 150), 2023: (160, 150, 90, 80, 9, 220),
                       2024: (150, 138, 148, 136, 10, 222)},
    "清源区白云镇邻里互助服务社": {2022: (8, 6, 7, 6, 1, 3), 2023: (12, 9, 11, 9, 1, 4),
                           2024: (15, 12, 14, 12, 1, 5)},
}

# charity, serial (district-wide), title, status, starts, ends, budget 元, description,
# progress reports [(date, text, 元 spent)]
PROJECTS = [
    ("清源区慈善总会", 1, "困难群众大病补充救助项目", "实施中", D(2025, 3, 1), None, 1500000,
     "对低保、特困和低收入家庭成员中自付医疗费用超过1万元的患者给予补充救助。",
     [(D(2025, 5, 30), "受理申请42件，救助31人。", 186000),
      (D(2025, 8, 29), "受理申请38件，救助29人。", 171000),
      (D(2025, 11, 28), "受理申请35件，救助27人。", 158000),
      (D(2026, 2, 27), "受理申请40件，救助30人。", 176000),
      (D(2026, 5, 29), "受理申请44件，救助33人。", 193000),
      (D(2026, 8, 28), "受理申请39件，救助30人。", 178000)]),
    ("清源区慈善总会", 2, "2025年春节慰问项目", "已结项", D(2025, 1, 10), D(2025, 2, 10), 450000,
     "向城乡低保家庭、特困人员和困境儿童发放春节慰问金和慰问品。",
     [(D(2025, 2, 10), "慰问困难家庭1260户，发放慰问金和物资折款44.1万元。", 441000),
      (D(2025, 4, 30), "结项报告：剩余资金0.9万元已转入大病补充救助项目。", 0)]),
    ("清源区助学基金会", 3, "“圆梦清源”大学新生资助项目", "已结项", D(2025, 7, 1),
     D(2025, 10, 31), 200000, "资助考入高等院校的困难家庭新生。",
     [(D(2025, 9, 10), "资助新生36人，每人5000元。", 180000),
      (D(2025, 12, 20), "结项报告：剩余资金2万元留作下年度资助。", 0)]),
    ("清源区夕阳红养老服务中心", 4, "高龄独居老人助餐服务项目", "实施中", D(2025, 1, 1),
     D(2026, 12, 31), 120000, "为河东街道80岁以上独居老人提供午餐配送和每周一次上门探访。",
     [(D(2025, 6, 30), "上半年配送午餐9800份，探访1040人次。", 52000),
      (D(2025, 12, 31), "下半年配送午餐10200份，探访1100人次。", 55000)]),
    ("清源区青山镇乡村振兴促进会", 5, "青山镇留守儿童四点半课堂", "实施中", D(2024, 9, 1),
     None, 60000, "在红旗村、前进村开设放学后托管课堂，志愿者辅导作业。",
     [(D(2024, 12, 31), "两个课堂共服务儿童48人。", 14000),
      (D(2025, 6, 30), "新增柳树湾村课堂，服务儿童67人。", 21000)]),
    ("清源区扶残助困基金会", 6, "残疾人家庭无障碍改造项目", "实施中", D(2025, 4, 1),
     D(2026, 12, 31), 450000, "为重度残疾人家庭安装扶手、坡道和淋浴座椅。",
     [(D(2025, 6, 30), "完成入户评估58户，改造21户。", 63000),
      (D(2025, 9, 30), "改造24户。", 72000), (D(2025, 12, 31), "改造19户。", 57000),
      (D(2026, 3, 31), "改造16户。", 48000), (D(2026, 6, 30), "改造22户。", 66000),
      (D(2026, 9, 30), "改造20户。", 60000)]),
    ("清源区白云镇邻里互助服务社", 7, "白云镇邻里互助时间银行", "实施中", D(2026, 3, 1),
     None, 20000, "组织村民以志愿服务时长互换照料服务。",
     [(D(2026, 6, 30), "登记志愿者86人，累计服务时长1320小时。", 4200),
      (D(2026, 10, 31), "南沟村、东梁村开展助老互助服务410人次。", 3800)]),
]

# fmt: on


def load(demo):
    section = add_section(
        demo,
        CharityIndexPage(
            title="慈善信息",
            slug="charity",
            show_in_menus=True,
            intro="慈善组织登记事项、公开募捐资格和公益性捐赠税前扣除资格名单、募捐方案备案、年报和项目进展。",
        ),
        "Charity Information",
        intro="Registered charities, the lists of fundraising and tax-deduction "
        "qualifications, fundraising filings, annual reports and projects.",
    )
    with demo.review.batch():
        charities = {row[0]: _charity(demo, *row) for row in CHARITIES}
        for row in FILINGS:
            _filing(demo, charities[row[0]], *row[1:])
        for name, years in REPORTS.items():
            for year, figures in years.items():
                _report(demo, charities[name], year, figures)
        for row in PROJECTS:
            _project(demo, charities[row[0]], *row[1:])
    return section


def _metadata(demo, genre, published_on):
    return {
        "agency": demo.agency,
        "topic": demo.topics["mz-cs"],
        "genre": demo.genres[genre],
        "written_on": published_on,
        "published_on": published_on,
        "source": "清源区民政局慈善事业促进和社会工作科",
    }


def _publish(demo, record):
    record.full_clean()  # the demo obeys the same rules as the admin
    return demo.review.record(record, demo.review.charity)


def _charity(
    demo, name, org_type, registered, recognised, since, tax, region_code, address
):
    code = credit_code(KIND_CODES[org_type], region_code, f"charity-{name}")
    return _publish(
        demo,
        CharityOrganisation(
            name=name,
            credit_code=code,
            org_type=str(KIND_CODES[org_type]),
            registering_authority="清源区民政局",
            registered_on=registered,
            recognised_on=recognised,
            public_fundraising_since=since,
            tax_deductible_from=tax[0] if tax else None,
            tax_deductible_until=tax[1] if tax else None,
            address=address,
            region=next(
                r for r in [demo.district, *demo.towns] if r.code == region_code
            ),
            cszg_url=CSZG_HOME if since else "",
            summary=f"{name}的登记事项和资格信息。",
            keywords="慈善组织 登记事项",
            **_metadata(demo, "md", max(recognised, D(2025, 1, 6))),
        ),
    )


def _filing(
    demo,
    charity,
    serial,
    title,
    purpose,
    filed,
    starts,
    ends,
    target,
    status,
    emergency,
):
    return _publish(
        demo,
        FundraisingFiling(
            charity=charity,
            filing_number=f"{charity.credit_code}{filed.year % 100:02d}{serial:03d}",
            title=title,
            purpose=purpose,
            filed_on=filed,
            starts_on=starts,
            ends_on=ends,
            target_amount=Decimal(target),
            status=status,
            emergency=emergency,
            region=demo.district,
            summary=purpose,
            keywords="募捐方案 备案",
            **_metadata(demo, "gg", filed),
        ),
    )


def _report(demo, charity, year, figures):
    names = (
        "total_income",
        "donation_income",
        "total_spending",
        "charitable_spending",
        "management_costs",
        "net_assets",
    )
    amounts = {name: _yuan(value) for name, value in zip(names, figures, strict=True)}
    qualified = charity.public_fundraising_since is not None
    return _publish(
        demo,
        AnnualReport(
            charity=charity,
            year=year,
            audited=qualified or year == 2024,
            summary=f"{charity.name}{year}年度工作报告和财务会计报告摘要。",
            keywords="年度报告",
            **amounts,
            **_metadata(demo, "bg", D(year + 1, 5, 20)),
        ),
    )


def _project(
    demo, charity, serial, title, status, starts, ends, budget, description, reports
):
    project = CharityProject(
        charity=charity,
        project_number=f"XM150299{starts.year}{serial:03d}",
        title=title,
        status=status,
        starts_on=starts,
        ends_on=ends,
        budget=Decimal(budget),
        description=f"<p>{description}</p>",
        summary=description,
        keywords="慈善项目",
        **_metadata(demo, "gg", starts),
    )
    for day, text, spent in reports:
        project.progress_reports.add(
            ProgressReport(reported_on=day, text=text, amount_spent=Decimal(spent))
        )
    return _publish(demo, project)


def _yuan(wan):
    """万元 as written in the table above → 元."""
    return (Decimal(wan) * 10000).quantize(Decimal("0.01"), ROUND_HALF_UP)
