import datetime

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.test import override_settings

import pytest

from content_models.disclosure import index_numbers
from content_models.disclosure.models import ArticleIndexPage, ArticlePage, IndexNumber
from content_models.disclosure.public import is_public, public_items
from portal.demo.helpers import publish_page, publish_reviewed, translate_page


@pytest.fixture
def notices(home):
    return publish_page(home, ArticleIndexPage(title="通知公告", slug="notices"))


def article(agency, **fields):
    fields.setdefault("title", "关于调整低保标准的通知")
    fields.setdefault("body", "<p>城市低保标准提高到每人每月820元。</p>")
    return ArticlePage(agency=agency, **fields)


def test_index_number_follows_the_default_pattern(notices, agency):
    page = publish_page(
        notices, article(agency, published_on=datetime.date(2025, 6, 20))
    )
    # {机构代码}/{yyyy}-{nnnnn}: the 9-character org code inside the agency's USCC.
    assert page.index_number == f"{agency.credit_code[8:17]}/2025-00001"
    second = publish_page(
        notices, article(agency, title="二", published_on=datetime.date(2025, 7, 1))
    )
    assert second.index_number.endswith("/2025-00002")


def test_serials_restart_per_year_and_never_reuse_a_deleted_number(notices, agency):
    first = publish_page(
        notices, article(agency, published_on=datetime.date(2024, 1, 5))
    )
    number = first.index_number
    first.delete()
    again = publish_page(
        notices, article(agency, title="新", published_on=datetime.date(2024, 2, 1))
    )
    assert again.index_number.endswith("/2024-00002")
    assert IndexNumber.objects.filter(value=number).exists()
    other_year = publish_page(
        notices, article(agency, title="次年", published_on=datetime.date(2025, 1, 1))
    )
    assert other_year.index_number.endswith("/2025-00001")


def test_index_number_is_permanent_across_edits(notices, agency):
    page = publish_page(notices, article(agency))
    number = page.index_number
    page.title = "更正后的标题"
    publish_reviewed(page)
    page.refresh_from_db()
    assert page.index_number == number


def test_an_index_number_cannot_be_taken_twice(notices, agency):
    taken = publish_page(notices, article(agency)).index_number
    duplicate = article(agency, title="另一份", index_number=taken)
    with pytest.raises(ValidationError) as error:
        duplicate.clean()
    assert taken in error.value.message_dict["index_number"][0]


def test_an_imported_index_number_is_kept_and_claimed(notices, agency):
    page = publish_page(notices, article(agency, index_number="000014349/2017-00110"))
    assert page.index_number == "000014349/2017-00110"
    assert index_numbers.holder("000014349/2017-00110") == page.index_number_owner


def test_a_translation_shares_the_index_number(home, notices, agency, english):
    translate_page(home, "Home")
    translate_page(notices, "Notices")
    page = publish_page(notices, article(agency))
    english = translate_page(page, "Notice on the minimum living allowance")
    assert english.index_number == page.index_number
    assert IndexNumber.objects.count() == 1


@override_settings(INDEX_NUMBER_PATTERN="{统一社会信用代码}/{yyyy}{mm}-{nnnnn}")
def test_pattern_is_configurable(notices, agency):
    page = publish_page(
        notices, article(agency, published_on=datetime.date(2021, 10, 8))
    )
    assert page.index_number == f"{agency.credit_code}/202110-00001"


@pytest.mark.parametrize(
    "pattern", ["{机构代码}/{yyyy}", "{机构代码}-{nn}-{nnn}", "{unknown}-{nnnnn}"]
)
def test_bad_patterns_fail_loudly(agency, pattern):
    with pytest.raises(ImproperlyConfigured) as error:
        index_numbers.render_scope(agency, datetime.date(2025, 1, 1), pattern)
    assert pattern in str(error.value)


def test_validity_needs_its_date(notices, agency):
    page = article(agency, validity="已废止")
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "validity_changed_on" in error.value.message_dict
    page.validity_changed_on = datetime.date(2025, 1, 1)
    page.clean()


def test_written_date_cannot_follow_publication(agency):
    page = article(
        agency,
        written_on=datetime.date(2025, 6, 2),
        published_on=datetime.date(2025, 6, 1),
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "written_on" in error.value.message_dict


def test_public_record_and_predicate(notices, agency, village):
    page = publish_page(notices, article(agency, keywords="低保、标准，通知"))
    record = page.as_public_record()
    assert record.title == page.title
    assert "820元" in record.text and "<p>" not in record.text
    assert record.url == page.url and record.url.startswith("/notices/")
    assert record.language == "zh-hans" and record.agency == "清源区民政局"
    assert page.keyword_list == ["低保", "标准", "通知"]
    assert is_public(page)
    page.unpublish()
    assert not is_public(ArticlePage.objects.get(pk=page.pk))
    assert not public_items(ArticlePage).exists()


def test_article_page_renders_metadata_block(client, notices, agency):
    page = publish_page(
        notices,
        article(
            agency,
            document_number="清民发〔2025〕12号",
            published_on=datetime.date(2025, 6, 20),
        ),
    )
    html = client.get(page.url).content.decode()
    assert "清民发〔2025〕12号" in html
    assert page.index_number in html
    assert "2025-06-20" in html
    assert "城市低保标准提高到每人每月820元" in html


def test_draft_article_is_not_served(client, notices, agency):
    draft = article(agency, live=False)
    notices.add_child(instance=draft)
    assert client.get("/notices/" + draft.slug + "/").status_code == 404
    assert draft.title not in client.get("/notices/").content.decode()
