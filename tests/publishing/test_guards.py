"""The pre-publish guards: for each, content that must pass and content that must be
stopped, the place each problem names, and what a blocked publication leaves behind."""

import csv
import datetime
import io
import json

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

import pytest
from openpyxl import Workbook

import publishing.guards  # noqa: F401 (registers the checks)
import publishing.guards.wagtail_hooks_guards  # noqa: F401 (admin wiring)
from content_models.disclosure.models import (
    ArticleAttachment,
    ArticleIndexPage,
    ArticlePage,
)
from content_models.disclosure.privacy import find_personal_data, mask_personal_data
from content_models.disclosure.publication import PublicationBlocked, problems_of
from content_models.plans.models import PlanIndexPage
from content_models.villages.categories import Category, Direction
from content_models.villages.models import VillageDisclosurePage
from portal.demo.helpers import publish_page, publish_reviewed
from publishing.guard_models import AllowedDomain
from publishing.guards.accessibility import (
    accessibility_check,
    images_without_alt,
    tables_without_headers,
)
from publishing.guards.files import file_name
from publishing.guards.personal_data import personal_data_check
from publishing.guards.spam import spam_check
from publishing.models import LedgerEntry
from tests.content_models.plans_factories import box, build_plan, paragraph
from tests.content_models.villages_factories import finance_row
from tests.places import AGENCY_CODE

ID_NUMBER = "150102198301041234"  # check digit verified by python-stdnum
MOBILE = "13812345678"
BANK_CARD = "6222021234567890128"  # passes the Luhn check
ALL_DIGIT_CREDIT_CODE = "511502990000000324"  # valid 统一社会信用代码, Luhn-valid too


@pytest.fixture
def notices(home):
    return publish_page(home, ArticleIndexPage(title="通知公告", slug="notices"))


def article(agency, body, **fields):
    return ArticlePage(
        title=fields.pop("title", "关于低保对象的公示"),
        agency=agency,
        body=body,
        published_on=datetime.date(2025, 6, 20),
        **fields,
    )


def where_and_messages(problems):
    return [(problem.where, problem.message) for problem in problems]


# -- personal data: finding and masking ---------------------------------------------------


def test_the_three_kinds_are_found_and_masked_in_the_required_forms():
    text = f"身份证{ID_NUMBER}，电话{MOBILE}，卡号{BANK_CARD}，卡号6222 0212 3456 7890 128。"
    assert [finding.kind for finding in find_personal_data(text)] == [
        "id",
        "mobile",
        "bank_card",
        "bank_card",
    ]
    assert mask_personal_data(text) == (
        "身份证150102********1234，电话138****5678，"
        "卡号6222***********0128，卡号6222***********0128。"
    )


@pytest.mark.parametrize(
    "text",
    [
        "身份证150102********1234，电话138****5678，卡号6222***********0128",
        "本季度收入1234567.89元，支出12,345,678.00元，结余6222021234567.50元",
        "2025年10月12日、20251012、20250101123000",
        f"统一社会信用代码{ALL_DIGIT_CREDIT_CODE}、{AGENCY_CODE}",
        f"索引号{AGENCY_CODE[8:17]}/2025-00001、{AGENCY_CODE}/2025-00001",
        "固定电话0471-12345678，邮编010010",
    ],
)
def test_figures_codes_dates_and_masked_numbers_pass(text):
    assert find_personal_data(text) == []


# -- personal data: where in the item ----------------------------------------------------


def test_unmasked_number_in_rich_text_stops_publication_and_leaves_no_trace(
    notices, agency
):
    page = publish_page(notices, article(agency, "<p>公示名单如下。</p>"))
    page.body = f"<p>新增低保对象张**，身份证号{ID_NUMBER}。</p>"
    entries_before = LedgerEntry.objects.count()
    with pytest.raises(PublicationBlocked) as blocked:
        publish_reviewed(page)
    assert where_and_messages(blocked.value.problems) == [
        ("正文", "含有未打码的身份证号，公示时应写作150102********1234")
    ]
    assert ID_NUMBER not in str(blocked.value.problems)
    page.refresh_from_db()
    assert page.live_revision_id != page.get_latest_revision().pk
    assert "公示名单如下" in page.body
    assert LedgerEntry.objects.count() == entries_before


def test_a_new_page_with_personal_data_is_never_made_live(notices, agency):
    page = article(agency, f"<p>联系电话{MOBILE}</p>", live=False)
    notices.add_child(instance=page)
    with pytest.raises(PublicationBlocked):
        publish_reviewed(page)
    page.refresh_from_db()
    assert not page.live
    assert not LedgerEntry.objects.filter(item_key__endswith=f":{page.pk}").exists()


