"""The period pattern lives in content_models.disclosure.periods; the open-data
field schema and the OpenAPI description carry the same text."""

import re

from django.core.exceptions import ValidationError

import pytest

from content_models.disclosure.periods import PERIOD_PATTERN, Period
from opendata.datasets import DATASETS, period_slug
from opendata.openapi import shared_parameters

GOOD = ["2025", "2025-Q3", "2025-07", "2025-12"]
BAD = ["25", "2025-Q5", "2025-Q", "2025-7", "2025Q3", "2025-Q3x", "2025\n"]


@pytest.mark.parametrize("text", GOOD)
def test_the_pattern_and_the_parser_accept_the_same_periods(text):
    assert re.fullmatch(PERIOD_PATTERN, text)
    assert Period.from_slug(text).slug == text


@pytest.mark.parametrize("text", BAD)
def test_the_pattern_refuses_what_is_not_a_period(text):
    assert not re.fullmatch(PERIOD_PATTERN, text)
    with pytest.raises(ValidationError):
        Period.from_slug(text)


def test_slugs_round_trip():
    assert Period.from_slug("2025-Q3") == Period(2025, quarter=3)
    assert Period.from_slug("2025-07") == Period(2025, month=7)
    assert Period.from_slug("2025") == Period(2025)


def test_open_data_and_openapi_use_the_one_pattern():
    patterns = {
        field.pattern
        for dataset in DATASETS.values()
        for field in dataset.fields
        if field.convert is period_slug
    }
    assert patterns == {PERIOD_PATTERN}
    schema = shared_parameters()["period"]["schema"]
    assert schema["pattern"] == f"^{PERIOD_PATTERN}$"
