"""The tables of the 政府信息公开工作年度报告 (国办公开办函〔2021〕30号).

二、主动公开政府信息情况: 规章 and 行政规范性文件 counted from the items' 体裁分类
(documents.py); 行政许可, 行政处罚, 行政强制 and 行政事业性收费 are decisions and
fees the portal does not record, so staff enter them and the report marks them.
A further table lists what the portal published in the year by item type.
三、收到和处理政府信息公开申请情况: from the 依申请公开 register (applications.py).
四、政府信息公开行政复议、行政诉讼情况: entered by staff."""

from django.utils.translation import gettext_lazy as _

from content_models.disclosure.public import disclosure_models

from . import applications, documents
from .spec import Column, Entered, Figure, Row, Table, Total

DOCUMENT_COLUMNS = (
    Column("made", _("本年制发件数")),
    Column("repealed", _("本年废止件数")),
    Column("in_force", _("现行有效件数")),
)


def _document_row(kind, label):
    return Row(
        kind,
        label,
        {
            "made": Figure(documents.made(kind)),
            "repealed": Figure(documents.repealed(kind)),
            "in_force": Figure(documents.in_force(kind)),
        },
    )


def documents_table():
    return Table(
        "documents",
        _("第二十条第（一）项"),
        DOCUMENT_COLUMNS,
        (
            _document_row("regulations", _("规章")),
            _document_row("normative", _("行政规范性文件")),
        ),
        label_heading=_("信息内容"),
    )


def decisions_table():
    decisions = Column("decisions", _("本年处理决定数量"))
    return Table(
        "decisions",
        _("第二十条第（五）项、第（六）项"),
        (decisions,),
        (
            Row("licensing", _("行政许可"), {"decisions": Entered()}),
            Row("penalty", _("行政处罚"), {"decisions": Entered()}),
            Row("coercion", _("行政强制"), {"decisions": Entered()}),
        ),
        label_heading=_("信息内容"),
    )


def fees_table():
    return Table(
        "fees",
        _("第二十条第（八）项"),
        (Column("amount", _("本年收费金额（单位：万元）")),),
        (Row("fees", _("行政事业性收费"), {"amount": Entered("decimal")}),),
        label_heading=_("信息内容"),
    )


def types_table():
    return Table(
        "types",
        _("本年主动公开信息（按信息类型）"),
        (Column("published", _("本年发布条数")),),
        tuple(
            Row(
                model._meta.label_lower.replace(".", "-"),
                documents.type_label(model),
                {"published": Figure(documents.published_items(model))},
            )
            for model in sorted(disclosure_models(), key=lambda m: m._meta.label)
        )
        + (
            Row(
                "all",
                _("合计"),
                {"published": Figure(documents.all_published_items)},
            ),
        ),
        label_heading=_("信息类型"),
        note=_(
            "本表不在国办公开办函〔2021〕30号格式之内，列出本网站本年发布的信息，供核对。"
        ),
    )


APPLICANT_COLUMNS = (
    Column("natural", _("自然人")),
    Column("business", _("商业企业"), group=_("法人或其他组织")),
    Column("research", _("科研机构"), group=_("法人或其他组织")),
    Column("public_interest", _("社会公益组织"), group=_("法人或其他组织")),
    Column("legal_service", _("法律服务机构"), group=_("法人或其他组织")),
    Column("other", _("其他"), group=_("法人或其他组织")),
    Column("total", _("总计")),
)


def _by_applicant(select):
    return {column.key: Figure(select(column.key)) for column in APPLICANT_COLUMNS}


def applications_table():
    rows = [
        Row(
            "received",
            _("一、本年新收政府信息公开申请数量"),
            _by_applicant(applications.received),
        ),
        Row(
            "carried_over",
            _("二、上年结转政府信息公开申请数量"),
            _by_applicant(applications.carried_over),
        ),
        Row("results", _("三、本年度办理结果"), {}, heading=True),
    ]
    for key, label, answer, grounds, level in applications.outcome_rows():
        if answer is None:
            rows.append(Row(key, label, {}, level=level, heading=True))
            continue
        rows.append(
            Row(
                key,
                label,
                _by_applicant(
                    lambda column, a=answer, g=grounds: applications.answered(
                        column, a, g
                    )
                ),
                level=level,
            )
        )
    rows += [
        Row("answered", _("（七）总计"), _by_applicant(applications.answered), level=1),
        Row(
            "carried_forward",
            _("四、结转下年度继续办理"),
            _by_applicant(applications.carried_forward),
        ),
    ]
    return Table(
        "applications",
        _("三、收到和处理政府信息公开申请情况"),
        APPLICANT_COLUMNS,
        tuple(rows),
        note=_("本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和。"),
        check=balance,
    )


def balance(figures):
    """The form's check rule, per column: 一 + 二 = 三 + 四."""

    def value(row, column):
        return figures.get(f"applications/{row}/{column.key}") or 0

    return [
        (
            column,
            value("received", column) + value("carried_over", column)
            == value("answered", column) + value("carried_forward", column),
        )
        for column in APPLICANT_COLUMNS
    ]


REVIEW_RESULTS = (
    ("upheld", _("结果维持")),
    ("corrected", _("结果纠正")),
    ("other", _("其他结果")),
    ("pending", _("尚未审结")),
)


def review_table():
    groups = (
        ("review", _("行政复议")),
        ("direct_suit", _("行政诉讼：未经复议直接起诉")),
        ("suit_after_review", _("行政诉讼：复议后起诉")),
    )
    columns = tuple(
        Column(f"{group}__{key}", label, group=group_label)
        for group, group_label in groups
        for key, label in (*REVIEW_RESULTS, ("total", _("总计")))
    )
    cells = {}
    for group, _label in groups:
        parts = tuple(f"{group}__{key}" for key, _result in REVIEW_RESULTS)
        cells.update({part: Entered() for part in parts})
        cells[f"{group}__total"] = Total(parts)
    return Table(
        "review",
        _("四、政府信息公开行政复议、行政诉讼情况"),
        columns,
        (Row("cases", _("件数"), cells),),
        note=_("本表由工作人员填报；总计为各项之和。"),
    )


def tables():
    return (
        documents_table(),
        decisions_table(),
        fees_table(),
        types_table(),
        applications_table(),
        review_table(),
    )


def staff_tables():
    """The tables with values staff enter (known before the app registry is ready:
    the edit form is built from them when the page model is defined)."""
    return (decisions_table(), fees_table(), review_table())


TEXT_SECTIONS = (
    ("overview", _("一、总体情况")),
    ("problems", _("五、存在的主要问题及改进情况")),
    ("other_matters", _("六、其他需要报告的事项")),
)
