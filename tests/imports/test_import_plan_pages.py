"""``manage.py import_plan`` on pages of the real-page corpus (tests/imports/pages/):
refusals write nothing, notices are stored with the plans they issue, guesses are
reported."""

import json
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command

import pytest

from content_models.disclosure.models import ArticleIndexPage, ArticlePage
from content_models.plans.models import PlanIndexPage, PlanPage
from portal.demo.helpers import publish_page

PAGES = Path(__file__).resolve().parent / "pages"


@pytest.fixture(name="section")
def section_fixture(home):
    publish_page(home, ArticleIndexPage(title="文件", slug="files"))
    return publish_page(home, PlanIndexPage(title="发展规划", slug="plans"))


def run_json(*args):
    out, err = StringIO(), StringIO()
    call_command("import_plan", *map(str, args), "--json", stdout=out, stderr=err)
    return json.loads(out.getvalue())


@pytest.mark.parametrize(
    ("name", "word"),
    [
        ("hanjiang-temporary-relief-list", "名单"),
        ("nanxian-performance-report", "报告"),
        ("wuhu-development-zone-meeting-news", "新闻"),
    ],
)
def test_a_page_that_is_not_a_plan_is_refused_and_nothing_is_written(
    section, agency, name, word
):
    path = PAGES / f"{name}.txt"
    with pytest.raises(
        CommandError, match=rf"{name}\.txt: not a plan or notice"
    ) as err:
        run_json(path, "--agency", agency.name)
    assert word in str(err.value)
    assert PlanPage.objects.count() == 0
    assert ArticlePage.objects.count() == 0


def test_one_refused_page_among_several_writes_nothing(section, agency):
    with pytest.raises(CommandError, match="not a plan or notice"):
        run_json(
            PAGES / "bengbu-civil-affairs-14th-plan.txt",
            PAGES / "xianning-disclosure-annual-report.txt",
            "--agency",
            agency.name,
        )
    assert PlanPage.objects.count() == 0


def test_notice_with_a_title_over_two_lines_is_stored_with_its_plan(section, agency):
    report = run_json(
        PAGES / "jiangsu-community-services-plan-notice.txt", "--agency", agency.name
    )
    (document,) = report["documents"]
    assert document["title"] == "江苏省“十四五”城乡社区服务体系建设规划"
    assert document["doc_number"] == "苏政办发〔2022〕60号"
    assert document["published"] == "2022-07-23"
    notice = ArticlePage.objects.get()
    assert (
        notice.title
        == "省政府办公厅关于印发江苏省“十四五”城乡社区服务体系建设规划的通知"
    )
    assert PlanPage.objects.get(pk=document["id"]).issued_with == notice
    assert any("printed over 2 lines" in w for w in report["warnings"])


def test_untitled_notice_is_stored_under_the_name_it_is_given(section, agency):
    report = run_json(
        PAGES / "nanling-community-services-plan-notice.txt", "--agency", agency.name
    )
    (document,) = report["documents"]
    assert document["title"] == "南陵县“十四五”城乡社区服务体系建设规划"
    notice = ArticlePage.objects.get()
    assert notice.title == "关于印发《南陵县“十四五”城乡社区服务体系建设规划》的通知"
    assert any("no title on the page" in w for w in report["warnings"])
