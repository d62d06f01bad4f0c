"""RAG (red, amber, green) rules, and the registry that finds a rule by name.

Every rule is a pure function of a :class:`RagInput` returning a :class:`RagStatus`.
All rules first apply the same three checks, in this order:

1. polarity ``none`` → ``data-only`` (with or without a target);
2. no value → ``no-data``;
3. no target (for range polarity: no ``lower`` and ``upper``) → ``no-target``.

Figures are compared at the indicator's precision: the value, target and bounds are
first rounded half-up to ``decimals`` places (so the status matches the figure a reader
sees), and a value exactly on a boundary takes the better status.  Tolerance bands are
worked out from the rounded target.

The built-in rules (:func:`default_rules`) are ``tolerance`` (the default),
``havering``, ``kent``, ``medway`` and ``activity-range``.  A council adds its own with
:meth:`RagRules.with_rule` (the plugin hook feeds this).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from types import MappingProxyType

from attrs import field, frozen

from goldenthread.errors import GoldenthreadError
from goldenthread.indicators.definition import DEFAULT_TOLERANCE, Tolerance
from goldenthread.indicators.numbers import round_half_up
from goldenthread.indicators.polarity import Polarity

__all__ = [
    "RagInput",
    "RagRule",
    "RagRules",
    "RagStatus",
    "UnknownRuleError",
    "activity_range_rule",
    "default_rules",
    "havering_rule",
    "kent_rule",
    "medway_rule",
    "tolerance_rule",
]


class RagStatus(enum.Enum):
    """The status of an indicator's value against its target."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    NO_DATA = "no-data"
    NO_TARGET = "no-target"
    DATA_ONLY = "data-only"


@frozen
class RagInput:
    """Everything a RAG rule may look at, for one indicator and period.

    ``target``, ``lower``, ``upper`` and ``floor`` are the period's target figures;
    ``last_year`` is the value for the same period last year (Havering rule);
    ``forecast`` the forecast year-end outturn and ``year_target`` the year-end target
    (Medway rule).
    """

    polarity: Polarity
    value: Decimal | None
    target: Decimal | None = None
    lower: Decimal | None = None
    upper: Decimal | None = None
    floor: Decimal | None = None
    tolerance: Tolerance = DEFAULT_TOLERANCE
    decimals: int = 0
    last_year: Decimal | None = None
    forecast: Decimal | None = None
    year_target: Decimal | None = None

    def rounded(self, figure: Decimal | None) -> Decimal | None:
        """``figure`` at the indicator's precision (half-up), or ``None``."""
        return None if figure is None else round_half_up(figure, self.decimals)


RagRule = Callable[[RagInput], RagStatus]
"""A RAG rule: a pure function from a :class:`RagInput` to a :class:`RagStatus`."""


def _preamble(inp: RagInput) -> RagStatus | None:
    if inp.polarity is Polarity.NONE:
        return RagStatus.DATA_ONLY
    if inp.value is None:
        return RagStatus.NO_DATA
    if inp.polarity is Polarity.RANGE:
        if inp.lower is None or inp.upper is None:
            return RagStatus.NO_TARGET
    elif inp.target is None:
        return RagStatus.NO_TARGET
    return None


def _sign(polarity: Polarity) -> int:
    return 1 if polarity is Polarity.HIGHER else -1


def _outside(inp: RagInput, value: Decimal) -> tuple[Decimal, Decimal]:
    """For range polarity: how far ``value`` lies outside the range, and that edge's band."""
    lower = inp.rounded(inp.lower)
    upper = inp.rounded(inp.upper)
    assert lower is not None
    assert upper is not None
    if value < lower:
        return lower - value, inp.tolerance.band(lower)
    if value > upper:
        return value - upper, inp.tolerance.band(upper)
    return Decimal(0), Decimal(0)


def _by_tolerance(inp: RagInput) -> RagStatus:
    value = inp.rounded(inp.value)
    assert value is not None
    if inp.polarity is Polarity.RANGE:
        distance, band = _outside(inp, value)
        if distance == 0:
            return RagStatus.GREEN
        return RagStatus.AMBER if distance <= band else RagStatus.RED
    target = inp.rounded(inp.target)
    assert target is not None
    gap = _sign(inp.polarity) * (value - target)
    if gap >= 0:
        return RagStatus.GREEN
    return RagStatus.AMBER if -gap <= inp.tolerance.band(target) else RagStatus.RED


def tolerance_rule(inp: RagInput) -> RagStatus:
    """The default rule: green on or better than target; amber worse but within tolerance.

    Higher is better: green when value ≥ target, amber when value ≥ target − tolerance,
    red otherwise (lower is better mirrors this).  Range: green within
    ``lower``…``upper``, amber within the tolerance of the nearer bound, red beyond.  A
    relative tolerance (``5%``) is that share of the target (or bound); an absolute one
    (``2``) is in the indicator's unit.  Boundaries take the better status.
    """
    return _preamble(inp) or _by_tolerance(inp)


