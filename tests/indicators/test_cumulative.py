"""Cumulative measures: running totals since the start of the financial year.

DESIGN.md, "Cumulative measures": a period's value is the figure at its last month, the
year's the year-end figure, year to date the value itself; a year target is profiled
cumulatively (given profile, else last year's shape, else k/12); the forecast follows
last year's shape, else the run rate; only the long-term direction is defined.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.indicators.aggregation import AggregationError, combine_units, from_value
from goldenthread.indicators.assess import assess
from goldenthread.indicators.dataset import IndicatorSet
from goldenthread.indicators.definition import Aggregation, IndicatorDefinition, Tolerance
from goldenthread.indicators.direction import Direction
from goldenthread.indicators.forecast import ForecastMethod, cumulative_forecast, run_rate_forecast
from goldenthread.indicators.numbers import ValueState, round_half_up
from goldenthread.indicators.polarity import Polarity
from goldenthread.indicators.rag import RagStatus
from goldenthread.indicators.targets import Target, cumulative_weights
from goldenthread.indicators.values import IndicatorValue
from goldenthread.periods import FinancialYear, Frequency, HalfYear, Month, Period, Quarter

CODE = "BV 9"
THIS_YEAR = FinancialYear(2024)
LAST_YEAR = FinancialYear(2023)
D = Decimal
FIVE_PERCENT = Tolerance.parse("5%")


def _definition(
    frequency: Frequency = Frequency.MONTHLY,
    polarity: Polarity = Polarity.HIGHER,
    decimals: int = 1,
    profile: str | tuple[Decimal, ...] = "even",
    tolerance: Tolerance = FIVE_PERCENT,
) -> IndicatorDefinition:
    return IndicatorDefinition(
        CODE,
        "Council tax collected in year",
        polarity,
        Aggregation.CUMULATIVE,
        frequency,
        unit="%",
        decimals=decimals,
        tolerance=tolerance,
        profile=profile,
    )


def _values(
    year: FinancialYear, frequency: Frequency, figures: Sequence[object]
) -> list[IndicatorValue]:
    periods = year.subperiods(frequency)
    return [IndicatorValue.present(CODE, p, str(f)) for p, f in zip(periods, figures, strict=False)]


# Last year's council tax collection (BV 9), month by month: 56.2% by September, 96.9% at
# the year end, as in DESIGN.md's example.
LAST_YEAR_MONTHLY = [
    "10.3",
    "20.1",
    "29.8",
    "39.3",
    "48.3",
    "56.2",
    "64.9",
    "73.1",
    "80.1",
    "86.4",
    "92.1",
    "96.9",
]
THIS_YEAR_TO_SEPTEMBER = ["10.1", "19.9", "29.5", "38.8", "47.6", "55.6"]


def _worked_example() -> IndicatorSet:
    return IndicatorSet.build(
        [_definition()],
        _values(LAST_YEAR, Frequency.MONTHLY, LAST_YEAR_MONTHLY)
        + _values(THIS_YEAR, Frequency.MONTHLY, THIS_YEAR_TO_SEPTEMBER),
        [Target(CODE, THIS_YEAR, D("97.0"))],
    )


# -- the worked example of DESIGN.md --------------------------------------------------------


@pytest.mark.parametrize("period", [Month(2024, 9), Quarter(2024, 2), HalfYear(2024, 1)])
def test_design_worked_example(period: Period) -> None:
    """55.6% at the end of September, last year 56.2% then and 96.9% at year end, year
    target 97.0: target 56.3, forecast 95.9 (1 dp, half-up), whatever period ends then."""
    a = assess(_worked_example(), CODE, period)
    shown = a.to_dict()
    assert shown["value"] == D("55.6")
    assert shown["target"] == D("56.3")
    assert shown["year_target"] == D("97.0")
    assert shown["forecast_seasonal"] == D("95.9")
    assert shown["forecast"] == D("95.9")  # last year's shape, not the run rate 111.2
    assert shown["forecast_meets_target"] is False
    assert shown["ytd_value"] == D("55.6")
    assert shown["ytd_target"] == D("56.3")
    assert shown["direction"] is None  # short term is not defined for a running total
    assert shown["direction_last_year"] == "worsening"  # 55.6 against 56.2
    assert shown["status"] == "amber"  # 55.6 is within 5% of 56.3


def test_worked_example_functions() -> None:
    forecast = cumulative_forecast(D("55.6"), Month(2024, 9), last_year=(D("56.2"), D("96.9")))
    assert forecast.method is ForecastMethod.SEASONAL
    assert round_half_up(forecast.outturn, 1) == D("95.9")
    assert (forecast.periods_elapsed, forecast.periods_in_year) == (6, 12)
    weights = cumulative_weights(_definition(), [D(f) for f in LAST_YEAR_MONTHLY])
    share = sum(weights[:6], D(0)) / sum(weights, D(0))
    assert share == D("56.2") / D("96.9")
    assert round_half_up(D("97.0") * share, 1) == D("56.3")


# -- values -------------------------------------------------------------------------------------


def test_a_periods_value_is_the_figure_at_its_last_month() -> None:
    data = _worked_example()
    assert data.value(CODE, Quarter(2024, 1)).value == D("29.5")
    assert data.value(CODE, Quarter(2024, 2)).value == D("55.6")
    assert data.value(CODE, HalfYear(2024, 1)).value == D("55.6")
    assert data.value(CODE, LAST_YEAR).value == D("96.9")  # the March figure
    assert data.value(CODE, Quarter(2023, 3)).value == D("80.1")
    # year to date is the value itself, never a sum of running totals
    assert data.year_to_date(CODE, Quarter(2024, 2)).value == D("55.6")
    assert data.year_to_date(CODE, Month(2024, 5)).value == D("19.9")
    # a quarter whose last month is not in yet has no value, whatever came before
    assert data.value(CODE, Quarter(2024, 3)).state is ValueState.MISSING


def test_quarterly_and_half_yearly_cumulative_indicators() -> None:
    quarterly = _definition(Frequency.QUARTERLY)
    data = IndicatorSet.build(
        [quarterly],
        _values(LAST_YEAR, Frequency.QUARTERLY, ["29.8", "56.2", "80.1", "96.9"])
        + _values(THIS_YEAR, Frequency.QUARTERLY, ["29.5", "55.6"]),
        [Target(CODE, THIS_YEAR, D("97.0"))],
    )
    a = assess(data, CODE, HalfYear(2024, 1)).to_dict()
    assert a["value"] == D("55.6")  # the Q2 (September) figure
    assert a["target"] == D("56.3")
    assert a["forecast_seasonal"] == D("95.9")
    assert a["forecast"] == D("95.9")
    half = _definition(Frequency.HALF_YEARLY)
    data = IndicatorSet.build(
        [half],
        _values(LAST_YEAR, Frequency.HALF_YEARLY, ["56.2", "96.9"])
        + _values(THIS_YEAR, Frequency.HALF_YEARLY, ["55.6"]),
        [Target(CODE, THIS_YEAR, D("97.0"))],
    )
    a = assess(data, CODE, HalfYear(2024, 1)).to_dict()
    assert (a["value"], a["target"], a["forecast_seasonal"]) == (D("55.6"), D("56.3"), D("95.9"))
    year = assess(data, CODE, LAST_YEAR).to_dict()
    assert year["value"] == D("96.9")


def test_running_totals_of_several_units_are_not_combined() -> None:
    definition = _definition()
    parts = [from_value(definition, v) for v in _values(THIS_YEAR, Frequency.MONTHLY, ["1", "2"])]
    with pytest.raises(AggregationError, match=r"aggregates by 'cumulative' \(a running total\)"):
        combine_units(definition, parts)
    assert combine_units(definition, parts[:1]) == parts[0]


# -- targets -------------------------------------------------------------------------------------


def test_target_profiled_evenly_without_last_year() -> None:
    data = IndicatorSet.build([_definition()], (), [Target(CODE, THIS_YEAR, D("96"))])
    assert [data.target(CODE, Month(2024, m)).target for m in (4, 9, 12)] == [  # type: ignore[union-attr]
        D(8),
        D(48),
        D(72),
    ]
    assert data.target(CODE, Quarter(2024, 4)).target == D(96)  # type: ignore[union-attr]
    assert data.target(CODE, THIS_YEAR).target == D(96)  # type: ignore[union-attr]


def test_given_profile_wins_over_last_years_shape() -> None:
    # a quarterly profile: 40% of the year's collection in Q1, 30%, 20%, 10%
    definition = _definition(Frequency.QUARTERLY, profile=(D(4), D(3), D(2), D(1)))
    data = IndicatorSet.build(
        [definition],
        _values(LAST_YEAR, Frequency.QUARTERLY, ["25", "50", "75", "100"]),
        [Target(CODE, THIS_YEAR, D("100"))],
    )
    assert [data.target(CODE, Quarter(2024, q)).target for q in (1, 2, 3, 4)] == [  # type: ignore[union-attr]
        D(40),
        D(70),
        D(90),
        D(100),
    ]
    assert data.target(CODE, HalfYear(2024, 1)).basis == "profiled"  # type: ignore[union-attr]


def test_last_years_shape_falls_back_to_even_when_unusable() -> None:
    definition = _definition(Frequency.QUARTERLY)
    for last_year in (["30", "60", "80"], ["30", "20", "70", "100"], ["0", "0", "0", "0"]):
        data = IndicatorSet.build(
            [definition],
            _values(LAST_YEAR, Frequency.QUARTERLY, last_year),
            [Target(CODE, THIS_YEAR, D("100"))],
        )
        assert data.target(CODE, Quarter(2024, 1)).target == D(25), last_year  # type: ignore[union-attr]


def test_a_target_for_the_same_point_wins() -> None:
    """The examples set quarterly targets: H1's target is Q2's, September's too, and the
    year's is Q4's (the year-end figure), which profiles the months between."""
    targets = [
        Target(CODE, Quarter(2025, q), D(t))
        for q, t in ((1, "29.50"), (2, "57.00"), (3, "81.00"), (4, "96.50"))
    ]
    data = IndicatorSet.build([_definition(decimals=2)], (), targets)
    h1 = data.target(CODE, HalfYear(2025, 1))
    assert h1 is not None
    assert (h1.target, h1.basis) == (D("57.00"), "same point")
    assert data.target(CODE, Month(2025, 9)).target == D("57.00")  # type: ignore[union-attr]
    assert data.target(CODE, FinancialYear(2025)).target == D("96.50")  # type: ignore[union-attr]
    august = data.target(CODE, Month(2025, 8))
    assert august is not None
    assert august.basis == "profiled"
    assert august.target == D("96.50") * 5 / 12
    assert data.year_to_date_target(CODE, HalfYear(2025, 1)).target == D("57.00")  # type: ignore[union-attr]


def test_an_annual_target_only_is_not_red_all_year() -> None:
    """A cumulative measure with only an annual target of 97% collects on course all year:
    before, as ``last``, every period was judged against 97% and was red until March."""
    last_year = ["10", "20", "29.5", "39", "48", "56.5", "65", "73", "80", "86.5", "92", "97"]
    this_year = last_year  # the same course as last year, which met 97%
    data = IndicatorSet.build(
        [_definition()],
        _values(LAST_YEAR, Frequency.MONTHLY, last_year)
        + _values(THIS_YEAR, Frequency.MONTHLY, this_year),
        [Target(CODE, THIS_YEAR, D("97"))],
    )
    for period in [
        *THIS_YEAR.subperiods(Frequency.MONTHLY),
        *THIS_YEAR.subperiods(Frequency.QUARTERLY),
    ]:
        a = assess(data, CODE, period)
        assert a.status is RagStatus.GREEN, period.label
        assert a.forecast_meets_target is True, period.label
    as_last = IndicatorSet.build(
        [
            IndicatorDefinition(
                CODE,
                "as before",
                Polarity.HIGHER,
                Aggregation.LAST,
                Frequency.MONTHLY,
                unit="%",
                decimals=1,
            )
        ],
        _values(THIS_YEAR, Frequency.MONTHLY, this_year),
        [Target(CODE, THIS_YEAR, D("97"))],
    )
    assert assess(as_last, CODE, Quarter(2024, 2)).status is RagStatus.RED  # the defect


# -- forecasts and directions ------------------------------------------------------------------


def test_forecast_by_run_rate_without_last_year() -> None:
    data = IndicatorSet.build(
        [_definition()],
        _values(THIS_YEAR, Frequency.MONTHLY, THIS_YEAR_TO_SEPTEMBER),
        [Target(CODE, THIS_YEAR, D("97.0"))],
    )
    a = assess(data, CODE, Quarter(2024, 2))
    assert a.forecast_seasonal is None
    assert a.forecast == D("55.6") * 12 / 6
    assert a.forecast_meets_target is True  # 111.2 (the run rate) >= 97.0
    assert a.target is not None
    assert a.target.target == D("97.0") / 2
    assert a.last_year_value is None
    assert a.direction_last_year is None


def test_forecast_at_the_year_end_is_the_value() -> None:
    data = _worked_example()
    a = assess(data, CODE, LAST_YEAR)
    assert a.forecast == D("96.9")
    forecast = cumulative_forecast(D("96.9"), Month(2024, 3), last_year=(D(1), D(2)))
    assert forecast.outturn == D("96.9")
    assert forecast.complete
    run = run_rate_forecast(
        [
            (p, D(f))
            for p, f in zip(THIS_YEAR.subperiods(Frequency.QUARTERLY), ["30", "55"], strict=False)
        ],
        THIS_YEAR,
        Aggregation.CUMULATIVE,
    )
    assert run.outturn == D(110)
    assert run.to_date == D(55)


def test_nothing_collected_by_then_last_year_gives_no_shape() -> None:
    with pytest.raises(ValueError, match="last year's figure at 2023-09 is zero"):
        cumulative_forecast(D(5), Month(2024, 9), last_year=(D(0), D(90)))
    with pytest.raises(ValueError, match="must be a finite number"):
        cumulative_forecast(D("NaN"), Month(2024, 9))


def test_only_the_long_term_direction_is_defined() -> None:
    data = _worked_example()
    a = assess(data, CODE, Month(2024, 9), trend_periods=4)
    assert a.previous_value == D("47.6")
    assert a.direction is None
    assert a.trend is None
    assert a.direction_last_year is Direction.WORSENING
    april = assess(data, CODE, Month(2024, 4))
    assert april.direction is None  # not "worsening" from March's 96.9
    assert april.direction_last_year is Direction.WORSENING  # 10.1 against 10.3


# -- hypothesis laws ----------------------------------------------------------------------------

FREQUENCIES = st.sampled_from([Frequency.MONTHLY, Frequency.QUARTERLY, Frequency.HALF_YEARLY])


@st.composite
def _running_totals(draw: st.DrawFn, frequency: Frequency) -> list[Decimal]:
    """A year's running totals at each collection period's end: never falling, above zero
    at the year end."""
    steps = draw(
        st.lists(
            st.decimals(0, 50, places=2), min_size=frequency.per_year, max_size=frequency.per_year
        )
    )
    steps[-1] += D("0.01")
    totals: list[Decimal] = []
    for step in steps:
        totals.append((totals[-1] if totals else D(0)) + step)
    return totals


@st.composite
def _profiled(draw: st.DrawFn) -> tuple[IndicatorSet, Frequency, Decimal]:
    frequency = draw(FREQUENCIES)
    source = draw(st.sampled_from(["given", "last year", "even", "unusable last year"]))
    profile: str | tuple[Decimal, ...] = "even"
    values: list[IndicatorValue] = []
    if source == "given":
        weights = draw(
            st.lists(
                st.decimals(0, 100, places=1),
                min_size=frequency.per_year,
                max_size=frequency.per_year,
            )
        )
        weights[-1] += 1
        profile = tuple(weights)
    if source in ("given", "last year"):
        values = _values(LAST_YEAR, frequency, draw(_running_totals(frequency)))
    if source == "unusable last year":
        figures = draw(_running_totals(frequency))
        figures[0] = figures[-1] + 1  # a running total that falls: not a shape to follow
        values = _values(LAST_YEAR, frequency, figures)
    target = draw(st.decimals(1, 1_000_000, places=2))
    data = IndicatorSet.build(
        [_definition(frequency, profile=profile)], values, [Target(CODE, THIS_YEAR, target)]
    )
    return data, frequency, target


@given(_profiled())
def test_profiled_target_is_monotone_and_reaches_the_year_target(
    case: tuple[IndicatorSet, Frequency, Decimal],
) -> None:
    data, frequency, target = case
    figures = []
    for period in THIS_YEAR.subperiods(frequency):
        resolved = data.target(CODE, period)
        assert resolved is not None
        figures.append(resolved.target)
    assert all(a is not None and b is not None and a <= b for a, b in itertools.pairwise(figures))
    assert figures[-1] == target
    assert all(f is not None and f >= 0 for f in figures)
    assert data.target(CODE, THIS_YEAR).target == target  # type: ignore[union-attr]


@given(FREQUENCIES.flatmap(lambda f: st.tuples(st.just(f), _running_totals(f))), st.data())
def test_a_value_on_the_profile_forecasts_the_year_target(
    case: tuple[Frequency, list[Decimal]], data: st.DataObject
) -> None:
    frequency, last_year = case
    decimals = data.draw(st.integers(0, 3))
    target = data.draw(st.decimals(1, 100_000, places=decimals))
    periods = THIS_YEAR.subperiods(frequency)
    point = data.draw(st.integers(0, len(periods) - 1))
    if last_year[point] == 0:  # nothing collected by then last year: no shape to follow
        return
    definition = _definition(frequency, decimals=decimals)
    profile_set = IndicatorSet.build(
        [definition], _values(LAST_YEAR, frequency, last_year), [Target(CODE, THIS_YEAR, target)]
    )
    on_profile = profile_set.target(CODE, periods[point])
    assert on_profile is not None
    assert on_profile.target is not None
    on_track = IndicatorSet.build(
        [definition],
        [
            *_values(LAST_YEAR, frequency, last_year),
            IndicatorValue.present(CODE, periods[point], on_profile.target),
        ],
        [Target(CODE, THIS_YEAR, target)],
    )
    a = assess(on_track, CODE, periods[point])
    assert a.forecast_seasonal is not None
    assert round_half_up(a.forecast_seasonal, decimals) == target
    assert a.status is RagStatus.GREEN
    assert a.forecast_meets_target is True


@given(
    st.sampled_from([Frequency.MONTHLY, Frequency.QUARTERLY]),
    st.lists(st.decimals(-1000, 1000, places=2), min_size=1, max_size=12),
    st.decimals(-1000, 1000, places=2).filter(lambda t: t != 0),
    st.sampled_from([Tolerance.parse("5%"), Tolerance.parse("2")]),
    st.booleans(),
)
def test_polarity_symmetry(
    frequency: Frequency,
    figures: list[Decimal],
    target: Decimal,
    tolerance: Tolerance,
    given_profile: bool,
) -> None:
    """Higher-is-better on (values, target) rates as lower-is-better on their negatives,
    with an even or a given profile (last year's shape needs a total that grows)."""
    figures = figures[: frequency.per_year]
    profile = tuple(D(i + 1) for i in range(frequency.per_year)) if given_profile else "even"

    def status(polarity: Polarity, sign: int) -> list[RagStatus]:
        definition = _definition(
            frequency, polarity, decimals=2, tolerance=tolerance, profile=profile
        )
        data = IndicatorSet.build(
            [definition],
            _values(THIS_YEAR, frequency, [sign * f for f in figures]),
            [Target(CODE, THIS_YEAR, sign * target)],
        )
        periods = THIS_YEAR.subperiods(frequency)[: len(figures)]
        return [assess(data, CODE, p, forecasts=False).status for p in periods]

    assert status(Polarity.HIGHER, 1) == status(Polarity.LOWER, -1)


@given(FREQUENCIES.flatmap(lambda f: st.tuples(st.just(f), _running_totals(f))))
def test_a_periods_value_is_its_last_collection_periods_figure(
    case: tuple[Frequency, list[Decimal]],
) -> None:
    frequency, totals = case
    data = IndicatorSet.build([_definition(frequency)], _values(THIS_YEAR, frequency, totals))
    for longer in (Frequency.QUARTERLY, Frequency.HALF_YEARLY, Frequency.ANNUAL):
        if longer.months < frequency.months:
            continue
        for period in THIS_YEAR.subperiods(longer):
            end = (period.end_index - THIS_YEAR.start_index + 1) // frequency.months
            assert data.value(CODE, period).value == totals[end - 1]
            assert data.year_to_date(CODE, period).value == totals[end - 1]