def test_masked_text_publishes(notices, agency):
    page = publish_page(
        notices,
        article(agency, "<p>张**，身份证号150102********1234，电话138****5678</p>"),
    )
    assert page.live
    assert LedgerEntry.objects.filter(item_key__endswith=f":{page.pk}").exists()


def test_finance_rows_are_named_by_row_and_column(agency):
    page = VillageDisclosurePage(
        agency=agency, year=2025, quarter=1, category=Category.FINANCE, body=""
    )
    page.finance_rows = [
        finance_row("村集体发包收入", Direction.INCOME, "12000.00"),
        finance_row(f"补助发放至卡号{BANK_CARD}", Direction.EXPENSE, "800.00"),
        finance_row("保洁员工资", Direction.EXPENSE, "1500.00", note=f"联系人{MOBILE}"),
    ]
    assert where_and_messages(personal_data_check(page)) == [
        (
            "收支明细第2行·收支项目",
            "含有未打码的银行卡号，公示时应写作6222***********0128",
        ),
        ("收支明细第3行·备注", "含有未打码的手机号，公示时应写作138****5678"),
    ]


def test_plan_blocks_are_named_by_block_and_item(agency):
    plan = build_plan(
        agency,
        body=[
            paragraph("到2025年，社会救助体系更加完善。"),
            box("专栏2", "结对帮扶", ("1.", "联系人", f"王**，电话{MOBILE}")),
        ],
        indicators=[],
    )
    assert where_and_messages(personal_data_check(plan)) == [
        (
            "正文第2块（专栏）·条目或段落第1项·内容",
            "含有未打码的手机号，公示时应写作138****5678",
        )
    ]


def make_document(name, content, title="附件"):
    return get_document_model().objects.create(
        title=title, file=ContentFile(content, name=name)
    )


def xlsx(rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def gb18030_csv(rows):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("gb18030")


def with_attachment(agency, document):
    page = article(agency, "<p>名单见附件。</p>")
    page.attachments = [ArticleAttachment(document=document)]
    return page


def test_attached_spreadsheet_cells_are_named(agency):
    document = make_document(
        "低保名单.xlsx",
        xlsx(
            [
                ["姓名", "金额（元）", "身份证号", "电话"],
                ["张**", 820, "150102********1234", "138****5678"],
                ["李四", 820, ID_NUMBER, int(MOBILE)],
            ]
        ),
    )
    name = file_name(document)
    problems = personal_data_check(with_attachment(agency, document))
    assert [problem.where for problem in problems] == [
        f"附件《{name}》工作表Sheet1 单元格C3",
        f"附件《{name}》工作表Sheet1 单元格D3",
    ]
    assert "重新上传" in problems[0].fix


def test_attached_gb18030_csv_is_read(agency):
    document = make_document(
        "名单.csv",
        gb18030_csv([["姓名", "电话"], ["王**", "138****5678"], ["赵六", MOBILE]]),
    )
    problems = personal_data_check(with_attachment(agency, document))
    assert [problem.where for problem in problems] == [
        f"附件《{file_name(document)}》单元格B3"
    ]


def test_clean_attachments_pass(agency):
    masked = make_document(
        "名单.xlsx", xlsx([["姓名", "身份证号"], ["张**", "150102********1234"]])
    )
    pdf = make_document("通知.pdf", b"%PDF-1.4\n%%EOF\n")
    assert personal_data_check(with_attachment(agency, masked)) == []
    assert personal_data_check(with_attachment(agency, pdf)) == []


def test_a_damaged_spreadsheet_is_not_waved_through(agency):
    document = make_document("名单.xlsx", b"not a zip file")
    problems = personal_data_check(with_attachment(agency, document))
    assert len(problems) == 1 and "无法读取" in problems[0].message


# -- spam ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "<p>福利彩票公益金资助建设社区养老服务中心；开展全民体育健身活动。</p>",
        "<p>严厉打击淫秽色情信息，净化网络环境。</p>",
        '<p>详见<a href="https://www.mca.gov.cn/n152/index.html">民政部网站</a>'
        '和<a href="/notices/">通知公告</a>、<a href="#part2">第二部分</a>、'
        '<a href="http://localhost/plans/">规划</a>、'
        '<a href="mailto:mzj@example.org">来信</a>。</p>',
        '<p>另见<a linktype="page" id="3">低保标准</a>。</p>',
    ],
)
def test_legitimate_text_and_links_pass(agency, body):
    assert spam_check(article(agency, body)) == []


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("<p>澳门赌场真人娱乐，百家乐在线</p>", "赌场"),
        ("<p>六合彩、时时彩开奖</p>", "六合彩"),
        ("<p>成人视频免费看，同城约炮</p>", "成人视频"),
        ("<p>正规彩票平台</p>", "彩票平台"),
    ],
)
def test_gambling_and_porn_words_are_stopped(agency, body, words):
    problems = spam_check(article(agency, body))
    assert problems and problems[0].where == "正文"
    assert words in problems[0].message


