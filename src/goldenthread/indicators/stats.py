"""Confidence intervals and significance tests for indicators given by counts.

Where an indicator's value comes from counts (a numerator and a denominator), its
figure is an estimate, and small areas or small numbers make it noisy.  Public Health
England's Fingertips tool therefore says whether a value is *significantly* better or
worse than a benchmark, and this module does the same by Fingertips' documented methods:

* :func:`wilson_interval`: the Wilson score interval for a **proportion** (a count of
  people out of a population that contains them: "% of calls answered");
* :func:`poisson_interval`: Fingertips' interval for a **rate** (events per head of a
  population, where a person may count more than once: "crimes per 1,000 population"):
  the exact Poisson limits (:func:`exact_poisson_interval`) for a count under 10 and
  Byar's approximation to them (:func:`byar_interval`) from 10, as Public Health England's
  *Technical Guide: Confidence Intervals* (Public Health Data Science, May 2018) and its
  *Commonly used public health statistics and their confidence intervals* tool
  (February 2018: "rates ... use exact CI method for numerators <10 and Byar's CI method
  for numerators >=10") decide.  Byar's lower limit is far off for small counts: at a
  count of 1 it is about 48% below the exact 0.0253;
* :func:`compare_with_benchmark`: the benchmark value against the indicator's interval.
  The benchmark inside the interval is ``similar``; the interval wholly above or below
  it is significantly ``higher`` or ``lower``, which polarity turns into ``better`` or
  ``worse``;
* :func:`compare_intervals`: two intervals (this period and an earlier one, say):
  overlapping intervals are ``similar``; otherwise the change is significant;
  :func:`compare_counts` does the same from the two periods' counts, for direction of
  travel.

The statistics are ``float``: confidence limits are approximations, not money or exact
counts, so the :class:`~decimal.Decimal` rule for exact quantities does not apply.  The
``factor`` scales the result as the indicator's own ``factor`` does (100 for a
percentage, 1000 for a rate per 1,000).

The z value for a confidence level comes from :func:`z_value`, using the standard
library's :class:`statistics.NormalDist`: 1.959964 for 95%, 3.090232 for 99.8%.

**The exact Poisson limits** for an observed count O at confidence 1 − α are the
chi-squared quantiles (Garwood 1936; PHE's guide, Appendix 2)::

    lower = χ²(α/2; 2O) / 2          (0 when O = 0)
    upper = χ²(1 − α/2; 2O + 2) / 2

computed here by :func:`chi2_quantile`, written in pure Python: χ²(p; k) / 2 is the
quantile of the gamma distribution with shape k/2, found by solving P(k/2, x) = p for
the regularised lower incomplete gamma function P (its power series below x = a + 1 and
Lentz's continued fraction for the upper tail above, as in *Numerical Recipes* §6.2),
with Newton's method kept inside a bisection bracket.  The tests check it against
``scipy.stats.chi2.ppf`` (a development dependency only) to 1e-11 relative for degrees
of freedom from 0.05 to 200 (1e-12 for the Poisson limits of counts 0 to 9), against the
closed forms at 2 degrees of freedom, and against the tabulated exact 95% limits.
"""

from __future__ import annotations

import enum
import math
import sys
from decimal import Decimal
from statistics import NormalDist

from attrs import frozen

from goldenthread.indicators.polarity import Polarity

__all__ = [
    "EXACT_BELOW",
    "ConfidenceInterval",
    "IntervalMethod",
    "Number",
    "Significance",
    "byar_interval",
    "chi2_quantile",
    "compare_counts",
    "compare_intervals",
    "compare_with_benchmark",
    "confidence_interval",
    "exact_poisson_interval",
    "poisson_interval",
    "wilson_interval",
    "z_value",
]

Number = int | float | Decimal
"""A count, value or factor: an ``int``, a ``float`` or a :class:`~decimal.Decimal`."""

_STANDARD_NORMAL = NormalDist()


