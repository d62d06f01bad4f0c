"""Indicator definitions: aggregation, tolerance, classification and their checks."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from goldenthread.indicators.definition import (
    Aggregation,
    Classification,
    IndicatorDefinition,
    Tolerance,
    ToleranceKind,
)
from goldenthread.indicators.polarity import Polarity
from goldenthread.periods import Frequency


def test_aggregation_spellings() -> None:
    assert Aggregation.parse("Ratio") is Aggregation.RATIO
    assert Aggregation.parse("average") is Aggregation.MEAN
    assert Aggregation.parse("latest") is Aggregation.LAST
    with pytest.raises(ValueError, match="unknown aggregation 'median'; expected one of sum"):
        Aggregation.parse("median")


def test_classification() -> None:
    assert Classification.parse(" Internal ") is Classification.INTERNAL
    with pytest.raises(ValueError, match="unknown classification 'secret'"):
        Classification.parse("secret")


def test_tolerance_relative_and_absolute() -> None:
    relative = Tolerance.parse("5%")
    assert relative.kind is ToleranceKind.RELATIVE
    assert relative.band(Decimal(80)) == Decimal(4)
    assert relative.band(Decimal(-80)) == Decimal(4)
    assert str(relative) == "5%"
    absolute = Tolerance.parse("2")
    assert absolute.kind is ToleranceKind.ABSOLUTE
    assert absolute.band(Decimal(80)) == Decimal(2)
    assert str(absolute) == "2"
    assert Tolerance.parse("0.5 %").amount == Decimal("0.5")


@pytest.mark.parametrize("text", ["-5%", "five", "5%%", "", "%"])
def test_bad_tolerance(text: str) -> None:
    with pytest.raises(ValueError, match=r"cannot read tolerance .*expected a percentage"):
        Tolerance.parse(text)


def test_negative_tolerance_amount_rejected() -> None:
    with pytest.raises(ValueError, match="amount must not be negative"):
        Tolerance(ToleranceKind.ABSOLUTE, Decimal(-1))


def _definition(**kwargs: object) -> IndicatorDefinition:
    base: dict[str, object] = {
        "code": "NI 155",
        "title": "Affordable homes",
        "polarity": Polarity.HIGHER,
        "aggregation": Aggregation.SUM,
        "frequency": Frequency.QUARTERLY,
    }
    base.update(kwargs)
    return IndicatorDefinition(**base)  # type: ignore[arg-type]


def test_defaults() -> None:
    definition = _definition()
    assert definition.tolerance == Tolerance.parse("5%")
    assert definition.rag_rule == "tolerance"
    assert definition.reported is Frequency.QUARTERLY
    assert _definition(reporting_frequency=Frequency.ANNUAL).reported is Frequency.ANNUAL


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"code": " "}, "an indicator needs a code"),
        ({"decimals": 7}, "decimals must be 0-6"),
        ({"factor": Decimal(0)}, "factor must be positive"),
        (
            {"annualise": True, "aggregation": Aggregation.RATIO},
            "only 'sum' indicators can be annualised, not 'ratio'",
        ),
        ({"profile": (Decimal(1),) * 3}, "a quarterly profile needs 4 weights, not 3"),
        ({"profile": (Decimal(0),) * 4}, "must not all be 0"),
        ({"profile": "lumpy"}, "unknown profile 'lumpy'"),
    ],
)
def test_bad_definitions(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        _definition(**kwargs)
