"""A report goes public only through review, as every page does; staff write it in
the admin, the portal counts, and a published report never changes by itself."""

import datetime

from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data

import pytest

import publishing.guards  # noqa: F401 (registers the checks)
from content_models.disclosure.publication import PublicationBlocked
from reports.models import DisclosureReportPage

from ..publishing.reviewing import approve_all
from .conftest import D, draft_report

REFUSED = "未经提交人和修改人以外的人员逐级审核通过"


def add_url(section, model="disclosurereportpage"):
    return reverse("wagtailadmin_pages:add", args=("reports", model, section.pk))


def form(**fields):
    values = {
        "title": "清源区民政局2025年政府信息公开工作年度报告",
        "slug": "2025",
        "year": "2025",
        "cut_off": "2025-12-31",
        "overview": "总体情况。",
        "problems": "",
        "other_matters": "",
        "entered__decisions__licensing__decisions": "4",
        "entered__fees__fees__amount": "0.50",
        **fields,
    }
    return nested_form_data(values)


@pytest.fixture
def written(client, staff, report_section, documents, applications):
    """A report an editor wrote in the admin and submitted for review."""
    client.force_login(staff["editor"])
    response = client.post(
        add_url(report_section), form(**{"action-submit": "action-submit"})
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    return DisclosureReportPage.objects.get(slug="2025")


def test_the_admin_form_counts_and_keeps_staff_entries(written):
    revision = written.get_latest_revision().as_object()
    assert revision.figures["values"]["documents/normative/made"] == 3
    assert revision.figures["cut_off"] == "2025-12-31"
    assert revision.entered == {
        "decisions/licensing/decisions": "4",
        "fees/fees/amount": "0.50",
    }
    assert not written.live


def test_publishing_needs_four_eyes(written, staff):
    with pytest.raises(PublicationBlocked, match=REFUSED):
        written.get_latest_revision().publish(user=staff["editor"])
    written.refresh_from_db()
    assert not written.live
    approve_all(written, staff["section"], staff["secrecy"], staff["principal"])
    assert written.live


def test_an_editor_cannot_publish_by_post(client, staff, report_section):
    client.force_login(staff["editor"])
    client.post(add_url(report_section), form(**{"action-publish": "action-publish"}))
    page = DisclosureReportPage.objects.get(slug="2025")
    assert not page.live
    edit = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    client.post(edit, form(**{"action-publish": "action-publish"}))
    page.refresh_from_db()
    assert not page.live
    bulk = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    client.post(f"{bulk}?id={page.pk}", {})
    page.refresh_from_db()
    assert not page.live


def test_a_principal_cannot_publish_own_report_by_post(client, person, report_section):
    from publishing import roles

    boss = person("boss", roles.BUREAU_EDITORS, roles.PRINCIPALS)
    client.force_login(boss)
    client.post(add_url(report_section), form(**{"action-publish": "action-publish"}))
    assert not DisclosureReportPage.objects.get(slug="2025").live


def test_a_published_report_does_not_change_when_the_records_do(
    client, written, staff, applications
):
    approve_all(written, staff["section"], staff["secrecy"], staff["principal"])
    from clocks.models import Application

    Application.objects.create(
        number="YSQ-late",
        secret_digest="x",
        applicant_type="citizen",
        name="某人",
        description="某事",
        delivery="online",
        received_on=D(2025, 5, 5),
    )
    html = client.get(written.url).content.decode()
    link = written.figure_url("applications", "received", "total")
    assert f'<a href="{link}">5</a>' in html  # frozen at generation
    listing = client.get(link).content.decode()
    assert "报告中的数字：5" in listing and "现在统计：6条" in listing
    assert "两者不同" in listing


def test_refreshing_counts_again_into_a_new_draft(client, written, staff):
    approve_all(written, staff["section"], staff["secrecy"], staff["principal"])
    from clocks.models import Application

    Application.objects.create(
        number="YSQ-late",
        secret_digest="x",
        applicant_type="citizen",
        name="某人",
        description="某事",
        delivery="online",
        received_on=D(2025, 5, 5),
    )
    client.force_login(staff["editor"])
    edit = reverse("wagtailadmin_pages:edit", args=(written.pk,))
    response = client.post(edit, form(refresh="on"))
    assert response.status_code == 302
    fresh = DisclosureReportPage.objects.get(pk=written.pk)
    draft = fresh.get_latest_revision().as_object()
    assert draft.figures["values"]["applications/received/total"] == 6
    live = DisclosureReportPage.objects.get(pk=written.pk)
    assert live.figures["values"]["applications/received/total"] == 5


def test_staff_text_may_not_carry_personal_numbers(client, staff, report_section):
    client.force_login(staff["editor"])
    response = client.post(
        add_url(report_section, "websitereportpage"),
        nested_form_data(
            {
                "title": "网站报表",
                "slug": "site-2025",
                "year": "2025",
                "cut_off": "2025-12-31",
                "entered__security__new_media__value": "联系人 13812345678",
            }
        ),
    )
    assert response.status_code == 200
    assert "不得填写身份证号、手机号等个人信息" in response.content.decode()
    assert not Page.objects.filter(slug="site-2025").exists()


def test_cut_off_before_the_year_is_refused(client, staff, report_section):
    client.force_login(staff["editor"])
    response = client.post(add_url(report_section), form(cut_off="2024-12-31"))
    assert "统计截止日期不能早于报告年度" in response.content.decode()


def test_late_publication_is_said(report_section):
    page = draft_report(report_section)
    page.first_published_at = datetime.datetime(2026, 2, 3, tzinfo=datetime.UTC)
    assert page.due_on == D(2026, 1, 31) and page.published_late
    page.first_published_at = datetime.datetime(2026, 1, 30, tzinfo=datetime.UTC)
    assert not page.published_late
