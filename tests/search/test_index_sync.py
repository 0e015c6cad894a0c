"""Publishing keeps the index true: every event goes through the durable queue, and
nothing is lost while the engine is unreachable."""

import datetime

from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from content_models.disclosure.models import ArticleIndexPage, ArticlePage
from content_models.plans.models import PlanIndexPage
from portal.demo.helpers import publish_page, publish_reviewed, translate_page
from search.models import PendingUpdate, Rebuild
from search.query import from_params
from search.queue import apply_pending, enqueue, rebuild
from search.results import run

from ..content_models.credit_factories import (  # noqa: F401 (fixtures)
    entry,
    org_fixture,
    organisation,
    section_fixture,
)
from ..content_models.plans_factories import build_plan

UNREACHABLE = "http://user:secret@127.0.0.1:9"


def found(q, language="zh-hans", **params):
    return run(from_params({"q": q, **params}, language, {})).hits


def urls(q, **params):
    return [hit.url for hit in found(q, **params)]


@pytest.fixture
def notices(home):
    return publish_page(home, ArticleIndexPage(title="通知公告", slug="notices"))


@pytest.fixture
def plans(home):
    return publish_page(home, PlanIndexPage(title="发展规划", slug="plans"))


@pytest.fixture
def publish(django_capture_on_commit_callbacks, embedded):
    """Run an action as its own committed transaction would: queued updates are
    applied when the callbacks run."""

    def run_committed(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run_committed


def article(agency, title="关于调整城乡低保标准的通知", **fields):
    fields.setdefault("body", "<p>城市低保标准提高到每人每月820元。</p>")
    fields.setdefault("published_on", datetime.date(2025, 6, 20))
    return ArticlePage(title=title, agency=agency, **fields)


def test_publishing_a_page_makes_it_searchable(publish, notices, agency):
    page = publish(publish_page, notices, article(agency))
    (hit,) = found("低保")
    assert (hit.title, hit.url, hit.kind) == (page.title, page.url, "article")
    assert PendingUpdate.objects.count() == 0


def test_drafts_never_appear(publish, notices, agency):
    draft = article(agency, title="低保草稿", live=False)
    publish(notices.add_child, instance=draft)
    publish(draft.save_revision)
    assert found("低保") == []


def test_unpublishing_and_deleting_remove_it(publish, notices, agency):
    first = publish(publish_page, notices, article(agency))
    second = publish(
        publish_page, notices, article(agency, title="低保审核确认办法", slug="b")
    )
    assert len(found("低保")) == 2
    publish(first.unpublish)
    assert urls("低保") == [second.url]
    publish(second.delete)
    assert found("低保") == []


def test_private_and_expired_pages_never_appear(publish, notices, agency):
    private = publish(publish_page, notices, article(agency))
    publish(
        PageViewRestriction.objects.create,
        page=private,
        restriction_type=PageViewRestriction.LOGIN,
    )
    publish(enqueue, [f"disclosure.articlepage:{private.pk}"])
    assert found("低保") == []
    expiring = publish(publish_page, notices, article(agency, slug="e"))
    assert len(found("低保")) == 1
    ArticlePage.objects.filter(pk=expiring.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    publish(call_command, "publish_scheduled")  # Wagtail's own expiry run
    assert found("低保") == []


def test_moving_a_page_updates_its_address(publish, home, notices, agency):
    page = publish(publish_page, notices, article(agency))
    other = publish(
        publish_page, home, ArticleIndexPage(title="政策文件", slug="policies")
    )
    publish(page.move, other, pos="last-child")
    page.refresh_from_db()
    assert urls("低保") == [page.url]
    assert page.url.startswith(other.url)


def test_renaming_a_section_updates_the_addresses_below_it(publish, notices, agency):
    page = publish(publish_page, notices, article(agency))
    notices.slug = "tongzhi"
    publish(publish_reviewed, notices)
    page.refresh_from_db()
    assert "/tongzhi/" in page.url
    assert urls("低保") == [page.url]


def test_a_translation_is_searched_in_its_own_language(
    publish, home, notices, agency, english
):
    page = publish(publish_page, notices, article(agency))
    publish(translate_page, home, "Home")
    publish(translate_page, notices, "Notices")
    translation = publish(
        translate_page, page, "Notice on raising the minimum living allowance"
    )
    assert [hit.url for hit in found("allowance", "en")] == [translation.url]
    assert found("allowance") == []
    assert urls("低保") == [page.url]


def test_plan_sections_land_on_their_anchor(publish, plans, agency):
    plan = publish(publish_page, plans, build_plan(agency, slug="fyp"))
    sections = dict((heading, anchor) for anchor, heading, _ in plan.public_sections())
    assert sections, "the test plan has headings"
    heading, anchor = next(iter(sections.items()))
    hits = found(heading.split(" ")[-1], type="plan")
    assert f"{plan.url}#{anchor}" in [hit.url for hit in hits]
    assert any(hit.context == plan.title for hit in hits)


def test_records_follow_their_organisation(publish, section, agency):
    org = publish(organisation, agency, name="清源区书法家协会")
    publish(entry, org)
    assert {hit.kind for hit in found("书法家协会")} == {
        "social_organisation",
        "credit_entry",
    }
    assert {hit.kind for hit in found("书法家协会", list="abnormal")} == {
        "credit_entry"
    }
    org.name = "清源区楹联学会"
    publish(publish_reviewed, org)
    assert found("书法家协会") == []
    assert {hit.kind for hit in found("楹联学会")} == {
        "social_organisation",
        "credit_entry",
    }
    assert found(org.credit_code)[0].kind == "social_organisation"


def test_updates_wait_while_the_engine_is_unreachable(
    publish, notices, agency, settings, tmp_path
):
    settings.ELASTICSEARCH_URL = UNREACHABLE
    page = publish(publish_page, notices, article(agency))  # publishing succeeds
    assert page.live
    (waiting,) = PendingUpdate.objects.all()
    assert waiting.key == f"disclosure.articlepage:{page.pk}"
    assert waiting.attempts == 1
    assert "127.0.0.1:9" in waiting.last_error and "secret" not in waiting.last_error
    with pytest.raises(CommandError, match="1 updates still waiting"):
        call_command("process_search_queue")
    # The engine is back: the queued update is applied, nothing was lost.
    settings.ELASTICSEARCH_URL = ""
    call_command("process_search_queue")
    assert urls("低保") == [page.url]
    assert PendingUpdate.objects.count() == 0


def test_after_a_failure_publishing_does_not_wait_for_the_engine_again(
    publish, notices, agency, settings
):
    settings.ELASTICSEARCH_URL = UNREACHABLE
    publish(publish_page, notices, article(agency))
    publish(publish_page, notices, article(agency, slug="second"))
    attempts = sorted(PendingUpdate.objects.values_list("attempts", flat=True))
    assert attempts == [0, 1]  # the second publication did not try
    with pytest.raises(CommandError):
        call_command("process_search_queue")  # the command always tries
    assert sorted(PendingUpdate.objects.values_list("attempts", flat=True)) == [1, 2]


def test_an_update_queued_while_applying_stays_queued(embedded, notices, agency):
    page = publish_page(notices, article(agency))
    enqueue([f"disclosure.articlepage:{page.pk}"])
    row = PendingUpdate.objects.get()
    original_replace = embedded.replace

    def replace_then_requeue(batch):
        original_replace(batch)
        PendingUpdate.objects.filter(pk=row.pk).update(queued_at=timezone.now())

    embedded.replace = replace_then_requeue
    assert apply_pending(embedded) == 1
    assert PendingUpdate.objects.filter(pk=row.pk).exists()


def test_one_broken_item_does_not_block_the_queue(
    embedded, notices, agency, monkeypatch
):
    good = publish_page(notices, article(agency))
    bad = publish_page(notices, article(agency, title="低保办法", slug="bad"))
    enqueue([f"disclosure.articlepage:{bad.pk}", f"disclosure.articlepage:{good.pk}"])
    real = ArticlePage.as_public_record

    def broken(self):
        if self.pk == bad.pk:
            raise RuntimeError("broken record")
        return real(self)

    monkeypatch.setattr(ArticlePage, "as_public_record", broken)
    assert apply_pending(embedded) == 1
    (left,) = PendingUpdate.objects.all()
    assert left.key.endswith(f":{bad.pk}") and "broken record" in left.last_error
    assert urls("低保") == [good.url]


def test_rebuild_indexes_everything_public(embedded, notices, agency, section):
    page = publish_page(notices, article(agency))
    notices.add_child(instance=article(agency, title="低保草稿", slug="d", live=False))
    org = organisation(agency)
    entry(org)
    PendingUpdate.objects.all().delete()  # as if the index had been lost
    call_command("rebuild_public_index")
    assert urls("低保") == [page.url]
    assert len(found("书法家协会")) == 2
    assert Rebuild.objects.count() == 0


def test_updates_wait_during_a_rebuild_and_apply_after_it(embedded, notices, agency):
    Rebuild.objects.create()
    page = publish_page(notices, article(agency))
    enqueue([f"disclosure.articlepage:{page.pk}"])
    assert apply_pending(embedded) == 0
    Rebuild.objects.all().delete()
    assert rebuild(embedded) >= 1
    assert urls("低保") == [page.url]


def test_records_are_indexed_in_chinese_whatever_the_editor_language(
    publish, section, agency
):
    from django.utils import translation

    org = publish(organisation, agency, name="清源区书法家协会")
    with translation.override("en"):
        publish(entry, org)
    (hit,) = found("书法家协会", type="credit_entry")
    assert "活动异常名录" in hit.title
