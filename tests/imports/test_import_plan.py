"""``manage.py import_plan``: seeds stored as plan drafts, and nothing half-written."""

import json
from io import StringIO
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from wagtail.models import PageLogEntry

import pytest

from content_models.disclosure.models import ArticleIndexPage, ArticlePage
from content_models.plans.models import Indicator, PlanIndexPage, PlanPage
from imports import plan_store
from imports.management.commands.import_plan import read_text
from portal.demo.helpers import publish_page

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
JIUYUAN = "plan-jiuyuan-14th-fyp.txt"
NOTICE = "\n".join(
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
        "附件2",
        "清源区“十四五”养老服务体系建设规划",
        "一、总体要求",
        "健全养老服务体系。",
    ]
)


def seed(name):
    path = SEEDS / name
    if not path.exists():
        pytest.skip(f"seed {path} is not available")
    return path


@pytest.fixture(name="section")
def section_fixture(home):
    return publish_page(home, PlanIndexPage(title="发展规划", slug="plans"))


@pytest.fixture(name="operator")
def operator_fixture(db):
    return get_user_model().objects.create_superuser(username="editor", password="x")


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_plan", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_json(*args):
    out, _err = run(*args, "--json")
    return json.loads(out)


def latest(page_id):
    return PlanPage.objects.get(pk=page_id).get_latest_revision_as_object()


@pytest.mark.parametrize("name", sorted(p.name for p in SEEDS.glob("*.txt")) or ["-"])
def test_each_seed_is_stored_with_its_outline(section, agency, name):
    report = run_json(seed(name), "--agency", agency.name)
    for document in report["documents"]:
        page = latest(document["id"])
        stored = [
            {"level": int(h.level), "label": h.label, "title": h.title}
            for h in page.outline()
        ]
        assert stored == document["outline"]
        assert stored, "every seed has headings"
        assert page.agency == agency
        assert document["url"]


def test_jiuyuan_indicator_tables_become_rows(section, agency):
    (document,) = run_json(seed(JIUYUAN), "--agency", agency.name)["documents"]
    page = PlanPage.objects.get(pk=document["id"])
    assert (page.start_year, page.end_year) == (2021, 2025)
    tables = page.indicator_tables()
    assert [len(table.rows) for table in tables] == [14, 4, 10, 10]
    first = tables[0].rows[0]
    assert (first.name, first.unit, first.target_value, first.target_year) == (
        "社会组织专职工作人员数量",
        "万人",
        "0.3",
        2025,
    )
    assert first.attribute == "预期性"
    care = tables[3].rows[1]
    assert (care.area, care.name, care.target_value, care.attribute) == (
        "养老服务",
        "新建小区社区养老养老设施配置率",
        "100%",
        "约束性",
    )
    assert [
        block.value["table_title"]
        for block in page.body
        if block.block_type == "indicator_table"
    ] == [t.title for t in tables]


def test_without_publish_the_plan_waits_as_a_draft(section, agency):
    (document,) = run_json(seed(JIUYUAN), "--agency", agency.name)["documents"]
    page = PlanPage.objects.get(pk=document["id"])
    assert not page.live
    assert page.latest_revision is not None
    assert page.get_parent().specific == section


def test_submit_sends_the_draft_to_review_as_the_operator(section, agency, operator):
    (document,) = run_json(
        seed(JIUYUAN), "--agency", agency.name, "--submit", "--user", "editor"
    )["documents"]
    page = PlanPage.objects.get(pk=document["id"])
    assert not page.live  # review decides; an import never publishes
    state = page.current_workflow_state
    assert state is not None and state.requested_by == operator
    assert PageLogEntry.objects.filter(
        page=page, action="wagtail.workflow.start", user=operator
    ).exists()


def test_publish_is_refused_and_writes_nothing(section, agency, operator):
    with pytest.raises(CommandError, match="four eyes"):
        run(seed(JIUYUAN), "--agency", agency.name, "--publish", "--user", "editor")
    assert PlanPage.objects.count() == 0


def test_submit_of_a_page_the_guards_stop_names_the_problem(
    section, agency, operator, tmp_path
):
    text = read_text(seed(JIUYUAN))
    first_heading = text.index("一、")
    cut = text.index("。", first_heading) + 1
    text = text[:cut] + "咨询电话13812345678。" + text[cut:]
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError, match=r"138\*\*\*\*5678"):
        run(path, "--agency", agency.name, "--submit", "--user", "editor")
    assert PlanPage.objects.count() == 0  # one transaction: nothing half-written


def test_submit_needs_a_user(section, agency):
    with pytest.raises(CommandError, match="--user"):
        run(seed(JIUYUAN), "--agency", agency.name, "--submit")


def test_reimport_saves_a_new_revision_of_the_same_page(section, agency):
    path = seed(JIUYUAN)
    (first,) = run_json(path, "--agency", agency.name)["documents"]
    (second,) = run_json(path, "--agency", agency.name)["documents"]
    assert first["id"] == second["id"]
    assert PlanPage.objects.count() == 1
    assert PlanPage.objects.get(pk=first["id"]).revisions.count() == 2
    assert len(latest(first["id"]).indicators.all()) == 38


