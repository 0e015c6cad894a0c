"""Finding and masking personal numbers: generated IDs (right and forged check
characters, old 15-digit ones), mobiles and bank cards in every grouping, separator and
width, inside sentences, HTML and table cells; and the figures, codes and dates that
must never be taken for them."""

import datetime
import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from stdnum import luhn
from stdnum.cn import ric, uscc

from content_models.disclosure.personal_data_exceptions import PersonalDataException
from content_models.disclosure.privacy import (
    _has_right_check,
    _is_credit_code,
    _looks_like_id,
    find_personal_data,
    kept_numbers,
    mask_personal_data,
    may_hold_personal_data,
    normalise_number,
)
from content_models.disclosure.public import lookups_cached

PROVINCES = [
    "11",
    "12",
    "13",
    "14",
    "15",
    "21",
    "22",
    "23",
    "31",
    "32",
    "33",
    "34",
    "35",
    "36",
    "37",
    "41",
    "42",
    "43",
    "44",
    "45",
    "46",
    "50",
    "51",
    "52",
    "53",
    "54",
    "61",
    "62",
    "63",
    "64",
    "65",
    "71",
    "81",
    "82",
    "83",
    "91",
]  # noqa: E501
SEPARATORS = [
    " ",
    "-",
    "\u00a0",
    "\u3000",
    "\u2009",
    "\u202f",
    "\u200b",
    "－",
    "&nbsp;",
]
FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
digits = st.text("0123456789", min_size=1, max_size=1)


def digit_string(size):
    return st.text("0123456789", min_size=size, max_size=size)


@st.composite
def id_numbers(draw):
    born = draw(st.dates(datetime.date(1900, 1, 1), datetime.date.today()))
    body = (
        draw(st.sampled_from(PROVINCES))
        + draw(digit_string(4))
        + born.strftime("%Y%m%d")
        + draw(digit_string(3))
    )
    right = ric.calc_check_digit(body + "?")  # stdnum drops the last character
    wrong = draw(st.sampled_from([c for c in "0123456789X" if c != right]))
    number = body + draw(st.sampled_from([right, wrong]))
    # The one ambiguity: a forged ID that is also a fully valid all-digit 统一社会信用代码
    # (both of its check characters right) is taken for the code.
    assume(number[-1] == right or not _is_credit_code(number))
    return number


@st.composite
def old_id_numbers(draw):
    born = draw(st.dates(datetime.date(1900, 1, 1), datetime.date(1999, 12, 31)))
    return (
        draw(st.sampled_from(PROVINCES))
        + draw(digit_string(4))
        + born.strftime("%y%m%d")
        + draw(digit_string(3))
    )


@st.composite
def mobiles(draw):
    return "1" + draw(st.sampled_from("3456789")) + draw(digit_string(9))


@st.composite
def bank_cards(draw):
    size = draw(st.integers(16, 19))
    body = draw(st.sampled_from("345689")) + draw(digit_string(size - 2))
    number = body + luhn.calc_check_digit(body)
    assume(not (size in (15, 18) and _looks_like_id(number)))
    assume(not (size == 18 and uscc.is_valid(number)))
    return number


@st.composite
def written(draw, number, fours_only=False):
    """``number`` as someone might type it: grouped, separated, perhaps full width."""
    if fours_only:
        cuts = list(range(4, len(number), 4)) if draw(st.booleans()) else []
    else:
        cuts = sorted(draw(st.sets(st.integers(1, len(number) - 1), max_size=4)))
    groups = [
        number[a:b] for a, b in zip([0, *cuts], [*cuts, len(number)], strict=True)
    ]
    text = groups[0]
    for group in groups[1:]:
        text += draw(st.sampled_from(SEPARATORS)) + group
    if draw(st.booleans()):
        text = text.translate(FULL_WIDTH)
    if draw(st.booleans()):
        text = text.replace("X", "x")
    return text


CONTEXTS = [
    "{}",
    "低保对象张三，身份证号{}，已审核。",
    "联系电话：{}。",
    "<p>公示名单：王五 {} 青山镇</p>",
    "<tr><td>1</td><td>李四</td><td>{}</td></tr>",
    "电话0471-1234567、{}",
]