def z_value(confidence: float) -> float:
    """The two-sided standard normal quantile for ``confidence`` (1.96 for 0.95).

    >>> round(z_value(0.95), 6)
    1.959964

    Raises:
        ValueError: ``confidence`` is not strictly between 0 and 1.
    """
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1 (exclusive), not {confidence}")
    return _STANDARD_NORMAL.inv_cdf(1 - (1 - confidence) / 2)


@frozen
class ConfidenceInterval:
    """An observed value and its confidence limits, all scaled by the same factor.

    ``lower <= value <= upper`` always holds.
    """

    value: float
    lower: float
    upper: float
    confidence: float

    def contains(self, x: Number) -> bool:
        """Whether ``x`` lies within the interval (the limits included)."""
        return self.lower <= float(x) <= self.upper

    def overlaps(self, other: ConfidenceInterval) -> bool:
        """Whether the two intervals share at least one point."""
        return self.lower <= other.upper and other.lower <= self.upper

    @property
    def width(self) -> float:
        """``upper - lower``."""
        return self.upper - self.lower


class IntervalMethod(enum.Enum):
    """Which interval suits an indicator's counts.

    ``wilson`` for a proportion; ``poisson`` for a rate, Fingertips' way (exact below a
    count of 10, Byar's from 10: :func:`poisson_interval`); ``byar`` for Byar's
    approximation at every count (:func:`byar_interval`), kept for comparison.
    """

    WILSON = "wilson"
    BYAR = "byar"
    POISSON = "poisson"


class Significance(enum.Enum):
    """The outcome of a significance comparison.

    ``better``, ``similar`` and ``worse`` are used when the indicator has a polarity of
    higher or lower; for polarity ``range`` or ``none`` (where "better" is not a matter
    of direction) a significant difference is reported as ``higher`` or ``lower``.
    """

    BETTER = "better"
    SIMILAR = "similar"
    WORSE = "worse"
    HIGHER = "higher"
    LOWER = "lower"


def _finite(name: str, value: Number) -> float:
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{name} must be a finite number, not {value}")
    return number


def _check_factor(factor: Number) -> float:
    scale = _finite("factor", factor)
    if scale <= 0:
        raise ValueError(f"factor must be positive, not {factor}")
    return scale


def wilson_interval(
    numerator: Number,
    denominator: Number,
    confidence: float = 0.95,
    factor: Number = 1,
) -> ConfidenceInterval:
    """The Wilson score interval for the proportion ``numerator / denominator``.

    With observed proportion p = O/n, q = 1 - p and z = :func:`z_value` (confidence)::

        lower = (2np + z² - z√(z² + 4npq)) / (2(n + z²))
        upper = (2np + z² + z√(z² + 4npq)) / (2(n + z²))

    each then multiplied by ``factor``.  Unlike the textbook "p ± z·SE" interval it never
    leaves [0, 1] and it is sensible for proportions of 0 and 1 (the interval for 0 of 20
    still has an upper limit above zero).  Floating-point rounding is absorbed by
    clamping, so ``0 <= lower <= value <= upper <= factor`` always holds.

    >>> ci = wilson_interval(81, 100, factor=100)
    >>> round(ci.lower, 2), round(ci.upper, 2)
    (72.22, 87.49)

    Raises:
        ValueError: the denominator is not positive, the numerator is negative or
            greater than the denominator, a figure is not finite, or the confidence is
            not between 0 and 1.
    """
    z = z_value(confidence)
    n = _finite("denominator", denominator)
    o = _finite("numerator", numerator)
    scale = _check_factor(factor)
    if n <= 0:
        raise ValueError(f"a proportion needs a positive denominator, not {denominator}")
    if o < 0:
        raise ValueError(f"a proportion needs a non-negative numerator, not {numerator}")
    if o > n:
        raise ValueError(
            f"a proportion's numerator ({numerator}) cannot exceed its denominator ({denominator})"
        )
    p = o / n
    q = 1 - p
    z2 = z * z
    centre = 2 * n * p + z2
    spread = z * math.sqrt(z2 + 4 * n * p * q)
    below = 2 * (n + z2)
    lower = min(max((centre - spread) / below, 0.0), p)
    upper = max(min((centre + spread) / below, 1.0), p)
    return ConfidenceInterval(p * scale, lower * scale, upper * scale, confidence)


