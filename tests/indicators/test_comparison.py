"""Benchmarking a council's indicators against its comparator group's published figures."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from goldenthread.cli.benchmark import benchmark_command
from goldenthread.examples import example_path
from goldenthread.indicators.benchmarking import ComparatorGroup
from goldenthread.indicators.comparison import (
    PublishedValue,
    benchmark_framework,
    benchmark_indicator,
    interval_method,
)
from goldenthread.indicators.definition import Aggregation, IndicatorDefinition
from goldenthread.indicators.polarity import Polarity
from goldenthread.indicators.stats import IntervalMethod, Significance
from goldenthread.io.bundle import load_bundle
from goldenthread.periods import FinancialYear, Frequency, Quarter, parse_period

Q1 = Quarter(2025, 1)
NN = "CIPFA nearest neighbours"
OTHERS = ("hyndburn", "burnley", "pendle", "mansfield")
GROUP = ComparatorGroup(NN, ("us", *OTHERS), valid_from=dt.date(2021, 4, 1))


def definition(polarity: Polarity = Polarity.HIGHER, **changes: Any) -> IndicatorDefinition:
    base = IndicatorDefinition(
        "NI 157a",
        "Major planning applications in 13 weeks",
        polarity,
        Aggregation.RATIO,
        Frequency.MONTHLY,
        unit="%",
        decimals=1,
        factor=Decimal(100),
        comparator_group=NN,
    )
    return attrs.evolve(base, **changes)


def published(values: dict[str, str], period: Quarter = Q1) -> list[PublishedValue]:
    return [PublishedValue("NI 157a", period, org, Decimal(v)) for org, v in values.items()]


FIGURES = published({"hyndburn": "70.0", "burnley": "80.0", "pendle": "80.0", "mansfield": "90.0"})


def test_the_council_is_ranked_among_the_group_by_polarity() -> None:
    result = benchmark_indicator(definition(), Q1, "us", Decimal("85"), [GROUP], FIGURES)
    assert result.reason == ""
    assert result.group == GROUP
    assert result.result is not None
    assert (result.result.rank, result.result.size, result.result.quartile) == (2, 5, 2)
    assert result.result.median == Decimal("80.0")
    assert result.result.mad == Decimal("5.0")
    assert result.result.mad_score == Decimal(1)
    lower = benchmark_indicator(
        definition(Polarity.LOWER), Q1, "us", Decimal("85"), [GROUP], FIGURES
    )
    assert lower.result is not None
    assert lower.result.rank == 4


def test_figures_are_compared_as_shown_so_close_values_tie() -> None:
    result = benchmark_indicator(definition(), Q1, "us", Decimal("79.96"), [GROUP], FIGURES)
    assert result.result is not None
    assert result.result.value == Decimal("80.0")
    assert result.result.rank == 2  # tied with burnley and pendle, sharing the best rank


def test_figures_of_other_indicators_periods_and_the_council_itself_are_ignored() -> None:
    noise = [
        PublishedValue("NI 192", Q1, "hyndburn", Decimal(1)),
        PublishedValue("NI 157a", Quarter(2025, 2), "hyndburn", Decimal(1)),
        PublishedValue("NI 157a", Q1, "us", Decimal(1)),
        PublishedValue("NI 157a", Q1, "outsider", Decimal(1)),
    ]
    result = benchmark_indicator(definition(), Q1, "us", Decimal(85), [GROUP], FIGURES + noise)
    assert result.result is not None
    assert (result.result.value, result.result.size, result.result.rank) == (Decimal(85), 5, 2)


def test_members_without_a_figure_are_listed_as_missing() -> None:
    result = benchmark_indicator(definition(), Q1, "us", Decimal(85), [GROUP], FIGURES[:2])
    assert result.result is not None
    assert result.result.size == 3
    assert result.result.missing == ("pendle", "mansfield")


def test_the_group_version_valid_at_the_end_of_the_period_is_used() -> None:
    old = ComparatorGroup(NN, ("us", "hyndburn"), valid_to=dt.date(2025, 6, 29))
    new = ComparatorGroup(NN, ("us", "burnley"), valid_from=dt.date(2025, 6, 30))
    result = benchmark_indicator(definition(), Q1, "us", Decimal(85), [old, new], FIGURES)
    assert result.group == new
    assert result.result is not None
    assert result.result.size == 2


@pytest.mark.parametrize(
    ("changes", "council", "own", "groups", "reason"),
    [
        ({"comparator_group": ""}, "us", "1", [GROUP], "NI 157a names no comparator group"),
        (
            {"comparator_group": "family"},
            "us",
            "1",
            [GROUP],
            "no version of group 'family' is valid on 2025-06-30",
        ),
        (
            {},
            "us",
            "1",
            [attrs.evolve(GROUP, valid_to=dt.date(2024, 3, 31))],
            f"no version of group {NN!r} is valid on 2025-06-30",
        ),
        ({}, "them", "1", [GROUP], f"'them' is not a member of group {NN!r}"),
        ({}, "us", None, [GROUP], "'us' has no value of NI 157a for 2025/26 Q1"),
    ],
)
def test_what_cannot_be_benchmarked_says_why(
    changes: dict[str, Any],
    council: str,
    own: str | None,
    groups: list[ComparatorGroup],
    reason: str,
) -> None:
    own_value = None if own is None else Decimal(own)
    result = benchmark_indicator(definition(**changes), Q1, council, own_value, groups, FIGURES)
    assert result.result is None
    assert result.reason == reason


def test_overlapping_group_versions_are_an_error() -> None:
    with pytest.raises(ValueError, match="must not overlap"):
        benchmark_indicator(definition(), Q1, "us", Decimal(1), [GROUP, GROUP], FIGURES)


def counted(counts: dict[str, tuple[int, int]]) -> list[PublishedValue]:
    return [
        PublishedValue("NI 157a", Q1, org, Decimal(n) / Decimal(d) * 100, Decimal(n), Decimal(d))
        for org, (n, d) in counts.items()
    ]


def test_with_counts_from_every_member_the_significance_test_is_made() -> None:
    figures = counted(dict.fromkeys(OTHERS, (500, 1000)))
    better = benchmark_indicator(
        definition(), Q1, "us", Decimal(90), [GROUP], figures, (Decimal(900), Decimal(1000))
    )
    assert better.comparison is not None
    assert better.comparison.significance is Significance.BETTER
    assert better.comparison.group_value == pytest.approx(58.0)
    similar = benchmark_indicator(
        definition(), Q1, "us", Decimal(50), [GROUP], figures, (Decimal(5), Decimal(10))
    )
    assert similar.comparison is not None
    assert similar.comparison.significance is Significance.SIMILAR


def test_without_everyones_counts_there_is_no_significance_test() -> None:
    figures = counted(dict.fromkeys(OTHERS[:3], (500, 1000))) + published({"mansfield": "50"})
    own = (Decimal(900), Decimal(1000))
    partial = benchmark_indicator(definition(), Q1, "us", Decimal(90), [GROUP], figures, own)
    assert partial.result is not None
    assert partial.comparison is None
    mine_missing = benchmark_indicator(
        definition(), Q1, "us", Decimal(90), [GROUP], counted({"burnley": (5, 10)})
    )
    assert mine_missing.comparison is None
    zero = benchmark_indicator(
        definition(),
        Q1,
        "us",
        Decimal(0),
        [GROUP],
        counted({}),
        (Decimal(0), Decimal(0)),
    )
    assert zero.comparison is None


def test_percentages_use_wilson_and_other_rates_byar() -> None:
    assert interval_method(definition()) is IntervalMethod.WILSON
    assert interval_method(definition(unit="per 1,000")) is IntervalMethod.POISSON


values_strategy = st.decimals(min_value=0, max_value=100, places=1, allow_nan=False)


@settings(max_examples=80)
@given(
    others=st.lists(values_strategy, min_size=len(OTHERS), max_size=len(OTHERS)),
    own=values_strategy,
    gain=st.decimals(min_value=0, max_value=50, places=2, allow_nan=False),
    polarity=st.sampled_from([Polarity.HIGHER, Polarity.LOWER]),
)
def test_a_better_own_figure_never_gets_a_worse_rank(
    others: list[Decimal], own: Decimal, gain: Decimal, polarity: Polarity
) -> None:
    figures = published({m: str(v) for m, v in zip(OTHERS, others, strict=True)})
    improved = own + gain if polarity is Polarity.HIGHER else own - gain
    ind = definition(polarity)
    before = benchmark_indicator(ind, Q1, "us", own, [GROUP], figures).result
    after = benchmark_indicator(ind, Q1, "us", improved, [GROUP], figures).result
    assert before is not None
    assert after is not None
    assert before.rank is not None
    assert after.rank is not None
    assert after.rank <= before.rank
    assert before.quartile is not None
    assert after.quartile is not None
    assert after.quartile <= before.quartile
    assert before.median == after.median or before.size == after.size


@settings(max_examples=40)
@given(st.lists(values_strategy, min_size=len(OTHERS), max_size=len(OTHERS)))
def test_the_ranks_of_higher_and_lower_polarity_mirror(others: list[Decimal]) -> None:
    figures = published({m: str(v) for m, v in zip(OTHERS, others, strict=True)})
    own = Decimal("50.0")
    high = benchmark_indicator(definition(), Q1, "us", own, [GROUP], figures).result
    low = benchmark_indicator(definition(Polarity.LOWER), Q1, "us", own, [GROUP], figures).result
    assert high is not None
    assert low is not None
    assert high.rank is not None
    assert low.rank is not None
    ties = sum(1 for v in others if v == own)
    assert high.rank + low.rank == high.size + 1 - ties


# --- the example councils -----------------------------------------------------------


@pytest.mark.parametrize("name", ["rossendale", "poole"])
def test_the_examples_benchmark_their_nearest_neighbour_indicators(name: str) -> None:
    framework = load_bundle(example_path(name))
    results = benchmark_framework(framework, parse_period("2025/26 Q1"))
    assert {r.indicator for r in results} == {"NI 157a", "NI 192", "NI 181", "NI 191"}
    for item in results:
        assert item.result is not None, item.reason
        assert item.result.size == 15
        assert item.result.rank is not None
        assert 1 <= item.result.rank <= 15
    by_code = {r.indicator: r for r in results}
    assert by_code["NI 192"].comparison is not None
    assert by_code["NI 191"].comparison is None


def test_rossendale_has_no_major_applications_figure_for_q2() -> None:
    framework = load_bundle(example_path("rossendale"))
    by_code = {r.indicator: r for r in benchmark_framework(framework, Quarter(2025, 2))}
    assert by_code["NI 157a"].reason == "'rossendale' has no value of NI 157a for 2025/26 Q2"
    assert by_code["NI 191"].result is not None
    assert by_code["NI 191"].result.missing == ("barrow-in-furness",)


def test_a_period_shorter_than_the_collection_frequency_is_reported() -> None:
    framework = load_bundle(example_path("rossendale"))
    results = benchmark_framework(framework, parse_period("2025-05"))
    by_code = {r.indicator: r for r in results}
    assert by_code["NI 191"].reason == (
        "NI 191 is collected quarterly, so it has no value for 2025-05"
    )
    assert by_code["NI 192"].result is not None


def test_the_annual_figure_aggregates_the_councils_own_months() -> None:
    framework = load_bundle(example_path("rossendale"))
    by_code = {r.indicator: r for r in benchmark_framework(framework, FinancialYear(2024))}
    own = framework.indicators.value("NI 157a", FinancialYear(2024)).value
    result = by_code["NI 157a"].result
    assert own is not None
    assert result is not None
    assert result.value == own.quantize(Decimal("0.1"))


# --- the command --------------------------------------------------------------------


def test_the_command_prints_a_table() -> None:
    source = str(example_path("rossendale"))
    result = CliRunner().invoke(benchmark_command, [source, "--period", "2025/26 Q2"])
    assert result.exit_code == 0, result.output
    assert "Benchmarking Rossendale for 2025/26 Q2" in result.output
    assert "NI 192" in result.output
    assert "NI 157a: 'rossendale' has no value of NI 157a for 2025/26 Q2" in result.output
    assert "NI 191: no figure from barrow-in-furness" in result.output


def test_the_command_prints_json() -> None:
    source = str(example_path("poole"))
    args = [source, "--period", "2025/26 Q1", "--format", "json", "--as-at", "2025-11-01"]
    result = CliRunner().invoke(benchmark_command, args)
    assert result.exit_code == 0, result.output
    records = json.loads(result.output)
    assert [r["indicator"] for r in records] == ["NI 157a", "NI 181", "NI 192", "NI 191"]
    first = records[0]
    assert first["group"] == NN
    assert first["valid_from"] == "2021-04-01"
    assert first["size"] == 15
    assert first["value"] == "77.8"
    assert first["significance"] in {"better", "similar", "worse"}
    assert records[1]["significance"] is None


def test_a_framework_with_no_groups_says_so(tmp_path: Path) -> None:
    (tmp_path / "indicators.csv").write_text(
        "code,title,polarity,aggregation,frequency\nLPI 02,Visits,higher,sum,monthly\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(benchmark_command, [str(tmp_path), "--period", "2025/26"])
    assert result.exit_code == 0, result.output
    assert result.output == "No indicator names a comparator group.\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--period", "Q9 2025"], "Q9 2025"),
        (["--period", "2025/26 Q1", "--as-at", "2025-11-01T09:00"], "no time zone"),
    ],
)
def test_bad_input_exits_2(args: list[str], message: str) -> None:
    result = CliRunner().invoke(benchmark_command, [str(example_path("rossendale")), *args])
    assert result.exit_code == 2
    assert message in result.output + result.stderr


def test_a_missing_source_exits_2() -> None:
    result = CliRunner().invoke(benchmark_command, ["/no/such/bundle", "--period", "2025/26"])
    assert result.exit_code == 2
    assert "no bundle at /no/such/bundle" in result.stderr