def test_dry_run_writes_nothing_and_reports_no_ids(section, agency):
    report = run_json(seed(JIUYUAN), "--agency", agency.name, "--dry-run")
    assert PlanPage.objects.count() == 0
    assert [(d["id"], d["url"]) for d in report["documents"]] == [(None, None)]


def test_json_is_exactly_one_object_on_stdout(section, agency):
    out, err = run(seed(JIUYUAN), "--agency", agency.name, "--json")
    report = json.loads(out)
    assert set(report) == {"documents", "injections", "removed_noise_lines", "warnings"}
    assert "parsed" in err


def test_issuer_names_the_agency_and_the_notice_links_its_plans(
    section, agency, home, tmp_path
):
    publish_page(home, ArticleIndexPage(title="文件", slug="files"))
    path = tmp_path / "notice.txt"
    path.write_text(NOTICE, encoding="gb18030")
    report = run_json(path)
    assert len(report["documents"]) == 2
    notice = ArticlePage.objects.get()
    assert notice.title.startswith("清源区民政局关于印发")
    plans = PlanPage.objects.filter(issued_with=notice)
    assert plans.count() == 2
    assert {plan.agency for plan in plans} == {agency}
    run_json(path)
    assert (ArticlePage.objects.count(), PlanPage.objects.count()) == (1, 2)


def test_missing_agency_says_which_option(section, tmp_path, db):
    path = tmp_path / "plan.txt"
    path.write_text("清源区“十四五”规划\n一、目标\n正文。", encoding="utf-8")
    with pytest.raises(CommandError, match="--agency"):
        run(path)
    with pytest.raises(CommandError, match="不存在的局"):
        run(path, "--agency", "不存在的局")


def test_bad_path_and_bad_region_are_named(section, agency, tmp_path):
    with pytest.raises(CommandError, match="nowhere.txt"):
        run(tmp_path / "nowhere.txt", "--agency", agency.name)
    with pytest.raises(CommandError, match="999999999999"):
        run(seed(JIUYUAN), "--agency", agency.name, "--region", "999999999999")


def test_undecodable_and_empty_files_are_named(section, agency, tmp_path):
    binary = tmp_path / "broken.txt"
    binary.write_bytes(b"\xff\xfe\x81\x30\xff" * 10)
    with pytest.raises(CommandError, match="broken.txt"):
        run(binary, "--agency", agency.name)
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(CommandError, match="empty.txt"):
        run(empty, "--agency", agency.name)


def test_without_a_plans_section_the_error_says_so(home, agency):
    with pytest.raises(CommandError, match="PlanIndexPage"):
        run(seed(JIUYUAN), "--agency", agency.name)


def test_failure_midway_writes_nothing(section, agency, monkeypatch):
    real = plan_store.indicator_rows

    def broken(document, *args, **kwargs):
        if document.indicator_tables:  # the second file, after the first is stored
            raise RuntimeError("disk full")
        return real(document, *args, **kwargs)

    monkeypatch.setattr(plan_store, "indicator_rows", broken)
    path = seed(JIUYUAN)
    with pytest.raises(RuntimeError):
        run(seed("plan-xincheng-14th-fyp-excerpt.txt"), path, "--agency", agency.name)
    assert PlanPage.objects.count() == 0
    assert Indicator.objects.count() == 0


def test_box_items_keep_their_numbering(section, agency):
    report = run_json(
        seed("plan-xincheng-14th-fyp-excerpt.txt"), "--agency", "清源区民政局"
    )
    page = latest(report["documents"][0]["id"])
    (box, *_rest) = [b.value for b in page.body if b.block_type == "box"]
    assert (box["label"], box["title"]) == ("专栏1", "基层社会救助能力提升工程")
    first = box["items"][0]
    assert first["label"] == "1."
    assert first["text"].startswith("提升基层社会救助经办服务能力。")


def test_columns_are_read_by_meaning_with_years_from_the_header():
    from imports.plan_text import IndicatorTable, PlanDocument

    document = PlanDocument(
        title="清源区“十四五”民政事业发展规划",
        indicator_tables=[
            IndicatorTable(
                title="主要指标",
                columns=[
                    "领域",
                    "序号",
                    "指标",
                    "单位",
                    "2020年基期值",
                    "2025年目标值",
                    "属性",
                    "备注",
                ],
                rows=[
                    [
                        "养老",
                        "1",
                        "养老机构护理型床位占比",
                        "%",
                        "40",
                        "≥55",
                        "约束性",
                        "新增",
                    ]
                ],
            )
        ],
    )
    warnings = []
    (row,) = plan_store.indicator_rows(document, warnings)
    assert (row.area, row.name, row.unit) == ("养老", "养老机构护理型床位占比", "%")
    assert (row.baseline_value, row.baseline_year) == ("40", 2020)
    assert (row.target_value, row.target_year, row.attribute) == ("≥55", 2025, "约束性")
    assert any("备注" in warning for warning in warnings)
    assert plan_store.plan_period(document, warnings) == (2021, 2025)
