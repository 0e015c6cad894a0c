"""The plan parser's rules on small synthetic pages, one rule per test."""

from datetime import date

import pytest

from imports.plan_text import PlanParseError, parse_plan


def _outline(document):
    return [(e.level, e.label, e.title) for e in document.outline]


def _paragraphs(document):
    return [value["text"] for kind, value in document.body if kind == "paragraph"]


def test_metadata_run_together_on_one_line():
    page = (
        "清源区“十四五”民政事业发展规划\n"
        "索引号: 11150299MJ0000001M/2023-00012  组配分类: 规划计划  主题分类: 民政\n"
        "发布机构：清源区民政局 发布日期：2023年3月5日 发布文号：清民发〔2023〕5号"
        " 信息来源：清源区民政局办公室\n"
        "一、总体要求\n"
        "坚持以人民为中心。\n"
    )
    (document,) = parse_plan(page).documents
    meta = document.metadata
    assert meta.issuer == "清源区民政局"
    assert meta.published == date(2023, 3, 5)
    assert meta.doc_number == "清民发〔2023〕5号"
    assert meta.source == "清源区民政局办公室"
    assert meta.index_number == "11150299MJ0000001M/2023-00012"
    assert meta.classification == {"组配分类": "规划计划", "主题分类": "民政"}
    assert document.title == "清源区“十四五”民政事业发展规划"
    assert _paragraphs(document) == ["坚持以人民为中心。"]


def test_metadata_label_and_value_on_separate_lines_and_time_of_day():
    page = "清源区养老服务规划\n发布时间\n2023-04-01 09:30:00\n来源\n清源区民政局\n一、目标\n正文。"
    (document,) = parse_plan(page).documents
    assert document.metadata.published == date(2023, 4, 1)
    assert document.metadata.source == "清源区民政局"


def test_notice_issuing_two_plans_gives_two_linked_documents():
    page = "\n".join(
        [
            "清源区民政局关于印发《清源区“十四五”民政事业发展规划》"
            "《清源区“十四五”养老服务体系建设规划》的通知",
            "清民发〔2022〕3号",
            "各镇人民政府、各街道办事处:",
            "现将两个规划印发给你们,请结合实际认真贯彻执行。",
            "清源区民政局",
            "2022年1月5日",
            "附件1",
            "清源区“十四五”民政事业发展规划",
            "一、发展基础",
            "民政事业取得新进展。",
            "二、主要任务",
            "兜牢民生底线。",
            "附件2",
            "清源区“十四五”养老服务体系建设规划",
            "一、总体要求",
            "健全养老服务体系。",
        ]
    )
    result = parse_plan(page)
    assert [d.title for d in result.documents] == [
        "清源区“十四五”民政事业发展规划",
        "清源区“十四五”养老服务体系建设规划",
    ]
    notice_title = result.notice.title
    assert notice_title.startswith("清源区民政局关于印发")
    assert all(d.notice_title == notice_title for d in result.documents)
    first, second = result.documents
    assert _outline(first) == [(1, "一、", "发展基础"), (1, "二、", "主要任务")]
    assert _outline(second) == [(1, "一、", "总体要求")]
    assert _paragraphs(second) == ["健全养老服务体系。"]
    for document in result.documents:
        assert document.metadata.issuer == "清源区民政局"
        assert document.metadata.published == date(2022, 1, 5)
        assert document.metadata.doc_number == "清民发〔2022〕3号"
    assert "现将两个规划印发给你们,请结合实际认真贯彻执行。" in result.notice.paragraphs


def test_box_with_first_item_on_its_title_line_and_items_run_on():
    page = (
        "清源区规划\n"
        "第一章 总体要求\n"
        "专栏1 社区服务提升工程1.社区综合服务设施全覆盖。到2025年实现全覆盖。"
        "2.社区工作者培训。每年培训一次。\n"
        "第二章 保障措施\n"
        "加强组织领导。\n"
    )
    (document,) = parse_plan(page).documents
    (box,) = document.boxes
    assert (box.label, box.title) == ("专栏1", "社区服务提升工程")
    assert box.items == [
        "1.社区综合服务设施全覆盖。到2025年实现全覆盖。",
        "2.社区工作者培训。每年培训一次。",
    ]
    # Box items are not headings; the box ends at the next chapter.
    assert _outline(document) == [(1, "第一章", "总体要求"), (1, "第二章", "保障措施")]
    assert [kind for kind, _ in document.body] == [
        "heading",
        "box",
        "heading",
        "paragraph",
    ]


def test_box_title_on_its_own_line():
    page = "清源区规划\n一、任务\n专栏2\n养老服务工程\n01 建设养老服务中心\n新建3所。\n二、保障\n落实。"
    (document,) = parse_plan(page).documents
    (box,) = document.boxes
    assert (box.label, box.title, box.items) == (
        "专栏2",
        "养老服务工程",
        ["01 建设养老服务中心\n新建3所。"],
    )


