"""What an indicator is: its code, meaning, unit, polarity, aggregation and RAG settings."""

from __future__ import annotations

import enum
import re
from decimal import Decimal
from typing import Any

from attrs import field, frozen

from goldenthread.indicators.numbers import MAX_DECIMALS, check_figure
from goldenthread.indicators.polarity import Polarity
from goldenthread.periods import Frequency

__all__ = [
    "DEFAULT_TOLERANCE",
    "Aggregation",
    "Classification",
    "IndicatorDefinition",
    "Tolerance",
    "ToleranceKind",
]


class Aggregation(enum.Enum):
    """How the values of shorter periods (or of several units) make a longer one.

    ``sum`` adds them; ``ratio`` divides the summed numerators by the summed denominators
    and multiplies by the indicator's factor (never an average of percentages); ``mean``
    is the average of the values; ``last`` is the latest value (snapshots and rolling
    measures, never summed); ``cumulative`` is a running total since the start of the
    financial year (such as council tax collected in year): a period's value is the
    figure at its last month and its year targets are profiled cumulatively; ``min`` and
    ``max`` are the smallest and largest.
    """

    SUM = "sum"
    RATIO = "ratio"
    MEAN = "mean"
    LAST = "last"
    CUMULATIVE = "cumulative"
    MIN = "min"
    MAX = "max"

    @classmethod
    def parse(cls, text: str) -> Aggregation:
        """Read an aggregation from a bundle cell (case-insensitive; ``average`` is mean).

        Raises:
            ValueError: the text names no aggregation.
        """
        key = text.strip().lower()
        key = {
            "average": "mean",
            "latest": "last",
            "total": "sum",
            "running total": "cumulative",
        }.get(key, key)
        for member in cls:
            if member.value == key:
                return member
        expected = ", ".join(m.value for m in cls)
        raise ValueError(f"unknown aggregation {text!r}; expected one of {expected}")


class Classification(enum.Enum):
    """Who may see an item: the public, staff only, or the people it is about."""

    PUBLIC = "public"
    INTERNAL = "internal"
    PERSONAL = "personal"

    @classmethod
    def parse(cls, text: str) -> Classification:
        """Read a classification (case-insensitive).

        Raises:
            ValueError: the text names no classification.
        """
        key = text.strip().lower()
        for member in cls:
            if member.value == key:
                return member
        raise ValueError(
            f"unknown classification {text!r}; expected one of public, internal, personal"
        )


class ToleranceKind(enum.Enum):
    """Whether a tolerance is a share of the target or a fixed amount."""

    RELATIVE = "relative"
    ABSOLUTE = "absolute"


_TOLERANCE = re.compile(r"^(?P<n>[0-9]+(?:\.[0-9]+)?|\.[0-9]+)\s*(?P<pct>%)?$")


def _non_negative(instance: Any, attribute: Any, value: Decimal) -> None:
    if value < 0:
        raise ValueError(f"{attribute.name} must not be negative, not {value}")


@frozen
class Tolerance:
    """How far from target still counts as amber: ``5%`` of the target, or ``2`` units.

    A relative tolerance is a percentage of the target's size (``5%`` of a target of 80 is
    4); an absolute tolerance is in the indicator's own unit.
    """

    kind: ToleranceKind
    amount: Decimal = field(validator=_non_negative)

    @classmethod
    def parse(cls, text: str) -> Tolerance:
        """Read ``5%`` (relative) or ``2`` (absolute); a negative amount is rejected.

        >>> Tolerance.parse("5%")
        Tolerance(kind=<ToleranceKind.RELATIVE: 'relative'>, amount=Decimal('5'))

        Raises:
            ValueError: the text is not a non-negative number, optionally followed by ``%``.
        """
        match = _TOLERANCE.match(text.strip())
        if not match:
            raise ValueError(
                f"cannot read tolerance {text!r}; expected a percentage such as 5% "
                "or an amount such as 2"
            )
        kind = ToleranceKind.RELATIVE if match["pct"] else ToleranceKind.ABSOLUTE
        return cls(kind, check_figure(Decimal(match["n"]), text))

    def band(self, target: Decimal) -> Decimal:
        """The width of the amber band around ``target``."""
        if self.kind is ToleranceKind.RELATIVE:
            return abs(target) * self.amount / 100
        return self.amount

    def __str__(self) -> str:
        return f"{self.amount}%" if self.kind is ToleranceKind.RELATIVE else str(self.amount)


DEFAULT_TOLERANCE = Tolerance(ToleranceKind.RELATIVE, Decimal(5))
"""The tolerance used when none is set: 5% of the target."""


