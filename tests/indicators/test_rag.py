"""RAG rules: published-style cases for each rule, the registry, and the laws."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.indicators.definition import Tolerance
from goldenthread.indicators.numbers import round_half_up
from goldenthread.indicators.polarity import Polarity
from goldenthread.indicators.rag import (
    RagInput,
    RagRule,
    RagStatus,
    UnknownRuleError,
    activity_range_rule,
    default_rules,
    havering_rule,
    kent_rule,
    medway_rule,
    tolerance_rule,
)

G, A, R = RagStatus.GREEN, RagStatus.AMBER, RagStatus.RED
D = Decimal
HIGHER, LOWER, RANGE = Polarity.HIGHER, Polarity.LOWER, Polarity.RANGE


def rag(polarity: Polarity, value: str | None, target: str | None = None, **kw: object) -> RagInput:
    return RagInput(
        polarity,
        None if value is None else D(value),
        None if target is None else D(target),
        **{k: (D(v) if isinstance(v, str) else v) for k, v in kw.items()},  # type: ignore[arg-type]
    )


PCT5 = Tolerance.parse("5%")


@pytest.mark.parametrize(
    ("inp", "status"),
    [
        # NI 157a major applications in 13 weeks: target 83%, tolerance 5% (band 4.15)
        (rag(HIGHER, "83.0", "83", tolerance=PCT5, decimals=1), G),
        (rag(HIGHER, "91.2", "83", tolerance=PCT5, decimals=1), G),
        (rag(HIGHER, "79.0", "83", tolerance=PCT5, decimals=1), A),
        (rag(HIGHER, "78.85", "83", tolerance=PCT5, decimals=2), A),
        (rag(HIGHER, "78.8", "83", tolerance=PCT5, decimals=1), R),
        # displayed precision: 82.95 shows as 83.0, so it is on target
        (rag(HIGHER, "82.95", "83", tolerance=PCT5, decimals=1), G),
        # NI 181 benefits processing days, lower is better: target 10, tolerance 10%
        (rag(LOWER, "9.5", "10", tolerance=Tolerance.parse("10%"), decimals=1), G),
        (rag(LOWER, "11.0", "10", tolerance=Tolerance.parse("10%"), decimals=1), A),
        (rag(LOWER, "11.1", "10", tolerance=Tolerance.parse("10%"), decimals=1), R),
        # staff turnover within 2-3.5%, tolerance 10% of the nearer bound
        (
            rag(RANGE, "2.8", lower="2", upper="3.5", tolerance=Tolerance.parse("10%"), decimals=1),
            G,
        ),
        (
            rag(RANGE, "1.8", lower="2", upper="3.5", tolerance=Tolerance.parse("10%"), decimals=1),
            A,
        ),
        (
            rag(RANGE, "1.7", lower="2", upper="3.5", tolerance=Tolerance.parse("10%"), decimals=1),
            R,
        ),
        (
            rag(
                RANGE, "3.85", lower="2", upper="3.5", tolerance=Tolerance.parse("10%"), decimals=2
            ),
            A,
        ),
        (
            rag(RANGE, "3.9", lower="2", upper="3.5", tolerance=Tolerance.parse("10%"), decimals=1),
            R,
        ),
        # absolute tolerance
        (rag(HIGHER, "96.0", "97.5", tolerance=Tolerance.parse("1.5"), decimals=1), A),
        (rag(HIGHER, "95.9", "97.5", tolerance=Tolerance.parse("1.5"), decimals=1), R),
    ],
)
def test_tolerance_rule(inp: RagInput, status: RagStatus) -> None:
    assert tolerance_rule(inp) is status


@pytest.mark.parametrize("rule", list(default_rules().rules.values()))
def test_every_rule_shares_the_preamble(rule: RagRule) -> None:
    assert rule(rag(Polarity.NONE, "5", "3", lower="1", upper="9")) is RagStatus.DATA_ONLY
    assert rule(rag(Polarity.NONE, None)) is RagStatus.DATA_ONLY
    assert rule(rag(HIGHER, None, "3", lower="1", upper="9")) is RagStatus.NO_DATA
    assert rule(rag(HIGHER, "5")) is RagStatus.NO_TARGET


def test_range_needs_both_bounds() -> None:
    assert tolerance_rule(rag(RANGE, "5", "5", lower="1")) is RagStatus.NO_TARGET


HALF = Tolerance.parse("0.5")


@pytest.mark.parametrize(
    ("inp", "status"),
    [
        # BV 12 sickness days per FTE, lower is better, target 9, tolerance 0.5 days
        (rag(LOWER, "8.7", "9", tolerance=HALF, decimals=2), G),
        (rag(LOWER, "9.5", "9", tolerance=HALF, decimals=2), G),  # within tolerance: green
        (rag(LOWER, "10.2", "9", tolerance=HALF, decimals=2, last_year="10.8"), A),
        (rag(LOWER, "10.2", "9", tolerance=HALF, decimals=2, last_year="9.8"), R),
        (rag(LOWER, "10.2", "9", tolerance=HALF, decimals=2, last_year="10.2"), R),
        (rag(LOWER, "10.2", "9", tolerance=HALF, decimals=2), R),
        (rag(RANGE, "4", lower="2", upper="3", tolerance=HALF, last_year="5"), A),
        (rag(RANGE, "4", lower="2", upper="3", tolerance=HALF, last_year="1.5"), R),
    ],
)
def test_havering_rule(inp: RagInput, status: RagStatus) -> None:
    assert havering_rule(inp) is status


@pytest.mark.parametrize(
    ("inp", "status"),
    [
        # complaints answered in 10 days: target 90%, floor standard 80%
        (rag(HIGHER, "91", "90", floor="80"), G),
        (rag(HIGHER, "90", "90", floor="80"), G),
        (rag(HIGHER, "85", "90", floor="80"), A),
        (rag(HIGHER, "80.0", "90", floor="80", decimals=1), A),
        (rag(HIGHER, "79.9", "90", floor="80", decimals=1), R),
        (rag(HIGHER, "85", "90"), RagStatus.NO_TARGET),
        # BV 78a new claims days, lower is better: target 22, floor 26
        (rag(LOWER, "24", "22", floor="26"), A),
        (rag(LOWER, "27", "22", floor="26"), R),
        (rag(RANGE, "2.5", lower="2", upper="3"), G),
        (rag(RANGE, "3.5", lower="2", upper="3"), R),
    ],
)
def test_kent_rule(inp: RagInput, status: RagStatus) -> None:
    assert kent_rule(inp) is status


@pytest.mark.parametrize(
    ("inp", "status"),
    [
        (rag(HIGHER, "80", "80", forecast="70", year_target="80"), G),
        (rag(HIGHER, "78", "80", forecast="81", year_target="80"), A),
        (rag(HIGHER, "78", "80", forecast="80", year_target="80"), A),
        (rag(HIGHER, "78", "80", forecast="79", year_target="80"), R),
        (rag(HIGHER, "78", "80", year_target="80"), R),
        (rag(HIGHER, "78", "80", forecast="81"), R),
        (rag(LOWER, "12", "10", forecast="9.5", year_target="10", decimals=1), A),
        (rag(RANGE, "4", lower="2", upper="3", forecast="2.5"), A),
        (rag(RANGE, "4", lower="2", upper="3", forecast="3.5"), R),
        (rag(RANGE, "2.2", lower="2", upper="3"), G),
    ],
)
def test_medway_rule(inp: RagInput, status: RagStatus) -> None:
    assert medway_rule(inp) is status


@pytest.mark.parametrize(
    ("value", "status"),
    [
        ("250000", G),
        ("262500", G),
        ("237500", G),
        ("230000", A),
        ("290000", A),
        ("220000", A),
        ("219999", R),
        ("291000", R),
    ],
)
def test_activity_range_rule(value: str, status: RagStatus) -> None:
    # leisure visits: plan 250,000 ± 5%, activity thresholds 220,000-290,000
    inp = rag(HIGHER, value, "250000", lower="220000", upper="290000", tolerance=PCT5)
    assert activity_range_rule(inp) is status
    assert activity_range_rule(attrs.evolve(inp, polarity=LOWER)) is status


def test_activity_range_needs_thresholds() -> None:
    assert activity_range_rule(rag(HIGHER, "5", "5", lower="1")) is RagStatus.NO_TARGET


def test_registry() -> None:
    rules = default_rules()
    assert list(rules) == ["activity-range", "havering", "kent", "medway", "tolerance"]
    assert rules.get("kent") is kent_rule
    assert "medway" in rules
    with pytest.raises(UnknownRuleError, match="unknown RAG rule 'surrey'; known rules: activity"):
        rules.get("surrey")

    def always_green(inp: RagInput) -> RagStatus:
        return RagStatus.GREEN

    extended = rules.with_rule("surrey", always_green)
    assert extended.get("surrey") is always_green
    assert "surrey" not in rules
    with pytest.raises(ValueError, match="a RAG rule needs a name"):
        rules.with_rule(" ", always_green)


# ----------------------------------------------------------------------------- laws
ORDER = {RagStatus.RED: 0, RagStatus.AMBER: 1, RagStatus.GREEN: 2}
numbers = st.integers(-1_000_000, 1_000_000).map(lambda i: Decimal(i).scaleb(-3))
tolerances = st.one_of(
    st.integers(0, 200).map(lambda i: Tolerance.parse(f"{Decimal(i).scaleb(-1)}%")),
    st.integers(0, 5000).map(lambda i: Tolerance.parse(str(Decimal(i).scaleb(-2)))),
)
MONOTONE_RULES = [tolerance_rule, havering_rule, kent_rule, medway_rule]


@st.composite
def inputs(draw: st.DrawFn, polarity: st.SearchStrategy[Polarity] | None = None) -> RagInput:
    pol = draw(polarity if polarity is not None else st.sampled_from([HIGHER, LOWER]))
    target = draw(numbers)
    lower, upper = sorted([draw(numbers), draw(numbers)])
    floor = draw(st.none() | numbers)
    return RagInput(
        pol,
        draw(numbers),
        target,
        lower,
        upper,
        floor,
        draw(tolerances),
        draw(st.integers(0, 3)),
        draw(st.none() | numbers),
        draw(st.none() | numbers),
        draw(st.none() | numbers),
    )


@given(inputs(), numbers, st.sampled_from(MONOTONE_RULES))
def test_a_better_value_never_gets_a_worse_status(
    inp: RagInput, other: Decimal, rule: RagRule
) -> None:
    assert inp.value is not None
    better = max(inp.value, other) if inp.polarity is HIGHER else min(inp.value, other)
    before = rule(inp)
    after = rule(attrs.evolve(inp, value=better))
    if before in ORDER:
        assert ORDER[after] >= ORDER[before]


def _mirror(inp: RagInput) -> RagInput:
    def neg(x: Decimal | None) -> Decimal | None:
        return None if x is None else -x

    flipped = {HIGHER: LOWER, LOWER: HIGHER, RANGE: RANGE}[inp.polarity]
    return attrs.evolve(
        inp,
        polarity=flipped,
        value=neg(inp.value),
        target=neg(inp.target),
        lower=neg(inp.upper),
        upper=neg(inp.lower),
        floor=neg(inp.floor),
        last_year=neg(inp.last_year),
        forecast=neg(inp.forecast),
        year_target=neg(inp.year_target),
    )


@given(inputs(st.sampled_from([HIGHER, LOWER, RANGE])), st.sampled_from(list(default_rules())))
def test_mirroring_values_and_flipping_polarity_mirrors_statuses(inp: RagInput, name: str) -> None:
    rule = default_rules().get(name)
    assert rule(_mirror(inp)) is rule(inp)


@given(inputs(), st.sampled_from(MONOTONE_RULES))
def test_on_target_is_green(inp: RagInput, rule: RagRule) -> None:
    assert rule(attrs.evolve(inp, value=inp.target, floor=inp.target)) is RagStatus.GREEN


@given(
    st.sampled_from([HIGHER, LOWER]),
    st.integers(-100_000, 100_000),
    st.integers(1, 5_000),
    st.integers(0, 3),
)
def test_the_edge_of_tolerance_is_amber(
    polarity: Polarity, target_units: int, band_units: int, decimals: int
) -> None:
    step = Decimal(1).scaleb(-decimals)
    target = target_units * step
    band = band_units * step
    sign = 1 if polarity is HIGHER else -1
    inp = RagInput(
        polarity, target, target, tolerance=Tolerance.parse(str(band)), decimals=decimals
    )
    assert tolerance_rule(inp) is RagStatus.GREEN
    edge = target - sign * band
    assert tolerance_rule(attrs.evolve(inp, value=edge)) is RagStatus.AMBER
    assert tolerance_rule(attrs.evolve(inp, value=edge - sign * step)) is RagStatus.RED


@given(
    inputs(st.sampled_from([HIGHER, LOWER, RANGE])),
    st.sampled_from(list(default_rules())),
    st.integers(-499_999, 499_999).map(lambda i: Decimal(i).scaleb(-6)),
)
def test_statuses_match_at_the_displayed_precision(
    inp: RagInput, name: str, nudge: Decimal
) -> None:
    assert inp.value is not None
    rule = default_rules().get(name)
    shown = round_half_up(inp.value, inp.decimals)
    other = shown + nudge * Decimal(1).scaleb(-inp.decimals)
    assert round_half_up(other, inp.decimals) == shown
    assert rule(attrs.evolve(inp, value=other)) is rule(inp)
