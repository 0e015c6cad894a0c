"""The credit family's demo content (the shared demo)."""

import pytest
from stdnum.cn import uscc

from content_models.credit.models import (
    CreditIndexPage,
    CreditListEntry,
    SocialOrganisation,
)
from content_models.disclosure.public import public_items


@pytest.fixture
def demo(demo_site):
    return demo_site


def test_demo_has_organisations_of_every_type_with_valid_codes(demo):
    organisations = list(SocialOrganisation.objects.all())
    assert len(organisations) == 25
    assert {o.org_type for o in organisations} == {"1", "2", "3"}
    for o in organisations:
        assert uscc.is_valid(o.credit_code), o.name
        assert o.credit_code[:2] == f"5{o.org_type}", o.name
        assert o.credit_code[2:8] == "150299" and not o.credit_code_override
    assert len(public_items(SocialOrganisation)) == 25


def test_demo_entries_follow_the_rules(demo):
    entries = list(CreditListEntry.objects.select_related("organisation"))
    assert len(entries) >= 30
    assert len(public_items(CreditListEntry)) == len(entries)
    removed = [e for e in entries if not e.is_current]
    serious = [e for e in entries if e.list_type == "serious"]
    assert len(removed) >= 10 and len(serious) >= 4
    for e in entries:
        e.full_clean()  # every rule an editor meets holds for the demo too


def test_escalations_close_the_abnormal_listing_on_the_same_day(demo):
    escalated = CreditListEntry.objects.filter(
        list_type="serious", reason="连续2年列入活动异常名录"
    )
    assert escalated.count() >= 2
    for serious in escalated:
        before = CreditListEntry.objects.get(
            organisation=serious.organisation,
            list_type="abnormal",
            removed_on=serious.listed_on,
        )
        assert (serious.listed_on - before.listed_on).days >= 730
        assert "移入严重违法失信名单" in before.removal_reason


def test_demo_section_answers_in_both_languages(demo, client):
    zh = CreditIndexPage.objects.get(locale__language_code="zh-hans")
    assert CreditIndexPage.objects.get(locale__language_code="en").title == (
        "Social Organisation Credit Lists"
    )
    assert zh.get_parent().specific == demo.home
    page = client.get(zh.url).content.decode()
    current, removed = page.split('id="removed"')
    assert (
        "清源区查干苏木马文化协会" in current and "连续2年列入活动异常名录" in current
    )
    assert "列入活动异常名录满2年，移入严重违法失信名单" in removed
    assert client.get("/en" + zh.url).status_code == 200
    record = CreditListEntry.objects.filter(list_type="serious").first()
    assert client.get(record.public_url()).status_code == 200
