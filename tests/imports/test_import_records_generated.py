"""import_records under generated input: every importer given generated rows and
broken files answers with a report (never a traceback), writes all or nothing, and
every refusal names where; CSV read as a stream decodes as the whole file would."""

import io

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import translation

from wagtail.models import ReferenceIndex, Revision

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from content_models.credit.entries import ListType
from content_models.credit.models import CreditListEntry, SocialOrganisation
from content_models.disclosure.identifiers import OrgType
from content_models.disclosure.spreadsheets import (
    UndecodableCsv,
    csv_lines,
    decode_csv,
)
from imports.records import run
from imports.records.kinds import kinds
from imports.records.run import import_records
from tests.content_models import charity_factories as charities
from tests.content_models.credit_factories import valid_code
from tests.content_models.villages_factories import make_column, make_section

from .records_files import csv_bytes, xlsx_bytes
from .test_import_records import HEADER, credit_row
from .test_import_records_broken import counts

# -- every importer, generated rows and broken files -----------------------------------

ODD_CELLS = [
    "", " ", "1e400", "-1", "=1+1", "@SUM(A1)", "2025-02-30", "2025/7/1", "0",
    "9" * 30, "²", "第3季度", "万元", "元", "是", "否", "活动异常名录", "已备案",
    "收入", "支出", "150299100201", "999999999999", "51150299MJ0000000E",
    "清源区民政局", "不存在的机构", "\u3000", "NaN", "12.345", "1,2,3", "🙂",
]  # fmt: skip

cells = st.one_of(
    st.sampled_from(ODD_CELLS),
    st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=12),
)


@st.composite
def files(draw, kind):
    """Mostly well-formed files (so that some are written), with odd cells, missing
    columns and cut rows mixed in, then sometimes damaged as bytes."""
    spec = kinds()[kind]
    optional = [c for c in spec.columns if not c.required]
    required = [c for c in spec.columns if c.required]
    keep = draw(st.sampled_from([len(required)] * 4 + [len(required) - 1]))
    columns = draw(
        st.permutations(
            required[:keep]
            + draw(st.one_of(st.just(optional), st.lists(st.sampled_from(optional))))
        )
    )
    rows = [[c.header for c in columns]]
    example = st.sampled_from(["example"] * 3 + ["odd"])
    for _ in range(draw(st.sampled_from([1, 1, 1, 0, 2, 3]))):
        width = draw(st.sampled_from([len(columns)] * 5 + [0, len(columns) // 2]))
        plain = draw(st.booleans())  # the template's example row as it is
        rows.append(
            [
                c.example if plain or draw(example) == "example" else draw(cells)
                for c in columns[:width]
            ]
        )
    form = draw(st.sampled_from(["csv", "gb18030", "xlsx"]))
    if form == "xlsx":
        data, suffix = xlsx_bytes(rows), "xlsx"
    else:
        encoding = "utf-8-sig" if form == "csv" else "gb18030"
        # GB18030 encodes every Unicode character, as UTF-8 does.
        data, suffix = csv_bytes(rows, encoding), "csv"
    damage = draw(st.sampled_from(["none"] * 7 + ["cut", "flip", "splice"]))
    if damage != "none" and data:
        at = draw(st.integers(0, len(data) - 1))
        if damage == "cut":
            data = data[:at]
        elif damage == "flip":
            data = data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1 :]
        else:
            data = data[:at] + draw(st.binary(max_size=40)) + data[at:]
    return data, suffix


@pytest.fixture
def world(agency, home, village):
    # The charity the template's example row names.
    charities.charity(
        agency, credit_code=kinds()["charity"].column("credit_code").example
    )
    make_column(make_section(home), village)


@pytest.mark.parametrize("kind", sorted(kinds()))
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_file_gives_a_report_and_all_or_nothing(world, tmp_path, kind, data):
    content, suffix = data.draw(files(kind))
    path = tmp_path / f"生成.{suffix}"
    path.write_bytes(content)
    with transaction.atomic():
        before = counts()
        report = import_records(kind, path)  # raises nothing, whatever the file
        after = counts()
        transaction.set_rollback(True)
    event("written" if report.written else "refused" if report.rows else "file refused")
    if report.written:
        assert not report.errors
        assert report.created + report.updated == report.rows - report.skipped
    else:
        assert after == before, report.errors
        assert report.errors or report.rows == 0
    for problem in report.errors:
        assert problem.row or "生成." in problem.message, problem
        assert problem.message


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=60),
        st.text(max_size=30).map(lambda t: t.encode("utf-8")),
        st.text('统一社会信用代码，名称\r\n,"', max_size=30).flatmap(
            lambda t: st.sampled_from(
                [t.encode("gb18030"), "\ufeff".encode() + t.encode(), t.encode()]
            )
        ),
    ),
    st.integers(1, 7),
)
def test_reading_as_a_stream_agrees_with_decoding_whole(data, chunk_size):
    try:
        whole = decode_csv(data, "x.csv")
    except UndecodableCsv as error:
        whole = error.message
    try:
        streamed = "".join(csv_lines(io.BytesIO(data), "x.csv", chunk_size))
    except UndecodableCsv as error:
        streamed = error.message
    assert streamed == whole