def _check_decimals(instance: Any, attribute: Any, value: int) -> None:
    if not 0 <= value <= MAX_DECIMALS:
        raise ValueError(f"decimals must be 0-{MAX_DECIMALS}, not {value}")


def _check_factor(instance: Any, attribute: Any, value: Decimal) -> None:
    if value <= 0:
        raise ValueError(f"factor must be positive, not {value}")


def _check_code(instance: Any, attribute: Any, value: str) -> None:
    if not value.strip():
        raise ValueError("an indicator needs a code")


@frozen
class IndicatorDefinition:
    """One performance indicator: everything needed to aggregate, rate and report it.

    ``frequency`` is how often values are collected; ``reporting_frequency`` how often
    they are reported (defaults to ``frequency``).  ``factor`` multiplies a ratio (100
    for a percentage, 1000 or 100000 for rates per head).  With ``annualise`` a period's
    value is scaled to a full year (× 12 ÷ months), as for "days lost to sickness per
    FTE", and its annual target applies to every period unchanged.  ``profile`` says how
    a year's target is spread over its periods for ``sum`` indicators: ``even``,
    ``seasonal`` (last year's shape) or a tuple of weights, one per collection period of
    the year.  For ``cumulative`` indicators a tuple of weights is the given profile
    (the share of the year's total reached in each collection period); ``even`` (the
    default) and ``seasonal`` both mean last year's own cumulative shape, else evenly
    (see :mod:`~goldenthread.indicators.targets`).  Any other aggregation, and an
    annualised ``sum``, has no use for a profile: ``seasonal`` or weights on one is an
    error (:attr:`profiles`).  ``rag_rule`` names the rule in the registry that rates it.

    ``minimum`` and ``maximum`` bound the values the indicator may take (inclusive) and
    ``max_change`` is the largest change from the previous value not flagged for
    checking: relative (``50%`` of the previous value) or absolute (``10`` units).  All
    three are ``None`` when the data quality checks should use their defaults.
    """

    code: str = field(validator=_check_code)
    title: str
    polarity: Polarity
    aggregation: Aggregation
    frequency: Frequency
    unit: str = ""
    decimals: int = field(default=0, validator=_check_decimals)
    tolerance: Tolerance = DEFAULT_TOLERANCE
    factor: Decimal = field(default=Decimal(1), validator=_check_factor)
    annualise: bool = False
    reporting_frequency: Frequency | None = None
    rag_rule: str = "tolerance"
    profile: str | tuple[Decimal, ...] = "even"
    definition: str = ""
    guidance: str = ""
    owner: str = ""
    service: str = ""
    statutory: bool = False
    source: str = ""
    comparator_group: str = ""
    classification: Classification = Classification.PUBLIC
    objective: str = ""
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    max_change: Tolerance | None = None
    extras: dict[str, str] = field(factory=dict, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise ValueError(
                f"{self.code}: the minimum ({self.minimum}) is above the maximum ({self.maximum})"
            )
        if self.annualise and self.aggregation is not Aggregation.SUM:
            raise ValueError(
                f"{self.code}: only 'sum' indicators can be annualised, "
                f"not {self.aggregation.value!r}"
            )
        if self.profile != "even" and not self.profiles:
            kind = "an annualised 'sum'" if self.annualise else f"a {self.aggregation.value!r}"
            raise ValueError(
                f"{self.code}: a profile spreads a year's target over its periods, which "
                "only 'sum' (not annualised) and 'cumulative' indicators do; "
                f"{kind} indicator applies the year's target to each period unchanged, "
                "so leave the profile blank"
            )
        if isinstance(self.profile, tuple):
            expected = self.frequency.per_year
            if len(self.profile) != expected:
                raise ValueError(
                    f"{self.code}: a {self.frequency.value} profile needs {expected} weights, "
                    f"not {len(self.profile)}"
                )
            if any(w < 0 for w in self.profile) or sum(self.profile) <= 0:
                raise ValueError(
                    f"{self.code}: profile weights must not be negative and must not all be 0"
                )
        elif self.profile not in ("even", "seasonal"):
            raise ValueError(
                f"{self.code}: unknown profile {self.profile!r}; expected even, seasonal "
                "or a list of weights"
            )

    @property
    def profiles(self) -> bool:
        """Whether a year's target is profiled to its periods: ``sum`` (not annualised)
        and ``cumulative`` indicators."""
        if self.aggregation is Aggregation.CUMULATIVE:
            return True
        return self.aggregation is Aggregation.SUM and not self.annualise

    @property
    def reported(self) -> Frequency:
        """The reporting frequency (the collection frequency when none is set)."""
        return self.reporting_frequency or self.frequency
