"""Review of a batch (publishing/bulk_review.py): every rule of a single approval
holds for each item of the batch, a refused item is named and left where it was, and
the audit trail is the one Wagtail writes for one item."""

from django.urls import reverse

from wagtail.models import PageLogEntry, TaskState, WorkflowState

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from content_models.credit.models import SocialOrganisation
from content_models.disclosure.models import ArticlePage
from content_models.disclosure.public import item_key
from publishing import roles
from publishing.bulk_review import approve_all, submit_all
from publishing.masking import mask_item
from publishing.models import LedgerEntry

from ..content_models.credit_factories import organisation
from .reviewing import approve_all as approve_one_by_one
from .reviewing import draft_article, submit

STEPS = ("section", "secrecy", "principal")


def drafts(notices, agency, editor, count, prefix="notice", **fields):
    return [
        draft_article(
            notices, agency, editor, title=f"通知{n}", slug=f"{prefix}-{n}", **fields
        )
        for n in range(count)
    ]


def waiting(items):
    """The current task state of each item, in order."""
    states = []
    for item in items:
        item.refresh_from_db()
        states.append(item.current_workflow_state.current_task_state)
    return states


def live(items):
    return [type(item).objects.get(pk=item.pk).live for item in items]


def review_batch(items, staff, submitter):
    submit_all(items, submitter)
    outcomes = [approve_all(waiting(items), staff[step]) for step in STEPS]
    return outcomes


def test_a_batch_goes_through_every_step_and_is_published(notices, agency, staff):
    pages = drafts(notices, agency, staff["editor"], 4)
    outcomes = review_batch(pages, staff, staff["editor"])
    assert all(not outcome.refused for outcome in outcomes)
    assert [len(o.approved) for o in outcomes] == [4, 4, 4]
    assert len(outcomes[-1].published) == 4 and live(pages) == [True] * 4
    for page in pages:
        assert LedgerEntry.objects.filter(item_key=item_key(page)).count() == 1
        approvals = PageLogEntry.objects.filter(
            page=page, action="wagtail.workflow.approve"
        ).order_by("timestamp", "pk")
        assert [entry.user for entry in approvals] == [staff[s] for s in STEPS]
        assert [e.data["workflow"]["task"]["title"] for e in approvals] == [
            "科室审核",
            "保密审查",
            "主要负责人审批",
        ]
        assert approvals.last().data["workflow"]["next"] is None
        assert PageLogEntry.objects.filter(
            page=page, action="wagtail.workflow.start", user=staff["editor"]
        ).exists()
        state = WorkflowState.objects.get(object_id=str(page.pk))
        assert state.status == WorkflowState.STATUS_APPROVED


def test_the_audit_trail_is_the_one_a_single_approval_writes(notices, agency, staff):
    one, batch = drafts(notices, agency, staff["editor"], 2)
    submit(one, staff["editor"])
    approve_one_by_one(one, *(staff[step] for step in STEPS))
    review_batch([batch], staff, staff["editor"])

    def trail(page):
        return [
            (entry.action, entry.user_id, sorted(entry.data), entry.revision_id)
            for entry in PageLogEntry.objects.filter(page=page)
            .exclude(action__in=("wagtail.create", "wagtail.edit"))
            .order_by("timestamp", "pk")
        ]

    single, bulk = trail(one), trail(batch)
    assert [row[:3] for row in single] == [row[:3] for row in bulk]
    assert all(row[3] is not None for row in bulk)


def test_the_submitter_is_refused_in_a_batch(notices, agency, staff, person):
    boss = person("boss", roles.BUREAU_EDITORS, roles.PRINCIPALS)
    own = drafts(notices, agency, boss, 2)
    submit_all(own, boss)
    approve_all(waiting(own), staff["section"])
    approve_all(waiting(own), staff["secrecy"])
    outcome = approve_all(waiting(own), boss)
    assert [reason for _state, reason in outcome.refused] == [
        "不能审核通过自己提交或修改的内容"
    ] * 2
    assert live(own) == [False, False]
    assert not LedgerEntry.objects.filter(item_key=item_key(own[0])).exists()
    assert [s.task.name for s in waiting(own)] == ["主要负责人审批"] * 2


def test_someone_outside_the_steps_group_is_refused(notices, agency, staff):
    pages = drafts(notices, agency, staff["editor"], 2)
    submit_all(pages, staff["editor"])
    outcome = approve_all(waiting(pages), staff["principal"])  # not 科室审核's group
    assert len(outcome.refused) == 2 and not outcome.approved
    assert {reason for _s, reason in outcome.refused} == {"不是此审核步骤的审核人"}
    assert [s.task.name for s in waiting(pages)] == ["科室审核"] * 2