def test_spam_words_in_the_title_are_named_there(agency):
    problems = spam_check(article(agency, "<p>正文</p>", title="娱乐城开业"))
    assert [problem.where for problem in problems] == ["标题"]


def test_links_to_sites_off_the_allow_list_are_stopped_until_allowed(agency):
    page = article(agency, '<p><a href="https://www.example.com/news">新闻</a></p>')
    problems = spam_check(page)
    assert [problem.where for problem in problems] == ["正文"]
    assert "www.example.com" in problems[0].message
    AllowedDomain.objects.create(domain="example.com")
    assert spam_check(page) == []


def test_the_allow_list_starts_with_government_sites(db):
    assert AllowedDomain.objects.filter(domain="gov.cn").exists()


@pytest.mark.parametrize(
    "body",
    [
        '<div style="display:none"><a href="https://www.gov.cn/">政府网</a></div>',
        '<p><a href="https://www.gov.cn/" style="font-size:0px">政府网</a></p>',
        '<p><span style="position:absolute; left:-9999px">'
        '<a href="https://www.gov.cn/">政府网</a></span></p>',
        '<p hidden><a href="https://www.gov.cn/">政府网</a></p>',
        '<p style="visibility: hidden"><a href="/x">站内</a></p>',
    ],
)
def test_hidden_links_are_stopped_even_to_allowed_sites(agency, body):
    problems = spam_check(article(agency, body))
    assert len(problems) == 1 and "隐藏链接" in problems[0].message


def test_gambling_link_and_unsafe_scheme_are_stopped(agency):
    body = (
        '<p><a href="https://bet365.gov.cn.example.net/">链接</a>'
        '<a href="javascript:alert(1)">点击</a></p>'
    )
    messages = [problem.message for problem in spam_check(article(agency, body))]
    assert len(messages) == 2
    assert "bet365" in messages[0] and "javascript" in messages[1]


def test_plain_text_urls_are_checked_too(agency):
    page = article(agency, "<p>正文</p>", summary="详见 http://spam.example.net/a")
    assert [problem.where for problem in spam_check(page)] == ["内容概述"]


# -- accessibility -----------------------------------------------------------------------


def test_images_need_alternative_text_unless_decorative():
    assert images_without_alt('<img src="a.png" alt="低保申请流程图">') == []
    assert images_without_alt('<img src="line.png" alt="" role="presentation">') == []
    assert len(images_without_alt('<img src="a.png">')) == 1
    assert len(images_without_alt('<img src="a.png" alt=" ">')) == 1
    assert len(images_without_alt('<embed embedtype="image" id="7" alt=""/>')) == 1
    assert images_without_alt('<embed embedtype="image" id="7" alt="流程图"/>') == []


def test_tables_need_header_cells():
    with_header = "<table><tr><th>项目</th><th>金额</th></tr><tr><td>补贴</td><td>820</td></tr></table>"
    without = "<table><tr><td>补贴</td><td>820</td></tr></table>"
    assert tables_without_headers(with_header) == []
    assert tables_without_headers(with_header + without) == [2]


def test_accessibility_problems_name_the_field(agency):
    page = article(agency, '<p>流程如下</p><img src="/media/flow.png">')
    problems = accessibility_check(page)
    assert [problem.where for problem in problems] == ["正文"]
    assert "/media/flow.png" in problems[0].message


def test_rendered_plan_indicator_tables_have_headers(client, home, agency):
    plans = publish_page(home, PlanIndexPage(title="发展规划", slug="plans"))
    plan = publish_page(plans, build_plan(agency, slug="fyp"))
    html = client.get(plan.url).content.decode()
    assert "<table" in html
    assert tables_without_headers(html) == []


def test_the_demo_style_content_passes_every_guard(notices, agency):
    page = article(
        agency,
        "<h2>一、最低生活保障</h2><p>本季度新增1户（户主张**），"
        "停保1户（户主李**）。以上对象已公示7个工作日，无异议。</p>"
        '<p>政策依据见<a href="https://www.gov.cn/zhengce/">中国政府网</a>。</p>',
    )
    assert problems_of(page) == []


