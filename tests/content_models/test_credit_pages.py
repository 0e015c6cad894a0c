"""The public section: current lists, the 已移出 section, filters and detail routes."""

import datetime

from .credit_factories import (  # noqa: F401 (fixtures)
    entry,
    org_fixture,
    organisation,
    removal,
    save_draft,
    section_en_fixture,
    section_fixture,
    valid_code,
)

D = datetime.date


def html(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def split_removed(page):
    """(current lists, 已移出 section) of the index page."""
    current, removed = page.split('id="removed"')
    return current, removed


def test_index_shows_current_lists_and_removed_entries_apart(
    client, section, org, agency
):
    current = entry(org)
    foundation = organisation(agency, name="清源区助学基金会", org_type="3")
    serious = entry(
        foundation,
        list_type="serious",
        reason="被限期停止活动",
        listed_on=D(2024, 9, 6),
    )
    centre = organisation(agency, name="清源区阳光社会工作服务中心", org_type="2")
    gone = entry(centre, **removal(reason="已补报2023年度工作报告，经核实予以移出"))

    page = html(client, "/credit/")
    lists, removed = split_removed(page)
    assert "活动异常名录" in lists and "严重违法失信名单" in lists
    assert org.credit_code in lists and current.reason in lists
    assert "清源区助学基金会" in lists and serious.reason in lists
    assert "清源区阳光社会工作服务中心" not in lists
    assert "清源区阳光社会工作服务中心" in removed
    assert "2024-09-01" in removed and gone.removal_reason in removed
    assert "清源区民政局" in removed
    # Editors' reminders never reach the public.
    assert "自动移出" not in page and "可申请移出" not in page


def test_list_filter_shows_one_list(client, section, org, agency):
    entry(org)
    foundation = organisation(agency, name="清源区助学基金会", org_type="3")
    entry(foundation, list_type="serious", reason="被限期停止活动")
    lists, _ = split_removed(html(client, "/credit/?list=serious"))
    assert "清源区助学基金会" in lists
    assert "清源区书法家协会" not in lists
    assert "活动异常名录</h2>" not in lists


def test_an_unknown_list_is_refused(client, section, org):
    entry(org)
    page = html(client, "/credit/?list=<b>all</b>", status=400)
    assert "没有名为" in page and "&lt;b&gt;all&lt;/b&gt;" in page
    assert "清源区书法家协会" not in page


def test_lookup_by_name_or_code(client, section, org, agency):
    entry(org)
    other = organisation(agency, name="清源区摄影家协会")
    entry(other)
    by_name = html(client, "/credit/?q=摄影")
    assert "清源区摄影家协会" in by_name and "清源区书法家协会" not in by_name
    by_code = html(client, f"/credit/?q={org.credit_code.lower()}")
    assert "清源区书法家协会" in by_code and "清源区摄影家协会" not in by_code


def test_entry_page_shows_listing_and_removal(client, section, org):
    record = entry(org, **removal())
    page = html(client, f"/credit/entries/{record.pk}/")
    assert "清源区书法家协会 列入活动异常名录" in page
    assert record.legal_basis in page and record.decision_number in page
    assert "已移出" in page and "清民社移〔2024〕6号" in page
    assert record.index_number in page  # the metadata block


def test_organisation_page_lists_all_its_entries(client, section, org):
    entry(
        org,
        listed_on=D(2023, 7, 3),
        reason="未按规定报送2022年度工作报告",
        **removal(day=D(2023, 9, 12)),
    )
    entry(org, reason="未按规定报送2023年度工作报告")
    page = html(client, f"/credit/organisations/{org.pk}/")
    assert org.credit_code in page and "社会团体" in page
    assert "2022年度" in page and "2023年度" in page
    assert "status-removed" in page and "status-current" in page


def test_a_draft_entry_is_not_public(client, section, org):
    draft = save_draft(entry(org, publish=False))
    assert draft.reason not in html(client, "/credit/")
    html(client, f"/credit/entries/{draft.pk}/", status=404)


def test_entries_of_a_draft_organisation_are_not_public(client, section, agency):
    hidden = save_draft(organisation(agency, name="清源区未公开协会", publish=False))
    record = entry(hidden)
    assert "清源区未公开协会" not in html(client, "/credit/")
    html(client, f"/credit/entries/{record.pk}/", status=404)
    html(client, f"/credit/organisations/{hidden.pk}/", status=404)


def test_an_unpublished_entry_answers_404(client, section, org):
    record = entry(org)
    record.unpublish()
    html(client, f"/credit/entries/{record.pk}/", status=404)


def test_english_section_shows_the_same_records(client, section_en, org):
    record = entry(org)
    page = html(client, "/en/credit/")
    assert "Social Organisation Credit Lists" in page
    assert org.credit_code in page and record.reason in page
    assert f"/en/credit/entries/{record.pk}/" in page
    html(client, f"/en/credit/entries/{record.pk}/")
