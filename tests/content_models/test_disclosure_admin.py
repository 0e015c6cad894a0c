import pytest

from content_models.disclosure.models import ArticleIndexPage, ArticlePage
from portal.demo.helpers import publish_page


@pytest.fixture
def notices(home):
    return publish_page(home, ArticleIndexPage(title="通知公告", slug="notices"))


def test_editor_sees_metadata_tab_when_adding_a_document(admin_client, notices):
    response = admin_client.get(
        f"/admin/pages/add/disclosure/articlepage/{notices.pk}/"
    )
    html = response.content.decode()
    assert response.status_code == 200
    for label in (
        "公开信息",
        "索引号",
        "发布机构",
        "成文日期",
        "有效性",
        "主题分类",
        "体裁分类",
    ):
        assert label in html, label


def test_saving_a_draft_through_the_admin_allocates_an_index_number(
    admin_client, notices, agency
):
    response = admin_client.post(
        f"/admin/pages/add/disclosure/articlepage/{notices.pk}/",
        {
            "title": "关于开展2025年度社会组织年报工作的通知",
            "slug": "annual-reports-2025",
            "body": '{"blocks":[{"key":"a","type":"unstyled","text":"请各社会组织按时报送年报。",'
            '"depth":0,"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}',
            "agency": agency.pk,
            "disclosure_mode": "主动公开",
            "validity": "有效",
            "attachments-TOTAL_FORMS": "0",
            "attachments-INITIAL_FORMS": "0",
            "attachments-MIN_NUM_FORMS": "0",
            "attachments-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = ArticlePage.objects.get(slug="annual-reports-2025")
    assert not page.live
    assert page.index_number.startswith(agency.org_code + "/")
