"""Targets: per period, profiled from the year, from sub-periods, and year to date."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.indicators.dataset import IndicatorSet
from goldenthread.indicators.definition import Aggregation, IndicatorDefinition
from goldenthread.indicators.polarity import Polarity
from goldenthread.indicators.targets import ResolvedTarget, Target, month_weights
from goldenthread.indicators.values import IndicatorValue
from goldenthread.periods import FinancialYear, Frequency, HalfYear, Month, Quarter

YEAR = FinancialYear(2024)


def _definition(
    aggregation: Aggregation = Aggregation.SUM,
    frequency: Frequency = Frequency.QUARTERLY,
    **kw: object,
) -> IndicatorDefinition:
    return IndicatorDefinition(
        "NI 155",
        "Affordable homes delivered",
        Polarity.HIGHER,
        aggregation,
        frequency,
        **kw,  # type: ignore[arg-type]
    )


def figure(resolved: ResolvedTarget | None) -> Decimal | None:
    assert resolved is not None
    return resolved.target


def _set(
    definition: IndicatorDefinition, *targets: Target, values: tuple[IndicatorValue, ...] = ()
) -> IndicatorSet:
    return IndicatorSet.build([definition], values, targets)


def test_year_target_profiled_evenly_for_sum() -> None:
    data = _set(_definition(), Target("NI 155", YEAR, Decimal(40), floor=Decimal(30)))
    quarter = data.target("NI 155", Quarter(2024, 2))
    assert quarter is not None
    assert quarter.target == Decimal(10)
    assert quarter.floor == Decimal("7.5")
    assert quarter.basis == "profiled"
    ytd = data.year_to_date_target("NI 155", Quarter(2024, 3))
    assert ytd is not None
    assert ytd.target == Decimal(30)
    assert figure(data.target("NI 155", HalfYear(2024, 2))) == Decimal(20)


def test_year_target_applies_unchanged_for_ratio() -> None:
    definition = _definition(Aggregation.RATIO, Frequency.MONTHLY, factor=Decimal(100))
    data = _set(definition, Target("NI 155", YEAR, Decimal("83.5")))
    for period in (Month(2024, 5), Quarter(2024, 3)):
        resolved = data.target("NI 155", period)
        assert resolved is not None
        assert resolved.target == Decimal("83.5")
        assert resolved.basis == "year"
    assert figure(data.year_to_date_target("NI 155", Quarter(2024, 2))) == Decimal("83.5")


def test_given_profile() -> None:
    definition = _definition(profile=(Decimal(1), Decimal(2), Decimal(3), Decimal(4)))
    data = _set(definition, Target("NI 155", YEAR, Decimal(100)))
    shares = [figure(data.target("NI 155", q)) for q in YEAR.subperiods(Frequency.QUARTERLY)]
    assert shares == [Decimal(10), Decimal(20), Decimal(30), Decimal(40)]
    assert figure(data.year_to_date_target("NI 155", Quarter(2024, 2))) == Decimal(30)


def test_seasonal_profile_uses_last_years_shape() -> None:
    definition = _definition(profile="seasonal")
    last_year = [
        IndicatorValue.present("NI 155", q, v)
        for q, v in zip(
            FinancialYear(2023).subperiods(Frequency.QUARTERLY), (5, 15, 10, 20), strict=True
        )
    ]
    data = _set(definition, Target("NI 155", YEAR, Decimal(60)), values=tuple(last_year))
    assert figure(data.target("NI 155", Quarter(2024, 2))) == Decimal(18)
    # without a complete last year the profile falls back to even
    partial = _set(definition, Target("NI 155", YEAR, Decimal(60)), values=tuple(last_year[:3]))
    assert figure(partial.target("NI 155", Quarter(2024, 2))) == Decimal(15)


def test_period_target_wins_over_year() -> None:
    data = _set(
        _definition(),
        Target("NI 155", YEAR, Decimal(40)),
        Target("NI 155", Quarter(2024, 2), Decimal(12)),
    )
    assert figure(data.target("NI 155", Quarter(2024, 2))) == Decimal(12)
    assert figure(data.target("NI 155", Quarter(2024, 3))) == Decimal(10)


def test_year_from_quarterly_targets() -> None:
    quarters = YEAR.subperiods(Frequency.QUARTERLY)
    targets = [
        Target("NI 155", q, Decimal(v)) for q, v in zip(quarters, (5, 10, 15, 20), strict=True)
    ]
    data = _set(_definition(), *targets)
    year = data.target("NI 155", YEAR)
    assert year is not None
    assert year.target == Decimal(50)
    assert year.basis == "sub-periods"
    assert figure(data.year_to_date_target("NI 155", Quarter(2024, 3))) == Decimal(30)
    cumulative = _set(_definition(Aggregation.LAST), *targets)
    assert figure(cumulative.target("NI 155", YEAR)) == Decimal(20)
    assert figure(cumulative.year_to_date_target("NI 155", Quarter(2024, 2))) == Decimal(10)
    ratio = _set(_definition(Aggregation.RATIO), *targets)
    assert ratio.target("NI 155", YEAR) is None
    incomplete = _set(_definition(), *targets[:3])
    assert incomplete.target("NI 155", YEAR) is None
    assert incomplete.year_to_date_target("NI 155", Quarter(2024, 4)) is None


def test_no_target() -> None:
    data = _set(_definition())
    assert data.target("NI 155", Quarter(2024, 1)) is None
    assert data.year_to_date_target("NI 155", Quarter(2024, 1)) is None


def test_lower_above_upper_rejected() -> None:
    with pytest.raises(ValueError, match="lower 5 is above upper 3"):
        Target("NI 155", YEAR, lower=Decimal(5), upper=Decimal(3))


weights = st.lists(st.integers(0, 1000), min_size=4, max_size=4).filter(lambda w: sum(w) > 0)


@given(weights, st.integers(1, 100_000))
def test_profiled_period_targets_add_up_to_the_year(profile: list[int], total: int) -> None:
    definition = _definition(profile=tuple(Decimal(w) for w in profile))
    data = _set(definition, Target("NI 155", YEAR, Decimal(total)))
    parts = [figure(data.target("NI 155", q)) for q in YEAR.subperiods(Frequency.QUARTERLY)]
    assert abs(sum((p for p in parts if p is not None), Decimal(0)) - total) < Decimal("1e-20")
    ytd = [
        figure(data.year_to_date_target("NI 155", q)) for q in YEAR.subperiods(Frequency.QUARTERLY)
    ]
    known = [t for t in ytd if t is not None]
    assert known == sorted(known)  # year to date never falls
    assert ytd[-1] == total


def test_month_weights_spread_a_quarterly_profile() -> None:
    definition = _definition(profile=(Decimal(3), Decimal(3), Decimal(6), Decimal(0)))
    assert month_weights(definition) == (Decimal(3),) * 6 + (Decimal(6),) * 3 + (Decimal(0),) * 3
    seasonal = _definition(profile="seasonal")
    assert month_weights(seasonal, [Decimal(1), None, Decimal(1), Decimal(1)]) == (Decimal(1),) * 12
    assert month_weights(seasonal, None) == (Decimal(1),) * 12
