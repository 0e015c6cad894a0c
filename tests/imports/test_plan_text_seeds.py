"""The plan parser on the real pages in ../shared/seeds (skipped when absent)."""

import re
from pathlib import Path

import pytest

from imports.plan_text import parse_plan

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"

FURNITURE = re.compile(
    r"扫一扫|^打印$|^保存$|^关闭$|字体|本文地址|验证码|免责|AI阅读助手|留言与评论"
    r"|导航菜单|不代表本站立场|全文共计|\{\{"
)


def _parse(name):
    path = SEEDS / name
    if not path.exists():
        pytest.skip(f"seed {path} is not available")
    return parse_plan(path.read_text(encoding="utf-8"), source_name=name)


@pytest.fixture(scope="module")
def jiuyuan():
    return _parse("plan-jiuyuan-14th-fyp.txt")


@pytest.fixture(scope="module")
def shuangliao():
    return _parse("plan-shuangliao-14th-fyp-excerpt.txt")


@pytest.fixture(scope="module")
def xincheng():
    return _parse("plan-xincheng-14th-fyp-excerpt.txt")


def _texts(document):
    """Every piece of text that would reach the stored page."""
    for kind, value in document.body:
        if kind == "paragraph":
            yield value["text"]
        elif kind == "box":
            yield value["title"]
            yield from value["items"]
        elif kind == "heading":
            yield value["title"]


def _outline(document):
    return [(e.level, e.label, e.title) for e in document.outline]


# --- 九原区: metadata, TOC, outline, four indicator tables -----------------------


def test_jiuyuan_title_and_metadata(jiuyuan):
    (document,) = jiuyuan.to_dict()["documents"]
    assert document["title"] == "九原区“十四五”民政事业发展规划"
    assert document["published"] == "2022-02-01"
    assert document["source"] == "九原区发改委"
    assert document["issuer"] is None
    assert document["id"] is None and document["url"] is None


def test_jiuyuan_outline_levels_and_titles(jiuyuan):
    outline = _outline(jiuyuan.documents[0])
    assert outline[:5] == [
        (1, "一、", "指导思想"),
        (1, "二、", "基本原则"),
        (1, "三、", "发展目标"),
        (1, "四、", "工作任务"),
        (2, "(一)", "完善社会救助体系,增强兜底保障功能"),
    ]
    assert (3, "1.", "不断完善社会救助制度") in outline
    assert (3, "5.", "社会组织孵化基地提档升级") in outline
    assert (3, "16.", "培育养老服务产业链") in outline
    assert outline[-5:] == [
        (1, "五、", "保障措施"),
        (2, "(一)", "加强队伍建设"),
        (2, "(二)", "全面深化改革"),
        (2, "(三)", "强化资金保障"),
        (2, "(四)", "严格监督评估"),
    ]
    assert [label for level, label, _ in outline if level == 1] == [
        "一、",
        "二、",
        "三、",
        "四、",
        "五、",
    ]
    assert sum(1 for level, *_ in outline if level == 2) == 12


def test_jiuyuan_table_of_contents_is_not_duplicated(jiuyuan):
    outline = _outline(jiuyuan.documents[0])
    top = [entry for entry in outline if entry[0] <= 2]
    assert len(top) == len(set(top)), "a TOC entry was kept as a heading"
    paragraphs = [v["text"] for k, v in jiuyuan.documents[0].body if k == "paragraph"]
    assert "目录" not in paragraphs
    assert not any(p.startswith("表三") for p in paragraphs)
    # The page prints its title three times; none of them is body text.
    assert "九原区“十四五”民政事业发展规划" not in paragraphs


def test_jiuyuan_reports_repeated_item_number(jiuyuan):
    assert any("line 159" in w and "'3.'" in w for w in jiuyuan.warnings)


def test_jiuyuan_has_four_indicator_tables_with_their_rows(jiuyuan):
    tables = jiuyuan.documents[0].indicator_tables
    assert [len(t.rows) for t in tables] == [14, 4, 10, 10]
    assert [t.title for t in tables] == [
        "“十四五””民政事业主要发展指标",
        "二:“十四五””民政基本民生保障项目指标",
        "表三:“十四五””民政社会治理项目指标",
        "表四:“十四五””民政基本社会服务项目指标",
    ]
    blocks = [
        v["title"] for k, v in jiuyuan.documents[0].body if k == "indicator_table"
    ]
    assert blocks == [t.title for t in tables]


def test_jiuyuan_main_indicator_table_columns_and_cells(jiuyuan):
    table = jiuyuan.documents[0].indicator_tables[0]
    assert table.columns == ["序号", "主要指标", "单位", "2025年目标值", "指标属性"]
    assert table.rows[0] == ["1", "社会组织专职工作人员数量", "万人", "0.3", "预期性"]
    assert table.rows[1] == [
        "2",
        "城乡低保标准年度增速",
        "%",
        "不低于居民上年度人均消费支出增速",
        "预期性",
    ]
    assert table.rows[3][2] == "平方米"
    assert table.rows[4] == [
        "5",
        "查明身份信息流浪乞讨受助人员接送返回率",
        "%",
        "100",
        "约束性",
    ]
    assert table.rows[12][3] == "0.04"
    assert table.rows[13] == [
        "14",
        "志愿服务站点在社区综合服务设施中的覆盖率",
        "%",
        "80",
        "预期性",
    ]
    assert all(len(row) == 5 for row in table.rows)


