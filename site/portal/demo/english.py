"""The demo's English: what the bureau's translator writes in wagtail-localize for the
notices and the plan (``helpers.localize_page`` turns each into segment translations).

Each text has the shape of its Chinese source, so that segments line up: a notice's
body has the same paragraphs, the plan's body the same blocks in the same order.
A 文号 (清民发〔2025〕12号) is a document's identifier and stays as issued.
"""

# Fields of a notice that stay Chinese in English: its 文号.
KEPT_IN_NOTICES = ("document_number",)

OFFICE = "Office of the Qingyuan District Civil Affairs Bureau"
PLANNING_SECTION = (
    "Planning and Finance Section, Qingyuan District Civil Affairs Bureau"
)

# The 通知公告 articles, by slug.
NOTICES = {
    "2025-dibao-standard": {
        "title": "Notice of the Qingyuan District Civil Affairs Bureau on Adjusting "
        "the Urban and Rural Minimum Living Allowance Standards",
        "body": "<p>To the town governments and sub-district offices:</p>"
        "<p>With the approval of the district government, from 1 July 2025 the urban "
        "minimum living allowance standard rises from 780 to 820 yuan per person per "
        "month, and the rural standard from 8,400 to 8,900 yuan per person per "
        "year.</p>"
        "<p>Adjust allowance payments to the new standards promptly and make sure "
        "they are paid before the end of July.</p>",
        "keywords": "minimum living allowance, information disclosure",
        "source": OFFICE,
    },
    "2025-disclosure-priorities": {
        "title": "Key Points of Government Information Disclosure Work of the "
        "Qingyuan District Civil Affairs Bureau in 2025",
        "body": "<p>1. Disclose more about social assistance. Publish every month the "
        "number of minimum living allowance recipients and people in extreme "
        "poverty supported, and the funds spent.</p>"
        "<p>2. Standardise village and community affairs disclosure. Help every "
        "village and community complete its disclosure no later than the 20th day of the first "
        "month of each quarter.</p>"
        "<p>3. Publish the credit information of social organisations well.</p>",
        "keywords": "minimum living allowance, information disclosure",
        "source": OFFICE,
    },
    "2024-dibao-standard": {
        "title": "Notice of the Qingyuan District Civil Affairs Bureau on Adjusting "
        "the 2024 Urban and Rural Minimum Living Allowance Standards",
        "body": "<p>To the town governments and sub-district offices:</p>"
        "<p>With the approval of the district government, from 1 July 2024 the urban "
        "minimum living allowance standard rises from 740 to 780 yuan per person per "
        "month, and the rural standard from 7,900 to 8,400 yuan per person per "
        "year.</p>",
        "keywords": "minimum living allowance, allowance standard",
        "source": OFFICE,
    },
}
for _notice in NOTICES.values():
    _notice["summary"] = _notice["title"]  # as in Chinese: the title is the summary

PLAN_TITLE = "Qingyuan District 14th Five-Year Plan for Civil Affairs Development"

ISSUING_NOTICE = {
    "title": "Notice of the Qingyuan District Civil Affairs Bureau on Issuing the "
    f"{PLAN_TITLE}",
    "body": "<p>To the town governments, sub-district offices and the district "
    "departments concerned:</p>"
    f"<p>The {PLAN_TITLE} is issued to you herewith. Please implement it carefully "
    "in the light of your circumstances.</p>",
    "summary": f"Issues the {PLAN_TITLE}.",
    "keywords": "14th Five-Year Plan, civil affairs, plan",
    "source": PLANNING_SECTION,
}

PLAN = {
    "title": PLAN_TITLE,
    "summary": "Sets the goals, main tasks and safeguards of Qingyuan District's "
    "social assistance, elderly care, child welfare, social organisations, community "
    "governance and funeral services in the 14th Five-Year Plan period.",
    "keywords": "14th Five-Year Plan, civil affairs, social assistance, elderly care, "
    "child welfare, community governance, funeral services",
    "source": PLANNING_SECTION,
}