# -- the bulk path: batches, lookups cached across them, revisions and references ----

CODES = [valid_code(1, f"批量{n}") for n in range(4)]
LISTS = ["活动异常名录", "严重违法失信名单"]
DATES = ["2024-07-02", "2025-01-15"]


@st.composite
def credit_files(draw):
    """Rows over a few organisations, so that one is created in one batch and listed
    again in the next, keys repeat across batches, and some rows are refused."""
    rows = [HEADER]
    for _ in range(draw(st.integers(1, 9))):
        code = draw(st.sampled_from(CODES))
        reason = draw(st.sampled_from(["未按规定报送年度工作报告"] * 5 + ["", "=1+1"]))
        row = credit_row(code, name=f"协会{CODES.index(code)}", reason=reason)
        row[4] = draw(st.sampled_from([*LISTS, "abnormal", "活动异常名录 "]))
        row[9] = draw(st.sampled_from(DATES))
        rows.append(row)
    return rows


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rows=credit_files(), batch=st.integers(1, 4))
def test_batches_write_what_the_rows_say_or_nothing(
    agency, tmp_path, monkeypatch, rows, batch
):
    monkeypatch.setattr(run, "BATCH", batch)
    path = tmp_path / "名录.csv"
    path.write_bytes(csv_bytes(rows))
    with transaction.atomic():
        before = counts()
        report = import_records("credit-list", path, collect_ids=True)
        entries = list(CreditListEntry.objects.select_related("organisation"))
        organisations = SocialOrganisation.objects.count()
        revisions = {
            e.pk: Revision.objects.get(pk=e.latest_revision_id) for e in entries
        }
        referenced = set(
            ReferenceIndex.objects.filter(
                content_type=ContentType.objects.get_for_model(CreditListEntry),
                model_path="organisation",
            ).values_list("object_id", "to_object_id")
        )
        after = counts()
        transaction.set_rollback(True)
    event("written" if report.written else "refused")
    if not report.written:
        assert after == before, report.errors
        assert report.errors and all(p.row for p in report.errors), report.errors
        assert not report.draft_ids
        return
    # Every row valid and every key once ("activity" is the list's stored value).
    assert not report.errors
    assert len(entries) == report.rows == report.created
    assert organisations == len({row[0] for row in rows[1:]})
    for entry in entries:
        revision = revisions[entry.pk]
        assert revision.object_str == str(entry)
        assert revision.content["reason"] == entry.reason
        assert (str(entry.pk), str(entry.organisation_id)) in referenced
        assert not entry.live
    assert set(report.draft_ids["credit.creditlistentry"]) == {e.pk for e in entries}


def test_a_key_repeated_in_a_later_batch_is_named_with_its_first_row(
    agency, tmp_path, monkeypatch
):
    monkeypatch.setattr(run, "BATCH", 1)
    rows = [HEADER, credit_row(CODES[0]), credit_row(CODES[1]), credit_row(CODES[0])]
    path = tmp_path / "名录.csv"
    path.write_bytes(csv_bytes(rows))
    report = import_records("credit-list", path)
    assert not report.written
    assert [(p.row, "第2行" in p.message) for p in report.errors] == [(4, True)]
    assert CreditListEntry.objects.count() == 0


def test_labels_are_read_in_the_active_language_and_the_run_leaves_it_alone(
    agency, tmp_path
):
    # A choice is read by its label in the active language (as before the labels
    # were cached per language) or by its stored value.
    row = credit_row(CODES[0])
    with translation.override("en"):
        row[2] = str(OrgType.SOCIAL_GROUP.label)
        row[4] = str(ListType.ABNORMAL.label)
    path = tmp_path / "名录.csv"
    path.write_bytes(csv_bytes([HEADER, row]))
    with translation.override("en"):
        report = import_records("credit-list", path)
        assert translation.get_language() == "en"
    assert report.written, report.errors
    assert translation.get_language() != "en"
    assert CreditListEntry.objects.get().list_type == ListType.ABNORMAL
    entry = CreditListEntry.objects.get()
    assert Revision.objects.get(pk=entry.latest_revision_id).object_str
