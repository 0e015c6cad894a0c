"""The ledger's chain, what changes it, and verify_ledger catching tampering."""

import datetime
import json

from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from wagtail.models import GroupApprovalTask, Workflow, WorkflowTask

import pytest

from content_models.disclosure.models import ArticleIndexPage, ArticlePage
from portal.demo.helpers import publish_page, publish_reviewed
from publishing.ledger import GENESIS, breaks, entry_hash, sha256, snapshot
from publishing.models import LedgerEntry
from tests.content_models.credit_factories import entry as credit_entry
from tests.content_models.credit_factories import organisation


@pytest.fixture
def notices(home):
    return publish_page(home, ArticleIndexPage(title="通知公告", slug="notices"))


@pytest.fixture
def article(notices, agency):
    return publish_page(
        notices,
        ArticlePage(
            title="低保标准调整",
            slug="dibao",
            agency=agency,
            body="<p>每人每月820元</p>",
            published_on=datetime.date(2025, 6, 20),
        ),
    )


def actions(item_key):
    return list(
        LedgerEntry.objects.filter(item_key=item_key)
        .order_by("seq")
        .values_list("action", flat=True)
    )


def key(page):
    return f"disclosure.articlepage:{page.pk}"


def verify():
    call_command("verify_ledger")


def failure():
    with pytest.raises(CommandError) as raised:
        verify()
    return str(raised.value)


# -- what goes into the ledger --------------------------------------------------------


def test_lifecycle_of_an_item_verifies_at_every_step(article):
    verify()
    publish_reviewed(article)  # nothing public changed
    assert actions(key(article)) == ["publish"]
    article.body = "<p>每人每月850元</p>"
    publish_reviewed(article)
    verify()
    article.unpublish()
    verify()
    publish_reviewed(article)
    verify()
    assert actions(key(article)) == ["publish", "correction", "withdrawal", "publish"]
    withdrawal = LedgerEntry.objects.get(item_key=key(article), action="withdrawal")
    assert withdrawal.snapshot == ""
    assert withdrawal.content_sha256 == sha256("")
    assert withdrawal.title == "低保标准调整"


def test_every_entry_links_to_the_one_before(article):
    article.body = "<p>每人每月850元</p>"
    publish_reviewed(article)
    chain = list(LedgerEntry.objects.order_by("seq"))
    assert [entry.seq for entry in chain] == list(range(1, len(chain) + 1))
    assert chain[0].prev_hash == GENESIS
    for previous, entry in zip(chain, chain[1:], strict=False):
        assert entry.prev_hash == previous.hash
        assert entry.hash == entry_hash(entry)


def test_correction_carries_the_reviewers_approval_comment(article, django_user_model):
    reviewers = Group.objects.create(name="科室审核")
    reviewer = django_user_model.objects.create_superuser("reviewer", password="x")
    reviewer.groups.add(reviewers)
    editor = django_user_model.objects.create_user("editor", password="x")
    task = GroupApprovalTask.objects.create(name="科室审核")
    task.groups.add(reviewers)
    workflow = Workflow.objects.create(name="更正审核")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)

    article.body = "<p>每人每月850元</p>"
    article.save_revision(user=editor)
    state = workflow.start(article, editor)
    state.current_task_state.approve(user=reviewer, comment="标准金额笔误，更正为850元")

    correction = LedgerEntry.objects.get(item_key=key(article), action="correction")
    assert correction.note == "标准金额笔误，更正为850元"
    verify()


def test_moving_a_page_records_its_new_address(home, notices, article):
    other = publish_page(home, ArticleIndexPage(title="政策文件", slug="policies"))
    article.move(other, pos="last-child")
    article.refresh_from_db()
    assert actions(key(article)) == ["publish", "correction"]
    assert LedgerEntry.objects.get(action="correction", item_key=key(article)).url == (
        article.url
    )
    verify()


def test_renaming_the_agency_records_corrections(article, agency):
    agency.name = "清源区民政和应急管理局"
    agency.save()
    assert actions(key(article)) == ["publish", "correction"]
    verify()


def test_deleting_a_public_item_is_recorded_as_withdrawal(article):
    item_key = key(article)
    article.delete()
    assert actions(item_key) == ["publish", "withdrawal"]
    assert LedgerEntry.objects.get(action="withdrawal").note == "已删除"
    verify()


def test_renamed_organisation_corrects_its_list_entries(agency):
    org = organisation(agency)
    listed = credit_entry(org)
    entry_key = f"credit.creditlistentry:{listed.pk}"
    assert actions(entry_key) == ["publish"]
    org.name = "清源区书画家协会"
    publish_reviewed(org)
    assert actions(entry_key) == ["publish", "correction"]
    verify()


# -- tampering ------------------------------------------------------------------------


def at(chain, n):
    """The seq of the chain's n-th entry (the home and section pages above the
    article are in the ledger before it)."""
    first = LedgerEntry.objects.filter(item_key=key(chain)).order_by("seq").first()
    return first.seq - 1 + n


