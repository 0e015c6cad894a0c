"""The datasets watchdogs can download, defined once (see ``schema.py``).

Every dataset reads its rows through the same public querysets as the pages
(``public_items`` and the section queries), so open data never shows what the site
does not. Pages are taken in the default language only (translations repeat the same
figures); the disclosure catalogue lists every language.
"""

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from content_models.charity.annual_reports import AnnualReport
from content_models.charity.fundraising import FilingStatus, FundraisingFiling
from content_models.charity.listings import of_public_charities, public_charities
from content_models.charity.projects import CharityProject, ProjectStatus
from content_models.credit.entries import ListType
from content_models.credit.queries import public_entries, public_organisations
from content_models.disclosure.identifiers import OrgType
from content_models.disclosure.metadata import Validity
from content_models.disclosure.periods import PERIOD_PATTERN, Period
from content_models.disclosure.public import public_items
from content_models.plans.indicators import Attribute, Indicator
from content_models.plans.pages import PlanPage
from content_models.plans.progress import IndicatorProgress
from content_models.regions.codes import descendant_prefix
from content_models.regions.models import Region
from content_models.villages.categories import Direction
from content_models.villages.disclosures import VillageDisclosurePage
from content_models.villages.models import FinanceRow

from .catalogue import CatalogueDataset
from .schema import (
    BOOLEAN,
    DATE,
    DATETIME,
    INTEGER,
    NUMBER,
    STRING,
    Dataset,
    Field,
    by_date,
    by_region_code,
    by_reporting_period,
    by_year,
    identifier,
    latest,
    local_date,
)

# Table Schema patterns are XML Schema regular expressions: anchored implicitly.
CREDIT_CODE_PATTERN = r"[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}"
REGION_CODE_PATTERN = r"\d{12}"

# Models whose names appear in other records' rows.
SHARED = ("regions.region", "disclosure.agency")


def text(name, title, description="", **options):
    return Field(name, STRING, title, description, **options)


def day(name, title, description="", **options):
    return Field(name, DATE, title, description, **options)


def region_fields(path):
    return (
        text(
            "region_code",
            _("区划代码"),
            _("12位统计用区划代码，可与“行政区划”数据集关联"),
            source=f"{path}__code",
            pattern=REGION_CODE_PATTERN,
        ),
        text("region_name", _("区划名称"), source=f"{path}__name"),
    )


def disclosure_fields(prefix=""):
    """索引号, 发布机构, 发布日期 and the two publication moments of a record."""
    return (
        text(
            "index_number",
            _("索引号"),
            _("政府信息公开索引号，可与“信息公开目录”数据集关联"),
            source=f"{prefix}index_number",
        ),
        text("agency", _("发布机构"), source=f"{prefix}agency__name"),
        day(
            "published_on",
            _("发布日期"),
            _("公开的发布日期：来源页面所载日期，否则为首次发布当天"),
            source=(f"{prefix}published_on", f"{prefix}first_published_at"),
            convert=lambda given, first: given or local_date(first),
        ),
        Field(
            "first_published_at",
            DATETIME,
            _("首次发布时间"),
            _("首次在本平台公开发布的时间"),
            source=f"{prefix}first_published_at",
        ),
    )


def updated_field(*paths):
    return Field(
        "updated_at",
        DATETIME,
        _("最近更新时间"),
        _("该行任何内容最近一次发布（含更正）的时间"),
        source=paths,
        convert=latest,
    )


def period_slug(year, quarter=None, month=None):
    return Period(year, quarter=quarter, month=month).slug if year else None


def period_field(*paths):
    return text(
        "period",
        _("期间"),
        _("年度、季度或月份，写作2025、2025-Q3或2025-07"),
        source=paths,
        convert=period_slug,
        pattern=PERIOD_PATTERN,
    )


def organisation_fields(path, name_title):
    return (
        text(
            "organisation_name" if path else "name",
            name_title,
            source=f"{path}name" if path else "name",
            required=True,
        ),
        text(
            "credit_code",
            _("统一社会信用代码"),
            source=f"{path}credit_code",
            pattern=CREDIT_CODE_PATTERN,
        ),
    )


# -- credit lists --------------------------------------------------------------------

CREDIT_STATUSES = {
    "current": Q(removed_on__isnull=True),
    "removed": Q(removed_on__isnull=False),
}


