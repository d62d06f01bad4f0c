"""One converter reused: what it has read before never changes what it reads next.

The converter remembers, per union and per Python type, which member a value is read as,
and the periods it has already parsed; these tests read good and bad data in turn through
one converter and check that every answer, and every error message, is the one a fresh
converter gives.
"""

from __future__ import annotations

import enum
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goldenthread.errors import InputError
from goldenthread.indicators.targets import Target
from goldenthread.indicators.values import IndicatorValue
from goldenthread.periods import Month, Period, Quarter
from goldenthread.serialise import from_json, make_converter, to_json
from goldenthread.testing import strategies as gts


def reasons(error: InputError) -> list[str]:
    return [p.reason for p in error.problems]


def test_a_union_read_before_still_rejects_what_does_not_fit() -> None:
    converter = make_converter()
    assert from_json('"1.50"', Decimal | None, converter=converter) == Decimal("1.50")
    assert from_json("null", Decimal | None, converter=converter) is None
    with pytest.raises(InputError) as caught:
        from_json("true", Decimal | None, converter=converter)
    assert reasons(caught.value) == ["$: expected Decimal or nothing, got bool True"]
    with pytest.raises(InputError) as caught:
        from_json('"x"', Decimal | None, converter=converter)
    assert reasons(caught.value) == ["$: expected a decimal number, got 'x'"]
    assert from_json("2", Decimal | None, converter=converter) == Decimal(2)


def test_a_period_read_before_is_read_again_for_its_own_year_start() -> None:
    converter = make_converter()
    april = from_json('{"label": "2024-09", "year_start_month": 4}', Month, converter=converter)
    january = from_json('{"label": "2024-09", "year_start_month": 1}', Month, converter=converter)
    assert (april, january) == (Month(2024, 9), Month(2024, 9, year_start_month=1))
    assert april.financial_year != january.financial_year
    assert from_json('"2024-09"', Month, converter=converter) == april


def test_a_cached_period_is_still_checked_against_the_declared_kind() -> None:
    converter = make_converter()
    assert from_json('"2024/25 Q2"', Period, converter=converter) == Quarter(2024, 2)
    for _ in range(2):
        with pytest.raises(InputError) as caught:
            from_json('"2024/25 Q2"', Month, converter=converter)
        assert reasons(caught.value) == ["$: '2024/25 Q2' is a Quarter, not a Month"]
        with pytest.raises(InputError) as caught:
            from_json('{"label": "Q2 2024/25"}', Quarter, converter=converter)
        assert reasons(caught.value) == [
            "$: 'Q2 2024/25' is not the canonical label of '2024/25 Q2'"
        ]


def test_a_bad_value_after_good_ones_gets_the_detailed_report() -> None:
    converter = make_converter()
    good = IndicatorValue.present("NI1", Month(2024, 9), Decimal("12.5"))
    assert from_json(to_json(good), IndicatorValue, converter=converter) == good
    bad = '{"indicator": "NI1", "period": "2024-09", "value": true, "colour": "red"}'
    with pytest.raises(InputError) as caught:
        from_json(bad, IndicatorValue, converter=converter)
    assert sorted(reasons(caught.value)) == [
        "$.value: expected Decimal or nothing, got bool True",
        "$: unknown field(s): 'colour'",
    ]
    assert from_json(to_json(good), IndicatorValue, converter=converter) == good


class Code(enum.Enum):
    ONE = 1
    TEXT = "1"
    PAIR = (1, 2)


def test_enum_values_of_different_types_are_kept_apart() -> None:
    converter = make_converter()
    assert from_json("1", Code, converter=converter) is Code.ONE
    assert from_json('"1"', Code, converter=converter) is Code.TEXT
    assert from_json('"1"', Code, converter=converter) is Code.TEXT
    with pytest.raises(InputError) as caught:
        from_json("[1, 2]", Code, converter=converter)
    assert reasons(caught.value) == ["$: [1, 2] is not a Code; expected one of 1, '1', (1, 2)"]


CONVERTER = make_converter()


@settings(max_examples=30)
@given(st.lists(st.one_of(gts.indicator_values(), gts.targets()), max_size=6))
def test_a_reused_converter_reads_what_a_fresh_one_reads(
    objects: list[IndicatorValue | Target],
) -> None:
    fresh = make_converter()
    for obj in objects:
        text = to_json(obj, converter=CONVERTER)
        again = from_json(text, type(obj), converter=CONVERTER)
        assert again == from_json(text, type(obj), converter=fresh) == obj