# The plan's body, block for block as plans.BODY (an indicator table's title is
# taken from the table itself: see plans.english_body).
BODY = [
    (1, "Chapter 1", "Foundations and circumstances"),
    (2, "Section 1", "Main achievements of the 13th Five-Year Plan period"),
    (
        "p",
        "During the 13th Five-Year Plan period the district's civil affairs system put "
        "people at the centre of its work and steadily strengthened the safety net. "
        "The urban and rural minimum living allowance standards rose to 680 yuan per "
        "person per month and 6,900 yuan per person per year; 320 million yuan of "
        "social assistance was paid out in all; 18 community day-care centres and 26 "
        "rural mutual-aid homes for the elderly were built; and the number of "
        "registered social organisations in the district reached 186.",
    ),
    (2, "Section 2", "The circumstances we face"),
    (
        "p",
        "People aged 60 and over make up 21.4% of the district's population, and the "
        "need for care of the very old and of older people who cannot look after "
        "themselves is growing fast. Services for older people and children left "
        "behind in farming and herding areas are short of staff; community service "
        "facilities are unevenly spread, and in some villages and gacha the service "
        "rooms are smaller than the standard requires.",
    ),
    (1, "Chapter 2", "General requirements"),
    (2, "Section 1", "Basic principles"),
    (3, "Principle 1", "Upholding the overall leadership of the Party"),
    (
        "p",
        "The Party's leadership runs through every stage and every part of civil "
        "affairs work, so that civil affairs always develop in the right direction.",
    ),
    (3, "Principle 2", "Securing the basic safety net"),
    (
        "p",
        "Focus on groups with special needs and on what residents care about most, "
        "hold the bottom line of people's livelihoods and weave the safety net tight.",
    ),
    (3, "Principle 3", "Reform and innovation"),
    (
        "p",
        "Following the reform to streamline administration and improve services, offer "
        "civil affairs services online in one place and strengthen the front-line "
        "offices that deliver them.",
    ),
    (2, "Section 2", "Development goals"),
    (
        "p",
        "Before the end of 2025 the tiered and categorised social assistance system will be more "
        "complete; an elderly care system in which home, community and institutional "
        "care work together, and medical care is combined with care and "
        "rehabilitation, will be basically in place; child welfare and the protection "
        "of minors will be clearly better; and grassroots governance will be markedly "
        "more modern. The main indicators are listed in Box 1.",
    ),
    ("table", "Note: figures in 〔〕 are five-year cumulative totals."),
    (1, "Chapter 3", "A tiered and categorised social assistance system"),
    (2, "Section 1", "Improving the minimum living allowance"),
    (3, "Task 1", "Adjusting the allowance standard every year"),
    (
        "p",
        "Link the allowance standard to residents' per-capita consumer spending and "
        "adjust it once a year, narrowing the gap between town and country, so that "
        "in 2025 the rural standard is at least 75% of the urban standard.",
    ),
    (3, "Task 2", "Managing recipients as their circumstances change"),
    (
        "p",
        "With the household financial-status verification system, manage recipients "
        "in categories as their circumstances change, so that everyone who qualifies is "
        "covered and everyone who no longer qualifies leaves the scheme.",
    ),
    (2, "Section 2", "Supporting people in extreme poverty"),
    (
        "p",
        "Fully implement support for people in extreme poverty, raise the share of "
        "those unable to look after themselves who are cared for in institutions, and "
        "open the district's care home for people in extreme poverty who have lost "
        "all or part of their ability to look after themselves.",
    ),
    (
        "box",
        "Box 2",
        "Strengthening social assistance",
        [
            (
                "1.",
                "Front-line offices",
                "Every town and sub-district has at least two full-time social "
                "assistance workers; every village and community has a social "
                "assistance helper.",
            ),
            (
                "2.",
                "Finding people in need",
                "Visiting households and finding people in difficulty become a key "
                "task of villages and communities; grid workers help to find and "
                "assist them early.",
            ),
            (
                "3.",
                "Pilot of “money plus services” assistance",
                "Qingshan Town and Hedong Sub-district pilot government-purchased "
                "social assistance services, giving care and nursing to "
                "recipients who cannot look after themselves.",
            ),
        ],
    ),
    (1, "Chapter 4", "An elderly care service system"),
    (2, "Section 1", "Home and community care"),
    (
        "p",
        "Build comprehensive elderly care centres in sub-districts and towns, develop "
        "meal and home care services for older people, and visit older people in "
        "special difficulty regularly.",
    ),
    (2, "Section 2", "Better care in care homes"),
    (
        "p",
        "Reform public care homes, raise the share of nursing beds and grade the "
        "quality of care homes' services.",
    ),
    (
        "box",
        "Box 3",
        "Building elderly care facilities",
        [
            (
                "",
                "",
                "Build or extend 12 community day-care centres and upgrade 10 rural "
                "mutual-aid homes for the elderly.",
            ),
            (
                "",
                "",
                "Adapt the homes of 200 older people in special difficulty to their "
                "needs.",
            ),
        ],
    ),
    ("table", ""),
    (1, "Chapter 5", "Child welfare and the protection of minors"),
    (2, "Section 1", "Welfare for children"),
    (
        "p",
        "Adjust the basic living allowance for orphans and for children whose parents "
        "cannot in fact look after them as living costs change, and visit every "
        "quarter the orphans and such children who live with families.",
    ),
    (2, "Section 2", "Protecting minors"),
    (
        "p",
        "Every town and sub-district sets up a child protection workstation, every "
        "village and community has a children's officer, and care for children left "
        "behind in the countryside is strengthened.",
    ),
    (1, "Chapter 6", "Social organisations and community governance"),
    (2, "Section 1", "Healthy and orderly growth of social organisations"),
    (
        "p",
        "Review the registration of social organisations carefully, enforce annual "
        "reports and information disclosure, and list, as the law requires, social "
        "organisations that do not file their annual report on time in the list of "
        "abnormal activities.",
    ),
    (2, "Section 2", "Better governance of urban and rural communities"),
    (
        "p",
        "Give every urban and rural community a comprehensive service facility and "
        "standardise village and community affairs disclosure, completed no later than the 20th "
        "day of the first month of each quarter.",
    ),
    (1, "Chapter 7", "Funeral reform and social affairs"),
    (
        "p",
        "Build a public-welfare cemetery for the district so that public burial "
        "facilities serve all of it; improve help for homeless people and beggars and "
        "marriage registration services.",
    ),
    (1, "Chapter 8", "Safeguards"),
    (3, "Measure 1", "Stronger organisation and leadership"),
    (
        "p",
        "Towns, sub-districts and the departments concerned include the goals and "
        "tasks of this plan in their annual work plans and assign clear "
        "responsibilities.",
    ),
    (3, "Measure 2", "Secure funding"),
    (
        "p",
        "Include civil affairs funding in the budget and spend a larger share of "
        "welfare lottery funds on elderly care.",
    ),
    (3, "Measure 3", "Strict monitoring and evaluation"),
    (
        "p",
        "Monitor the plan's implementation every year and evaluate it at mid-term; "
        "progress on the main indicators is published every quarter.",
    ),
]

