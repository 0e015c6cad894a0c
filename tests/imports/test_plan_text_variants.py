"""The plan parser on the variants real pages show (issue 15), one rule per test,
and generated pages thrown at it."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from imports.plan_text import NotAPlanError, PlanParseError, parse_plan
from imports.plan_text.metadata import extract_metadata, parse_date
from imports.plan_text.model import Line


def _lines(*texts):
    return [Line(number, text) for number, text in enumerate(texts, start=1)]


def _outline(document):
    return [(e.level, e.label, e.title) for e in document.outline]


def test_notice_with_two_plans_whose_titles_are_broken_over_two_lines():
    page = "\n".join(
        [
            "清源区民政局关于印发《清源区“十四五”民政事业发展规划》"
            "《清源区“十四五”养老服务体系建设规划》的通知",
            "各镇人民政府、各街道办事处:",
            "现将两个规划印发给你们,请认真贯彻执行。",
            "清源区民政局",
            "2022年1月5日",
            "清源区“十四五”",
            "民政事业发展规划",
            "一、发展基础",
            "民政事业取得新进展。",
            "清源区“十四五”",
            "养老服务体系建设规划",
            "一、总体要求",
            "健全养老服务体系。",
        ]
    )
    result = parse_plan(page, source_name="notice.txt")
    assert [d.title for d in result.documents] == [
        "清源区“十四五”民政事业发展规划",
        "清源区“十四五”养老服务体系建设规划",
    ]
    first, second = result.documents
    assert _outline(first) == [(1, "一、", "发展基础")]
    assert _outline(second) == [(1, "一、", "总体要求")]
    assert [v["text"] for k, v in second.body if k == "paragraph"] == [
        "健全养老服务体系。"
    ]
    assert all(d.notice_title == result.notice.title for d in result.documents)
    assert sum("printed over 2 lines" in w for w in result.warnings) == 2


def test_metadata_run_together_keeps_the_source():
    line = "发布时间:2020-11-18 15:56信息来源: 某区民政局阅读次数:编辑:张三"
    metadata, rest = extract_metadata(_lines(line))
    assert rest == []
    assert metadata.published == date(2020, 11, 18)
    assert metadata.source == "某区民政局"


def test_a_widget_opening_the_line_does_not_hide_the_metadata():
    page = (
        "兴宁市人民政府关于印发兴宁市征收土地管理办法的通知\n"
        "阅读次数:- 信息来源: 兴宁市人民政府办公室 发布时间:2023-12-29\n"
        "各镇人民政府:\n现将《兴宁市征收土地管理办法》印发给你们。\n"
        "兴宁市人民政府\n2023年12月29日\n兴宁市征收土地管理办法\n第一章 总则\n正文。"
    )
    (document,) = parse_plan(page).documents
    assert document.title == "兴宁市征收土地管理办法"
    assert document.metadata.source == "兴宁市人民政府办公室"
    assert document.metadata.published == date(2023, 12, 29)


@pytest.mark.parametrize(
    ("line", "field", "value"),
    [
        ("组配分类 通知公告 发布机构 县民政局", "issuer", "县民政局"),
        (
            "索引号 640201008/2019-00094 文号 生成日期 2018-03-28",
            "index_number",
            "640201008/2019-00094",
        ),
        ("发布单位: 县政府办 有效性: 有效", "issuer", "县政府办"),
        (
            "索 引 号:000014349/2021-00143主题分类:民政",
            "index_number",
            "000014349/2021-00143",
        ),
        ("文章發布日期:2025-05-06 17:07 來源:區民政局", "source", "區民政局"),
    ],
)
def test_metadata_label_variants(line, field, value):
    metadata, _ = extract_metadata(_lines(line))
    assert getattr(metadata, field) == value


def test_publication_date_outranks_the_date_written():
    metadata, _ = extract_metadata(
        _lines(
            "文号: 常政办发〔2023〕47号 成文日期: 2023-06-26",
            "发布时间:2023-07-05 17:10",
        )
    )
    assert metadata.published == date(2023, 7, 5)
    assert metadata.doc_number == "常政办发〔2023〕47号"


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("二○○九年六月十五日", date(2009, 6, 15)),
        ("二〇二三年十二月二十九日", date(2023, 12, 29)),
        ("2015年6月 23 日", date(2015, 6, 23)),
        ("二〇二三年十三月一日", None),
    ],
)
def test_dates_in_numerals_and_digits(text, day):
    assert parse_date(text) == day


def test_a_dibao_recipients_list_is_refused_naming_why():
    page = (
        "关于2024年1月城乡低保对象的公示\n"
        "序号 | 姓名 | 家庭人口 | 保障金额(元) |\n"
        "1 | 张三 | 3 | 1200 |\n2 | 李四 | 1 | 600 |\n"
    )
    with pytest.raises(NotAPlanError, match=r"dibao\.txt: not a plan or notice.*名单"):
        parse_plan(page, source_name="dibao.txt")


@pytest.mark.parametrize(
    ("page", "word"),
    [
        ("序号 | 姓名 | 金额 |\n1 | 张三 | 600 |\n2 | 李四 | 300 |", "表格"),
        ("25号上午,我区召开2022年民政工作会议。\n会议传达学习了工作要点。", "新闻"),
        ("一、总体情况\n2021年,我局认真贯彻条例。\n(二)依申请公开情况。", "报告"),
        ("经审核,拟救助2户,具体救助名单、事由及金额如下。\n张三 5000元", "名单"),
        ("南县住房和城乡建设局2018年度整体支出\n绩效评价报告\n为检验预算。", "报告"),
    ],
)
def test_pages_that_are_not_plans_are_refused_with_the_reason(page, word):
    with pytest.raises(NotAPlanError) as refusal:
        parse_plan(page, source_name="page.txt")
    assert word in str(refusal.value)
    assert str(refusal.value).startswith("page.txt: ")


def test_a_plan_opening_with_one_account_of_its_situation_is_not_a_report():
    page = "一、基本情况\n全区有低保对象3000人。\n二、总体要求\n坚持兜底保障。"
    (document,) = parse_plan(page, source_name="excerpt.txt").documents
    assert [e.title for e in document.outline] == ["基本情况", "总体要求"]


def test_the_operator_title_says_what_a_table_page_is():
    page = "序号 | 指标 | 目标值 |\n1 | 低保标准增速 | 5% |\n2 | 养老床位 | 500张 |"
    with pytest.raises(NotAPlanError, match="表格"):
        parse_plan(page, source_name="table.txt")
    result = parse_plan(page, source_name="table.txt", title="清源区养老服务规划")
    assert result.documents[0].title == "清源区养老服务规划"


def test_lines_above_the_title_are_furniture_and_kept_out_of_the_notice():
    page = (
        "×\n兴宁\n36°\n多云\n繁體 丨 手机版 丨 RSS订阅\n"
        "兴宁市人民政府关于印发兴宁市征收土地管理办法的通知\n"
        "XFGS—2023—008\n各镇人民政府:\n现将《兴宁市征收土地管理办法》印发给你们。\n"
        "兴宁市人民政府\n2023年12月29日\n兴宁市征收土地管理办法\n第一章 总则\n正文。"
    )
    result = parse_plan(page)
    assert result.notice.paragraphs[0] == "XFGS—2023—008"
    assert not any("36°" in p or p == "兴宁" for p in result.notice.paragraphs)
    assert result.removed_noise_lines >= 5


def test_a_meeting_notice_is_not_news():
    page = "关于召开2024年民政工作会议的通知\n各镇:\n定于3月1日召开会议。\n一、会议时间\n3月1日。"
    (document,) = parse_plan(page).documents
    assert document.title == "关于召开2024年民政工作会议的通知"


def test_guesses_are_reported_one_warning_each():
    page = (
        "市政府办公厅关于推进城镇燃气居民和\n餐饮用户“安心用气工程”建设的实施意见\n"
        "各区人民政府:\n为贯彻落实有关要求,现提出如下实施意见。\n一、总体要求\n正文。"
    )
    result = parse_plan(page, source_name="opinion.txt")
    (document,) = result.documents
    assert (
        document.title
        == "市政府办公厅关于推进城镇燃气居民和餐饮用户“安心用气工程”建设的实施意见"
    )
    assert document.metadata.issuer == "市政府办公厅"
    assert any("printed over 2 lines" in w for w in result.warnings)
    assert any(
        "issuer '市政府办公厅' taken from the title" in w for w in result.warnings
    )


def test_untitled_notice_is_found_from_its_text_and_named_with_a_warning():
    page = (
        "各镇人民政府,县政府各部门:\n"
        "  经县政府同意,现将《南陵县“十四五”城乡社区服务体系建设规划》印发给你们,请认真组织实施。\n"
        "南陵县民政局 南陵县发展和改革委员会\n2023年12月21日\n"
        "南陵县“十四五”城乡社区服务体系建设规划\n第一章 发展基础\n正文。"
    )
    result = parse_plan(page, source_name="nanling.txt")
    (document,) = result.documents
    assert document.title == "南陵县“十四五”城乡社区服务体系建设规划"
    assert document.metadata.published == date(2023, 12, 21)
    assert (
        result.notice.title
        == "关于印发《南陵县“十四五”城乡社区服务体系建设规划》的通知"
    )
    assert any("no title on the page" in w for w in result.warnings)


def test_a_basis_quoted_in_the_notice_is_not_issued():
    page = (
        "福田区民政局关于印发《福田区社会组织年度报告办法》等2项制度的通知\n各社会组织:\n"
        "根据《深圳市合作协议》的精神,我们制定了《福田区社会组织年度报告办法》、"
        "《福田区社会组织评估管理办法》,现予印发。\n福田区民政局\n2015年6月23日\n"
        "附件1\n福田区社会组织年度报告办法\n第一条 为了促进发展,制定本办法。"
    )
    result = parse_plan(page)
    assert [d.title for d in result.documents] == ["福田区社会组织年度报告办法"]
    assert any("福田区社会组织评估管理办法" in w for w in result.warnings)
    assert not any("深圳市合作协议" in w for w in result.warnings)


def test_planted_keyword_titles_and_adverts_are_removed_and_reported():
    page = (
        "91福利影院_91精品在线看_久久夜视频_国产精品大片_久久精品av\n"
        "关于开展社会组织等级评估工作的通知\n"
        "项目咨询热线:19855107810(微信同号),0551-65300113\n"
        "一、评估时间\n2022年8月至10月。\n联系人:王五,电话:0551-1234567(微信同号)。"
    )
    result = parse_plan(page)
    texts = [v.get("text", "") for _, v in result.documents[0].body]
    assert result.documents[0].title == "关于开展社会组织等级评估工作的通知"
    assert [i.line for i in result.injections] == [1, 3]
    assert "联系人:王五,电话:0551-1234567(微信同号)。" in texts


def test_pinyin_glosses_of_a_converted_page_are_dropped():
    page = (
        "關于開展評估工作的通知\n文章發(fā)布日期:2025-05-06\n一、評估內(nèi)容\n正文。"
    )
    (document,) = parse_plan(page).documents
    assert document.metadata.published == date(2025, 5, 6)
    assert _outline(document) == [(1, "一、", "評估內容")]


_FRAGMENTS = st.sampled_from(
    [
        "关于印发《清源区规划》的通知",
        "清源区规划",
        "发布时间:2020-11-18 15:56信息来源: 某区民政局阅读次数:编辑:",
        "索引号 001/2025-1 组配分类 通知公告",
        "各镇人民政府:",
        "现将《清源区规划》印发给你们。",
        "一、总体要求",
        "(一)指导思想",
        "1.加强领导。",
        "专栏1 重点工程",
        "序号",
        "指标",
        "1",
        "2",
        "序号 | 姓名 |",
        "二○○九年六月十五日",
        "91福利影院_久久精品_毛片_无码",
        "25号上午,我区召开会议。",
        "绩效评价报告",
        "《",
        "〔2022〕",
        "",
        "  ",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_FRAGMENTS, st.text(max_size=30)), max_size=25))
def test_any_page_is_parsed_or_refused_with_a_message_naming_the_source(parts):
    page = "\n".join(parts)
    try:
        result = parse_plan(page, source_name="generated.txt")
    except PlanParseError as error:
        assert str(error).startswith("generated.txt: ")
        return
    assert result.documents
    for document in result.documents:
        assert document.title.strip()
        levels = {entry.level for entry in document.outline}
        assert levels <= set(range(1, 8))