def credit_entry_fields(with_removals):
    removals = (
        Field(
            "status",
            STRING,
            _("状态"),
            _("current：仍在名录中；removed：已移出"),
            source="removed_on",
            convert=lambda removed: "removed" if removed else "current",
            required=True,
        ),
        day("removed_on", _("移出日期")),
        text("removal_reason", _("移出事由")),
        text("removal_authority", _("移出决定机关")),
        text("removal_decision_number", _("移出决定书文号")),
    )
    return (
        identifier(),
        text("list_type", _("名录类型"), choices=ListType, required=True),
        *organisation_fields("organisation__", _("社会组织名称")),
        *region_fields("organisation__region"),
        text(
            "registering_authority",
            _("登记管理机关"),
            source="organisation__registering_authority",
        ),
        text("reason", _("列入事由"), required=True),
        text("legal_basis", _("列入依据")),
        text("deciding_authority", _("作出决定机关")),
        text("decision_number", _("列入决定书文号")),
        day("listed_on", _("列入日期"), required=True),
        *(removals if with_removals else ()),
        *disclosure_fields(),
        updated_field("last_published_at", "organisation__last_published_at"),
    )


CREDIT_MODELS = ("credit.creditlistentry", "credit.socialorganisation", *SHARED)

credit_current = Dataset(
    slug="credit-list-current",
    keywords=(
        _("信用名录"),
        _("活动异常名录"),
        _("严重违法失信名单"),
        _("社会组织"),
    ),
    themes=(
        "SOCI",
        "GOVE",
    ),
    covers="listed_on",
    title=_("信用名录（现列入）"),
    description=_("目前仍在活动异常名录或严重违法失信名单中的社会组织，每次列入一行。"),
    fields=credit_entry_fields(with_removals=False),
    rows_from=lambda: public_entries().filter(removed_on__isnull=True),
    models=CREDIT_MODELS,
    region=by_region_code("organisation__region__code"),
    period=by_date("listed_on"),
    list_type="list_type",
    updated=("last_published_at", "organisation__last_published_at"),
)

credit_history = Dataset(
    slug="credit-list-history",
    keywords=(
        _("信用名录"),
        _("活动异常名录"),
        _("严重违法失信名单"),
        _("移出名录"),
    ),
    themes=(
        "SOCI",
        "GOVE",
    ),
    covers="listed_on",
    title=_("信用名录（全部列入与移出记录）"),
    description=_(
        "社会组织列入和移出活动异常名录、严重违法失信名单的全部记录，含已移出的。"
    ),
    fields=credit_entry_fields(with_removals=True),
    rows_from=public_entries,
    models=CREDIT_MODELS,
    region=by_region_code("organisation__region__code"),
    period=by_date("listed_on"),
    list_type="list_type",
    statuses=CREDIT_STATUSES,
    updated=("last_published_at", "organisation__last_published_at"),
)

social_organisations = Dataset(
    slug="social-organisations",
    keywords=(
        _("社会组织"),
        _("社会团体"),
        _("民办非企业单位"),
        _("基金会"),
    ),
    themes=("SOCI",),
    covers="registered_on",
    title=_("社会组织"),
    description=_("本平台公开的社会组织登记信息。"),
    fields=(
        identifier(),
        *organisation_fields("", _("名称")),
        text("org_type", _("组织类型"), choices=OrgType, required=True),
        text("registering_authority", _("登记管理机关")),
        *region_fields("region"),
        day("registered_on", _("登记日期")),
        text("address", _("住所")),
        *disclosure_fields(),
        updated_field("last_published_at"),
    ),
    rows_from=public_organisations,
    models=("credit.socialorganisation", *SHARED),
    region=by_region_code("region__code"),
)

# -- charity -------------------------------------------------------------------------

CHARITY_MODELS = ("charity.charityorganisation", *SHARED)

charity_organisations = Dataset(
    slug="charity-organisations",
    keywords=(
        _("慈善组织"),
        _("公开募捐资格"),
        _("税前扣除资格"),
    ),
    themes=("SOCI",),
    title=_("慈善组织"),
    description=_(
        "慈善组织的登记认定、公开募捐资格和公益性捐赠税前扣除资格（《慈善法》第七十六条）。"
    ),
    fields=(
        identifier(),
        *organisation_fields("", _("名称")),
        text("org_type", _("组织类型"), choices=OrgType, required=True),
        text("registering_authority", _("登记管理机关")),
        day("registered_on", _("登记日期")),
        day("recognised_on", _("认定为慈善组织日期")),
        day("public_fundraising_since", _("取得公开募捐资格日期")),
        Field("tax_deductible_from", INTEGER, _("税前扣除资格起始年度")),
        Field("tax_deductible_until", INTEGER, _("税前扣除资格截止年度")),
        text("address", _("住所")),
        *region_fields("region"),
        text("cszg_url", _("慈善中国链接")),
        *disclosure_fields(),
        updated_field("last_published_at"),
    ),
    rows_from=public_charities,
    models=CHARITY_MODELS,
    region=by_region_code("region__code"),
)


