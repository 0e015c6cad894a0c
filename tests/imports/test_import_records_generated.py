"""import_records under generated input: every importer given generated rows and
broken files answers with a report (never a traceback), writes all or nothing, and
every refusal names where; CSV read as a stream decodes as the whole file would."""

import io

from django.db import transaction

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from content_models.disclosure.spreadsheets import (
    UndecodableCsv,
    csv_lines,
    decode_csv,
)
from imports.records.kinds import kinds
from imports.records.run import import_records
from tests.content_models import charity_factories as charities
from tests.content_models.villages_factories import make_column, make_section

from .records_files import csv_bytes, xlsx_bytes
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