def byar_interval(
    count: Number,
    denominator: Number,
    confidence: float = 0.95,
    factor: Number = 1,
) -> ConfidenceInterval:
    """Byar's interval for the rate ``count / denominator`` (× ``factor``).

    Byar's method approximates the exact Poisson limits for the count O::

        lower count = O (1 - 1/(9O) - z/(3√O))³
        upper count = (O + 1) (1 - 1/(9(O + 1)) + z/(3√(O + 1)))³

    and divides them by the denominator (the population) and multiplies by ``factor``.
    A count of 0 has a lower limit of 0 (the formula is undefined there), and at very
    high confidence with a count of 1 or 2 the lower formula can fall below zero, which
    is read as 0.  ``lower <= value <= upper`` always holds.

    >>> ci = byar_interval(50, 10_000, factor=1000)
    >>> round(ci.lower, 3), round(ci.upper, 3)
    (3.711, 6.592)

    Raises:
        ValueError: the denominator is not positive, the count is negative, a figure is
            not finite, or the confidence is not between 0 and 1.
    """
    z = z_value(confidence)
    n = _finite("denominator", denominator)
    o = _finite("count", count)
    scale = _check_factor(factor)
    if n <= 0:
        raise ValueError(f"a rate needs a positive denominator, not {denominator}")
    if o < 0:
        raise ValueError(f"a rate needs a non-negative count, not {count}")
    if o == 0:
        lower_count = 0.0
    else:
        lower_count = o * (1 - 1 / (9 * o) - z / (3 * math.sqrt(o))) ** 3
        lower_count = min(max(lower_count, 0.0), o)
    above = o + 1
    upper_count = max(above * (1 - 1 / (9 * above) + z / (3 * math.sqrt(above))) ** 3, o)
    return ConfidenceInterval(
        o / n * scale, lower_count / n * scale, upper_count / n * scale, confidence
    )


_GAMMA_EPS = 1e-16
_GAMMA_TINY = 1e-300
_GAMMA_ITERATIONS = 1000


def _regularised_gamma(a: float, x: float) -> tuple[float, float]:
    """``(P(a, x), Q(a, x))``: the regularised lower and upper incomplete gamma functions,
    for a > 0 and x >= 0, each computed directly where it is the smaller."""
    if x <= 0:
        return 0.0, 1.0
    log_front = a * math.log(x) - x - math.lgamma(a)
    if x < a + 1:
        # power series: P = e^-x x^a / Γ(a + 1) · Σ x^n / ((a + 1)…(a + n))
        term = total = 1.0 / a
        denominator = a
        for _ in range(_GAMMA_ITERATIONS):
            denominator += 1
            term *= x / denominator
            total += term
            if abs(term) < abs(total) * _GAMMA_EPS:
                break
        lower = min(total * math.exp(log_front), 1.0)
        return lower, 1.0 - lower
    # continued fraction for Q (modified Lentz)
    b = x + 1 - a
    c = 1 / _GAMMA_TINY
    d = 1 / b
    h = d
    for i in range(1, _GAMMA_ITERATIONS):
        an = -i * (i - a)
        b += 2
        d = an * d + b
        if abs(d) < _GAMMA_TINY:
            d = _GAMMA_TINY
        c = b + an / c
        if abs(c) < _GAMMA_TINY:
            c = _GAMMA_TINY
        d = 1 / d
        step = d * c
        h *= step
        if abs(step - 1) < _GAMMA_EPS:
            break
    upper = min(math.exp(log_front) * h, 1.0)
    return 1.0 - upper, upper


