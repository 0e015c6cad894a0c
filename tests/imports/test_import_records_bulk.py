"""Records written in bulk look exactly like drafts saved one by one: a 索引号 in the
registry held by the record, a draft revision, the admin search index and the
reference index updated; a live record keeps its public version."""

import csv
import io

from wagtail.models import ReferenceIndex
from wagtail.search.backends import get_search_backend

from content_models.credit.models import CreditListEntry, SocialOrganisation
from content_models.disclosure.index_numbers import IndexNumber
from imports.records.run import import_records
from tests.content_models.credit_factories import valid_code

from .test_import_records import HEADER, credit_row


def write(tmp_path, rows):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    path = tmp_path / "名录.csv"
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))
    return path


def test_bulk_drafts_are_complete(agency, tmp_path):
    codes = [valid_code(1, f"批量{n}") for n in range(3)]
    rows = [HEADER] + [
        credit_row(code, name=f"清源区第{n}协会") for n, code in enumerate(codes)
    ]
    report = import_records("credit-list", write(tmp_path, rows))
    assert (report.created, report.updated) == (3, 0), report.errors
    numbers = set()
    for entry in CreditListEntry.objects.select_related("organisation"):
        for record in (entry, entry.organisation):
            assert not record.live and record.has_unpublished_changes
            revision = record.latest_revision
            assert revision is not None and revision.object_id == str(record.pk)
            assert revision.as_object().index_number == record.index_number
            held = IndexNumber.objects.get(value=record.index_number)
            assert held.owner == record.index_number_owner
            numbers.add(record.index_number)
        assert (
            ReferenceIndex.get_references_for_object(entry)
            .filter(to_object_id=str(entry.organisation_id))
            .exists()
        )
    assert len(numbers) == 6  # every record its own number
    found = get_search_backend().search("清源区第1协会", SocialOrganisation)
    assert [org.credit_code for org in found] == [codes[1]]  # the admin's search


def test_a_second_import_adds_a_draft_revision_and_keeps_the_public_version(
    agency, tmp_path
):
    code = valid_code(1, "批量")
    import_records("credit-list", write(tmp_path, [HEADER, credit_row(code)]))
    entry = CreditListEntry.objects.get()
    entry.live = True
    entry.save(update_fields=["live"])
    again = credit_row(code, reason="未按规定办理变更登记")
    report = import_records("credit-list", write(tmp_path, [HEADER, again]))
    assert (report.created, report.updated) == (0, 1), report.errors
    entry.refresh_from_db()
    assert entry.reason == "未按规定报送年度工作报告"  # the public version
    assert entry.get_latest_revision_as_object().reason == "未按规定办理变更登记"
    assert entry.revisions.count() == 2
