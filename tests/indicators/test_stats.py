"""Confidence intervals and significance tests (goldenthread.indicators.stats)."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from scipy import optimize
from scipy.stats import chi2, norm

from goldenthread.indicators.polarity import Polarity
from goldenthread.indicators.stats import (
    ConfidenceInterval,
    IntervalMethod,
    Significance,
    byar_interval,
    chi2_quantile,
    compare_counts,
    compare_intervals,
    compare_with_benchmark,
    confidence_interval,
    exact_poisson_interval,
    poisson_interval,
    wilson_interval,
    z_value,
)

confidences = st.sampled_from([0.8, 0.9, 0.95, 0.99, 0.998])


def wilson_oracle(o: int, n: int, confidence: float) -> tuple[float, float]:
    """The Wilson interval found by inverting the score test numerically."""
    z = float(norm.ppf(1 - (1 - confidence) / 2))
    p_hat = o / n

    def score(p: float) -> float:
        return abs(p_hat - p) - z * math.sqrt(p * (1 - p) / n)

    inner_low, inner_high = max(p_hat, 1e-12), min(p_hat, 1 - 1e-12)
    lower = 0.0 if o == 0 else optimize.brentq(score, 1e-15, inner_high, xtol=1e-14)
    upper = 1.0 if o == n else optimize.brentq(score, inner_low, 1 - 1e-15, xtol=1e-14)
    return lower, upper


def exact_poisson(o: int, confidence: float) -> tuple[float, float]:
    alpha = 1 - confidence
    lower = 0.0 if o == 0 else chi2.ppf(alpha / 2, 2 * o) / 2
    return lower, chi2.ppf(1 - alpha / 2, 2 * o + 2) / 2


# -- z -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("confidence", "expected"), [(0.95, 1.959964), (0.998, 3.090232), (0.9, 1.644854)]
)
def test_z_value_matches_the_normal_quantile(confidence: float, expected: float) -> None:
    assert z_value(confidence) == pytest.approx(expected, abs=1e-6)


@pytest.mark.parametrize("confidence", [0, 1, -0.5, 1.5])
def test_z_value_rejects_a_confidence_outside_0_1(confidence: float) -> None:
    with pytest.raises(ValueError, match="confidence must be between 0 and 1"):
        z_value(confidence)


# -- Wilson --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("o", "n"), [(0, 20), (1, 20), (81, 100), (20, 20), (5, 7), (4_999, 10_000), (3, 1_000)]
)
@pytest.mark.parametrize("confidence", [0.95, 0.998])
def test_wilson_matches_the_inverted_score_test(o: int, n: int, confidence: float) -> None:
    ci = wilson_interval(o, n, confidence)
    lower, upper = wilson_oracle(o, n, confidence)
    assert ci.lower == pytest.approx(lower, abs=1e-9)
    assert ci.upper == pytest.approx(upper, abs=1e-9)
    assert ci.value == o / n
    assert ci.confidence == confidence


def test_wilson_scales_by_factor_for_a_percentage() -> None:
    ci = wilson_interval(81, 100, factor=100)
    plain = wilson_interval(81, 100)
    assert ci.value == pytest.approx(81)
    assert (ci.lower, ci.upper) == pytest.approx((plain.lower * 100, plain.upper * 100))


def test_wilson_takes_decimal_counts_from_indicator_values() -> None:
    assert wilson_interval(Decimal("81"), Decimal("100")) == wilson_interval(81, 100)


@pytest.mark.parametrize(
    ("o", "n", "message"),
    [
        (1, 0, "a proportion needs a positive denominator, not 0"),
        (-1, 10, "a proportion needs a non-negative numerator, not -1"),
        (11, 10, r"a proportion's numerator \(11\) cannot exceed its denominator \(10\)"),
        (float("nan"), 10, "numerator must be a finite number, not nan"),
        (1, float("inf"), "denominator must be a finite number, not inf"),
    ],
)
def test_wilson_rejects_impossible_counts(o: float, n: float, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        wilson_interval(o, n)


@pytest.mark.parametrize("factor", [0, -100])
def test_intervals_reject_a_non_positive_factor(factor: int) -> None:
    with pytest.raises(ValueError, match=f"factor must be positive, not {factor}"):
        wilson_interval(1, 2, factor=factor)
    with pytest.raises(ValueError, match=f"factor must be positive, not {factor}"):
        byar_interval(1, 2, factor=factor)


@st.composite
def proportions(draw: st.DrawFn) -> tuple[int, int]:
    n = draw(st.integers(1, 10**7))
    return draw(st.integers(0, n)), n


@given(proportions(), confidences, st.sampled_from([1, 100, 1000]))
def test_wilson_contains_the_estimate_within_0_and_factor(
    counts: tuple[int, int], confidence: float, factor: int
) -> None:
    o, n = counts
    ci = wilson_interval(o, n, confidence, factor)
    assert 0 <= ci.lower <= ci.value <= ci.upper <= factor
    assert ci.contains(ci.value)


@given(st.integers(0, 50), st.integers(1, 50), st.integers(2, 40), confidences)
def test_wilson_narrows_as_n_grows_at_a_fixed_proportion(
    o: int, extra: int, scale: int, confidence: float
) -> None:
    n = o + extra
    small = wilson_interval(o, n, confidence)
    large = wilson_interval(o * scale, n * scale, confidence)
    assert large.width < small.width


@given(proportions(), st.sampled_from([(0.8, 0.9), (0.9, 0.95), (0.95, 0.99)]))
def test_wilson_widens_with_confidence(
    counts: tuple[int, int], levels: tuple[float, float]
) -> None:
    o, n = counts
    low, high = (wilson_interval(o, n, c) for c in levels)
    assert high.lower <= low.lower
    assert low.upper <= high.upper


# -- Byar ----------------------------------------------------------------------------


def test_byar_for_a_rate_per_thousand() -> None:
    ci = byar_interval(50, 10_000, factor=1000)
    assert ci.value == pytest.approx(5.0)
    assert (ci.lower, ci.upper) == pytest.approx((3.7108, 6.5920), abs=1e-4)


@pytest.mark.parametrize(
    ("o", "confidence", "tolerance"),
    [
        *((o, 0.95, 0.01) for o in (5, 10, 37, 100, 389, 1_000, 25_000)),
        *((o, 0.998, 0.002) for o in (37, 100, 389, 1_000, 25_000)),
    ],
)
def test_byar_approximates_the_exact_poisson_interval_closely(
    o: int, confidence: float, tolerance: float
) -> None:
    lower, upper = exact_poisson(o, confidence)
    ci = byar_interval(o, 1, confidence)
    assert ci.lower == pytest.approx(lower, rel=tolerance)
    assert ci.upper == pytest.approx(upper, rel=tolerance)


def test_byar_with_no_events_has_a_lower_limit_of_zero() -> None:
    ci = byar_interval(0, 5_000, factor=1000)
    assert ci.lower == 0
    assert ci.value == 0
    assert ci.upper == pytest.approx(exact_poisson(0, 0.95)[1] / 5, rel=0.02)


def test_byar_clamps_a_negative_lower_limit_to_zero() -> None:
    ci = byar_interval(1, 100, confidence=0.9999)
    assert ci.lower == 0


@pytest.mark.parametrize(
    ("o", "n", "message"),
    [
        (1, 0, "a rate needs a positive denominator, not 0"),
        (-2, 10, "a rate needs a non-negative count, not -2"),
        (float("inf"), 10, "count must be a finite number, not inf"),
    ],
)
def test_byar_rejects_impossible_counts(o: float, n: float, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        byar_interval(o, n)


@given(st.integers(0, 10**6), st.integers(1, 10**7), confidences)
def test_byar_contains_the_observed_rate(o: int, n: int, confidence: float) -> None:
    ci = byar_interval(o, n, confidence, factor=100_000)
    assert 0 <= ci.lower <= ci.value <= ci.upper
    assert ci.value == pytest.approx(o / n * 100_000)


def test_confidence_interval_dispatches_by_method() -> None:
    assert confidence_interval(IntervalMethod.WILSON, 3, 10) == wilson_interval(3, 10)
    assert confidence_interval(IntervalMethod.BYAR, 3, 10, 0.99, 1000) == byar_interval(
        3, 10, 0.99, 1000
    )


# -- comparisons ---------------------------------------------------------------------


def ci(lower: float, upper: float) -> ConfidenceInterval:
    return ConfidenceInterval((lower + upper) / 2, lower, upper, 0.95)


@pytest.mark.parametrize(
    ("polarity", "above", "below"),
    [
        (Polarity.HIGHER, Significance.BETTER, Significance.WORSE),
        (Polarity.LOWER, Significance.WORSE, Significance.BETTER),
        (Polarity.NONE, Significance.HIGHER, Significance.LOWER),
        (Polarity.RANGE, Significance.HIGHER, Significance.LOWER),
    ],
)
def test_benchmark_against_the_interval_by_polarity(
    polarity: Polarity, above: Significance, below: Significance
) -> None:
    interval = ci(60, 70)
    assert compare_with_benchmark(interval, 55, polarity) is above
    assert compare_with_benchmark(interval, 75, polarity) is below
    assert compare_with_benchmark(interval, 65, polarity) is Significance.SIMILAR
    assert compare_with_benchmark(interval, 60, polarity) is Significance.SIMILAR
    assert compare_with_benchmark(interval, Decimal(70), polarity) is Significance.SIMILAR


def test_fingertips_style_comparison_of_a_small_area_with_england() -> None:
    # 81 of 100 (81%) against an England value of 70%: significantly better;
    # 75 of 100 against 70%: the interval includes 70, so similar.
    england = 70
    better = wilson_interval(81, 100, factor=100)
    similar = wilson_interval(75, 100, factor=100)
    assert compare_with_benchmark(better, england, Polarity.HIGHER) is Significance.BETTER
    assert compare_with_benchmark(similar, england, Polarity.HIGHER) is Significance.SIMILAR


def test_compare_intervals_needs_a_gap_to_call_a_change() -> None:
    assert compare_intervals(ci(10, 20), ci(19, 30), Polarity.HIGHER) is Significance.SIMILAR
    assert compare_intervals(ci(31, 40), ci(19, 30), Polarity.HIGHER) is Significance.BETTER
    assert compare_intervals(ci(31, 40), ci(19, 30), Polarity.LOWER) is Significance.WORSE
    assert compare_intervals(ci(1, 5), ci(19, 30), Polarity.LOWER) is Significance.BETTER
    assert compare_intervals(ci(1, 5), ci(19, 30), Polarity.NONE) is Significance.LOWER


def test_benchmark_must_be_finite() -> None:
    with pytest.raises(ValueError, match="benchmark must be a finite number, not nan"):
        compare_with_benchmark(ci(1, 2), float("nan"), Polarity.HIGHER)


@given(st.floats(-100, 100), st.floats(0, 50), st.floats(-200, 200))
def test_comparison_is_antisymmetric_under_polarity_flip(
    lower: float, width: float, mark: float
) -> None:
    interval = ci(lower, lower + width)
    higher = compare_with_benchmark(interval, mark, Polarity.HIGHER)
    lower_is_better = compare_with_benchmark(interval, mark, Polarity.LOWER)
    flipped = {
        Significance.BETTER: Significance.WORSE,
        Significance.WORSE: Significance.BETTER,
        Significance.SIMILAR: Significance.SIMILAR,
    }
    assert lower_is_better is flipped[higher]
    assert (higher is Significance.SIMILAR) == interval.contains(mark)


def test_a_change_in_counts_between_two_periods() -> None:
    # 72% then 79% answered, out of 1,000 calls each quarter: a significant improvement.
    assert compare_counts((790, 1000), (720, 1000), Polarity.HIGHER) is Significance.BETTER
    # the same percentages out of 50 calls: within the noise.
    assert compare_counts((39.5, 50), (36, 50), Polarity.HIGHER) is Significance.SIMILAR
    # crimes per head, lower is better, by Byar
    assert (
        compare_counts((900, 70_000), (1_200, 70_000), Polarity.LOWER, IntervalMethod.BYAR)
        is Significance.BETTER
    )
    with pytest.raises(ValueError, match="a proportion needs a positive denominator, not 0"):
        compare_counts((1, 0), (1, 2), Polarity.HIGHER)


@given(proportions(), proportions(), st.sampled_from(list(IntervalMethod)))
def test_comparing_counts_is_antisymmetric(
    a: tuple[int, int], b: tuple[int, int], method: IntervalMethod
) -> None:
    forward = compare_counts(a, b, Polarity.HIGHER, method)
    backward = compare_counts(b, a, Polarity.HIGHER, method)
    mirror = {
        Significance.BETTER: Significance.WORSE,
        Significance.WORSE: Significance.BETTER,
        Significance.SIMILAR: Significance.SIMILAR,
    }
    assert backward is mirror[forward]
    assert compare_counts(a, a, Polarity.HIGHER, method) is Significance.SIMILAR


# -- exact Poisson limits and Fingertips' rate interval ---------------------------------

# The exact 95% limits of a Poisson count, as tabulated (Garwood 1936; the values PHE's
# Technical Guide: Confidence Intervals, Appendix 2, computes by CHIINV), to 4 decimals.
TABULATED_95 = {
    0: (0.0, 3.6889),
    1: (0.0253, 5.5716),
    2: (0.2422, 7.2247),
    3: (0.6187, 8.7673),
    4: (1.0899, 10.2416),
    5: (1.6235, 11.6683),
    6: (2.2019, 13.0595),
    7: (2.8144, 14.4227),
    8: (3.4538, 15.7632),
    9: (4.1154, 17.0848),
}


@pytest.mark.parametrize("o", sorted(TABULATED_95))
def test_exact_limits_match_the_tabulated_values(o: int) -> None:
    ci = exact_poisson_interval(o, 1)
    assert (round(ci.lower, 4), round(ci.upper, 4)) == TABULATED_95[o]


@pytest.mark.parametrize("confidence", [0.8, 0.9, 0.95, 0.99, 0.998])
def test_exact_limits_match_the_closed_forms_at_two_degrees_of_freedom(confidence: float) -> None:
    # χ² with 2 degrees of freedom is exponential: χ²(p; 2) / 2 = -ln(1 - p)
    alpha = 1 - confidence
    assert exact_poisson_interval(0, 1, confidence).upper == pytest.approx(
        -math.log(alpha / 2), rel=1e-14
    )
    assert exact_poisson_interval(1, 1, confidence).lower == pytest.approx(
        -math.log1p(-alpha / 2), rel=1e-14
    )


def test_a_count_of_one_is_no_longer_48_percent_too_low() -> None:
    fingertips = poisson_interval(1, 10_000, factor=100_000)
    byar = byar_interval(1, 10_000, factor=100_000)
    assert fingertips.lower == pytest.approx(0.0253178 * 10, rel=1e-6)
    assert byar.lower / fingertips.lower == pytest.approx(0.52, abs=0.01)


@given(st.integers(0, 9), st.integers(1, 10**7), confidences)
def test_below_ten_the_rate_interval_is_exact(o: int, n: int, confidence: float) -> None:
    ci = poisson_interval(o, n, confidence, factor=1000)
    lower, upper = exact_poisson(o, confidence)
    assert ci == exact_poisson_interval(o, n, confidence, factor=1000)
    assert ci.lower == pytest.approx(lower / n * 1000, rel=1e-12, abs=0)
    assert ci.upper == pytest.approx(upper / n * 1000, rel=1e-12)
    assert 0 <= ci.lower <= ci.value <= ci.upper


@given(st.integers(10, 10**6), st.integers(1, 10**7), confidences)
def test_from_ten_the_rate_interval_is_byars(o: int, n: int, confidence: float) -> None:
    assert poisson_interval(o, n, confidence) == byar_interval(o, n, confidence)


@given(st.integers(0, 9), confidences, confidences)
def test_exact_intervals_widen_with_confidence(o: int, c1: float, c2: float) -> None:
    low, high = sorted((c1, c2))
    narrow, wide = exact_poisson_interval(o, 1, low), exact_poisson_interval(o, 1, high)
    assert wide.lower <= narrow.lower <= narrow.upper <= wide.upper


@given(st.integers(0, 8), confidences)
def test_exact_limits_grow_with_the_count(o: int, confidence: float) -> None:
    here, there = (
        exact_poisson_interval(o, 1, confidence),
        exact_poisson_interval(o + 1, 1, confidence),
    )
    assert here.lower < there.lower
    assert here.upper < there.upper


@given(
    st.floats(1e-9, 1 - 1e-9),
    st.floats(0.05, 200, allow_nan=False, allow_infinity=False),
)
@example(0.025, 2.0)
@example(0.975, 20.0)
@example(0.001, 18.0)
@example(0.999, 0.1)
def test_chi2_quantile_agrees_with_scipy(p: float, df: float) -> None:
    expected = float(chi2.ppf(p, df))
    got = chi2_quantile(p, df)
    if expected < 1e-290:  # below this both are zero or subnormal
        assert got == pytest.approx(expected, abs=1e-290)
    else:
        assert got == pytest.approx(expected, rel=1e-11)


@given(st.floats(0.01, 0.99), st.floats(0.01, 0.99), st.floats(0.1, 50))
def test_chi2_quantile_is_monotone_in_p(p1: float, p2: float, df: float) -> None:
    low, high = sorted((p1, p2))
    # monotone up to the routine's precision (two p a few ulps apart may round either way)
    assert chi2_quantile(low, df) <= chi2_quantile(high, df) * (1 + 1e-12)


def test_chi2_quantile_edges_and_bad_input() -> None:
    assert chi2_quantile(0, 4) == 0
    for p, df, message in [
        (1, 4, "must be in \\[0, 1\\), not 1"),
        (-0.1, 4, "must be in"),
        (0.5, 0, "degrees of freedom must be a positive number, not 0"),
        (0.5, math.inf, "degrees of freedom must be a positive number"),
    ]:
        with pytest.raises(ValueError, match=message):
            chi2_quantile(p, df)


@pytest.mark.parametrize(
    ("o", "n", "confidence", "message"),
    [
        (1, 0, 0.95, "a rate needs a positive denominator, not 0"),
        (-2, 10, 0.95, "a rate needs a non-negative count, not -2"),
        (math.nan, 10, 0.95, "count must be a finite number"),
        (1, 10, 1.0, "confidence must be between 0 and 1"),
    ],
)
def test_exact_and_fingertips_intervals_reject_impossible_counts(
    o: float, n: float, confidence: float, message: str
) -> None:
    for interval in (exact_poisson_interval, poisson_interval):
        with pytest.raises(ValueError, match=message):
            interval(o, n, confidence)


def test_confidence_interval_dispatches_to_fingertips_rates() -> None:
    assert confidence_interval(IntervalMethod.POISSON, 3, 10, 0.99, 1000) == (
        exact_poisson_interval(3, 10, 0.99, 1000)
    )
    assert confidence_interval(IntervalMethod.POISSON, 30, 10) == byar_interval(30, 10)