def assert_found_and_masked(number, text, kind, masked, longest_kept):
    for context in CONTEXTS:
        sentence = context.format(text)
        findings = find_personal_data(sentence)
        assert [(f.kind, f.number, f.masked) for f in findings] == [
            (kind, number, masked)
        ], sentence
        shown = mask_personal_data(sentence)
        assert shown == context.format(masked)
        # No run of the original's digits survives: only the kept ends (and the
        # context's own office phone, 7 digits) are left.
        assert max(map(len, re.findall(r"\d+", shown))) <= max(longest_kept, 7)
        assert not re.search(r"[０-９]", shown)
        assert number not in normalise_number(shown)


def masked_id(number):
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


@settings(max_examples=150)
@given(st.data())
def test_mobile_numbers_behind_the_calling_code_are_found(data):
    number = data.draw(mobiles())
    prefix = data.draw(st.sampled_from(["+86", "86", "0086", "+86 ", "(+86)"]))
    text = prefix + data.draw(written(number))
    assert [f.kind for f in find_personal_data(f"电话{text}。")] == ["mobile"]
    masked = normalise_number(mask_personal_data(text))
    assert number not in masked
    assert masked.endswith(f"{number[:3]}****{number[-4:]}")


@pytest.mark.parametrize(
    "text",
    [
        "<table><tr><td>1381234</td><td>5678</td></tr></table>",
        "<p>1381234</p><p>5678</p>",
        "<td>86</td><td>13812345678</td>",
    ],
)
def test_block_markup_keeps_numbers_apart(text):
    assert [f.number for f in find_personal_data(text)] in ([], ["13812345678"])


@settings(max_examples=300, suppress_health_check=[HealthCheck.filter_too_much])
@given(st.data())
def test_id_numbers_right_or_forged_are_found_however_written(data):
    number = data.draw(id_numbers())
    text = data.draw(written(number))
    assert_found_and_masked(number, text, "id", masked_id(number), 6)


@settings(max_examples=150)
@given(st.data())
def test_old_15_digit_id_numbers_are_found(data):
    number = data.draw(old_id_numbers())
    text = data.draw(written(number))
    assert_found_and_masked(number, text, "id", masked_id(number), 6)


@settings(max_examples=300)
@given(st.data())
def test_mobile_numbers_are_found_however_written(data):
    number = data.draw(mobiles())
    text = data.draw(written(number))
    masked = f"{number[:3]}****{number[-4:]}"
    assert_found_and_masked(number, text, "mobile", masked, 4)


@settings(max_examples=300, suppress_health_check=[HealthCheck.filter_too_much])
@given(st.data())
def test_bank_cards_are_found_in_one_piece_or_in_fours(data):
    number = data.draw(bank_cards())
    text = data.draw(written(number, fours_only=True))
    masked = f"{number[:4]}{'*' * (len(number) - 8)}{number[-4:]}"
    assert_found_and_masked(number, text, "bank_card", masked, 4)


@pytest.mark.parametrize(
    "text, masked",
    [
        ("150102199003071234", "150102********1234"),  # wrong check character
        ("150102 19900307 1237", "150102********1237"),
        ("150102-19900307-1237", "150102********1237"),
        ("１３８１２３４５６７８", "138****5678"),
        ("138 1234 5678", "138****5678"),
        ("138-1234-5678", "138****5678"),
        ("<p>138&nbsp;1234&nbsp;5678</p>", "<p>138****5678</p>"),
        ("150102900307123", "150102*****7123"),
        ("+8613812345678", "+86138****5678"),
        ("008613812345678", "0086138****5678"),
        ("电话：+86１３８１２３４５６７８", "电话：+86138****5678"),
        ("138<b>1234</b>5678", "138****5678"),
        (
            "<p>150102<span class='x'>19900307</span>1237</p>",
            "<p>150102********1237</p>",
        ),
        ('<a href="tel:13812345678">电话</a>', '<a href="tel:138****5678">电话</a>'),
    ],
)
def test_the_forms_attackers_used_are_masked(text, masked):
    assert mask_personal_data(text) == masked