def charity_fields():
    return organisation_fields("charity__", _("慈善组织名称"))


fundraising_filings = Dataset(
    slug="fundraising-filings",
    keywords=(
        _("慈善募捐"),
        _("募捐方案备案"),
    ),
    themes=("SOCI",),
    title=_("募捐方案备案"),
    description=_("慈善组织公开募捐方案的备案信息。"),
    fields=(
        identifier(),
        text("filing_number", _("备案编号"), required=True),
        text("title", _("募捐方案名称"), required=True),
        *charity_fields(),
        text("purpose", _("募捐目的")),
        day("filed_on", _("备案日期")),
        Field("emergency", BOOLEAN, _("应急募捐"), _("是否为突发事件应急募捐")),
        day("starts_on", _("募捐起始日期")),
        day("ends_on", _("募捐终止日期")),
        Field("target_amount", NUMBER, _("募捐目标金额（元）")),
        text("status", _("状态"), choices=FilingStatus),
        *region_fields("region"),
        *disclosure_fields(),
        updated_field("last_published_at", "charity__last_published_at"),
    ),
    rows_from=lambda: of_public_charities(FundraisingFiling),
    models=("charity.fundraisingfiling", *CHARITY_MODELS),
    region=by_region_code("region__code"),
    period=by_date("filed_on"),
    statuses={value: Q(status=value) for value in FilingStatus.values},
    updated=("last_published_at", "charity__last_published_at"),
)

charity_annual_figures = Dataset(
    slug="charity-annual-figures",
    keywords=(
        _("慈善组织"),
        _("年度报告"),
        _("财务数据"),
    ),
    themes=(
        "SOCI",
        "ECON",
    ),
    title=_("慈善组织年度财务数据"),
    description=_("慈善组织年度报告中的收入、支出和净资产（《慈善法》第六十一条）。"),
    fields=(
        identifier(),
        *charity_fields(),
        Field("year", INTEGER, _("年度"), required=True),
        Field("total_income", NUMBER, _("总收入（元）")),
        Field("donation_income", NUMBER, _("捐赠收入（元）")),
        Field("total_spending", NUMBER, _("总支出（元）")),
        Field("charitable_spending", NUMBER, _("慈善活动支出（元）")),
        Field("management_costs", NUMBER, _("管理费用（元）")),
        Field("net_assets", NUMBER, _("年末净资产（元）")),
        Field("audited", BOOLEAN, _("经审计")),
        *region_fields("charity__region"),
        *disclosure_fields(),
        updated_field("last_published_at", "charity__last_published_at"),
    ),
    rows_from=lambda: of_public_charities(AnnualReport),
    models=("charity.annualreport", *CHARITY_MODELS),
    region=by_region_code("charity__region__code"),
    period=by_year("year"),
    updated=("last_published_at", "charity__last_published_at"),
)

charity_projects = Dataset(
    slug="charity-projects",
    keywords=(_("慈善项目"),),
    themes=("SOCI",),
    title=_("慈善项目"),
    description=_("慈善组织开展的慈善项目及其实施状态。"),
    fields=(
        identifier(),
        text("project_number", _("项目编号"), required=True),
        text("title", _("项目名称"), required=True),
        *charity_fields(),
        text("status", _("状态"), choices=ProjectStatus),
        day("starts_on", _("开始日期")),
        day("ends_on", _("结束日期")),
        Field("budget", NUMBER, _("预算金额（元）")),
        *region_fields("charity__region"),
        *disclosure_fields(),
        updated_field("last_published_at", "charity__last_published_at"),
    ),
    rows_from=lambda: of_public_charities(CharityProject),
    models=("charity.charityproject", *CHARITY_MODELS),
    region=by_region_code("charity__region__code"),
    period=by_date("starts_on"),
    statuses={value: Q(status=value) for value in ProjectStatus.values},
    updated=("last_published_at", "charity__last_published_at"),
)

# -- villages and communities --------------------------------------------------------