def test_one_person_holding_every_step_cannot_pass_a_batch(
    notices, agency, staff, person
):
    everyone = person(
        "everyone", roles.SECTION_REVIEWERS, roles.SECRECY_REVIEWERS, roles.PRINCIPALS
    )
    pages = drafts(notices, agency, staff["editor"], 2)
    submit_all(pages, staff["editor"])
    approve_all(waiting(pages), everyone)
    approve_all(waiting(pages), everyone)
    outcome = approve_all(waiting(pages), everyone)
    assert {r for _s, r in outcome.refused} == {
        "最后一步的审核人不能同时是此前各步骤唯一的审核人"
    }
    assert live(pages) == [False, False]
    approve_all(waiting(pages), staff["principal"])
    assert live(pages) == [True, True]


def test_an_item_edited_in_review_is_left_for_review_one_by_one(notices, agency, staff):
    """一键打码 by a reviewer saves a new revision: the batch must not pass the
    revision nobody else approved; the rest of the batch goes on."""
    plain, masked = drafts(notices, agency, staff["editor"], 2)
    ArticlePage.objects.filter(pk=masked.pk).update(body="<p>电话13812345678</p>")
    masked.refresh_from_db()
    masked.save_revision(user=staff["editor"])
    submit_all([plain, masked], staff["editor"])
    approve_all(waiting([plain, masked]), staff["section"])
    mask_item(masked, staff["secrecy"])
    outcome = approve_all(waiting([plain, masked]), staff["secrecy"])
    assert len(outcome.approved) == 1
    refused = dict((s.workflow_state.object_id, r) for s, r in outcome.refused)
    assert refused == {str(masked.pk): "审核期间内容已修改，请逐条审核"}
    assert waiting([plain])[0].task.name == "主要负责人审批"


def test_a_guard_refusal_at_the_last_step_leaves_that_item_in_review(
    notices, agency, staff
):
    good, leaking = drafts(notices, agency, staff["editor"], 2)
    # Written behind the editor form's back, so only the publication guard sees it.
    ArticlePage.objects.filter(pk=leaking.pk).update(
        body="<p>身份证150102199003071237</p>"
    )
    leaking.refresh_from_db()
    leaking.save_revision(user=staff["editor"])
    submit_all([good, leaking], staff["editor"])
    approve_all(waiting([good, leaking]), staff["section"])
    approve_all(waiting([good, leaking]), staff["secrecy"])
    outcome = approve_all(waiting([good, leaking]), staff["principal"])
    assert live([good, leaking]) == [True, False]
    ((state, reason),) = outcome.refused
    assert state.workflow_state.object_id == str(leaking.pk)
    assert "身份证" in reason or "150102********1237" in reason
    still = waiting([leaking])[0]
    assert still.status == TaskState.STATUS_IN_PROGRESS
    assert still.task.name == "主要负责人审批"
    blocked = PageLogEntry.objects.get(page=leaking, action="publishing.blocked")
    assert blocked.user == staff["principal"]


def test_a_step_already_taken_is_not_taken_twice(notices, agency, staff):
    pages = drafts(notices, agency, staff["editor"], 1)
    submit_all(pages, staff["editor"])
    first = waiting(pages)
    approve_all(first, staff["section"])
    outcome = approve_all(first, staff["section"])  # the same, stale states
    assert {r for _s, r in outcome.refused} == {"不在此审核步骤中"}
    assert (
        TaskState.objects.filter(
            workflow_state__object_id=str(pages[0].pk), task__name="保密审查"
        ).count()
        == 1
    )


def test_submitting_an_item_already_in_review_is_refused(notices, agency, staff):
    pages = drafts(notices, agency, staff["editor"], 2)
    submit(pages[0], staff["editor"])
    outcome = submit_all(pages, staff["editor"])
    assert [(item.pk, reason) for item, reason in outcome.refused] == [
        (pages[0].pk, "已在审核中")
    ]
    assert WorkflowState.objects.filter(object_id=str(pages[0].pk)).count() == 1
    assert len(outcome.approved) == 1


