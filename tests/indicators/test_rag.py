"""RAG rules: published-style cases for each rule, the registry, and the laws."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.builtins.rag import NamedRule
from goldenthread.indicators.definition import Tolerance
from goldenthread.indicators.numbers import ValueState, round_half_up
from goldenthread.indicators.polarity import Polarity
from goldenthread.indicators.rag import (
    RATED,
    RagInput,
    RagResult,
    RagRule,
    RagStatus,
    UnknownRuleError,
    activity_range_rule,
    default_rules,
    describe_figure,
    describe_rule,
    havering_rule,
    kent_rule,
    medway_rule,
    preamble,
    rate,
    reason_for,
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
        **{k: (D(v) if isinstance(v, str) and k != "unit" else v) for k, v in kw.items()},  # type: ignore[arg-type]
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


# ------------------------------------------------------- statuses without a comparison
@pytest.mark.parametrize("name", list(default_rules()))
@pytest.mark.parametrize(
    ("state", "status"),
    [
        (ValueState.NOT_APPLICABLE, RagStatus.NOT_APPLICABLE),
        (ValueState.NOT_YET_DUE, RagStatus.NOT_YET_DUE),
        (ValueState.MISSING, RagStatus.NO_DATA),
        (None, RagStatus.NO_DATA),
    ],
)
def test_a_missing_value_says_why_by_every_rule(
    name: str, state: ValueState | None, status: RagStatus
) -> None:
    rule = default_rules().get(name)
    inp = attrs.evolve(rag(HIGHER, None, "3", lower="1", upper="9"), state=state)
    assert rule(inp) is status
    assert rate(rule, inp, name).status is status
    # polarity none is data-only whatever the value's state
    assert rate(rule, attrs.evolve(inp, polarity=Polarity.NONE)).status is RagStatus.DATA_ONLY


def _fussy(inp: RagInput) -> RagStatus:
    """A plugin rule that handles nothing but a value with a target."""
    assert inp.value is not None
    assert inp.target is not None
    return RagStatus.GREEN if inp.value >= inp.target else RagStatus.RED


@pytest.mark.parametrize(
    ("inp", "status"),
    [
        (rag(HIGHER, None, "3", state=ValueState.NOT_APPLICABLE), RagStatus.NOT_APPLICABLE),
        (rag(HIGHER, None, "3", state=ValueState.NOT_YET_DUE), RagStatus.NOT_YET_DUE),
        (rag(HIGHER, None, "3", state=ValueState.MISSING), RagStatus.NO_DATA),
        (rag(HIGHER, "5"), RagStatus.NO_TARGET),
        (rag(Polarity.NONE, "5", "3"), RagStatus.DATA_ONLY),
        (rag(HIGHER, "5", "3"), RagStatus.GREEN),
    ],
)
def test_a_plugin_rule_never_sees_what_the_preamble_settles(
    inp: RagInput, status: RagStatus
) -> None:
    assert rate(_fussy, inp, "fussy").status is status


def test_rate_reads_a_status_value_and_refuses_anything_else() -> None:
    def words(inp: RagInput) -> RagStatus:
        return "amber"  # type: ignore[return-value]

    def nonsense(inp: RagInput) -> RagStatus:
        return "purple"  # type: ignore[return-value]

    assert rate(words, rag(HIGHER, "5", "3")).status is RagStatus.AMBER
    with pytest.raises(TypeError, match="'odd' returned 'purple', not a RagStatus"):
        rate(nonsense, rag(HIGHER, "5", "3"), "odd")


# --------------------------------------------------------------------------- reasons
def visits(value: str, target: str, lower: str, upper: str) -> RagInput:
    return RagInput(HIGHER, D(value), D(target), D(lower), D(upper), unit="visits", decimals=0)


@pytest.mark.parametrize(
    ("rule", "inp", "status", "reason"),
    [
        (
            activity_range_rule,
            visits("64327", "60027", "48911", "64473"),
            A,
            "64,327 visits is 7.2% above the planned 60,027 visits, more than the 5% "
            "tolerance (3,001.35 visits), but within the activity thresholds of 48,911 "
            "visits to 64,473 visits.",
        ),
        (
            activity_range_rule,
            visits("70000", "60027", "48911", "64473"),
            R,
            "70,000 visits is above the upper activity threshold of 64,473 visits by 8.6% "
            "(thresholds 48,911 visits to 64,473 visits; planned 60,027 visits).",
        ),
        (
            activity_range_rule,
            visits("61000", "60027", "48911", "64473"),
            G,
            "61,000 visits is 1.6% above the planned 60,027 visits, within the 5% tolerance "
            "(3,001.35 visits).",
        ),
        (
            tolerance_rule,
            rag(HIGHER, "72.94", "74", decimals=1, unit="%"),
            A,
            "72.9% is 1.1 percentage points below the target of 74.0%, within the 5% "
            "tolerance (3.7 percentage points).",
        ),
        (
            tolerance_rule,
            rag(LOWER, "8.9", "8", decimals=1, unit="days"),
            R,
            "8.9 days is 0.9 days above the target of 8.0 days, more than the 5% tolerance "
            "(0.4 days).",
        ),
        (
            tolerance_rule,
            rag(HIGHER, "151966", "135200", unit="£"),
            G,
            "£151,966 is £16,766 above the target of £135,200, better than target.",
        ),
        (
            tolerance_rule,
            rag(
                RANGE,
                "3.7",
                lower="2",
                upper="3.5",
                tolerance=Tolerance.parse("10%"),
                decimals=1,
                unit="%",
            ),
            A,
            "3.7% is 0.2 percentage points above the upper bound of 3.5%, within the 10% "
            "tolerance (0.35 percentage points).",
        ),
        (
            kent_rule,
            rag(HIGHER, "86.5", "90", floor="80", decimals=1, unit="%"),
            A,
            "86.5% is 3.5 percentage points below the target of 90.0%, but meets the floor "
            "standard of 80.0%.",
        ),
        (
            kent_rule,
            rag(LOWER, "27", "18", floor="26", unit="days"),
            R,
            "27 days is 9 days above the target of 18 days, and worse than the floor "
            "standard of 26 days.",
        ),
        (
            medway_rule,
            rag(HIGHER, "78.9", "84", forecast="79.6", year_target="84", decimals=1, unit="%"),
            R,
            "78.9% is 5.1 percentage points below the target of 84.0%, and the forecast "
            "year-end outturn of 79.6% misses the year-end target of 84.0%.",
        ),
        (
            medway_rule,
            rag(HIGHER, "78.9", "84", forecast="85", year_target="84", decimals=1, unit="%"),
            A,
            "78.9% is 5.1 percentage points below the target of 84.0%, but the forecast "
            "year-end outturn of 85.0% meets the year-end target of 84.0%.",
        ),
        (
            havering_rule,
            rag(LOWER, "8.3", "8", tolerance=Tolerance.parse("0.5"), decimals=2, unit="days"),
            G,
            "8.30 days is 0.30 days above the target of 8.00 days, within the tolerance of "
            "0.50 days, which counts as green under this rule.",
        ),
        (
            havering_rule,
            rag(
                LOWER,
                "9.4",
                "8",
                last_year="10.4",
                tolerance=Tolerance.parse("0.5"),
                decimals=2,
                unit="days",
            ),
            A,
            "9.40 days is 1.40 days above the target of 8.00 days, more than the tolerance "
            "of 0.50 days, but better than the same period last year (10.40 days).",
        ),
        (
            havering_rule,
            rag(LOWER, "9.4", "8", tolerance=Tolerance.parse("0.5"), decimals=2, unit="days"),
            R,
            "9.40 days is 1.40 days above the target of 8.00 days, more than the tolerance "
            "of 0.50 days, and there is no figure for the same period last year to improve on.",
        ),
    ],
)
def test_each_built_in_rule_says_why_in_words(
    rule: RagRule, inp: RagInput, status: RagStatus, reason: str
) -> None:
    assert rate(rule, inp) == RagResult(status, reason)


@pytest.mark.parametrize(
    ("inp", "words"),
    [
        (rag(Polarity.NONE, "5"), "information only"),
        (rag(HIGHER, None, "3", state=ValueState.NOT_APPLICABLE), "not applicable"),
        (rag(HIGHER, None, "3", state=ValueState.NOT_YET_DUE), "had not ended"),
        (rag(HIGHER, None, "3", state=ValueState.MISSING), "one is due"),
        (rag(HIGHER, None, "3", state=ValueState.PRESENT), "could be worked out"),
        (rag(HIGHER, "5"), "No target is set"),
        (rag(RANGE, "5", lower="1"), "No target range"),
    ],
)
def test_the_shared_statuses_say_why(inp: RagInput, words: str) -> None:
    for name in default_rules():
        assert words in rate(default_rules().get(name), inp, name).reason


def test_rules_that_need_more_say_what_is_missing() -> None:
    assert rate(kent_rule, rag(HIGHER, "5", "6")) == RagResult(
        RagStatus.NO_TARGET,
        "No floor standard is set for this period, which this rule needs, so it is not rated.",
    )
    assert "a lower threshold and an upper threshold are not set" in (
        rate(activity_range_rule, rag(HIGHER, "5", "6")).reason
    )
    assert "no year-end forecast" in rate(medway_rule, rag(HIGHER, "5", "6")).reason


def test_a_plugin_rule_gets_a_generic_reason_or_its_own() -> None:
    inp = rag(HIGHER, "72.94", "74", decimals=1, unit="%")
    assert rate(_fussy, inp, "surrey").reason == (
        "Rated red by the council's 'surrey' rule: 72.9% against the target of 74.0%."
    )
    explained = NamedRule("surrey", _fussy, lambda i, s: f"{s.value} because Surrey says so")
    assert rate(explained, inp, "surrey").reason == "red because Surrey says so"
    # a built-in rule offered under its name by the built-in plugin keeps its words
    named = NamedRule("tolerance", tolerance_rule)
    assert rate(named, inp).reason == rate(tolerance_rule, inp).reason
    # an explanation that gives nothing falls back to the generic reason
    silent = NamedRule("quiet", _fussy, lambda i, s: "  ")
    assert rate(silent, inp, "quiet").reason.startswith("Rated red by the council's 'quiet'")


def test_rules_describe_themselves() -> None:
    assert "floor standard" in describe_rule(kent_rule)
    assert "forecast" in describe_rule(NamedRule("medway", medway_rule))
    assert describe_rule(_fussy) == "A plugin rule that handles nothing but a value with a target."
    assert describe_rule(lambda i: RagStatus.GREEN) == "the council's own rule (from a plugin)"


@pytest.mark.parametrize(
    ("figure", "decimals", "unit", "text"),
    [
        ("64327", 0, "visits", "64,327 visits"),
        ("57.265", 2, "%", "57.27%"),
        ("-1234.5", 0, "£", "\u2212£1,235"),
        ("-0.04", 1, "", "0.0"),
        ("12.25", 1, "per 100,000", "12.3 per 100,000"),
    ],
)
def test_figures_in_reasons_are_as_a_reader_sees_them(
    figure: str, decimals: int, unit: str, text: str
) -> None:
    assert describe_figure(D(figure), decimals, unit) == text


@given(
    inputs(st.sampled_from([HIGHER, LOWER, RANGE])),
    st.sampled_from(list(default_rules())),
    st.sampled_from(list(ValueState)),
)
def test_a_missing_value_s_status_depends_only_on_its_state(
    inp: RagInput, name: str, state: ValueState
) -> None:
    expected = {
        ValueState.NOT_APPLICABLE: RagStatus.NOT_APPLICABLE,
        ValueState.NOT_YET_DUE: RagStatus.NOT_YET_DUE,
        ValueState.MISSING: RagStatus.NO_DATA,
        ValueState.PRESENT: RagStatus.NO_DATA,
    }[state]
    missing = attrs.evolve(inp, value=None, state=state)
    assert preamble(missing) is expected
    assert rate(default_rules().get(name), missing, name).status is expected


@given(
    inputs(st.sampled_from([HIGHER, LOWER, RANGE])),
    st.sampled_from(list(default_rules())),
    st.sampled_from(["%", "days", "£", "", "visits"]),
)
def test_every_status_has_a_reason_and_a_rated_one_shows_the_value(
    inp: RagInput, name: str, unit: str
) -> None:
    inp = attrs.evolve(inp, unit=unit)
    rule = default_rules().get(name)
    result = rate(rule, inp, name)
    assert result.status is rule(inp)
    assert result.reason.strip()
    assert inp.value is not None
    if result.status in RATED:
        assert describe_figure(inp.value, inp.decimals, unit) in result.reason


def _swap_sides(text: str) -> str:
    return text.replace("above", "\0").replace("below", "above").replace("\0", "below")


@given(
    st.integers(-100_000, 100_000),
    st.integers(-100_000, 100_000),
    tolerances,
    st.integers(0, 3),
    st.sampled_from(["%", "days", "£", ""]),
)
def test_reasons_mirror_with_polarity(
    value_units: int, target_units: int, tolerance: Tolerance, decimals: int, unit: str
) -> None:
    step = Decimal(1).scaleb(-decimals)
    value, target = value_units * step, target_units * step
    higher = RagInput(HIGHER, value, target, tolerance=tolerance, decimals=decimals, unit=unit)
    # the same distance on the other side of the target, where lower is better
    lower = attrs.evolve(higher, polarity=LOWER, value=2 * target - value)
    up, down = rate(tolerance_rule, higher), rate(tolerance_rule, lower)
    assert up.status is down.status
    # each reason starts with its own value; what follows mirrors above and below
    up_value = describe_figure(value, decimals, unit)
    down_value = describe_figure(2 * target - value, decimals, unit)
    assert up.reason.startswith(f"{up_value} ")
    assert down.reason.startswith(f"{down_value} ")
    assert _swap_sides(up.reason.removeprefix(up_value)) == down.reason.removeprefix(down_value)


def test_reason_for_words_a_status_given_from_outside() -> None:
    inp = rag(HIGHER, "5", "3")
    assert reason_for(_fussy, inp, RagStatus.NO_TARGET) == (
        "No target is set for this period, so it is not rated."
    )


@given(
    st.integers(0, 200_000),
    st.integers(1, 200_000),
    st.integers(0, 100_000),
    st.integers(0, 100_000),
    st.integers(0, 30),
)
def test_the_activity_rule_names_the_line_that_decided(
    value: int, target: int, below: int, above: int, tolerance: int
) -> None:
    inp = RagInput(
        HIGHER,
        D(value),
        D(target),
        D(max(target - below, 0)),
        D(target + above),
        tolerance=Tolerance.parse(f"{tolerance}%"),
        unit="visits",
    )
    result = rate(activity_range_rule, inp)
    assert result.status is activity_range_rule(inp)
    assert result.reason.startswith(f"{value:,} visits is ")
    if result.status is RagStatus.GREEN:
        assert f"within the {tolerance}% tolerance" in result.reason
    elif result.status is RagStatus.AMBER:
        assert "but within the activity thresholds of" in result.reason
    else:
        crossed = inp.upper if D(value) > (inp.upper or 0) else inp.lower
        assert crossed is not None
        side = "upper" if crossed == inp.upper and D(value) > crossed else "lower"
        assert f"the {side} activity threshold of {describe_figure(crossed, 0, 'visits')}" in (
            result.reason
        )