def havering_rule(inp: RagInput) -> RagStatus:
    """Havering style: within tolerance counts as green; amber means improved on last year.

    Green when on target or within tolerance of it (as the default rule's green or
    amber); otherwise amber when the value is better than the same period last year
    (for range polarity: nearer the range), red when it is not or last year is unknown.
    """
    early = _preamble(inp)
    if early is not None:
        return early
    if _by_tolerance(inp) is not RagStatus.RED:
        return RagStatus.GREEN
    value = inp.rounded(inp.value)
    last = inp.rounded(inp.last_year)
    assert value is not None
    if last is None:
        return RagStatus.RED
    if inp.polarity is Polarity.RANGE:
        improved = _outside(inp, value)[0] < _outside(inp, last)[0]
    else:
        improved = _sign(inp.polarity) * (value - last) > 0
    return RagStatus.AMBER if improved else RagStatus.RED


def kent_rule(inp: RagInput) -> RagStatus:
    """Kent style floor standard: green meets target, amber meets the floor, red below it.

    Higher is better: green when value ≥ target, amber when value ≥ floor, red
    otherwise; lower is better mirrors this (the floor is then a ceiling above the
    target).  Without a floor the status is ``no-target``.  Range polarity has no
    floor: green within ``lower``…``upper``, red outside.
    """
    early = _preamble(inp)
    if early is not None:
        return early
    value = inp.rounded(inp.value)
    assert value is not None
    if inp.polarity is Polarity.RANGE:
        return RagStatus.GREEN if _outside(inp, value)[0] == 0 else RagStatus.RED
    floor = inp.rounded(inp.floor)
    if floor is None:
        return RagStatus.NO_TARGET
    target = inp.rounded(inp.target)
    assert target is not None
    sign = _sign(inp.polarity)
    if sign * (value - target) >= 0:
        return RagStatus.GREEN
    return RagStatus.AMBER if sign * (value - floor) >= 0 else RagStatus.RED


def medway_rule(inp: RagInput) -> RagStatus:
    """Medway style: amber means off target but forecast to meet the year-end target.

    Green when on or better than target; amber when not, but the forecast year-end
    outturn is on or better than the year-end target (for range polarity: within the
    range); red otherwise, including when there is no forecast or year-end target.
    """
    early = _preamble(inp)
    if early is not None:
        return early
    value = inp.rounded(inp.value)
    assert value is not None
    forecast = inp.rounded(inp.forecast)
    if inp.polarity is Polarity.RANGE:
        if _outside(inp, value)[0] == 0:
            return RagStatus.GREEN
        meets = forecast is not None and _outside(inp, forecast)[0] == 0
        return RagStatus.AMBER if meets else RagStatus.RED
    target = inp.rounded(inp.target)
    assert target is not None
    sign = _sign(inp.polarity)
    if sign * (value - target) >= 0:
        return RagStatus.GREEN
    year_target = inp.rounded(inp.year_target)
    if forecast is not None and year_target is not None and sign * (forecast - year_target) >= 0:
        return RagStatus.AMBER
    return RagStatus.RED


def activity_range_rule(inp: RagInput) -> RagStatus:
    """Activity thresholds: green near the planned level, amber within the thresholds.

    For volumes where both too much and too little are a concern: green within the
    tolerance of ``target`` (the planned activity) either way; amber outside that but
    within the ``lower``…``upper`` thresholds; red beyond them.  Without ``target``,
    ``lower`` and ``upper`` the status is ``no-target``.  Applies whatever the polarity
    (except ``none``).
    """
    if inp.polarity is Polarity.NONE:
        return RagStatus.DATA_ONLY
    if inp.value is None:
        return RagStatus.NO_DATA
    value = inp.rounded(inp.value)
    target = inp.rounded(inp.target)
    lower = inp.rounded(inp.lower)
    upper = inp.rounded(inp.upper)
    if value is None or target is None or lower is None or upper is None:
        return RagStatus.NO_TARGET
    if abs(value - target) <= inp.tolerance.band(target):
        return RagStatus.GREEN
    return RagStatus.AMBER if lower <= value <= upper else RagStatus.RED


class UnknownRuleError(GoldenthreadError, KeyError):
    """A RAG rule name that is not in the registry."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def _freeze(rules: Mapping[str, RagRule]) -> Mapping[str, RagRule]:
    return MappingProxyType(dict(rules))


@frozen
class RagRules:
    """A registry of RAG rules by name (immutable: :meth:`with_rule` returns a new one)."""

    rules: Mapping[str, RagRule] = field(converter=_freeze)

    def get(self, name: str) -> RagRule:
        """The rule called ``name``.

        Raises:
            UnknownRuleError: there is no such rule; the message lists the known ones.
        """
        try:
            return self.rules[name]
        except KeyError:
            known = ", ".join(sorted(self.rules))
            raise UnknownRuleError(f"unknown RAG rule {name!r}; known rules: {known}") from None

    def with_rule(self, name: str, rule: RagRule) -> RagRules:
        """A registry with ``rule`` added (or replacing the rule of that name)."""
        if not name.strip():
            raise ValueError("a RAG rule needs a name")
        return RagRules({**self.rules, name: rule})

    def __contains__(self, name: object) -> bool:
        return name in self.rules

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self.rules))


def default_rules() -> RagRules:
    """The built-in rules: ``tolerance``, ``havering``, ``kent``, ``medway``, ``activity-range``."""
    return RagRules(
        {
            "tolerance": tolerance_rule,
            "havering": havering_rule,
            "kent": kent_rule,
            "medway": medway_rule,
            "activity-range": activity_range_rule,
        }
    )
