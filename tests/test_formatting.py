from decimal import Decimal

import pytest

from kommunrapport.common.formatting import compact, number, percent, tkr
from kommunrapport.common.parsing import parse_number

NB = "\u00a0"


@pytest.mark.parametrize("value, expected", [
    (-118340, f"−118{NB}340"),
    (155, "155"),
    (0, "0"),
    (-0.4, "0"),
    (1234567, f"1{NB}234{NB}567"),
    (-41222.5, f"−41{NB}223"),   # half away from zero, not banker's rounding
])
def test_tkr(value, expected):
    assert tkr(value) == expected


def test_decimals_percent_and_sign():
    assert number(968.4, 1) == "968,4"
    assert number(12.6, 1, signed=True) == "+12,6"
    assert number(-11, 0, signed=True) == "−11"
    assert percent(7.96) == f"7,96{NB}%"
    assert percent(3.4, 1) == f"3,4{NB}%"


def test_compact_shows_the_decimals_a_value_needs():
    assert compact(968.4) == "968,4"
    assert compact(968.4 - 955.8) == "12,6"  # float noise does not show
    assert compact(167.0) == "167"
    assert compact(7.96) == "7,96"
    assert compact(-1700) == f"−1{NB}700"


@pytest.mark.parametrize("text, expected", [
    ("-118 340", -118340), ("- 590", -590), ("\u2212590", -590), ("968,4", 968.4),
    ("1\u00a0700", 1700), ("1\u202f700", 1700), ("-1886", -1886), ("0", 0), ("", None),
    ("  42 059 ", 42059), ("968.4", 968.4), ("3.42", 3.42), ("12.6", 12.6),
])
def test_parse_number(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["abc", "12 34", "1,2,3", "--5", "5-", "1 2345", "1.234,5", "1,234.5"])
def test_parse_number_refuses_what_it_cannot_read_for_sure(text):
    with pytest.raises(ValueError, match="är inte ett tal"):
        parse_number(text)


@pytest.mark.parametrize("value", [-118340, 968.4, 0, 7.96, -2161, 1234567.25])
def test_parser_reads_what_the_formatter_writes(value):
    decimals = len(str(value).partition(".")[2]) if isinstance(value, float) else 0
    assert parse_number(number(value, decimals)) == pytest.approx(value)


# Property-based: the parser reads back whatever the formatter writes, and refuses what it
# cannot read for sure.
from hypothesis import given
from hypothesis import strategies as st  # noqa: E402


@given(st.integers(min_value=-10**12, max_value=10**12), st.integers(min_value=0, max_value=2))
def test_parser_round_trips_every_formatted_number(hundredths, decimals):
    value = round(hundredths / 100, decimals)
    assert parse_number(number(value, decimals)) == pytest.approx(value, abs=1e-9)
    assert parse_number(tkr(value)) == round_half_away(value)


def round_half_away(value: float) -> float:
    from decimal import ROUND_HALF_UP, Decimal
    return float(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@given(st.integers(min_value=0, max_value=999), st.integers(min_value=0, max_value=999))
def test_point_before_three_digits_is_refused(whole, part):
    with pytest.raises(ValueError, match="tvetydigt"):
        parse_number(f"{whole}.{part:03d}")


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=99))
def test_a_short_thousands_group_is_refused(head, tail):
    with pytest.raises(ValueError):
        parse_number(f"{head} {tail}")


@given(st.text(alphabet="0123456789 ,.-\u2212", max_size=12))
def test_any_string_is_read_or_refused_never_misread(text):
    try:
        value = parse_number(text)
    except ValueError:
        return
    if value is not None:
        digits = "".join(c for c in text if c.isdigit())
        # The same significant digits as written (leading and trailing zeros aside).
        written = f"{Decimal(repr(abs(value))):f}".replace(".", "")
        assert digits.strip("0") == written.strip("0")
