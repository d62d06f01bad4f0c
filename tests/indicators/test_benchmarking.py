"""Comparator groups, ranking, quartiles, median/MAD scores (indicators.benchmarking)."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from goldenthread.indicators.benchmarking import (
    ComparatorGroup,
    benchmark,
    compare_with_group,
    group_valid_on,
    mad_score,
    median,
    median_absolute_deviation,
    quartile,
    rank_values,
)
from goldenthread.indicators.comparison import benchmark_framework
from goldenthread.indicators.polarity import Polarity
from goldenthread.indicators.stats import IntervalMethod, Significance
from goldenthread.io.bundle import load_bundle
from goldenthread.periods import FinancialYear

# A CIPFA-style nearest-neighbour group for Rossendale (illustrative membership), and a
# later revision of it, as CIPFA publishes them.
NEIGHBOURS_2019 = ComparatorGroup(
    "cipfa",
    ("Rossendale", "Burnley", "Hyndburn", "Pendle", "Ribble Valley", "Barrow-in-Furness"),
    kind="cipfa-nearest-neighbours",
    valid_from=dt.date(2019, 4, 1),
    valid_to=dt.date(2023, 3, 31),
)
NEIGHBOURS_2023 = ComparatorGroup(
    "cipfa",
    ("Rossendale", "Burnley", "Hyndburn", "Pendle", "High Peak", "Barrow-in-Furness"),
    kind="cipfa-nearest-neighbours",
    valid_from=dt.date(2023, 4, 1),
)
REGION = ComparatorGroup("north-west", ("Rossendale", "Burnley", "Preston"), kind="region")

values = st.decimals(-10_000, 10_000, places=2, allow_nan=False, allow_infinity=False)
value_maps = st.dictionaries(st.text("abcdefgh", min_size=1, max_size=3), values, min_size=1)
polarities = st.sampled_from([Polarity.HIGHER, Polarity.LOWER])


# -- groups --------------------------------------------------------------------------


def test_the_group_valid_on_a_date_is_picked() -> None:
    groups = [NEIGHBOURS_2019, NEIGHBOURS_2023, REGION]
    assert group_valid_on(groups, "cipfa", dt.date(2020, 6, 30)) is NEIGHBOURS_2019
    assert group_valid_on(groups, "cipfa", dt.date(2023, 3, 31)) is NEIGHBOURS_2019
    assert group_valid_on(groups, "cipfa", dt.date(2023, 4, 1)) is NEIGHBOURS_2023
    assert group_valid_on(groups, "cipfa", dt.date(2030, 1, 1)) is NEIGHBOURS_2023
    assert group_valid_on(groups, "cipfa", dt.date(2018, 1, 1)) is None
    assert group_valid_on(groups, "north-west", dt.date(1990, 1, 1)) is REGION
    assert group_valid_on(groups, "family", dt.date(2020, 1, 1)) is None


def test_overlapping_versions_of_a_group_are_ambiguous() -> None:
    overlapping = ComparatorGroup("cipfa", ("A", "B"), valid_from=dt.date(2022, 1, 1))
    with pytest.raises(ValueError, match="2 versions of comparator group 'cipfa' are valid"):
        group_valid_on([NEIGHBOURS_2019, overlapping], "cipfa", dt.date(2022, 6, 1))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": "g", "members": ()}, "a comparator group needs at least one member"),
        ({"name": " ", "members": ("A",)}, "a comparator group needs a name"),
        (
            {"name": "g", "members": ("A", "B", "A", "C", "B")},
            "a comparator group lists A, B more than once",
        ),
        (
            {
                "name": "g",
                "members": ("A",),
                "valid_from": dt.date(2024, 4, 1),
                "valid_to": dt.date(2024, 3, 31),
            },
            r"comparator group 'g' ends \(2024-03-31\) before it starts \(2024-04-01\)",
        ),
    ],
)
def test_bad_groups_are_rejected(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ComparatorGroup(**kwargs)  # type: ignore[arg-type]


def test_members_may_be_given_as_a_list() -> None:
    assert ComparatorGroup("g", ["A", "B"]).members == ("A", "B")
    assert ComparatorGroup("g", ["A", "B"]).size == 2


# -- ranking -------------------------------------------------------------------------


def test_competition_ranking_shares_the_best_rank() -> None:
    scores = {"a": 90, "b": 80, "c": 80, "d": 70}
    assert rank_values(scores, Polarity.HIGHER) == {"a": 1, "b": 2, "c": 2, "d": 4}
    assert rank_values(scores, Polarity.LOWER) == {"a": 4, "b": 2, "c": 2, "d": 1}


@pytest.mark.parametrize("polarity", [Polarity.NONE, Polarity.RANGE])
def test_no_rank_without_a_direction(polarity: Polarity) -> None:
    with pytest.raises(ValueError, match=f"indicators of polarity '{polarity.value}' are not"):
        rank_values({"a": 1}, polarity)


def test_non_finite_values_are_rejected() -> None:
    with pytest.raises(ValueError, match="a benchmark value must be a finite number, not nan"):
        rank_values({"a": float("nan")}, Polarity.HIGHER)


@given(value_maps, polarities)
def test_ranks_are_within_1_to_n_and_ties_share_the_best(
    scores: dict[str, Decimal], polarity: Polarity
) -> None:
    ranks = rank_values(scores, polarity)
    n = len(scores)
    assert all(1 <= r <= n for r in ranks.values())
    assert min(ranks.values()) == 1
    for a in scores:
        better = sum(
            1
            for b in scores
            if (scores[b] > scores[a] if polarity is Polarity.HIGHER else scores[b] < scores[a])
        )
        assert ranks[a] == better + 1
        for b in scores:
            if scores[a] == scores[b]:
                assert ranks[a] == ranks[b]


@given(value_maps, polarities)
def test_a_strictly_better_value_never_ranks_worse(
    scores: dict[str, Decimal], polarity: Polarity
) -> None:
    ranks = rank_values(scores, polarity)
    sign = 1 if polarity is Polarity.HIGHER else -1
    for a in scores:
        for b in scores:
            if sign * scores[a] > sign * scores[b]:
                assert ranks[a] < ranks[b]


@given(value_maps)
def test_flipping_polarity_reverses_the_order(scores: dict[str, Decimal]) -> None:
    up = rank_values(scores, Polarity.HIGHER)
    down = rank_values(scores, Polarity.LOWER)
    for a in scores:
        for b in scores:
            assert (up[a] < up[b]) == (down[a] > down[b])


@given(value_maps)
def test_negating_values_is_the_same_as_flipping_polarity(scores: dict[str, Decimal]) -> None:
    negated = {k: -v for k, v in scores.items()}
    assert rank_values(negated, Polarity.HIGHER) == rank_values(scores, Polarity.LOWER)


# -- quartiles -----------------------------------------------------------------------


def test_quartiles_of_16_are_four_equal_blocks() -> None:
    assert [quartile(r, 16) for r in range(1, 17)] == [1] * 4 + [2] * 4 + [3] * 4 + [4] * 4


def test_quartiles_of_10_follow_the_position_rule() -> None:
    assert [quartile(r, 10) for r in range(1, 11)] == [1, 1, 2, 2, 2, 3, 3, 4, 4, 4]


@pytest.mark.parametrize(("rank", "size"), [(0, 4), (5, 4), (-1, 10)])
def test_quartile_needs_a_rank_within_the_group(rank: int, size: int) -> None:
    with pytest.raises(ValueError, match=f"rank {rank} is outside 1..{size}"):
        quartile(rank, size)


@given(st.integers(1, 500))
def test_quartiles_differ_in_size_by_at_most_one_and_never_go_backwards(size: int) -> None:
    quartiles = [quartile(r, size) for r in range(1, size + 1)]
    assert quartiles == sorted(quartiles)
    assert quartiles[-1] == 4
    counts = [quartiles.count(q) for q in range(1, 5)]
    assert sum(counts) == size
    if size >= 4:
        assert max(counts) - min(counts) <= 1
    for rank, q in zip(range(1, size + 1), quartiles, strict=True):
        assert (q - 1) / 4 < rank / size <= q / 4


# -- median and MAD ------------------------------------------------------------------


def test_median_and_mad_of_known_values() -> None:
    data = [1, 1, 2, 2, 4, 6, 9]
    assert median(data) == 2
    assert median_absolute_deviation(data) == 1
    assert median([1, 2, 3, 4]) == Decimal("2.5")
    assert mad_score(9, data) == 7


def test_mad_score_has_no_value_when_the_mad_is_zero() -> None:
    assert mad_score(10, [5, 5, 5, 7]) is None


def test_median_of_nothing_is_undefined() -> None:
    with pytest.raises(ValueError, match="the median of no values is undefined"):
        median([])


sample_values = st.lists(values, min_size=1, max_size=30)


@given(sample_values, values)
def test_median_and_mad_under_a_shift(data: list[Decimal], shift: Decimal) -> None:
    shifted = [v + shift for v in data]
    assert median(shifted) == median(data) + shift
    assert median_absolute_deviation(shifted) == median_absolute_deviation(data)
    assert mad_score(data[0] + shift, shifted) == mad_score(data[0], data)


@given(sample_values, st.decimals(-100, 100, places=1).filter(lambda c: c != 0))
def test_median_and_mad_under_a_scale(data: list[Decimal], scale: Decimal) -> None:
    scaled = [v * scale for v in data]
    assert median(scaled) == median(data) * scale
    assert median_absolute_deviation(scaled) == median_absolute_deviation(data) * abs(scale)
    original = mad_score(data[0], data)
    rescaled = mad_score(data[0] * scale, scaled)
    if original is None:
        assert rescaled is None
    else:
        assert rescaled is not None
        expected = original if scale > 0 else -original
        assert math.isclose(rescaled, expected, rel_tol=1e-20, abs_tol=1e-20)


# -- benchmark -----------------------------------------------------------------------


def test_benchmark_rossendale_among_its_nearest_neighbours() -> None:
    # % of household waste recycled (higher is better); Preston is not in the group.
    recycling = {
        "Rossendale": Decimal("33.1"),
        "Burnley": Decimal("35.0"),
        "Hyndburn": Decimal("29.4"),
        "Pendle": Decimal("35.0"),
        "High Peak": Decimal("41.2"),
        "Barrow-in-Furness": Decimal("30.0"),
        "Preston": Decimal("50.0"),
    }
    result = benchmark(NEIGHBOURS_2023, "Rossendale", recycling, Polarity.HIGHER)
    assert result.rank == 4
    assert result.size == 6
    assert result.position == pytest.approx(4 / 6)
    assert result.quartile == 3
    assert result.median == Decimal("34.05")
    assert result.mad == Decimal("2.5")
    assert result.mad_score == Decimal("-0.38")
    assert result.missing == ()
    tied = benchmark(NEIGHBOURS_2023, "Pendle", recycling, Polarity.HIGHER)
    assert tied.rank == 2
    assert benchmark(NEIGHBOURS_2023, "Burnley", recycling, Polarity.HIGHER).rank == 2


def test_members_without_a_value_are_left_out_and_listed() -> None:
    partial = {"Rossendale": 5, "Burnley": 7, "Pendle": 3}
    result = benchmark(NEIGHBOURS_2023, "Rossendale", partial, Polarity.LOWER)
    assert result.size == 3
    assert result.rank == 2
    assert result.missing == ("Hyndburn", "High Peak", "Barrow-in-Furness")


def test_data_only_indicators_get_no_rank_but_a_median() -> None:
    result = benchmark(
        REGION, "Burnley", {"Rossendale": 1, "Burnley": 2, "Preston": 4}, Polarity.NONE
    )
    assert (result.rank, result.position, result.quartile) == (None, None, None)
    assert result.median == 2
    assert result.mad == 1
    assert result.mad_score == 0


def test_benchmark_needs_the_member_and_its_value() -> None:
    with pytest.raises(ValueError, match="'Preston' is not a member of comparator group 'cipfa'"):
        benchmark(NEIGHBOURS_2023, "Preston", {"Preston": 1}, Polarity.HIGHER)
    with pytest.raises(ValueError, match="'Burnley' has no value to compare with group 'cipfa'"):
        benchmark(NEIGHBOURS_2023, "Burnley", {"Rossendale": 1}, Polarity.HIGHER)


@given(value_maps, polarities)
def test_benchmark_agrees_with_ranking_and_quartiles(
    scores: dict[str, Decimal], polarity: Polarity
) -> None:
    group = ComparatorGroup("g", tuple(scores))
    ranks = rank_values(scores, polarity)
    for member in scores:
        result = benchmark(group, member, scores, polarity)
        assert result.rank == ranks[member]
        assert result.position == ranks[member] / len(scores)
        assert result.quartile == quartile(ranks[member], len(scores))


# -- significance against the group ---------------------------------------------------


def test_a_member_significantly_better_than_its_group() -> None:
    counts = {"Rossendale": (900, 1000), "Burnley": (700, 1000), "Pendle": (720, 1000)}
    result = compare_with_group("Rossendale", counts, Polarity.HIGHER, factor=100)
    assert result.group_value == pytest.approx(2320 / 3000 * 100)
    assert result.significance is Significance.BETTER
    assert result.interval.contains(90)


def test_a_small_member_is_similar_to_its_group() -> None:
    counts = {"Rossendale": (8, 10), "Burnley": (700, 1000), "Pendle": (720, 1000)}
    result = compare_with_group("Rossendale", counts, Polarity.HIGHER, factor=100)
    assert result.significance is Significance.SIMILAR


def test_a_rate_is_compared_by_byar() -> None:
    # crimes per 1,000 population, lower is better
    counts = {
        "Rossendale": (2_400, 70_000),
        "Burnley": (6_000, 90_000),
        "Hyndburn": (5_000, 80_000),
    }
    result = compare_with_group(
        "Rossendale", counts, Polarity.LOWER, method=IntervalMethod.BYAR, factor=1000
    )
    assert result.significance is Significance.BETTER
    assert result.interval.value == pytest.approx(2_400 / 70)


def test_group_comparison_needs_counts() -> None:
    with pytest.raises(ValueError, match="'Preston' has no counts to compare with its group"):
        compare_with_group("Preston", {"Burnley": (1, 2)}, Polarity.HIGHER)
    with pytest.raises(ValueError, match="the group's total denominator must be positive, not 0"):
        compare_with_group("Burnley", {"Burnley": (0, 0)}, Polarity.HIGHER)


@given(st.lists(st.tuples(st.integers(0, 500), st.integers(1, 500)), min_size=1, max_size=10))
def test_the_group_value_lies_within_the_members_range(pairs: list[tuple[int, int]]) -> None:
    counts = {f"m{i}": (min(o, n), n) for i, (o, n) in enumerate(pairs)}
    assume(all(n > 0 for _, n in counts.values()))
    result = compare_with_group("m0", counts, Polarity.HIGHER)
    rates = [o / n for o, n in counts.values()]
    assert min(rates) - 1e-12 <= result.group_value <= max(rates) + 1e-12


# -- range ("Goldilocks") indicators -------------------------------------------------------

bounds = st.tuples(values, values).map(sorted).map(tuple)


def test_range_indicators_rank_by_distance_from_the_midpoint() -> None:
    scores = {"a": 50, "b": 47, "c": 53, "d": 70, "e": 35}
    ranks = rank_values(scores, Polarity.RANGE, target_range=(40, 60))
    assert ranks == {"a": 1, "b": 2, "c": 2, "d": 5, "e": 4}


def test_range_benchmark_gives_rank_position_and_quartile() -> None:
    scores = {"Rossendale": Decimal("47.5"), "Burnley": Decimal("52.5"), "Preston": Decimal(80)}
    result = benchmark(REGION, "Rossendale", scores, Polarity.RANGE, target_range=(45, 55))
    assert (result.rank, result.size, result.quartile) == (1, 3, 2)
    assert result.position == pytest.approx(1 / 3)
    worst = benchmark(REGION, "Preston", scores, Polarity.RANGE, target_range=(45, 55))
    assert (worst.rank, worst.quartile) == (3, 4)
    unranked = benchmark(REGION, "Preston", scores, Polarity.RANGE)
    assert (unranked.rank, unranked.position, unranked.quartile) == (None, None, None)
    assert unranked.median == Decimal("52.5")


def test_a_range_upside_down_is_rejected() -> None:
    with pytest.raises(ValueError, match=r"lower bound \(60\) is above its upper bound \(40\)"):
        rank_values({"a": 1}, Polarity.RANGE, target_range=(60, 40))
    with pytest.raises(ValueError, match="a benchmark value must be a finite number, not inf"):
        benchmark(REGION, "Preston", {"Preston": 1}, Polarity.RANGE, target_range=(0, math.inf))


@given(value_maps, bounds)
def test_range_ranks_count_the_strictly_nearer_and_ties_share(
    scores: dict[str, Decimal], target_range: tuple[Decimal, Decimal]
) -> None:
    ranks = rank_values(scores, Polarity.RANGE, target_range=target_range)
    centre = (target_range[0] + target_range[1]) / 2
    assert min(ranks.values()) == 1
    for a in scores:
        nearer = sum(1 for b in scores if abs(scores[b] - centre) < abs(scores[a] - centre))
        assert ranks[a] == nearer + 1
        for b in scores:
            if abs(scores[a] - centre) == abs(scores[b] - centre):
                assert ranks[a] == ranks[b]


@given(value_maps, bounds)
def test_range_ranks_are_symmetric_about_the_midpoint(
    scores: dict[str, Decimal], target_range: tuple[Decimal, Decimal]
) -> None:
    lower, upper = target_range
    mirrored = {k: lower + upper - v for k, v in scores.items()}  # reflected in the midpoint
    assert rank_values(mirrored, Polarity.RANGE, target_range=target_range) == rank_values(
        scores, Polarity.RANGE, target_range=target_range
    )
    # a value and its reflection tie
    first = next(iter(scores))
    both = {"x": scores[first], "y": lower + upper - scores[first]}
    assert rank_values(both, Polarity.RANGE, target_range=target_range) == {"x": 1, "y": 1}


def test_a_frameworks_range_indicator_is_ranked_from_its_target_range(tmp_path: Path) -> None:
    files = {
        "framework.toml": '[organisation]\nname = "Us"\ncode = "us"\n',
        "indicators.csv": (
            "code,title,polarity,aggregation,frequency,unit,decimals,comparator_group\n"
            "VAC,Vacancy rate,range,last,annual,%,1,family\n"
            "OCC,Occupancy with no range set,range,last,annual,%,1,family\n"
        ),
        "targets.csv": "indicator,period,target,lower,upper\nVAC,2024/25,,2.0,4.0\n",
        "values.csv": "indicator,period,value\nVAC,2024/25,3.4\nOCC,2024/25,3.4\n",
        "comparators.csv": (
            "group,member,name,valid_from,valid_to\n"
            "family,us,Us,2020-04-01,\nfamily,a,A,2020-04-01,\n"
            "family,b,B,2020-04-01,\nfamily,c,C,2020-04-01,\n"
        ),
        "comparisons.csv": (
            "indicator,period,organisation,value\n"
            "VAC,2024/25,a,3.0\nVAC,2024/25,b,2.6\nVAC,2024/25,c,6.0\n"
            "OCC,2024/25,a,3.0\nOCC,2024/25,b,2.6\nOCC,2024/25,c,6.0\n"
        ),
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result, unranged = benchmark_framework(load_bundle(tmp_path), FinancialYear(2024))
    assert result.result is not None
    # midpoint 3.0: a is on it; us (3.4) and b (2.6) are 0.4 away and tie; c is far out
    assert (result.result.rank, result.result.size, result.result.quartile) == (2, 4, 2)
    # no lower and upper target: nothing to measure the distance from
    assert unranged.result is not None
    assert (unranged.result.rank, unranged.result.quartile) == (None, None)
    assert unranged.result.median == Decimal("3.2")