def test_records_go_through_a_batch_too(agency, staff):
    records = [
        organisation(agency, publish=False, name=f"清源区第{n}书法家协会")
        for n in range(3)
    ]
    for record in records:
        record.live = False
        record.save()
        record.save_revision(user=staff["editor"])
    review_batch(records, staff, staff["editor"])
    assert live(records) == [True] * 3
    assert SocialOrganisation.objects.filter(live=True).count() == 3


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    approvers=st.lists(
        st.sampled_from(["editor", "section", "secrecy", "principal", "everyone"]),
        min_size=3,
        max_size=6,
    )
)
def test_no_order_of_batch_approvals_publishes_without_four_eyes(
    notices, agency, staff, person, approvers
):
    """Whoever approves the batch's steps, in whatever order: an item is live only
    if its submitter approved nothing and at least two people approved it."""
    everyone = staff.get("everyone") or person(
        "everyone", roles.SECTION_REVIEWERS, roles.SECRECY_REVIEWERS, roles.PRINCIPALS
    )
    staff["everyone"] = everyone
    pages = drafts(
        notices, agency, staff["editor"], 1, prefix=f"n{ArticlePage.objects.count()}"
    )
    submit_all(pages, staff["editor"])
    for name in approvers:
        if live(pages)[0]:
            break
        approve_all(waiting(pages), staff[name])
    if live(pages)[0]:
        approvals = TaskState.objects.filter(
            workflow_state__object_id=str(pages[0].pk),
            status=TaskState.STATUS_APPROVED,
        )
        approvers_ids = {state.finished_by_id for state in approvals}
        assert staff["editor"].pk not in approvers_ids
        assert len(approvers_ids) >= 2
        assert approvals.count() == 3


# -- 批量审核通过 in the admin ---------------------------------------------------------


def approve_step(client, model_path, items):
    url = reverse("wagtail_bulk_action", args=(*model_path, "approve-step"))
    query = "&".join(f"id={item.pk}" for item in items)
    return client.post(f"{url}?{query}&next=/admin/", {}, follow=True)


PAGES = ("wagtailcore", "page")


def test_the_admin_action_approves_the_step_of_every_selected_page(
    client, notices, agency, staff
):
    pages = drafts(notices, agency, staff["editor"], 3)
    submit_all(pages, staff["editor"])
    client.force_login(staff["section"])
    url = reverse("wagtail_bulk_action", args=(*PAGES, "approve-step"))
    confirm = client.get(f"{url}?id={pages[0].pk}&id={pages[1].pk}&id={pages[2].pk}")
    assert "科室审核" in confirm.content.decode()
    response = approve_step(client, PAGES, pages)
    assert "3 项已审核通过当前步骤" in response.content.decode()
    assert [s.task.name for s in waiting(pages)] == ["保密审查"] * 3
    client.force_login(staff["secrecy"])
    approve_step(client, PAGES, pages)
    client.force_login(staff["principal"])
    response = approve_step(client, PAGES, pages)
    assert "其中 3 项已发布" in response.content.decode()
    assert live(pages) == [True] * 3


def test_the_admin_action_refuses_the_submitter_and_outsiders(
    client, notices, agency, staff, person
):
    boss = person("boss", roles.BUREAU_EDITORS, roles.SECTION_REVIEWERS)
    pages = drafts(notices, agency, boss, 2)
    submit_all(pages, boss)
    for user in (boss, staff["principal"]):  # own work; not 科室审核's group
        client.force_login(user)
        url = reverse("wagtail_bulk_action", args=(*PAGES, "approve-step"))
        confirm = client.get(f"{url}?id={pages[0].pk}&id={pages[1].pk}")
        assert "不会处理" in confirm.content.decode()
        approve_step(client, PAGES, pages)  # a direct POST all the same
        assert [s.task.name for s in waiting(pages)] == ["科室审核"] * 2
        assert not TaskState.objects.filter(
            finished_by=user, status=TaskState.STATUS_APPROVED
        ).exists()


def test_the_admin_action_names_an_item_a_guard_refuses(client, notices, agency, staff):
    good, leaking = drafts(notices, agency, staff["editor"], 2)
    ArticlePage.objects.filter(pk=leaking.pk).update(body="<p>电话13812345678</p>")
    leaking.refresh_from_db()
    leaking.save_revision(user=staff["editor"])
    submit_all([good, leaking], staff["editor"])
    for step in ("section", "secrecy"):
        approve_all(waiting([good, leaking]), staff[step])
    client.force_login(staff["principal"])
    html = approve_step(client, PAGES, [good, leaking]).content.decode()
    assert "其中 1 项已发布" in html
    assert f"“{leaking.title}”未通过" in html and "138****5678" in html
    assert live([good, leaking]) == [True, False]


def test_the_admin_action_works_on_records(client, agency, staff):
    records = [
        organisation(agency, publish=False, name=f"清源区第{n}书法家协会")
        for n in range(2)
    ]
    for record in records:
        record.live = False
        record.save()
        record.save_revision(user=staff["editor"])
    submit_all(records, staff["editor"])
    for step in STEPS:
        client.force_login(staff[step])
        approve_step(client, ("credit", "socialorganisation"), records)
    assert live(records) == [True, True]