# -- never flagged -------------------------------------------------------------------


@st.composite
def credit_codes(draw):
    """All-digit 统一社会信用代码 with a right 组织机构代码 inside (GB 11714)."""
    head = draw(st.sampled_from(["11", "12", "13", "51", "52", "53", "91", "92", "93"]))
    org = draw(digit_string(8))
    total = sum(int(d) * w for d, w in zip(org, (3, 7, 9, 10, 5, 8, 4, 2), strict=True))
    check = (11 - total % 11) % 11
    body = head + draw(digit_string(6)) + org + ("X" if check == 10 else str(check))
    code = body + uscc.calc_check_digit(body)
    assume(not (_looks_like_id(code) and _has_right_check(code)))
    return code


@settings(max_examples=300)
@given(credit_codes(), st.sampled_from(["统一社会信用代码：{}", "{}/2025-00001", "{}"]))
def test_credit_codes_are_never_flagged(code, context):
    assert find_personal_data(context.format(code)) == []


@given(st.integers(10**9, 10**19), st.integers(0, 99))
def test_amounts_with_decimals_are_never_flagged(whole, cents):
    for text in (f"金额{whole}.{cents:02d}元", f"{whole:,}.{cents:02d}", f"{whole}.5"):
        assert find_personal_data(text) == []


@given(st.dates(datetime.date(1900, 1, 1), datetime.date(2099, 12, 31)))
def test_dates_and_year_ranges_are_never_flagged(day):
    for text in (
        day.strftime("%Y-%m-%d"),
        day.strftime("%Y%m%d"),
        f"{day:%Y-%m-%d} 至 {day:%Y-%m-%d}",
        f"{day.year}-{day.year + 5}年",
        f"{day:%Y年%m月%d日}",
    ):
        assert find_personal_data(text) == []


@given(st.sampled_from(PROVINCES), digit_string(10))
def test_region_codes_are_never_flagged(province, rest):
    code = province + rest
    assert find_personal_data(f"区划代码{code}、{code}") == []


@given(digit_string(2) | digit_string(3), digit_string(7) | digit_string(8))
def test_office_phones_are_never_flagged(area, local):
    for text in (f"0{area}-{local}", f"(0{area}){local}", f"0{area} {local}"):
        assert find_personal_data(f"办公电话{text}") == []


@given(mobiles(), digit_string(1), digit_string(1))
def test_numbers_inside_longer_runs_or_codes_are_not_flagged(number, before, after):
    for text in (
        f"{before}{number}{after}",
        f"MJ{number}",
        f"{number}M",
        f"{number}.00",
    ):
        assert find_personal_data(text) == []


def test_index_numbers_are_not_flagged():
    assert find_personal_data("索引号11150299MJ0000001M/2025-00001") == []


def test_the_pre_check_is_cheap_and_safe():
    assert not may_hold_personal_data("清源区2025年第3季度低保金1234567.89元")
    assert may_hold_personal_data("电话 1 3 8 1 2 3 4 5 6 7 8")


# -- reviewer exceptions -------------------------------------------------------------


def test_kept_numbers_are_left_alone():
    text = "项目编号150102199003071234，电话13812345678"
    keep = {"150102199003071234"}
    assert [f.kind for f in find_personal_data(text, keep)] == ["mobile"]
    assert (
        mask_personal_data(text, keep) == "项目编号150102199003071234，电话138****5678"
    )
    spaced = "项目编号１５０１０２ 19900307-1234"
    assert mask_personal_data(spaced, keep) == spaced


@pytest.mark.django_db
def test_kept_numbers_are_read_once_per_bulk_read(django_assert_num_queries):
    PersonalDataException.objects.create(
        item_key="disclosure.articlepage:7", number="150102199003071234", reason="编号"
    )
    assert kept_numbers("disclosure.articlepage:7") == {"150102199003071234"}
    assert kept_numbers("disclosure.articlepage:8") == frozenset()
    with lookups_cached(), django_assert_num_queries(1):
        for pk in range(50):
            kept_numbers(f"disclosure.articlepage:{pk}")
