import datetime

from django.core.exceptions import ValidationError

import pytest

from content_models.disclosure.identifiers import (
    credit_code_problem,
    is_valid_id_number,
    normalise_credit_code,
    validate_credit_code,
)
from content_models.disclosure.periods import Period, validate_period

# Codes that pass the GB 32100-2015 check (../shared/docs/DOMAIN.md C).
GOOD = [
    "91350100M000100Y43",
    "91350200776049653A",
    "913502000728319549",
    "91440101MA5CJQ4N59",
]


@pytest.mark.parametrize("code", GOOD)
def test_real_credit_codes_pass(code):
    validate_credit_code(code)


def test_wrong_check_character_is_named():
    # A real-looking code that fails its checksum (../shared/docs/DOMAIN.md C, the "02020/vite" caveat).
    assert "校验码" in str(credit_code_problem("91350203M0001QAY9B"))
    with pytest.raises(ValidationError):
        validate_credit_code("91350203M0001QAY9B")


@pytest.mark.parametrize(
    "code", ["9135010OM000100Y43", "91350100M000100Y4", "ABCDEFGHIJKLMNOPQR"]
)
def test_malformed_credit_codes_say_format(code):
    assert "格式" in str(credit_code_problem(code))


def test_credit_codes_are_normalised_before_storage():
    assert normalise_credit_code(" 91350100m000100y43 ") == "91350100M000100Y43"


def test_id_number_check_digit():
    # GB 11643 example number with a correct check digit, then a wrong one.
    assert is_valid_id_number("11010519491231002X")
    assert not is_valid_id_number("110105194912310021")


def test_quarters_and_months():
    q3 = Period(2025, quarter=3)
    assert (q3.first_day, q3.last_day) == (
        datetime.date(2025, 7, 1),
        datetime.date(2025, 9, 30),
    )
    assert Period(2025, quarter=4).next() == Period(2026, quarter=1)
    assert Period(2024, month=2).last_day == datetime.date(2024, 2, 29)
    assert Period(2025, month=12).next() == Period(2026, month=1)
    assert Period.containing(datetime.date(2025, 5, 31)) == Period(2025, quarter=2)
    assert str(q3) == "2025年第3季度" and q3.slug == "2025-Q3"
    assert Period(2025, month=7).slug == "2025-07"


@pytest.mark.parametrize(
    ("year", "quarter", "month"),
    [(2025, 5, None), (2025, None, 13), (2025, 1, 1), (1900, 1, None)],
)
def test_bad_periods_are_rejected(year, quarter, month):
    with pytest.raises(ValidationError):
        validate_period(year, quarter, month)