def _gamma_quantile(a: float, p: float) -> float:
    """The x with P(a, x) = p (0 < p < 1, a > 0): Newton's method inside a bisection
    bracket, to full double precision.  Above the median it solves Q(a, x) = 1 - p, so
    that upper quantiles keep their precision."""
    upper_tail = p > 0.5
    target = 1.0 - p if upper_tail else p

    def error(x: float) -> float:
        lower, upper = _regularised_gamma(a, x)
        return target - upper if upper_tail else lower - target

    low, high = 0.0, max(a, 1.0)
    while error(high) < 0:
        low, high = high, high * 2
    log_gamma = math.lgamma(a)
    # the series' leading term, P ≈ x^a / Γ(a + 1), inverted: relative error of order
    # x, so exact in floating point for a tiny x
    guess = math.exp(max((math.log(p) + math.lgamma(a + 1)) / a, -745.0))
    if guess < _GAMMA_TINY:
        return guess
    if p >= 0.05 and guess >= 1e-3:
        z = _STANDARD_NORMAL.inv_cdf(p)  # Wilson-Hilferty
        guess = a * max(1 - 1 / (9 * a) + z / (3 * math.sqrt(a)), 0.0) ** 3
    x = guess if low < guess < high else (low + high) / 2
    for _ in range(400):
        miss = error(x)
        if miss == 0:
            return x
        if miss > 0:
            high = x
        else:
            low = x
        log_density = (a - 1) * math.log(x) - x - log_gamma
        density = math.exp(log_density) if log_density > -700 else 0.0
        candidate = x - miss / density if density > 0 else math.nan
        if not low < candidate < high:
            candidate = (low + high) / 2 if low > 0 else high / 16
        if abs(candidate - x) <= 2 * sys.float_info.epsilon * abs(x) or high - low <= (
            2 * sys.float_info.epsilon * high
        ):
            return candidate
        x = candidate
    return x


def chi2_quantile(p: float, df: float) -> float:
    """The ``p`` quantile of the chi-squared distribution with ``df`` degrees of freedom.

    Pure Python (see the module documentation); agrees with ``scipy.stats.chi2.ppf``.
    ``p`` of 0 gives 0.

    >>> round(chi2_quantile(0.975, 4), 6)
    11.143287

    Raises:
        ValueError: ``p`` is not in [0, 1) or ``df`` is not a positive finite number.
    """
    if not (math.isfinite(df) and df > 0):
        raise ValueError(f"degrees of freedom must be a positive number, not {df}")
    if not 0 <= p < 1:
        raise ValueError(f"a probability for a quantile must be in [0, 1), not {p}")
    if p == 0:
        return 0.0
    return 2 * _gamma_quantile(df / 2, p)


def _rate_inputs(count: Number, denominator: Number, factor: Number) -> tuple[float, float, float]:
    n = _finite("denominator", denominator)
    o = _finite("count", count)
    scale = _check_factor(factor)
    if n <= 0:
        raise ValueError(f"a rate needs a positive denominator, not {denominator}")
    if o < 0:
        raise ValueError(f"a rate needs a non-negative count, not {count}")
    return o, n, scale


def exact_poisson_interval(
    count: Number,
    denominator: Number,
    confidence: float = 0.95,
    factor: Number = 1,
) -> ConfidenceInterval:
    """The exact Poisson interval for the rate ``count / denominator`` (× ``factor``).

    The count's limits are chi-squared quantiles (see the module documentation)::

        lower = χ²(α/2; 2O) / 2   (0 for a count of 0)
        upper = χ²(1 − α/2; 2O + 2) / 2

    with α = 1 − ``confidence``, then divided by the denominator and multiplied by
    ``factor``.  ``lower <= value <= upper`` always holds.

    >>> ci = exact_poisson_interval(1, 1)
    >>> round(ci.lower, 4), round(ci.upper, 4)
    (0.0253, 5.5716)

    Raises:
        ValueError: as :func:`byar_interval`.
    """
    alpha = 1 - confidence
    z_value(confidence)  # checks the confidence
    o, n, scale = _rate_inputs(count, denominator, factor)
    lower_count = min(chi2_quantile(alpha / 2, 2 * o) / 2, o) if o > 0 else 0.0
    upper_count = max(chi2_quantile(1 - alpha / 2, 2 * o + 2) / 2, o)
    return ConfidenceInterval(
        o / n * scale, lower_count / n * scale, upper_count / n * scale, confidence
    )