# The indicator tables' words (titles, areas, names, units), by their Chinese text.
INDICATOR_WORDS = {
    "专栏1 清源区“十四五”民政事业主要发展指标": "Box 1 Main indicators of civil "
    "affairs development in Qingyuan District, 14th Five-Year Plan",
    "专栏4 养老服务和儿童福利发展指标": "Box 4 Elderly care and child welfare "
    "indicators",
    "社会救助": "Social assistance",
    "养老服务": "Elderly care",
    "儿童福利": "Child welfare",
    "社会组织": "Social organisations",
    "社区治理": "Community governance",
    "殡葬": "Funeral services",
    "社会事务": "Social affairs",
    "城乡低保标准年均增长率": "Average annual growth of the urban and rural minimum "
    "living allowance standards",
    "农村低保标准占城市低保标准比例": "Rural allowance standard as a share of the "
    "urban standard",
    "困难残疾人生活补贴覆盖率": "Coverage of living allowances for disabled people in "
    "difficulty",
    "重度残疾人护理补贴覆盖率": "Coverage of nursing allowances for severely disabled "
    "people",
    "查明身份信息的流浪乞讨受助人员接送返回率": "Identified homeless people and "
    "beggars helped to return home",
    "养老机构护理型床位占比": "Share of nursing beds in care homes",
    "街道（乡镇）具备综合功能的养老服务机构覆盖率": "Sub-districts and towns with a "
    "comprehensive elderly care centre",
    "镇（街道）未成年人保护工作站覆盖率": "Towns and sub-districts with a child "
    "protection workstation",
    "每万人拥有社会组织数": "Social organisations per 10,000 residents",
    "城乡社区综合服务设施覆盖率": "Urban and rural communities with a comprehensive "
    "service facility",
    "每百户居民拥有的社区综合服务设施面积": "Community service floor area per 100 "
    "households",
    "县级公益性安葬（放）设施覆盖率": "Coverage of county-level public burial "
    "facilities",
    "新增持证社会工作者": "New certified social workers",
    "每千名老年人拥有养老床位数": "Elderly care beds per 1,000 older people",
    "社区日间照料中心数量": "Community day-care centres",
    "特殊困难老年人月探访率": "Monthly visits to older people in special difficulty",
    "养老护理员培训": "Training of elderly care workers",
    "孤儿基本生活保障标准": "Basic living allowance for orphans",
    "农村留守儿童关爱服务覆盖率": "Care services for children left behind in rural "
    "areas",
    "个": "number",
    "张": "beds",
    "人": "people",
    "人次": "person-times",
    "平方米": "m²",
    "元/人·月": "yuan per person per month",
}

# English names administrators give the agencies and categories (``name_en``).
AGENCY = "Qingyuan District Civil Affairs Bureau"
TOWN_AGENCIES = {
    "150299001000": "Hedong Subdistrict Office, Qingyuan District",
    "150299100000": "Qingshan Town People's Government, Qingyuan District",
    "150299101000": "Baiyun Town People's Government, Qingyuan District",
    "150299200000": "Chagan Sumu People's Government, Qingyuan District",
}
TOPICS = {
    "mz": "Civil affairs, rural revitalisation, disaster relief",
    "zwgk": "General government affairs",
    "zwgk-gk": "Open government",
    "mz-shzz": "Social organisations",
    "mz-cs": "Charity",
    "mz-jc": "Grassroots government and community building",
    "mz-gh": "Development plans",
}
GENRES = {
    "tz": "Notice",
    "gh": "Plan",
    "gg": "Announcement",
    "md": "List",
    "bg": "Report",
    "qt": "Other",
}