def default_language(pages):
    return pages.filter(locale__language_code=settings.LANGUAGE_CODE)


def public_finance_rows():
    pages = default_language(public_items(VillageDisclosurePage))
    return FinanceRow.objects.filter(page__in=pages)


def village_code(disclosure_key):
    # "zh-hans:<village code>:<period>:<category>", kept by the page's save().
    return disclosure_key.split(":")[1]


village_finance = Dataset(
    slug="village-finance",
    keywords=(
        _("村务公开"),
        _("财务公开"),
        _("村集体收支"),
    ),
    themes=(
        "ECON",
        "REGI",
    ),
    title=_("村（居）务财务公开收支"),
    description=_("村（社区）财务公开中的每一笔收入和支出，按公开期间列出。"),
    fields=(
        identifier(),
        text(
            "village_code",
            _("村（社区）区划代码"),
            _("12位统计用区划代码，可与“行政区划”数据集关联"),
            source="page__disclosure_key",
            convert=village_code,
            pattern=REGION_CODE_PATTERN,
        ),
        Field("year", INTEGER, _("年度"), source="page__year", required=True),
        Field("quarter", INTEGER, _("季度"), source="page__quarter"),
        Field("month", INTEGER, _("月份"), source="page__month"),
        period_field("page__year", "page__quarter", "page__month"),
        text("item", _("收支项目"), required=True),
        text("direction", _("收支方向"), choices=Direction, required=True),
        Field("amount", NUMBER, _("金额（元）"), required=True),
        text("note", _("备注")),
        text("disclosure_title", _("所属公开"), source="page__title"),
        *disclosure_fields("page__"),
        updated_field("page__last_published_at"),
    ),
    rows_from=public_finance_rows,
    models=("villages.villagedisclosurepage", "villages.villageindexpage", *SHARED),
    region=by_region_code("page__disclosure_key", prefix=f"{settings.LANGUAGE_CODE}:"),
    period=by_reporting_period("page__year", "page__quarter", "page__month"),
    updated=("page__last_published_at",),
)

# -- plans ---------------------------------------------------------------------------


def public_plans():
    return default_language(public_items(PlanPage))


def by_plan_region(plan):
    """A region filter through ORM path ``plan``: a plan covers its own region, or
    its agency's when it names none (as ``PlanPage.public_region``)."""

    def apply(queryset, code):
        start = descendant_prefix(code)
        return queryset.filter(
            Q(**{f"{plan}__region__code__startswith": start})
            | Q(
                **{
                    f"{plan}__region__isnull": True,
                    f"{plan}__agency__region__code__startswith": start,
                }
            )
        )

    return apply


def plan_fields(prefix):
    return (
        text("plan_title", _("规划名称"), source=f"{prefix}title"),
        text("plan_index_number", _("规划索引号"), source=f"{prefix}index_number"),
        text(
            "region_code",
            _("区划代码"),
            _("规划覆盖的区划：规划所标区划，否则为发布机构所在区划"),
            source=(f"{prefix}region__code", f"{prefix}agency__region__code"),
            convert=lambda own, agency: own or agency,
            pattern=REGION_CODE_PATTERN,
        ),
    )


PLAN_MODELS = ("plans.planpage", *SHARED)

plan_indicators = Dataset(
    slug="plan-indicators",
    keywords=(
        _("发展规划"),
        _("规划指标"),
        _("民政事业"),
    ),
    themes=("GOVE",),
    title=_("规划指标"),
    description=_("已公开规划中的主要指标：基期值、目标值和指标属性。"),
    fields=(
        identifier(),
        text(
            "key",
            _("指标标识"),
            _("指标在规划各版本和译本中不变的标识"),
            source="translation_key",
            convert=lambda key: str(key),
        ),
        *plan_fields("plan__"),
        text("table_title", _("指标表")),
        text("area", _("领域")),
        text("name", _("指标名称"), required=True),
        text("unit", _("单位")),
        text("baseline_value", _("基期值")),
        Field("baseline_year", INTEGER, _("基期年度")),
        text("target_value", _("目标值")),
        Field("target_year", INTEGER, _("目标年度")),
        text("attribute", _("指标属性"), choices=Attribute),
        Field("plan_start_year", INTEGER, _("规划起始年度"), source="plan__start_year"),
        Field("plan_end_year", INTEGER, _("规划终止年度"), source="plan__end_year"),
        updated_field("plan__last_published_at"),
    ),
    rows_from=lambda: Indicator.objects.filter(plan__in=public_plans()),
    models=PLAN_MODELS,
    region=by_plan_region("plan"),
    updated=("plan__last_published_at",),
)