# -- the admin shows the problems ------------------------------------------------------


def edit_form_data(page, body_html):
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "body": rich_text(body_html),
            "agency": page.agency_id,
            "disclosure_mode": page.disclosure_mode,
            "validity": page.validity,
            "published_on": "2025-06-20",
            "attachments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )


@pytest.fixture
def guarded_admin(settings):
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE,
        "publishing.guards.views.PublicationBlockedMiddleware",
    ]


def test_admin_publish_shows_the_problems_and_keeps_the_page_unpublished(
    admin_client, notices, agency
):
    page = publish_page(notices, article(agency, "<p>公示名单如下。</p>"))
    entries_before = LedgerEntry.objects.count()
    response = admin_client.post(
        f"/admin/pages/{page.pk}/edit/",
        edit_form_data(page, f"<p>低保对象张**，身份证号{ID_NUMBER}。</p>"),
        follow=True,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "未能发布" in html
    assert "正文：含有未打码的身份证号，公示时应写作150102********1234" in html
    page.refresh_from_db()
    assert "公示名单如下" in page.body  # the live version did not change
    assert page.has_unpublished_changes  # the editor's draft was kept
    assert ID_NUMBER in page.get_latest_revision_as_object().body
    assert LedgerEntry.objects.count() == entries_before


def test_admin_publish_button_of_clean_but_unreviewed_content_is_refused(
    admin_client, notices, agency
):
    """Even a superuser's publish button cannot skip review (four eyes)."""
    page = publish_page(notices, article(agency, "<p>公示名单如下。</p>"))
    response = admin_client.post(
        f"/admin/pages/{page.pk}/edit/",
        edit_form_data(page, "<p>低保对象张**，身份证号150102********1234。</p>"),
        follow=True,
    )
    assert "未经提交人和修改人以外的人员逐级审核通过" in response.content.decode()
    page.refresh_from_db()
    assert "公示名单如下" in page.body


def start_workflow(page, user):
    task = GroupApprovalTask.objects.create(name="保密审查")
    task.groups.set([Group.objects.get_or_create(name="保密审查员")[0]])
    workflow = Workflow.objects.create(name="公开前审查")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=page.get_parent())
    page.save_revision(user=user)
    return workflow.start(page, user)


def approve_url(page, state):
    return reverse(
        "wagtailadmin_pages:workflow_action",
        args=(page.pk, "approve", state.current_task_state.pk),
    )


def test_a_final_approval_stopped_by_a_guard_shows_the_problems(
    guarded_admin, admin_client, admin_user, notices, agency
):
    page = article(agency, f"<p>联系电话{MOBILE}</p>", live=False)
    notices.add_child(instance=page)
    state = start_workflow(page, admin_user)
    edit_url = f"/admin/pages/{page.pk}/edit/"
    response = admin_client.post(
        approve_url(page, state),
        {"comment": ""},
        HTTP_REFERER=f"http://testserver{edit_url}",
    )
    assert response.status_code == 302 and response["Location"].endswith(edit_url)
    shown = admin_client.get(edit_url).content.decode()
    assert "含有未打码的手机号，公示时应写作138****5678" in shown
    page.refresh_from_db()
    assert not page.live
    state.refresh_from_db()
    assert state.status == "in_progress"  # the approval was rolled back with it
    assert not LedgerEntry.objects.filter(item_key__endswith=f":{page.pk}").exists()


def test_workflow_modals_get_json_back(
    guarded_admin, admin_client, admin_user, notices, agency
):
    page = article(agency, f"<p>联系电话{MOBILE}</p>", live=False)
    notices.add_child(instance=page)
    state = start_workflow(page, admin_user)
    response = admin_client.post(
        approve_url(page, state),
        {"comment": ""},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert response.status_code == 200
    assert json.loads(response.content)["step"] == "success"


def test_snippet_publish_in_the_admin_shows_the_problems(admin_client, agency):
    from content_models.credit.models import SocialOrganisation
    from tests.content_models.test_credit_admin import org_form_data

    data = org_form_data(agency, address=f"清源区图书馆二楼，电话{MOBILE}")
    data["action-publish"] = "action-publish"
    response = admin_client.post(
        reverse("wagtailsnippets_credit_socialorganisation:add"), data, follow=True
    )
    assert response.status_code == 200
    assert "住所：含有未打码的手机号，公示时应写作138****5678" in (
        response.content.decode()
    )
    record = SocialOrganisation.objects.get()
    assert not record.live
    assert MOBILE in record.get_latest_revision_as_object().address
    assert not LedgerEntry.objects.filter(item_key__endswith=f":{record.pk}").exists()