def test_numbering_gaps_are_tolerated_and_reported():
    page = (
        "清源区规划\n一、总体要求\n正文。\n二、主要任务\n正文。\n四、保障措施\n正文。"
    )
    result = parse_plan(page)
    (document,) = result.documents
    assert [e.label for e in document.outline] == ["一、", "二、", "四、"]
    assert len(result.warnings) == 1
    assert "skips" in result.warnings[0] and "四、" in result.warnings[0]
    assert "line 6" in result.warnings[0]


def test_levels_are_relative_to_the_highest_style_found():
    page = "清源区规划\n（一）总体要求\n1.坚持党的领导。加强领导。\n（二）主要任务\n"
    (document,) = parse_plan(page).documents
    assert _outline(document) == [
        (1, "(一)", "总体要求"),
        (2, "1.", "坚持党的领导"),
        (1, "(二)", "主要任务"),
    ]
    assert _paragraphs(document) == ["加强领导。"]


def test_full_width_labels_and_digits_are_normalised_but_punctuation_kept():
    page = "清源区规划\n（一）完善救助体系\n到２０２５年，低保标准提高１０％。\n"
    (document,) = parse_plan(page).documents
    assert _outline(document) == [(1, "(一)", "完善救助体系")]
    assert _paragraphs(document) == ["到2025年，低保标准提高10％。"]


def test_stray_spaces_are_collapsed():
    page = "清源区规划\n一、  总体   要求\n建立机制 ,推动   工作。"
    (document,) = parse_plan(page).documents
    assert _outline(document) == [(1, "一、", "总体 要求")]
    assert _paragraphs(document) == ["建立机制,推动 工作。"]


def test_line_cut_mid_character_loses_the_broken_character_and_is_reported():
    page = "清源区规划\n一、总体要求\n健全社会救助体系,推进救助\ufffd\n二、任务\n"
    result = parse_plan(page)
    assert _paragraphs(result.documents[0]) == ["健全社会救助体系,推进救助"]
    assert any("line 3" in w and "cut off" in w for w in result.warnings)


def test_html_input_keeps_line_structure_and_table_cells():
    page = """<!DOCTYPE html><html><head><title>站点</title>
    <script>var x = "一、不是标题";</script></head><body>
    <div class="nav">首页 &gt; 规划计划</div>
    <h1>清源区“十四五”民政规划</h1>
    <p>发布日期：2023年3月5日<br>来源：清源区民政局</p>
    <h2>一、总体要求</h2><p>坚持&nbsp;以人民为中心。</p>
    <p>主要指标表</p>
    <table><tr><td>序号</td><td>指标</td><td>2025年</td></tr>
    <tr><td>1</td><td>低保覆盖率</td><td>100%</td></tr>
    <tr><td>2</td><td>社工人数</td><td>400人</td></tr></table>
    <div>扫一扫在手机打开当前页</div></body></html>"""
    result = parse_plan(page, source_name="qingyuan.html")
    (document,) = result.documents
    assert document.title == "清源区“十四五”民政规划"
    assert document.metadata.published == date(2023, 3, 5)
    assert document.metadata.source == "清源区民政局"
    assert _outline(document) == [(1, "一、", "总体要求")]
    assert _paragraphs(document) == ["坚持 以人民为中心。"]
    (table,) = document.indicator_tables
    assert table.title == "主要指标表"
    assert table.columns == ["序号", "指标", "2025年"]
    assert table.rows == [["1", "低保覆盖率", "100%"], ["2", "社工人数", "400人"]]
    assert result.removed_noise_lines == 2


def test_injected_gambling_text_is_reported_and_removed_from_title_and_body():
    page = (
        "清源区开云体育:“十四五”民政事业发展规划\n"
        "一、总体要求\n"
        "加强kaiyun体育官方网站:社区治理,配齐社区体育指导员。\n"
        "推动乐鱼体育：养老服务发展,开展群众体育活动。\n"
    )
    result = parse_plan(page)
    assert [(i.line, i.text) for i in result.injections] == [
        (1, "开云体育:"),
        (3, "kaiyun体育官方网站:"),
        (4, "乐鱼体育："),
    ]
    (document,) = result.documents
    assert document.title == "清源区“十四五”民政事业发展规划"
    assert _paragraphs(document) == [
        "加强社区治理,配齐社区体育指导员。",
        "推动养老服务发展,开展群众体育活动。",
    ]


def test_ordinary_sports_and_lottery_words_are_not_spam():
    page = "清源区规划\n一、任务\n福利彩票:规范发行销售。发展群众体育:建设健身步道。\n"
    result = parse_plan(page)
    assert result.injections == []
    assert _paragraphs(result.documents[0]) == [
        "福利彩票:规范发行销售。发展群众体育:建设健身步道。"
    ]


