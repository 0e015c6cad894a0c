"""What a village disclosure must contain before anyone may submit or publish it.

《村民委员会组织法》第三十条 asks villages to publish matters and accounts, not
headings: a disclosure with no text, no 收支明细 and no attachment says nothing, and a
财务公开 without its income and expense lines hides exactly what the law asks for."""

from django.core.exceptions import ValidationError
from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

import pytest

from content_models.disclosure.models import ArticlePage
from content_models.disclosure.publication import PublicationBlocked, problems_of
from content_models.villages.categories import Category
from content_models.villages.models import VillageAttachment, VillageDisclosurePage
from content_models.villages.required import required_content_check
from publishing.workflows import setup_publishing

from .villages_factories import *  # noqa: F403  (the fixtures)
from .villages_factories import (
    EXPENSE,
    INCOME,
    finance_row,
    make_disclosure,
    make_document,
    unsaved_disclosure,
)

NOT_IN_TREE = ["path", "depth"]


def errors_of(page):
    with pytest.raises(ValidationError) as error:
        page.full_clean(exclude=NOT_IN_TREE if not page.path else None)
    return error.value.message_dict


# -- the model's rule -------------------------------------------------------------------


@pytest.mark.parametrize("body", ["", "<p></p>", "<p><br/></p>", "<p>&nbsp; </p>"])
def test_a_disclosure_with_nothing_in_it_is_refused(column, agency, body):
    page = unsaved_disclosure(column, agency, quarter=1, body=body)
    message = errors_of(page)["body"][0]
    assert "公开内容" in message and "附件" in message


def test_a_finance_disclosure_needs_its_income_and_expense_rows(column, agency):
    page = unsaved_disclosure(
        column, agency, quarter=1, category=Category.FINANCE, body="<p>收支如下。</p>"
    )
    message = errors_of(page)["category"][0]
    assert "财务公开" in message and "收支明细" in message


def test_an_empty_finance_disclosure_names_the_rows_once(column, agency):
    page = unsaved_disclosure(column, agency, quarter=1, category=Category.FINANCE)
    page.body = ""
    errors = errors_of(page)
    assert "收支明细" in errors["category"][0]
    assert "body" not in errors  # the rows are what is missing, said once


def test_text_alone_or_an_attachment_alone_is_enough(column, agency):
    page = unsaved_disclosure(column, agency, quarter=1, body="<p>巷道硬化。</p>")
    page.full_clean(exclude=NOT_IN_TREE)
    scanned = unsaved_disclosure(column, agency, quarter=2, body="")
    scanned.attachments = [VillageAttachment(document=make_document("board.pdf"))]
    scanned.full_clean(exclude=NOT_IN_TREE)


def test_rows_alone_are_enough_for_a_finance_disclosure(column, agency):
    page = unsaved_disclosure(column, agency, quarter=1, category=Category.FINANCE)
    page.body = ""
    page.finance_rows = [finance_row("办公经费", EXPENSE, "300.00")]
    page.full_clean(exclude=NOT_IN_TREE)


# -- the publication check: no path publishes an empty disclosure -------------------------


def emptied_draft(column, agency, **fields):
    """A draft whose latest revision lost its content without validation, as an older
    draft, an import or a script may leave it."""
    page = make_disclosure(column, agency, publish=False, **fields)
    page.body = ""
    page.finance_rows = []
    return page.save_revision(clean=False)


def test_publishing_an_empty_revision_directly_is_blocked(column, agency):
    revision = emptied_draft(column, agency)
    with pytest.raises(PublicationBlocked) as blocked:
        revision.publish()
    [problem] = [p for p in blocked.value.problems if p.where == "公开内容"]
    assert "附件" in problem.fix
    assert not VillageDisclosurePage.objects.get(pk=revision.object_id).live


def test_publishing_a_finance_revision_without_rows_is_blocked(column, agency):
    revision = emptied_draft(
        column, agency, category=Category.FINANCE, rows=[("办公经费", EXPENSE, "300")]
    )
    with pytest.raises(PublicationBlocked) as blocked:
        revision.publish()
    assert "收支明细" in [p.where for p in blocked.value.problems]


def test_a_complete_disclosure_publishes(column, agency):
    page = make_disclosure(column, agency)
    assert page.live and problems_of(page) == []
    finance = make_disclosure(
        column,
        agency,
        quarter=2,
        category=Category.FINANCE,
        body="",
        rows=[("集体经营收入", INCOME, "1234.50")],
    )
    assert finance.live


def test_the_check_ignores_other_kinds_of_item(agency):
    assert required_content_check(ArticlePage(title="通知", body="")) == []
    assert required_content_check(object()) == []


# -- the admin form -----------------------------------------------------------------------


def add_url(parent):
    return reverse(
        "wagtailadmin_pages:add", args=("villages", "villagedisclosurepage", parent.pk)
    )


def empty_form(agency, action, **fields):
    data = {
        "title": "",
        "slug": "",
        "year": 2025,
        "quarter": 3,
        "month": "",
        "category": Category.AFFAIRS,
        "body": rich_text(""),
        "agency": agency.pk,
        "disclosure_mode": "主动公开",
        "validity": "有效",
        "finance_rows": inline_formset([]),
        "attachments": inline_formset([]),
        action: action.removeprefix("action-"),
    }
    data.update(fields)
    return nested_form_data(data)


@pytest.mark.parametrize("action", ["action-publish", "action-submit"])
def test_the_admin_form_refuses_to_submit_or_publish_an_empty_disclosure(
    admin_client, column, agency, action
):
    setup_publishing()  # the village workflow, which submission needs
    response = admin_client.post(add_url(column), empty_form(agency, action))
    assert response.status_code == 200
    assert "请填写公开内容" in response.content.decode()
    assert not VillageDisclosurePage.objects.exists()


def test_the_admin_form_refuses_a_finance_disclosure_without_rows(
    admin_client, column, agency
):
    response = admin_client.post(
        add_url(column),
        empty_form(
            agency,
            "action-publish",
            category=Category.FINANCE,
            body=rich_text("<p>本季度收支如下。</p>"),
        ),
    )
    assert response.status_code == 200
    assert "财务公开须逐笔公开收支明细" in response.content.decode()
    assert not VillageDisclosurePage.objects.exists()


def test_an_unfinished_draft_may_still_be_saved(admin_client, column, agency):
    # Like Wagtail's required fields, the rule waits for submission: a clerk may save
    # the page before the scanned sheet is at hand.
    response = admin_client.post(add_url(column), empty_form(agency, "action-save"))
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert not VillageDisclosurePage.objects.get().live


def test_an_attachment_typed_in_the_form_counts(admin_client, column, agency):
    document = make_document("board.pdf")
    response = admin_client.post(
        add_url(column),
        empty_form(
            agency,
            "action-publish",
            attachments=inline_formset([{"document": document.pk}]),
        ),
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    page = VillageDisclosurePage.objects.get()
    # The attachment satisfied the required-content rule; four eyes still refuses
    # the author's own publication, so the page is a draft with its attachment.
    assert not page.live and page.attachments.count() == 1
