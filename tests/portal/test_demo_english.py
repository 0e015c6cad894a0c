"""The demo in English: the notices and the plan are wagtail-localize translations,
reviewed like everything else, and read in English (the shared demo)."""

import json
import re

from django.contrib.auth import get_user_model

from wagtail.models import PageLogEntry, WorkflowState
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

import pytest

from content_models.disclosure.models import ArticlePage
from content_models.disclosure.public import item_key
from content_models.plans.models import PlanPage
from portal.demo import english, plans
from portal.demo.helpers import HAN, localize_page
from publishing.models import LedgerEntry

NOTICE_SLUGS = [*english.NOTICES, "2021-14th-five-year-plan"]


def english_texts():
    return [texts["title"] for texts in english.NOTICES.values()] + [
        english.ISSUING_NOTICE["title"]
    ]


def translation_of(page):
    return Translation.objects.get(
        source__object_id=page.translation_key,
        source__locale__language_code="zh-hans",
        target_locale__language_code="en",
    )


def visible_text(html):
    html = re.sub(r"<script.*?</script>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def han_outside(text, allowed):
    for word in allowed:
        text = text.replace(word, " ")
    return HAN.findall(text)


@pytest.fixture
def english_pages(demo_site):
    notices = {
        page.slug: page
        for page in ArticlePage.objects.filter(locale__language_code="en")
    }
    plan = PlanPage.objects.get(locale__language_code="en")
    return demo_site, notices, plan


def main_of(response):
    html = response.content.decode()
    return re.search(r"<main\b.*?</main>", html, re.S).group(0)


def test_english_notices_list_every_translated_notice_in_english(english_pages, client):
    _demo, notices, _plan = english_pages
    assert sorted(notices) == sorted(NOTICE_SLUGS)
    response = client.get("/en/notices/")
    assert response.status_code == 200
    main = main_of(response)
    assert not HAN.findall(visible_text(main))
    links = dict(re.findall(r'<a href="(/en/notices/[^"/]+/)"[^>]*>([^<]+)</a>', main))
    assert sorted(link.strip() for link in links.values()) == sorted(english_texts())
    for url in links:
        page = client.get(url)
        assert page.status_code == 200, url
        assert page.headers["Content-Language"] == "en"
        title = re.search(r"<h1[^>]*>(.*?)</h1>", main_of(page), re.S).group(1)
        assert not HAN.findall(title) and title.strip() in links[url]


def test_english_notice_shows_its_text_in_english_keeping_its_document_number(
    english_pages, client
):
    _demo, notices, _plan = english_pages
    page = notices["2025-dibao-standard"]
    html = client.get(page.url).content.decode()
    assert "from 780 to 820 yuan per person per month" in html
    assert "To the town governments and sub-district offices:" in html
    assert "清民发〔2025〕12号" in html  # the 文号 stays as issued
    chinese = ArticlePage.objects.get(
        translation_key=page.translation_key, locale__language_code="zh-hans"
    )
    assert page.index_number == chinese.index_number  # one document, one 索引号


def metadata_cells(html):
    table = re.search(r'<table class="metadata">.*?</table>', html, re.S).group(0)
    return {
        re.sub(r"<[^>]+>", "", label).strip(): re.sub(r"<[^>]+>", "", value).strip()
        for label, value in re.findall(r"<th[^>]*>(.*?)</th><td[^>]*>(.*?)</td>", table)
    }


def test_english_notice_names_its_agency_topic_and_genre_in_english(
    english_pages, client
):
    _demo, notices, _plan = english_pages
    page = notices["2025-dibao-standard"]
    cells = metadata_cells(client.get(page.url).content.decode())
    assert cells["Issuing agency"] == english.AGENCY
    assert cells["Subject category"].startswith(
        english.TOPICS[page.topic.parent.code] + "\\"
    )
    assert cells["Subject category"].endswith(english.TOPICS[page.topic.code])
    assert cells["Document type"] == english.GENRES[page.genre.code]
    chinese = ArticlePage.objects.get(
        translation_key=page.translation_key, locale__language_code="zh-hans"
    )
    cells = metadata_cells(client.get(chinese.url).content.decode())
    assert cells["发布机构"] == chinese.agency.name == "清源区民政局"
    assert cells["主题分类"] == chinese.topic.path


def test_english_plan_reads_in_english(english_pages, client):
    demo, notices, plan = english_pages
    response = client.get(plan.url)
    assert response.status_code == 200
    article = re.search(
        r'<article class="plan">.*?</article>', response.content.decode(), re.S
    ).group(0)
    tables = re.findall(r'<section class="plan-indicators".*?</section>', article, re.S)
    assert len(tables) == 2
    prose = visible_text(
        re.sub(
            r'<section class="plan-indicators".*?</section>', "", article, flags=re.S
        )
    )
    for expected in (
        english.PLAN_TITLE,
        "Chapter 1 Foundations and circumstances",
        "Principle 1 Upholding the overall leadership of the Party",
        "Chapter 8 Safeguards",
        "Box 2",
        "Strengthening social assistance",
        "Front-line offices",
        "Adapt the homes of 200 older people in special difficulty",
        "The main indicators are listed in Box 1.",
    ):
        assert expected in prose, expected
    assert "None" not in prose
    # The region is a record (data, not translated): its name is the only Chinese.
    assert not han_outside(prose, [demo.district.name])
    assert "Note: figures in 〔〕 are five-year cumulative totals." in tables[0]
    issuing = notices["2021-14th-five-year-plan"]
    assert f'<a href="{issuing.url}">{english.ISSUING_NOTICE["title"]}</a>' in article


def test_english_plan_indicator_tables_are_in_english(english_pages, client):
    _demo, _notices, plan = english_pages
    html = client.get(plan.url).content.decode()
    tables = re.findall(r'<table class="indicator-table">.*?</table>', html, re.S)
    assert tables and not any(HAN.findall(visible_text(t)) for t in tables)
    assert "Share of nursing beds in care homes" in html


def test_english_pages_are_wagtail_localize_translations_up_to_date(english_pages):
    demo, notices, plan = english_pages
    for page in [*notices.values(), plan]:
        translation = translation_of(page)
        assert translation.enabled
        total, translated = translation.get_progress()
        assert total > 0 and translated == total, page.slug
        source = translation.source
        chinese = source.get_source_instance()
        assert chinese.live and chinese.locale.language_code == "zh-hans"
        # Nothing changed on the Chinese page since it was submitted for translation.
        _source, changed = TranslationSource.update_or_create_from_instance(chinese)
        assert not changed
        assert json.loads(source.content_json)["title"] == chinese.title
    strings = StringTranslation.objects.filter(
        context__object_id=plan.translation_key, locale=plan.locale
    )
    assert strings.count() >= 100
    assert set(strings.values_list("last_translated_by", flat=True)) == {
        demo.review.editor.pk
    }
    # The sections and the home page are translated the same way.
    assert translation_of(demo.home_en).get_progress()[1] >= 2
    assert translation_of(plan.get_parent()).get_progress()[1] >= 2


def test_admin_opens_the_english_plan_in_the_translation_editor(english_pages, client):
    _demo, _notices, plan = english_pages
    admin = get_user_model().objects.create_superuser("translator-admin", "", "x")
    client.force_login(admin)
    response = client.get(f"/admin/pages/{plan.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="js-translation-editor"' in html
    assert "Principle 1" in html and "Upholding the overall leadership" in html


def edit_heading(plan, old, new):
    """What the translation editor does when an editor changes one segment."""
    heading = StringTranslation.objects.get(
        context__object_id=plan.translation_key,
        context__path__endswith=".title",
        locale=plan.locale,
        data=old,
    )
    heading.data = new
    heading.save()


def heading_titles(page):
    return [
        block.value["title"] for block in page.body if block.block_type == "heading"
    ]


def test_an_editor_updates_a_segment_and_saves_the_translation(english_pages):
    demo, _notices, plan = english_pages
    translation = translation_of(plan)
    edit_heading(plan, "Safeguards", "How the plan is carried out")
    translation.save_target(user=demo.review.editor, publish=False)
    draft = PlanPage.objects.get(pk=plan.pk).get_latest_revision_as_object()
    assert "How the plan is carried out" in heading_titles(draft)
    assert "Safeguards" not in heading_titles(draft)
    assert translation.get_progress()[0] == translation.get_progress()[1]


@pytest.mark.parametrize("publish", [False, True])
def test_a_translation_saved_in_the_editor_waits_for_review(
    english_pages, client, publish
):
    """Saved as a draft or "published" from wagtail-localize's editor: the live English
    page is unchanged until the new revision has been through review
    (publishing/translations.py)."""
    demo, _notices, plan = english_pages
    ledger = LedgerEntry.objects.filter(item_key=item_key(plan)).count()
    edit_heading(plan, "Safeguards", "How the plan is carried out")
    principal = demo.review.staff["demo-principal"]
    translation_of(plan).save_target(user=principal, publish=publish)
    html = client.get(plan.url).content.decode()
    assert "How the plan is carried out" not in html and "Safeguards" in html
    page = PlanPage.objects.get(pk=plan.pk)
    assert page.live and page.has_unpublished_changes
    assert "How the plan is carried out" in heading_titles(
        page.get_latest_revision_as_object()
    )
    assert LedgerEntry.objects.filter(item_key=item_key(plan)).count() == ledger
    # Submitted from the editor (which opens the latest revision), it goes live
    # once reviewed.
    demo.review.publish(page.get_latest_revision_as_object(), demo.review.editor)
    html = client.get(plan.url).content.decode()
    assert "How the plan is carried out" in html


def test_english_pages_went_through_review(english_pages):
    demo, notices, plan = english_pages
    for page in [*notices.values(), plan, demo.home_en]:
        assert page.live
        state = WorkflowState.objects.for_instance(page).get()
        assert state.status == WorkflowState.STATUS_APPROVED
        approvals = PageLogEntry.objects.filter(
            page=page, action="wagtail.workflow.approve"
        )
        assert approvals.exists(), page.slug
        assert state.requested_by not in {entry.user for entry in approvals}
        assert LedgerEntry.objects.filter(
            item_key=item_key(page), action="publish"
        ).exists(), page.slug


def test_english_notices_keep_their_dates(english_pages):
    _demo, notices, _plan = english_pages
    for page in notices.values():
        assert page.first_published_at.date() == page.published_on, page.slug


def test_repealed_english_notice_links_the_english_notice_in_force(
    english_pages, client
):
    _demo, notices, _plan = english_pages
    old, current = notices["2024-dibao-standard"], notices["2025-dibao-standard"]
    assert old.validity == "已废止"
    html = main_of(client.get(old.url))
    banner = re.search(r'<div class="validity-banner.*?</div>', html, re.S)
    banner = banner.group(0) if banner else html
    assert "repealed" in banner.lower()
    assert f'href="{current.url}"' in banner
    assert english.NOTICES["2025-dibao-standard"]["title"] in banner


def test_localize_page_refuses_to_leave_chinese_on_an_english_page(english_pages):
    demo, _notices, _plan = english_pages
    notice = ArticlePage.objects.get(
        locale__language_code="zh-hans", slug="2025-disclosure-priorities"
    )
    with pytest.raises(ValueError, match=r"has no English for: .*body"):
        localize_page(notice, {"title": "A title only"}, demo.review.editor)
    texts = dict(english.NOTICES["2025-disclosure-priorities"])
    texts["body"] = "<p>One paragraph where the source has three.</p>"
    with pytest.raises(ValueError, match=r"body: 二、"):
        localize_page(notice, texts, demo.review.editor, keep=["document_number"])


def test_english_body_lines_up_with_the_chinese_body():
    assert len(english.BODY) == len(plans.BODY)
    for chinese, translated in zip(plans.BODY, english.BODY, strict=True):
        assert chinese[0] == translated[0]
        if chinese[0] == "box":
            assert len(chinese[3]) == len(translated[3])
            for (label, title, _t), (label_en, title_en, _e) in zip(
                chinese[3], translated[3], strict=True
            ):
                assert bool(label) == bool(label_en) and bool(title) == bool(title_en)
        elif chinese[0] == "table":
            assert bool(chinese[2]) == bool(translated[1])
    words = {
        text for entry in english.BODY for text in entry[1:] if isinstance(text, str)
    }
    assert not any(HAN.search(text) for text in words)
    indicator_words = {w for row in plans.INDICATORS for w in row[:4]} - {"%"}
    assert indicator_words <= set(english.INDICATOR_WORDS)
