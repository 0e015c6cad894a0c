"""Editors at work: creating and editing plans and their progress values in the admin."""

import html as html_lib
import json

from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    querydict_from_html,
    streamfield,
)

import pytest

from content_models.plans.models import IndicatorProgress, PlanPage
from portal.demo.helpers import publish_page

from .plans_factories import (
    CARE,
    MAIN,
    add_progress,
    build_plan,
    heading,
    indicator_named,
    plan_fixture,  # noqa: F401  (the "plan" fixture)
    section_fixture,  # noqa: F401  (the "section" fixture)
    table,
)

ADD_PLAN = "/admin/pages/add/plans/planpage/{}/"
PROGRESS = "/admin/snippets/plans/indicatorprogress/"


def plan_form(agency, body, indicators, **fields):
    data = {
        "title": "清源区“十四五”养老服务体系建设规划",
        "slug": "elderly-care",
        "start_year": "2021",
        "end_year": "2025",
        "agency": agency.pk,
        "disclosure_mode": "主动公开",
        "validity": "有效",
        "body": streamfield(body),
        "indicators": inline_formset(indicators),
    }
    data.update(fields)
    return nested_form_data(data)


def shows_error(page_html, message):
    """StreamField errors travel to the admin's JavaScript as JSON in an attribute."""
    return (
        json.dumps(message)[1:-1] in html_lib.unescape(page_html)
        or message in page_html
    )


SIMPLE_BODY = [heading(1, "第一章", "发展目标"), table(MAIN), table(CARE)]


@pytest.fixture
def simple_plan(section, agency):
    return publish_page(section, build_plan(agency, slug="simple", body=SIMPLE_BODY))


def edit_form(client, page):
    """The edit form as the browser would post it; the body is drawn by JavaScript, so
    its fields are rebuilt from the page."""
    url = f"/admin/pages/{page.pk}/edit/"
    data = querydict_from_html(
        client.get(url).content.decode(), form_id="page-edit-form"
    )
    body = [(block["type"], block["value"]) for block in SIMPLE_BODY]
    data.update(nested_form_data({"body": streamfield(body)}))
    return url, data


def beds_row(**fields):
    row = {
        "table_title": MAIN,
        "area": "养老服务",
        "name": "养老机构护理型床位占比",
        "unit": "%",
        "baseline_value": "38",
        "baseline_year": "2020",
        "target_value": "≥55",
        "target_year": "2025",
        "attribute": "约束性",
    }
    row.update(fields)
    return row


def test_add_form_shows_the_plan_fields_and_metadata_tab(admin_client, section):
    response = admin_client.get(ADD_PLAN.format(section.pk))
    html = response.content.decode()
    assert response.status_code == 200
    for label in (
        "规划期起始年",
        "规划期终止年",
        "规划区域",
        "印发通知",
        "正文",
        "指标",
        "公开信息",
        "索引号",
    ):
        assert label in html, label


