"""Reading period labels as councils write them, and refusing what cannot be read."""

from __future__ import annotations

import pytest

from goldenthread import FinancialYear, HalfYear, Month, Period, PeriodError, Quarter, parse_period


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024/25", FinancialYear(2024)),
        ("2024-25", FinancialYear(2024)),
        ("2024/2025", FinancialYear(2024)),
        ("2024-2025", FinancialYear(2024)),
        ("FY2024/25", FinancialYear(2024)),
        ("fy 2024-25", FinancialYear(2024)),
        ("1999/00", FinancialYear(1999)),
        ("2024/25 Q2", Quarter(2024, 2)),
        ("Q2 2024/25", Quarter(2024, 2)),
        ("2024-25 Q2", Quarter(2024, 2)),
        ("2018-19;Q1", Quarter(2018, 1)),
        ("2024/25 Quarter 3", Quarter(2024, 3)),
        ("q4-2024/25", Quarter(2024, 4)),
        ("  2024/25   q1 ", Quarter(2024, 1)),
        ("2024/25 H1", HalfYear(2024, 1)),
        ("H2 2024/25", HalfYear(2024, 2)),
        ("2024-25 h2", HalfYear(2024, 2)),
        ("2024-09", Month(2024, 9)),
        ("2011/12", FinancialYear(2011)),
        ("2000/01 Q1", Quarter(2000, 1)),
        ("2011-12", Month(2011, 12)),
        ("Sep-24", Month(2024, 9)),
        ("sep 24", Month(2024, 9)),
        ("Sept 2024", Month(2024, 9)),
        ("September 2024", Month(2024, 9)),
        ("Mar-99", Month(1999, 3)),
        ("Jan-68", Month(2068, 1)),
    ],
)
def test_council_spellings(text: str, expected: Period) -> None:
    assert parse_period(text) == expected


def test_year_start_month_is_passed_through() -> None:
    assert parse_period("2024", year_start_month=1) == FinancialYear(2024, 1)
    assert parse_period("2024 Q3", year_start_month=1) == Quarter(2024, 3, 1)
    assert parse_period("2024/25 Q1", year_start_month=7).start.month == 7
    assert parse_period("Sep-24", year_start_month=7) == Month(2024, 9, 7)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty period; expected a financial year"),
        ("   ", "empty period"),
        ("2024/26", "'2024/26': the second year must follow the first; expected 2024/25"),
        ("2024/2026", "the second year must follow the first; expected 2024/25"),
        ("Q5", "'Q5': Q5 does not exist; use Q1-Q4"),
        ("H3", "'H3': H3 does not exist; use H1-H2"),
        ("Q2", "'Q2' names no year"),
        ("2024/25 Q5", "quarter must be Q1-Q4, not Q5"),
        ("2024/25 Q0", "quarter must be Q1-Q4, not Q0"),
        ("2024/25 H3", "half-year must be H1 or H2, not H3"),
        ("2024", "'2024' is ambiguous: a financial year starting in month 4"),
        ("Foo 2024", "'Foo' is not a month name"),
        ("2024-13", "'2024-13': the second year must follow the first; expected 2024/25"),
        ("2024/9", "cannot read '2024/9' as a period"),
        ("yesterday", "cannot read 'yesterday' as a period"),
        ("0000/01", "year must be 1-9998"),
    ],
)
def test_ambiguous_or_impossible_text_is_refused(text: str, message: str) -> None:
    with pytest.raises(PeriodError, match=message):
        parse_period(text)


def test_split_year_with_january_start_is_refused() -> None:
    with pytest.raises(PeriodError, match="starts in January, so it is one calendar year; write"):
        parse_period("2024/25", year_start_month=1)


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(PeriodError, match="must be text, not int"):
        parse_period(2024)  # type: ignore[arg-type]
    with pytest.raises(PeriodError, match="year_start_month must be a month number 1-12, not 13"):
        parse_period("2024/25", year_start_month=13)


def test_error_carries_a_problem() -> None:
    with pytest.raises(PeriodError) as info:
        parse_period("2024/26")
    assert len(info.value.problems) == 1
    assert "expected 2024/25" in info.value.problems[0].reason