indicator_progress = Dataset(
    slug="indicator-progress",
    keywords=(
        _("规划指标"),
        _("进展"),
        _("民政事业"),
    ),
    themes=("GOVE",),
    title=_("规划指标进展"),
    description=_("规划指标按季度公开的进展值。"),
    fields=(
        identifier(),
        Field(
            "indicator_id",
            INTEGER,
            _("指标编号"),
            _("对应“规划指标”数据集的编号"),
            source="indicator_id",
            required=True,
        ),
        text("indicator_name", _("指标名称"), source="indicator__name"),
        text("unit", _("单位"), source="indicator__unit"),
        *plan_fields("indicator__plan__"),
        Field("year", INTEGER, _("年度"), required=True),
        Field("quarter", INTEGER, _("季度"), required=True),
        period_field("year", "quarter"),
        Field("value", NUMBER, _("进展值"), required=True),
        text("note", _("说明")),
        Field(
            "first_published_at",
            DATETIME,
            _("首次发布时间"),
            _("首次在本平台公开发布的时间"),
        ),
        updated_field("last_published_at"),
    ),
    rows_from=lambda: public_items(IndicatorProgress).filter(
        indicator__plan__in=public_plans()
    ),
    models=("plans.indicatorprogress", *PLAN_MODELS),
    region=by_plan_region("indicator__plan"),
    period=by_reporting_period("year", "quarter"),
)

# -- reference and catalogue ---------------------------------------------------------

regions = Dataset(
    slug="regions",
    keywords=(
        _("行政区划"),
        _("统计用区划代码"),
    ),
    themes=("REGI",),
    title=_("行政区划"),
    description=_(
        "本平台使用的区县、乡镇（街道）、村（社区）及其统计用区划代码，"
        "供其他数据集的区划代码关联名称。"
    ),
    fields=(
        identifier(),
        text(
            "code",
            _("区划代码"),
            source="code",
            required=True,
            unique=True,
            pattern=REGION_CODE_PATTERN,
        ),
        text("name", _("名称"), required=True),
        text("kind", _("类型"), choices=Region.Kind),
        text("parent_code", _("上级区划代码"), source="parent__code"),
    ),
    rows_from=lambda: Region.objects.all(),
    models=("regions.region",),
    region=by_region_code("code"),
    updated=(),
)

catalogue = CatalogueDataset(
    slug="disclosure-catalogue",
    keywords=(
        _("政府信息公开"),
        _("信息公开目录"),
        _("索引号"),
    ),
    themes=("GOVE",),
    title=_("信息公开目录"),
    description=_(
        "本平台每一条已公开信息的目录：索引号、名称、发布机构、日期、文号、分类、"
        "有效性和网址，各语言版本分别列出。"
    ),
    fields=(
        text(
            "key",
            _("标识"),
            _("条目的固定标识：类型:编号"),
            required=True,
            unique=True,
        ),
        text("kind", _("类型")),
        text("index_number", _("索引号")),
        text("title", _("名称"), required=True),
        text("agency", _("发布机构")),
        day("written_on", _("成文日期")),
        day("published_on", _("发布日期")),
        text("document_number", _("文号")),
        text("topic", _("主题分类")),
        text("genre", _("体裁分类")),
        text("validity", _("有效性"), choices=Validity),
        text("region_code", _("区划代码"), pattern=REGION_CODE_PATTERN),
        text("period", _("期间")),
        text("language", _("语言")),
        text("url", _("网址")),
        Field("first_published_at", DATETIME, _("首次发布时间")),
        Field("updated_at", DATETIME, _("最近更新时间")),
    ),
    rows_from=None,
    models=(*SHARED, "disclosure.topic", "disclosure.genre"),
)

DATASETS = {
    dataset.slug: dataset
    for dataset in (
        catalogue,
        credit_current,
        credit_history,
        social_organisations,
        charity_organisations,
        fundraising_filings,
        charity_annual_figures,
        charity_projects,
        village_finance,
        plan_indicators,
        indicator_progress,
        regions,
    )
}


def get_dataset(slug):
    """The dataset named ``slug``; KeyError when there is none."""
    return DATASETS[slug]


def datasets_changed_by(label):
    """The datasets whose rows a change to model ``label`` may change."""
    return [dataset for dataset in DATASETS.values() if dataset.watches(label)]
