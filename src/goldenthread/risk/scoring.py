"""Scoring formulas: how a likelihood and an impact combine into a score.

The default is the product (likelihood × impact).  Established risk tools also offer
weighted variants that break ties in favour of impact or of likelihood; they are built in
here under stable names.  A council can add its own formula by plugin (the
``goldenthread_risk_scoring_formulas`` hook): any :class:`Formula` with a unique ``name``.

Every formula must be *monotone*: a higher likelihood or impact never gives a lower score.
:func:`formula_problems` checks that over a matrix's scales.

Scores are whole numbers.  :func:`normalise` maps a score onto 0–10 (one decimal place,
rounded half-up) for councils who publish scores on that scale.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType

from attrs import frozen

from goldenthread.errors import InputError

__all__ = [
    "BUILTIN_FORMULAS",
    "PRODUCT",
    "PRODUCT_PLUS_2_IMPACT",
    "PRODUCT_PLUS_2_LIKELIHOOD",
    "PRODUCT_PLUS_IMPACT",
    "PRODUCT_PLUS_LIKELIHOOD",
    "Formula",
    "formula_named",
    "formula_problems",
    "formula_registry",
    "normalise",
]


@frozen
class Formula:
    """A named scoring formula.

    Attributes:
        name: the stable name a ``framework.toml`` or matrix file selects it by.
        function: ``function(likelihood, impact) -> score`` on the 1-based scales.
        description: a short statement of the formula for people, e.g. ``L × I + I``.
    """

    name: str
    function: Callable[[int, int], int]
    description: str = ""

    def __call__(self, likelihood: int, impact: int) -> int:
        """The score of ``likelihood`` and ``impact`` (both 1-based)."""
        return self.function(likelihood, impact)


def _product(likelihood: int, impact: int) -> int:
    return likelihood * impact


def _plus_impact(likelihood: int, impact: int) -> int:
    return likelihood * impact + impact


def _plus_2_impact(likelihood: int, impact: int) -> int:
    return likelihood * impact + 2 * impact


def _plus_likelihood(likelihood: int, impact: int) -> int:
    return likelihood * impact + likelihood


def _plus_2_likelihood(likelihood: int, impact: int) -> int:
    return likelihood * impact + 2 * likelihood


PRODUCT = Formula("product", _product, "likelihood × impact")
"""The default: likelihood × impact (1–25 on a 5×5 matrix)."""
PRODUCT_PLUS_IMPACT = Formula("product-plus-impact", _plus_impact, "L × I + I")
"""Likelihood × impact + impact: weights impact more heavily."""
PRODUCT_PLUS_2_IMPACT = Formula("product-plus-2-impact", _plus_2_impact, "L × I + 2 × I")
"""Likelihood × impact + 2 × impact."""
PRODUCT_PLUS_LIKELIHOOD = Formula("product-plus-likelihood", _plus_likelihood, "L × I + L")
"""Likelihood × impact + likelihood: weights likelihood more heavily."""
PRODUCT_PLUS_2_LIKELIHOOD = Formula(
    "product-plus-2-likelihood", _plus_2_likelihood, "L × I + 2 × L"
)
"""Likelihood × impact + 2 × likelihood."""


def formula_registry(formulas: Iterable[Formula]) -> Mapping[str, Formula]:
    """A read-only mapping of formulas by name; two formulas with one name are an error."""
    registry: dict[str, Formula] = {}
    for formula in formulas:
        if formula.name in registry:
            raise InputError(f"two scoring formulas are named {formula.name!r}")
        registry[formula.name] = formula
    return MappingProxyType(registry)


BUILTIN_FORMULAS: Mapping[str, Formula] = formula_registry(
    [
        PRODUCT,
        PRODUCT_PLUS_IMPACT,
        PRODUCT_PLUS_2_IMPACT,
        PRODUCT_PLUS_LIKELIHOOD,
        PRODUCT_PLUS_2_LIKELIHOOD,
    ]
)
"""The built-in formulas by name (read-only)."""


def formula_named(name: str, formulas: Mapping[str, Formula] = BUILTIN_FORMULAS) -> Formula:
    """The formula called ``name`` in ``formulas``; an unknown name raises :class:`InputError`.

    >>> formula_named("product")(3, 4)
    12
    """
    try:
        return formulas[name]
    except KeyError:
        known = ", ".join(sorted(formulas))
        raise InputError(f"unknown scoring formula {name!r} (known: {known})") from None


def formula_problems(formula: Formula, likelihoods: int, impacts: int) -> list[str]:
    """Why ``formula`` is not monotone over ``likelihoods`` × ``impacts`` (empty if it is)."""
    problems = []
    for lk in range(1, likelihoods + 1):
        for im in range(1, impacts + 1):
            here = formula(lk, im)
            if lk < likelihoods and formula(lk + 1, im) < here:
                problems.append(
                    f"formula {formula.name!r} falls from likelihood {lk} to {lk + 1} "
                    f"at impact {im}"
                )
            if im < impacts and formula(lk, im + 1) < here:
                problems.append(
                    f"formula {formula.name!r} falls from impact {im} to {im + 1} "
                    f"at likelihood {lk}"
                )
    return problems


_TENTH = Decimal("0.1")


def normalise(score: int, lowest: int, highest: int) -> Decimal:
    """``score`` mapped linearly from ``lowest``–``highest`` onto 0–10, to one decimal place.

    Rounded half-up so the figure matches what a reader would round by hand.

    >>> normalise(13, 1, 25)
    Decimal('5.0')
    """
    if highest <= lowest:
        raise InputError(f"cannot normalise: the highest score {highest} is not above {lowest}")
    value = Decimal(score - lowest) * 10 / Decimal(highest - lowest)
    return value.quantize(_TENTH, rounding=ROUND_HALF_UP)