def test_table_of_contents_without_marker_is_dropped():
    page = "\n".join(
        ["清源区规划", "一、总体要求", "二、主要任务", "三、保障措施"]
        + [
            "一、总体要求",
            "正文一。",
            "二、主要任务",
            "正文二。",
            "三、保障措施",
            "正文三。",
        ]
    )
    result = parse_plan(page)
    assert [e.label for e in result.documents[0].outline] == ["一、", "二、", "三、"]
    assert result.removed_noise_lines == 3


def test_title_argument_overrides_and_repeats_are_dropped():
    page = "清源区规划\n一、任务\n正文。\n"
    (document,) = parse_plan(page, title="清源区“十四五”规划").documents
    assert document.title == "清源区“十四五”规划"


@pytest.mark.parametrize("text", ["", "   \n\t\n"])
def test_empty_input_is_a_clear_error_naming_the_source(text):
    with pytest.raises(PlanParseError, match=r"plan-empty\.txt: the input is empty"):
        parse_plan(text, source_name="plan-empty.txt")


def test_page_of_furniture_only_is_an_error_naming_the_source():
    with pytest.raises(PlanParseError, match=r"nav\.html: nothing is left"):
        parse_plan("扫一扫,在手机打开当前页面\n打印\n关闭\n", source_name="nav.html")


def test_to_json_is_the_report_shape():
    result = parse_plan("清源区规划\n一、任务\n正文。\n")
    assert result.to_json() == (
        '{"documents": [{"title": "清源区规划", "issuer": null, "published": null, '
        '"doc_number": null, "source": null, "outline": [{"level": 1, "label": "一、", '
        '"title": "任务"}], "indicator_tables": [], "boxes": [], "id": null, '
        '"url": null}], "injections": [], "removed_noise_lines": 0, "warnings": []}'
    )


def test_site_name_and_widgets_in_the_head_are_not_title_or_metadata():
    page = (
        "清源区人民政府\n"
        "当前位置：首页 > 政务公开 > 规划计划\n"
        "清源区“十四五”社区服务体系建设规划\n"
        "发布日期：2023-06-01 浏览次数：128\n"
        "来源：清源区民政局 浏览次数：128\n"
        "【字体：大 中 小】【打印】【关闭】\n"
        "一、总体要求\n"
        "正文。\n"
    )
    result = parse_plan(page)
    (document,) = result.documents
    assert document.title == "清源区“十四五”社区服务体系建设规划"
    assert document.metadata.source == "清源区民政局"
    assert document.metadata.published == date(2023, 6, 1)
    assert _paragraphs(document)[-1] == "正文。"


def test_title_printed_only_in_a_metadata_table_under_its_label():
    page = (
        "| 索引号:000014349/2025-00001 | |\n"
        "| 发文机关:清源区民政局 | 主题词:工作要点 |\n"
        "| 标题:清源区民政局2025年工作要点 | |\n"
        "| 主题分类:其它 | 发布日期:2025-02-10 |\n"
        "一、基本情况\n"
        "二、工作情况\n"
        "坚持以人民为中心。\n"
    )
    result = parse_plan(page)
    (document,) = result.documents
    assert document.title == "清源区民政局2025年工作要点"
    # Cells end at their column: no "|" is kept in a value.
    assert document.metadata.issuer == "清源区民政局"
    assert document.metadata.index_number == "000014349/2025-00001"
    assert document.metadata.published == date(2025, 2, 10)
    assert any("标题" in warning for warning in result.warnings)


@pytest.mark.parametrize(
    "opening",
    [
        "现将我局2025年度法治政府建设情况报告如下：",
        "现就2024年民政工作总结如下：",
    ],
)
def test_a_page_without_title_that_announces_a_report_is_refused(opening):
    page = f"2025年，我局坚持依法行政。{opening}\n一、主要举措\n落实责任。\n"
    with pytest.raises(PlanParseError, match="报告"):
        parse_plan(page)


def test_an_ordinary_plan_mentioning_a_report_is_kept():
    page = (
        "清源区养老服务规划\n一、总体要求\n现将有关事项报告如下，请各单位遵照执行。\n"
    )
    (document,) = parse_plan(page).documents
    assert document.title == "清源区养老服务规划"


def test_a_notices_plan_title_with_its_period_on_the_next_line():
    page = (
        "清源区人民政府办公室关于印发清源区民政事业发展规划的通知\n"
        "各街道：\n"
        "现将《清源区民政事业发展规划》印发给你们，请遵照执行。\n"
        "清源区人民政府办公室\n"
        "2021年11月12日\n"
        "清源区民政事业发展规划\n"
        "（2021—2025年）\n"
        "一、发展基础\n"
        "坚持以人民为中心。\n"
    )
    result = parse_plan(page)
    (document,) = result.documents
    assert document.title == "清源区民政事业发展规划（2021—2025年）"
    assert "（2021—2025年）" not in _paragraphs(document)