def test_jiuyuan_spanned_domain_column_is_filled_into_each_row(jiuyuan):
    livelihood, governance, services = jiuyuan.documents[0].indicator_tables[1:]
    columns = ["领域", "序号", "指标内容", "2025年目标值", "指标属性"]
    assert livelihood.columns == governance.columns == services.columns == columns
    assert [row[0] for row in livelihood.rows] == ["儿童福利"] * 2 + ["社会事务"] * 2
    assert livelihood.rows[1] == [
        "儿童福利",
        "2",
        "旗县区培育和孵化1家及以上具有专业水平的儿童类社会组织",
        "1",
        "预期性",
    ]
    assert [row[0] for row in governance.rows] == (
        ["基层社区治理"] * 3 + ["社会组织治理"] * 3 + ["慈善和社工"] * 4
    )
    assert governance.rows[2][3] == "2个"
    assert governance.rows[6] == [
        "慈善和社工",
        "7",
        "社会工作专业人才数量达到",
        "400人",
        "预期性",
    ]
    # 殡葬 / 服务 is one spanned cell split over two lines.
    assert [row[0] for row in services.rows] == (
        ["养老服务"] * 3 + ["殡葬服务"] * 4 + ["婚姻服务"] * 3
    )
    assert services.rows[1][4] == "约束性"
    assert services.rows[5] == [
        "殡葬服务",
        "6",
        "推进树葬、花坛葬、草坪葬等生态安葬可满足年限",
        "20年",
        "预期性",
    ]
    assert services.rows[9] == [
        "婚姻服务",
        "10",
        "社区健康婚姻辅导站覆盖面",
        "50%",
        "预期性",
    ]
    assert [row[1] for row in services.rows] == [str(n) for n in range(1, 11)]


def test_jiuyuan_ordinary_sports_word_is_kept(jiuyuan):
    assert jiuyuan.injections == []
    assert any("文化体育等服务" in text for text in _texts(jiuyuan.documents[0]))


# --- 双辽 and 新城区 excerpts: chapters, sections, boxes ---------------------------


def test_shuangliao_outline_starts_mid_document(shuangliao):
    (document,) = shuangliao.documents
    assert _outline(document) == [
        (2, "第六节", "提升基层经办服务能力"),
        (1, "第四章", "全面提升基层社会治理能力和水平"),
        (2, "第一节", "夯实基层治理根基"),
    ]
    # An excerpt that opens at 第六节 is not a numbering gap.
    assert not any("numbering" in w for w in shuangliao.warnings)
    assert document.title == "plan-shuangliao-14th-fyp-excerpt"
    assert any("no title" in w for w in shuangliao.warnings)


def test_shuangliao_box_with_first_item_on_its_title_line(shuangliao):
    (document,) = shuangliao.documents
    (box,) = document.boxes
    assert (box.label, box.title) == ("专栏1", "基层社会救助服务能力提升工程")
    assert len(box.items) == 2
    assert box.items[0].startswith("01 提升基层社会救助经办服务能力\n整合社会救助资源")
    assert box.items[0].endswith("社会融入等相关服务。")
    # "02 优化社会救助程序" was run onto the end of the first item's text.
    assert box.items[1].startswith("02 优化社会救助程序\n取消可以通过政务服务平台")
    assert shuangliao.to_dict()["documents"][0]["boxes"] == [
        "专栏1 基层社会救助服务能力提升工程"
    ]
    kinds = [kind for kind, _ in document.body]
    assert kinds[:4] == ["paragraph", "heading", "box", "heading"]


def test_xincheng_title_outline_and_boxes(xincheng):
    (document,) = xincheng.documents
    assert document.title == "(内蒙古)呼和浩特市新城区“十四五”民政事业发展规划"
    assert _outline(document) == [
        (2, "第三节", "加大儿童福利保障力度"),
        (2, "第四节", "提升残疾人福利和服务水平"),
        (1, "第四章", "全面提高基层社会治理服务效能"),
        (2, "第一节", "健全城乡社区治理体系"),
        (2, "第二节", "深化城乡社区服务体系建设"),
    ]
    assert [box.caption for box in document.boxes] == [
        "专栏1 基层社会救助能力提升工程",
        "专栏2 儿童福利服务工程",
        "专栏3 提升基层民主管理、民主监督工程",
    ]
    assert [len(box.items) for box in document.boxes] == [2, 2, 1]
    assert document.boxes[1].items[1].startswith("2.儿童福利机构设施质量提升工程。")
    assert xincheng.warnings == []


def test_xincheng_footer_is_removed(xincheng):
    assert xincheng.removed_noise_lines >= 5
    assert (
        xincheng.documents[0]
        .body[-1][1]["text"]
        .startswith("推进城乡社区基本公共服务均等化")
    )


@pytest.mark.parametrize("seed", ["jiuyuan", "shuangliao", "xincheng"])
def test_no_furniture_left_in_any_text(seed, request):
    result = request.getfixturevalue(seed)
    for document in result.documents:
        for text in _texts(document):
            assert not FURNITURE.search(text), text


@pytest.mark.parametrize("seed", ["jiuyuan", "shuangliao", "xincheng"])
def test_each_heading_appears_once(seed, request):
    result = request.getfixturevalue(seed)
    for document in result.documents:
        top = [(e.label, e.title) for e in document.outline if e.level <= 2]
        assert len(top) == len(set(top))


@pytest.mark.parametrize("seed", ["jiuyuan", "shuangliao", "xincheng"])
def test_json_report_has_the_promised_shape(seed, request):
    import json

    report = json.loads(request.getfixturevalue(seed).to_json())
    assert list(report) == [
        "documents",
        "injections",
        "removed_noise_lines",
        "warnings",
    ]
    assert list(report["documents"][0]) == [
        "title",
        "issuer",
        "published",
        "doc_number",
        "source",
        "outline",
        "indicator_tables",
        "boxes",
        "id",
        "url",
    ]
