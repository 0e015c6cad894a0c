from django.urls import reverse

from wagtail.admin.menu import admin_menu
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

import pytest

from content_models.charity.models import (
    AnnualReport,
    CharityOrganisation,
    CharityProject,
    FundraisingFiling,
)

from . import charity_factories as make


@pytest.fixture
def foundation(home, agency):
    make.section(home)
    return make.charity(agency)


def url(model, action, *args):
    return reverse(model.snippet_viewset.get_url_name(action), args=args)


def metadata(agency):
    return {"agency": agency.pk, "disclosure_mode": "主动公开", "validity": "有效"}


def test_admin_menu_groups_the_family(admin_client, foundation):
    page = admin_client.get(url(CharityOrganisation, "list")).content.decode()
    assert "清源区助学基金会" in page and foundation.credit_code in page
    group = next(
        i for i in admin_menu.registered_menu_items if str(i.label) == "慈善信息"
    )
    labels = {str(item.label) for item in group.menu.registered_menu_items}
    assert labels == {"慈善组织", "募捐方案备案", "慈善组织年报", "慈善项目"}


def test_admin_search_finds_part_of_a_chinese_name(admin_client, foundation):
    page = admin_client.get(
        url(CharityOrganisation, "list"), {"q": "助学"}
    ).content.decode()
    assert foundation.credit_code in page


@pytest.mark.parametrize(
    "model", [CharityOrganisation, FundraisingFiling, AnnualReport, CharityProject]
)
def test_create_views_show_both_tabs(admin_client, foundation, model):
    page = admin_client.get(url(model, "add")).content.decode()
    assert "公开信息" in page and "索引号" in page
    assert str(model._meta.verbose_name) in page


def test_edit_views_show_the_record(admin_client, foundation):
    records = [
        foundation,
        make.filing(foundation),
        make.report(foundation),
        make.project(
            foundation, reports=[(make.D(2025, 9, 30), "资助新生36人。", "180000")]
        ),
    ]
    for record in records:
        response = admin_client.get(url(type(record), "edit", record.pk))
        assert response.status_code == 200
        assert record.index_number in response.content.decode()
    assert "资助新生36人。" in response.content.decode()


def test_create_a_charity_through_the_admin(admin_client, home, agency):
    data = {
        "name": "清源区扶残助困基金会",
        "credit_code": make.code("扶残").lower(),
        "org_type": "3",
        "registering_authority": "清源区民政局",
        "registered_on": "2019-01-15",
        "recognised_on": "2019-01-15",
        "public_fundraising_since": "2021-03-01",
        "tax_deductible_from": "2025",
        "tax_deductible_until": "2027",
        "address": "清源区建设路120号",
        "action-publish": "action-publish",
        **metadata(agency),
    }
    response = admin_client.post(url(CharityOrganisation, "add"), data, follow=True)
    assert response.status_code == 200
    created = CharityOrganisation.objects.get()
    assert created.credit_code == make.code("扶残") and created.index_number
    # Saved as a draft; the publish button cannot skip review (four eyes).
    assert not created.live
    assert "逐级审核通过" in response.content.decode()


def test_admin_form_names_the_broken_rule(admin_client, home, agency):
    data = {
        "name": "清源区新成立基金会",
        "credit_code": make.code("新成立"),
        "org_type": "3",
        "registering_authority": "清源区民政局",
        "registered_on": "2025-01-15",
        "recognised_on": "2025-01-15",
        "public_fundraising_since": "2025-06-01",
        "address": "演示地址",
        **metadata(agency),
    }
    response = admin_client.post(url(CharityOrganisation, "add"), data)
    assert response.status_code == 200
    assert "须在登记满一年后（2026-01-15起）" in response.content.decode()
    assert not CharityOrganisation.objects.exists()


def project_data(foundation, agency, report_day):
    return nested_form_data(
        {
            "charity": foundation.pk,
            "project_number": "XM1502992025003",
            "title": "“圆梦清源”大学新生资助项目",
            "status": "实施中",
            "starts_on": "2025-07-01",
            "ends_on": "2026-06-30",
            "budget": "200000",
            "description": rich_text("<p>资助考入高等院校的困难家庭新生。</p>"),
            "progress_reports": inline_formset(
                [
                    {
                        "reported_on": report_day,
                        "text": "资助新生36人。",
                        "amount_spent": "180000",
                    },
                ]
            ),
            **metadata(agency),
        }
    )


def test_admin_checks_progress_report_dates_against_the_submitted_project(
    admin_client, foundation, agency
):
    response = admin_client.post(
        url(CharityProject, "add"), project_data(foundation, agency, "2025-06-01")
    )
    assert response.status_code == 200
    assert (
        "进展报告日期2025-06-01早于项目开始日期2025-07-01" in response.content.decode()
    )
    assert not CharityProject.objects.exists()
    response = admin_client.post(
        url(CharityProject, "add"), project_data(foundation, agency, "2025-09-30")
    )
    assert response.status_code == 302
    assert CharityProject.objects.get().progress_reports.get().text == "资助新生36人。"


def test_previews_render_the_public_templates(foundation):
    report = make.report(foundation)
    preview = report.make_preview_request().render().content.decode()
    assert "清源区助学基金会2024年度报告" in preview and "2,000,000.00" in preview
    page = foundation.make_preview_request().render().content.decode()
    assert 'id="annual-report-2024"' in page
