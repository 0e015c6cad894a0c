"""/opendata/credit-list.atom: listings, removals and withdrawals of credit-list
entries, read from public records and the ledger."""

import datetime
import xml.etree.ElementTree as ET

from django.urls import reverse

import pytest

from content_models.credit.models import CreditListEntry
from portal.demo.helpers import publish_record
from publishing.withdrawals import withdraw
from tests.content_models import credit_factories as credit

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def org(agency, village):
    return credit.organisation(agency, region=village)


def feed(client):
    response = client.get(reverse("opendata-credit-feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own responses)
    return [
        (entry.find(f"{ATOM}title").text, entry.find(f"{ATOM}id").text)
        for entry in root.findall(f"{ATOM}entry")
    ]


def test_listing_and_removal_appear_with_their_days(client, org):
    entry = credit.entry(org)
    entries = feed(client)
    assert [title for title, _id in entries] == [
        f"{org.name} 列入活动异常名录（2024-07-02）"
    ]
    entry = CreditListEntry.objects.get(pk=entry.pk)
    for name, value in credit.removal(datetime.date(2024, 9, 1)).items():
        setattr(entry, name, value)
    publish_record(entry)
    titles = [title for title, _id in feed(client)]
    assert f"{org.name} 移出活动异常名录（2024-09-01）" in titles
    assert f"{org.name} 列入活动异常名录（2024-07-02）" in titles
    ids = [entry_id for _title, entry_id in feed(client)]
    assert len(set(ids)) == len(ids)


def test_a_withdrawal_appears_and_the_listing_goes(client, org, admin_user):
    entry = credit.entry(org)
    withdraw(entry, "登记错误", admin_user)
    titles = [title for title, _id in feed(client)]
    assert len(titles) == 1 and titles[0].startswith("已撤回：")


def test_drafts_never_appear(client, org, agency):
    credit.save_draft(credit.entry(org, publish=False))
    # An entry saved live behind publishing's back, of an organisation that is a
    # draft: the public rule hides it with its organisation.
    hidden = credit.save_draft(
        credit.organisation(agency, name="草稿协会", publish=False)
    )
    credit.entry(hidden, publish=False).save()
    assert feed(client) == []