EXACT_BELOW = 10
"""Counts below this take the exact Poisson limits in :func:`poisson_interval`."""


def poisson_interval(
    count: Number,
    denominator: Number,
    confidence: float = 0.95,
    factor: Number = 1,
) -> ConfidenceInterval:
    """Fingertips' interval for a rate: :func:`exact_poisson_interval` for a count under
    10 and :func:`byar_interval` from 10 (Byar's method is within 0.2% of the exact
    limits there at 95%, PHE's guide says).

    Raises:
        ValueError: as :func:`byar_interval`.
    """
    if _finite("count", count) < EXACT_BELOW:
        return exact_poisson_interval(count, denominator, confidence, factor)
    return byar_interval(count, denominator, confidence, factor)


def confidence_interval(
    method: IntervalMethod,
    numerator: Number,
    denominator: Number,
    confidence: float = 0.95,
    factor: Number = 1,
) -> ConfidenceInterval:
    """The interval by ``method``: :func:`wilson_interval`, :func:`poisson_interval` or
    :func:`byar_interval`."""
    if method is IntervalMethod.WILSON:
        return wilson_interval(numerator, denominator, confidence, factor)
    if method is IntervalMethod.POISSON:
        return poisson_interval(numerator, denominator, confidence, factor)
    return byar_interval(numerator, denominator, confidence, factor)


def _by_polarity(higher: bool, polarity: Polarity) -> Significance:
    if polarity is Polarity.HIGHER:
        return Significance.BETTER if higher else Significance.WORSE
    if polarity is Polarity.LOWER:
        return Significance.WORSE if higher else Significance.BETTER
    return Significance.HIGHER if higher else Significance.LOWER


def compare_with_benchmark(
    interval: ConfidenceInterval, benchmark: Number, polarity: Polarity
) -> Significance:
    """Whether an indicator differs significantly from a benchmark value, Fingertips' way.

    The benchmark (England, the region, a comparator group's value) is taken as exact
    and compared with the indicator's interval: within the interval (limits included)
    is ``similar``; the whole interval above the benchmark is ``better`` for polarity
    higher and ``worse`` for lower (and the reverse when it is wholly below).  With
    polarity ``range`` or ``none`` the answer is ``higher``, ``lower`` or ``similar``.
    """
    mark = _finite("benchmark", benchmark)
    if interval.lower <= mark <= interval.upper:
        return Significance.SIMILAR
    return _by_polarity(interval.lower > mark, polarity)


def compare_intervals(
    current: ConfidenceInterval, reference: ConfidenceInterval, polarity: Polarity
) -> Significance:
    """Whether ``current`` differs significantly from ``reference`` (an earlier period).

    Overlapping intervals are ``similar`` (no significant change); otherwise ``current``
    is significantly higher or lower, read through polarity as for
    :func:`compare_with_benchmark`.  Non-overlap of two 95% intervals is a conservative
    test: a change it calls significant is significant at 95% or better.
    """
    if current.overlaps(reference):
        return Significance.SIMILAR
    return _by_polarity(current.lower > reference.upper, polarity)


def compare_counts(
    current: tuple[Number, Number],
    reference: tuple[Number, Number],
    polarity: Polarity,
    method: IntervalMethod = IntervalMethod.WILSON,
    confidence: float = 0.95,
) -> Significance:
    """Whether the change from ``reference`` to ``current`` counts is significant.

    Each is a ``(numerator, denominator)`` pair; the intervals are by ``method`` at
    ``confidence`` and compared by :func:`compare_intervals`.  Use it beside the
    direction of travel: "improving" with ``similar`` here means the change is within
    the noise.

    Raises:
        ValueError: either pair is invalid for ``method``.
    """
    now = confidence_interval(method, current[0], current[1], confidence)
    then = confidence_interval(method, reference[0], reference[1], confidence)
    return compare_intervals(now, then, polarity)