def test_editor_creates_a_plan_with_a_table_placed_in_the_body(
    admin_client, section, agency
):
    body = [
        ("heading", {"level": "1", "label": "第一章", "title": "发展目标"}),
        ("indicator_table", {"table_title": MAIN, "note": ""}),
    ]
    response = admin_client.post(
        ADD_PLAN.format(section.pk), plan_form(agency, body, [beds_row()])
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    page = PlanPage.objects.get(slug="elderly-care")
    assert not page.live and page.index_number.startswith(agency.org_code)
    assert [i.name for i in page.indicators.all()] == ["养老机构护理型床位占比"]


def test_admin_refuses_a_body_table_that_the_indicators_do_not_have(
    admin_client, section, agency
):
    body = [("indicator_table", {"table_title": "专栏9 不存在的表", "note": ""})]
    response = admin_client.post(
        ADD_PLAN.format(section.pk), plan_form(agency, body, [beds_row()])
    )
    assert response.status_code == 200
    assert shows_error(
        response.content.decode(),
        "正文引用的指标表“专栏9 不存在的表”不存在，请先在“指标”中添加该表的指标",
    )
    assert not PlanPage.objects.filter(slug="elderly-care").exists()


def test_admin_refuses_a_bad_plan_period(admin_client, section, agency):
    response = admin_client.post(
        ADD_PLAN.format(section.pk),
        plan_form(agency, [], [], start_year="2025", end_year="2021"),
    )
    assert response.status_code == 200
    assert "规划期终止年2021早于起始年2025" in response.content.decode()


def test_admin_refuses_two_rows_with_the_same_name_in_one_table(
    admin_client, section, agency
):
    response = admin_client.post(
        ADD_PLAN.format(section.pk), plan_form(agency, [], [beds_row(), beds_row()])
    )
    assert response.status_code == 200
    assert not PlanPage.objects.filter(slug="elderly-care").exists()


def test_edit_form_round_trips_and_keeps_indicator_rows(admin_client, simple_plan):
    response = admin_client.get(f"/admin/pages/{simple_plan.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "养老机构护理型床位占比" in html and simple_plan.index_number in html
    url, data = edit_form(admin_client, simple_plan)
    data["title"] = "清源区“十四五”民政事业发展规划（修订）"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    simple_plan.refresh_from_db()
    draft = simple_plan.get_latest_revision_as_object()
    assert draft.title.endswith("（修订）")
    assert [i.name for i in draft.indicators.all()] == [
        i.name for i in simple_plan.indicators.all()
    ]


def test_deleting_the_rows_of_a_placed_table_is_refused(admin_client, simple_plan):
    url, data = edit_form(admin_client, simple_plan)
    care = indicator_named(simple_plan, "每千名老年人拥有养老床位数")
    position = next(
        k for k, v in data.items() if k.endswith("-id") and v == str(care.pk)
    )
    data[position.replace("-id", "-DELETE")] = "1"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert shows_error(
        response.content.decode(),
        f"正文引用的指标表“{CARE}”不存在，请先在“指标”中添加该表的指标",
    )


def test_indicator_with_progress_cannot_be_deleted_in_the_admin(
    admin_client, simple_plan
):
    beds = indicator_named(simple_plan, "养老机构护理型床位占比")
    add_progress(beds, 2023, 1, "46.8")
    url, data = edit_form(admin_client, simple_plan)
    position = next(
        k for k, v in data.items() if k.endswith("-id") and v == str(beds.pk)
    )
    data[position.replace("-id", "-DELETE")] = "1"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert (
        "指标“养老机构护理型床位占比”已有进展值，不能删除" in response.content.decode()
    )
    assert IndicatorProgress.objects.filter(indicator=beds).exists()


def test_progress_add_and_edit_views(admin_client, plan):
    beds = indicator_named(plan, "养老机构护理型床位占比")
    add = admin_client.get(f"{PROGRESS}add/")
    assert add.status_code == 200
    assert "养老机构护理型床位占比" in add.content.decode()
    response = admin_client.post(
        f"{PROGRESS}add/",
        {
            "indicator": beds.pk,
            "year": "2023",
            "quarter": "2",
            "value": "47.5",
            "note": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    item = IndicatorProgress.objects.get(indicator=beds, year=2023, quarter=2)
    assert not item.live  # saved as a draft: not public until published
    edit = admin_client.get(f"{PROGRESS}edit/{item.pk}/")
    assert edit.status_code == 200 and "47.5" in edit.content.decode()


def test_progress_admin_refuses_a_quarter_after_the_plan(admin_client, plan):
    beds = indicator_named(plan, "养老机构护理型床位占比")
    response = admin_client.post(
        f"{PROGRESS}add/",
        {
            "indicator": beds.pk,
            "year": "2026",
            "quarter": "1",
            "value": "56",
        },
    )
    assert response.status_code == 200
    assert "年度2026晚于规划期末2025年" in response.content.decode()


@pytest.mark.parametrize("which", ["first", "second"])
def test_progress_list_filters_by_plan(admin_client, plan, section, agency, which):
    other = publish_page(
        section,
        build_plan(
            agency,
            title="清源区“十三五”民政事业发展规划",
            slug="13th",
            start_year=2016,
            end_year=2020,
        ),
    )
    add_progress(indicator_named(plan, "养老机构护理型床位占比"), 2023, 1, "46.8")
    add_progress(indicator_named(other, "养老机构护理型床位占比"), 2019, 4, "35.2")
    chosen, hidden = (plan, "35.2") if which == "first" else (other, "46.8")
    response = admin_client.get(PROGRESS, {"indicator__plan": chosen.pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert hidden not in html
    assert ("46.8" if which == "first" else "35.2") in html