@pytest.fixture
def chain(article):
    """publish, correction, and a second item published after them."""
    article.body = "<p>每人每月850元</p>"
    publish_reviewed(article)
    publish_page(
        article.get_parent(),
        ArticlePage(
            title="临时救助办法",
            slug="jiuzhu",
            agency=article.agency,
            body="<p>临时救助</p>",
        ),
    )
    verify()
    return article


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("title", "低保标准调整（已改）"),
        ("content_sha256", sha256("别的内容")),
        ("prev_hash", "f" * 64),
        ("time", datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)),
        ("index_number", "000000000/2020-00001"),
    ],
)
def test_edited_entry_fails_naming_its_seq(chain, column, value):
    LedgerEntry.objects.filter(seq=at(chain, 2)).update(**{column: value})
    message = failure()
    assert message.startswith(f"Ledger broken: 第 {at(chain, 2)} 条")
    assert key(chain) in message


def test_edited_snapshot_fails(chain):
    entry = LedgerEntry.objects.get(seq=at(chain, 2))
    changed = entry.snapshot.replace("850", "900")
    LedgerEntry.objects.filter(seq=at(chain, 2)).update(snapshot=changed)
    assert f"第 {at(chain, 2)} 条" in failure()


def test_entry_rewritten_with_consistent_hashes_still_breaks_the_link(chain):
    """Someone recomputes the tampered entry's own hash: the next entry's prev_hash
    no longer matches."""
    entry = LedgerEntry.objects.get(seq=at(chain, 2))
    entry.snapshot = entry.snapshot.replace("850", "900")
    entry.content_sha256 = sha256(entry.snapshot)
    entry.hash = entry_hash(entry)
    entry.save()
    assert f"第 {at(chain, 3)} 条" in failure()


def test_item_edited_behind_wagtails_back_fails_naming_the_item(chain):
    ArticlePage.objects.filter(pk=chain.pk).update(title="低保标准调整（悄悄改过）")
    message = failure()
    assert key(chain) in message
    assert f"第 {at(chain, 2)} 条" in message  # its last entry


def test_deleted_entry_fails(chain):
    LedgerEntry.objects.filter(seq=at(chain, 2)).delete()
    message = failure()
    assert f"第 {at(chain, 3)} 条" in message
    assert f"前面缺少第 {at(chain, 2)} 条" in message


def test_deleted_last_entry_fails(chain):
    LedgerEntry.objects.filter(seq=at(chain, 3)).delete()
    assert "没有发布记录" in failure()


def test_deleted_withdrawal_fails(chain):
    chain.unpublish()
    verify()
    LedgerEntry.objects.filter(action="withdrawal").delete()
    assert "撤回未记录" in failure()


def test_item_public_without_any_entry_fails(agency):
    org = organisation(agency, publish=False)
    org.save()  # a new row is a draft (publishing/drafts.py), so: behind its back
    type(org).objects.filter(pk=org.pk).update(live=True)
    message = failure()
    assert f"credit.socialorganisation:{org.pk}" in message
    assert "没有发布记录" in message


def test_republished_unrecorded_fails(chain):
    chain.unpublish()
    ArticlePage.objects.filter(pk=chain.pk).update(live=True)
    assert "最后记录为撤回" in failure()


def test_json_report_lists_every_problem(chain, capsys):
    LedgerEntry.objects.filter(seq=at(chain, 1)).update(title="改过")
    ArticlePage.objects.filter(pk=chain.pk).update(title="也改过")
    with pytest.raises(CommandError):
        call_command("verify_ledger", "--json")
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False
    assert report["entries"] == at(chain, 3)
    assert [problem["seq"] for problem in report["problems"]] == [
        at(chain, 1),
        at(chain, 2),
    ]


def test_empty_ledger_verifies(db):
    assert list(breaks()) == []
    verify()


def test_snapshot_is_what_the_public_sees(chain):
    shown = json.loads(snapshot(chain))
    assert shown["title"] == "低保标准调整"
    assert "850" in shown["text"]
    assert shown["url"] == chain.url


def test_an_edited_title_is_found_after_the_item_was_withdrawn(chain):
    chain.unpublish()
    verify()
    LedgerEntry.objects.filter(seq=at(chain, 1)).update(title="别的名称")
    message = failure()
    assert message.startswith(f"Ledger broken: 第 {at(chain, 1)} 条")


def test_the_ledger_api_reads_a_page_in_a_fixed_number_of_queries(
    chain, client, django_assert_max_num_queries
):
    chain.unpublish()
    with django_assert_max_num_queries(4):
        entries = client.get("/api/v1/ledger?page_size=100").json()["results"]
    assert len(entries) == at(chain, 4)
    by_seq = {entry["seq"]: entry for entry in entries}
    assert by_seq[at(chain, 1)]["version"] is None  # the withdrawn item's: withheld
    assert by_seq[at(chain, 3)]["version"] is not None  # the other item's are not


def test_a_section_page_edited_behind_wagtails_back_fails(notices, home):
    """Home, section and index pages are public text too: in the ledger, verified."""
    verify()
    ArticleIndexPage.objects.filter(pk=notices.pk).update(title="通知公告（悄悄改过）")
    message = failure()
    assert f"disclosure.articleindexpage:{notices.pk}" in message
    assert "现在公开的内容与台账最后一条记录不符" in message


def test_a_section_page_with_a_personal_number_is_not_published(home):
    from content_models.disclosure.publication import PublicationBlocked

    page = ArticleIndexPage(title="通知公告", slug="tz", intro="咨询13812345678")
    with pytest.raises(PublicationBlocked, match=r"138\*\*\*\*5678"):
        publish_page(home, page)
    assert not ArticleIndexPage.objects.get(pk=page.pk).live
