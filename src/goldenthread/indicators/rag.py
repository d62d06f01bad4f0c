"""RAG (red, amber, green) rules, and the registry that finds a rule by name.

Every rule is a pure function of a :class:`RagInput` returning a :class:`RagStatus`.
Before any rule is asked, :func:`rate` applies the same checks to every indicator
(:func:`preamble`), in this order, so a rule (a plugin's too) only ever sees a value
with a target:

1. polarity ``none`` → ``data-only`` (with or without a target);
2. no value: recorded as not applicable (``N/A``) → ``not-applicable``; the period had
   not ended on the judging day → ``not-yet-due``; otherwise → ``no-data`` (a return
   that should be in);
3. no target (for range polarity: no ``lower`` and ``upper``) → ``no-target``.

Each status comes with its reason in plain words (:class:`RagResult`, from
:func:`rate`): the built-in rules explain themselves with the figures at the
indicator's precision and unit ("64,327 visits is 7.2% above the planned 60,027
visits, more than the 5% tolerance, but within the activity thresholds of …"); a
plugin rule may explain itself by an ``explain(inp, status)`` method (or
:class:`~goldenthread.builtins.rag.NamedRule`'s ``explain``), else it gets a
generic reason naming the rule, the value and the target.

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
from goldenthread.indicators.definition import DEFAULT_TOLERANCE, Tolerance, ToleranceKind
from goldenthread.indicators.numbers import (
    ValueState,
    is_money_unit,
    is_percent_unit,
    round_half_up,
)
from goldenthread.indicators.polarity import Polarity

__all__ = [
    "RATED",
    "Explainer",
    "RagInput",
    "RagResult",
    "RagRule",
    "RagRules",
    "RagStatus",
    "UnknownRuleError",
    "activity_range_rule",
    "default_rules",
    "describe_figure",
    "describe_rule",
    "havering_rule",
    "kent_rule",
    "medway_rule",
    "preamble",
    "rate",
    "reason_for",
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
    NOT_APPLICABLE = "not-applicable"
    NOT_YET_DUE = "not-yet-due"


RATED = frozenset({RagStatus.GREEN, RagStatus.AMBER, RagStatus.RED})
"""The statuses that compare a value with a target (the others say why there is none)."""


@frozen
class RagInput:
    """Everything a RAG rule may look at, for one indicator and period.

    ``target``, ``lower``, ``upper`` and ``floor`` are the period's target figures;
    ``last_year`` is the value for the same period last year (Havering rule);
    ``forecast`` the forecast year-end outturn and ``year_target`` the year-end target
    (Medway rule).  ``state`` says why there is no value (``not-applicable``,
    ``not-yet-due``, ``missing``; ``None`` reads as missing) and ``unit`` is the
    indicator's unit, used only to word the reason.
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
    state: ValueState | None = None
    unit: str = ""

    def rounded(self, figure: Decimal | None) -> Decimal | None:
        """``figure`` at the indicator's precision (half-up), or ``None``."""
        return None if figure is None else round_half_up(figure, self.decimals)


RagRule = Callable[[RagInput], RagStatus]
"""A RAG rule: a pure function from a :class:`RagInput` to a :class:`RagStatus`."""


Explainer = Callable[[RagInput, RagStatus], str]
"""Words for a status: a function of the rule's input and the status it gave."""


def preamble(inp: RagInput) -> RagStatus | None:
    """The status every rule shares before it compares anything, or ``None``.

    ``data-only`` for polarity ``none``; with no value, ``not-applicable``,
    ``not-yet-due`` or ``no-data`` by why there is none (``inp.state``); ``no-target``
    with no target (range polarity: no ``lower`` and ``upper``).
    """
    if inp.polarity is Polarity.NONE:
        return RagStatus.DATA_ONLY
    if inp.value is None:
        if inp.state is ValueState.NOT_APPLICABLE:
            return RagStatus.NOT_APPLICABLE
        if inp.state is ValueState.NOT_YET_DUE:
            return RagStatus.NOT_YET_DUE
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
    return preamble(inp) or _by_tolerance(inp)


def havering_rule(inp: RagInput) -> RagStatus:
    """Havering style: within tolerance counts as green; amber means improved on last year.

    Green when on target or within tolerance of it (as the default rule's green or
    amber); otherwise amber when the value is better than the same period last year
    (for range polarity: nearer the range), red when it is not or last year is unknown.
    """
    early = preamble(inp)
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
    early = preamble(inp)
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
    early = preamble(inp)
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
    early = preamble(inp)
    if early is not None and early is not RagStatus.NO_TARGET:
        return early
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


# --- reasons ------------------------------------------------------------------------------

_MINUS = "\u2212"


def describe_figure(figure: Decimal, decimals: int, unit: str = "") -> str:
    """``figure`` as a reader sees it: half-up at ``decimals`` places, thousands grouped,
    with its unit (``57.3%``, ``£1,250``, ``64,327 visits``); negatives take ``−``."""
    number = round_half_up(figure, decimals)
    if number.is_zero():
        number = abs(number)
    text = f"{abs(number):,.{decimals}f}"
    sign = _MINUS if number < 0 else ""
    unit = unit.strip()
    if is_money_unit(unit):
        return f"{sign}£{text}"
    if is_percent_unit(unit):
        return f"{sign}{text}%"
    return f"{sign}{text} {unit}" if unit else f"{sign}{text}"


def _places(amount: Decimal, decimals: int) -> int:
    """Places enough to show ``amount`` honestly: the indicator's, or up to two more."""
    for places in range(decimals, decimals + 3):
        if round_half_up(amount, places) == amount:
            return places
    return decimals + 2


def _fig(inp: RagInput, figure: Decimal) -> str:
    return describe_figure(figure, inp.decimals, inp.unit)


def _amount(inp: RagInput, amount: Decimal) -> str:
    """A difference or band in the indicator's unit (percentage points for ``%``)."""
    amount = abs(amount)
    text = describe_figure(amount, _places(amount, inp.decimals), "")
    if is_percent_unit(inp.unit):
        return f"{text} percentage {'point' if amount == 1 else 'points'}"
    return describe_figure(amount, _places(amount, inp.decimals), inp.unit) if inp.unit else text


def _share(part: Decimal, whole: Decimal) -> str:
    """``part`` as a percentage of ``whole`` to one place (``7.2%``)."""
    return describe_figure(abs(part) * 100 / abs(whole), 1, "%")


def _side(difference: Decimal) -> str:
    return "above" if difference > 0 else "below"


def _band_text(inp: RagInput, base: Decimal) -> str:
    band = inp.tolerance.band(base)
    if inp.tolerance.kind is ToleranceKind.RELATIVE:
        return f"the {inp.tolerance.amount.normalize():f}% tolerance ({_amount(inp, band)})"
    return f"the tolerance of {_amount(inp, band)}"


def _against(inp: RagInput, value: Decimal, target: Decimal, name: str = "the target") -> str:
    """``61.5% is 2.5 percentage points below the target of 64.0%`` (or ``meets``)."""
    if value == target:
        return f"{_fig(inp, value)} meets {name} of {_fig(inp, target)}"
    gap = value - target
    return f"{_fig(inp, value)} is {_amount(inp, gap)} {_side(gap)} {name} of {_fig(inp, target)}"


def _range_text(inp: RagInput) -> str:
    lower = inp.rounded(inp.lower)
    upper = inp.rounded(inp.upper)
    assert lower is not None
    assert upper is not None
    return f"{_fig(inp, lower)} to {_fig(inp, upper)}"


def _outside_text(inp: RagInput, value: Decimal) -> tuple[str, Decimal]:
    """How ``value`` lies outside the range, worded, and the bound it is nearest."""
    lower = inp.rounded(inp.lower)
    upper = inp.rounded(inp.upper)
    assert lower is not None
    assert upper is not None
    bound, name = (lower, "the lower bound") if value < lower else (upper, "the upper bound")
    return _against(inp, value, bound, name), bound


def _no_target_reason(inp: RagInput) -> str:
    if inp.polarity is Polarity.RANGE:
        return (
            "No target range (lower and upper figures) is set for this period, so it is not rated."
        )
    return "No target is set for this period, so it is not rated."


def _preamble_reason(inp: RagInput, status: RagStatus) -> str | None:
    if status is RagStatus.DATA_ONLY:
        return (
            "Reported for information only: a higher or lower figure is neither better "
            "nor worse, so it is not rated."
        )
    if status is RagStatus.NOT_APPLICABLE:
        return "Recorded as not applicable for this period, so there is nothing to rate."
    if status is RagStatus.NOT_YET_DUE:
        return "The period had not ended on the day the report is judged, so no figure is due yet."
    if status is RagStatus.NO_DATA:
        if inp.state is ValueState.PRESENT:
            return (
                "No figure could be worked out for this period (for example, nothing to divide by)."
            )
        return "No figure has been supplied, although one is due."
    if status is RagStatus.NO_TARGET and preamble(inp) is RagStatus.NO_TARGET:
        return _no_target_reason(inp)
    return None


def _tolerance_words(inp: RagInput, status: RagStatus) -> str:
    value = inp.rounded(inp.value)
    assert value is not None
    if inp.polarity is Polarity.RANGE:
        if status is RagStatus.GREEN:
            return f"{_fig(inp, value)} is within the target range of {_range_text(inp)}."
        text, bound = _outside_text(inp, value)
        within = "within" if status is RagStatus.AMBER else "more than"
        return f"{text}, {within} {_band_text(inp, bound)}."
    target = inp.rounded(inp.target)
    assert target is not None
    text = _against(inp, value, target)
    if status is RagStatus.GREEN:
        return f"{text}." if value == target else f"{text}, better than target."
    within = "within" if status is RagStatus.AMBER else "more than"
    return f"{text}, {within} {_band_text(inp, target)}."


def _explain_tolerance(inp: RagInput, status: RagStatus) -> str:
    return _tolerance_words(inp, status)


def _explain_havering(inp: RagInput, status: RagStatus) -> str:
    tolerance = _by_tolerance(inp)
    if status is RagStatus.GREEN:
        words = _tolerance_words(inp, tolerance)
        if tolerance is RagStatus.AMBER:
            return f"{words[:-1]}, which counts as green under this rule."
        return words
    words = _tolerance_words(inp, RagStatus.RED)[:-1]
    last = inp.rounded(inp.last_year)
    if last is None:
        return f"{words}, and there is no figure for the same period last year to improve on."
    if status is RagStatus.AMBER:
        return f"{words}, but better than the same period last year ({_fig(inp, last)})."
    return f"{words}, and no better than the same period last year ({_fig(inp, last)})."


def _explain_kent(inp: RagInput, status: RagStatus) -> str:
    value = inp.rounded(inp.value)
    assert value is not None
    if inp.polarity is Polarity.RANGE:
        if status is RagStatus.GREEN:
            return f"{_fig(inp, value)} is within the target range of {_range_text(inp)}."
        text, _ = _outside_text(inp, value)
        return f"{text}; this rule allows no tolerance outside a range."
    floor = inp.rounded(inp.floor)
    if floor is None:
        return (
            "No floor standard is set for this period, which this rule needs, so it is not rated."
        )
    target = inp.rounded(inp.target)
    assert target is not None
    text = _against(inp, value, target)
    if status is RagStatus.GREEN:
        return f"{text}." if value == target else f"{text}, better than target."
    if status is RagStatus.AMBER:
        return f"{text}, but meets the floor standard of {_fig(inp, floor)}."
    return f"{text}, and worse than the floor standard of {_fig(inp, floor)}."


def _explain_medway(inp: RagInput, status: RagStatus) -> str:
    value = inp.rounded(inp.value)
    assert value is not None
    forecast = inp.rounded(inp.forecast)
    year_target = inp.rounded(inp.year_target)
    if inp.polarity is Polarity.RANGE:
        if status is RagStatus.GREEN:
            return f"{_fig(inp, value)} is within the target range of {_range_text(inp)}."
        text, _ = _outside_text(inp, value)
        if forecast is None:
            return f"{text}, and there is no year-end forecast to show it will be back in range."
        inside = "within" if status is RagStatus.AMBER else "outside"
        joint = "but" if status is RagStatus.AMBER else "and"
        outturn = _fig(inp, forecast)
        return f"{text}, {joint} the forecast year-end outturn of {outturn} is {inside} the range."
    target = inp.rounded(inp.target)
    assert target is not None
    text = _against(inp, value, target)
    if status is RagStatus.GREEN:
        return f"{text}." if value == target else f"{text}, better than target."
    if forecast is None or year_target is None:
        missing = "year-end forecast" if forecast is None else "year-end target"
        return f"{text}, and there is no {missing} to show the year-end target will be met."
    if status is RagStatus.AMBER:
        return (
            f"{text}, but the forecast year-end outturn of {_fig(inp, forecast)} meets the "
            f"year-end target of {_fig(inp, year_target)}."
        )
    return (
        f"{text}, and the forecast year-end outturn of {_fig(inp, forecast)} misses the "
        f"year-end target of {_fig(inp, year_target)}."
    )


def _explain_activity(inp: RagInput, status: RagStatus) -> str:
    value = inp.rounded(inp.value)
    target = inp.rounded(inp.target)
    lower = inp.rounded(inp.lower)
    upper = inp.rounded(inp.upper)
    assert value is not None
    if target is None or lower is None or upper is None:
        missing = [
            name
            for name, figure in (
                ("a planned level", target),
                ("a lower threshold", lower),
                ("an upper threshold", upper),
            )
            if figure is None
        ]
        return (
            "This rule needs a planned level and lower and upper activity thresholds; "
            f"{' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} not set, "
            "so it is not rated."
        )
    thresholds = f"{_fig(inp, lower)} to {_fig(inp, upper)}"
    if value == target:
        planned = f"{_fig(inp, value)} is exactly the planned {_fig(inp, target)}"
    else:
        gap = value - target
        share = _share(gap, target) if target else _amount(inp, gap)
        planned = f"{_fig(inp, value)} is {share} {_side(gap)} the planned {_fig(inp, target)}"
    if status is RagStatus.GREEN:
        return f"{planned}, within {_band_text(inp, target)}."
    if status is RagStatus.AMBER:
        return (
            f"{planned}, more than {_band_text(inp, target)}, but within the activity "
            f"thresholds of {thresholds}."
        )
    bound, name = (upper, "upper") if value > upper else (lower, "lower")
    beyond = value - bound
    by = _share(beyond, bound) if bound else _amount(inp, beyond)
    return (
        f"{_fig(inp, value)} is {_side(beyond)} the {name} activity threshold of "
        f"{_fig(inp, bound)} by {by} (thresholds {thresholds}; planned {_fig(inp, target)})."
    )


_EXPLAINERS: dict[object, Explainer] = {
    tolerance_rule: _explain_tolerance,
    havering_rule: _explain_havering,
    kent_rule: _explain_kent,
    medway_rule: _explain_medway,
    activity_range_rule: _explain_activity,
}


def _explainer(rule: object) -> Explainer | None:
    seen = 0
    while seen < 5:  # a named rule wrapping a named rule …, but never forever
        try:
            found = _EXPLAINERS.get(rule)
        except TypeError:  # an unhashable callable
            found = None
        if found is not None:
            return found
        explain = getattr(rule, "explain", None)
        if callable(explain):
            return explain  # type: ignore[no-any-return]
        inner = getattr(rule, "function", None)
        if inner is None:
            return None
        rule = inner
        seen += 1
    return None


def _generic_reason(inp: RagInput, status: RagStatus, name: str) -> str:
    by = f"the council's {name!r} rule" if name else "the council's own rule"
    value = inp.rounded(inp.value)
    assert value is not None
    if inp.polarity is Polarity.RANGE:
        against = f"the target range of {_range_text(inp)}"
    else:
        target = inp.rounded(inp.target)
        assert target is not None
        against = f"the target of {_fig(inp, target)}"
    return f"Rated {status.value} by {by}: {_fig(inp, value)} against {against}."


def reason_for(rule: RagRule, inp: RagInput, status: RagStatus, name: str = "") -> str:
    """The reason for ``status``, which ``rule`` (called ``name``) gave for ``inp``.

    The shared statuses (:func:`preamble`) have fixed words; the built-in rules word
    their own statuses; a plugin rule may give an ``explain(inp, status)`` method, and
    any other gets a generic reason naming the rule, the value and the target.
    """
    shared = _preamble_reason(inp, status)
    if shared is not None:
        return shared
    explain = _explainer(rule)
    if explain is not None:
        text = explain(inp, status)
        if isinstance(text, str) and text.strip():
            return text
    if status not in RATED:
        if status is RagStatus.NO_TARGET:
            return _no_target_reason(inp)
        return f"Rated {status.value}."
    return _generic_reason(inp, status, name)


@frozen
class RagResult:
    """A status with its reason in plain words (see :func:`rate`)."""

    status: RagStatus
    reason: str


def rate(rule: RagRule, inp: RagInput, name: str = "") -> RagResult:
    """Rate ``inp`` by ``rule``: the shared :func:`preamble` first, then the rule, with
    the status's reason (:func:`reason_for`).

    A rule (a plugin's too) is only called with a value that has a target, so it never
    has to handle ``data-only``, ``not-applicable``, ``not-yet-due``, ``no-data`` or
    ``no-target``.

    Raises:
        TypeError: the rule returned something other than a :class:`RagStatus` (or
            one of its values, such as ``"amber"``).
    """
    early = preamble(inp)
    if early is not None:
        return RagResult(early, reason_for(rule, inp, early, name))
    status = rule(inp)
    if not isinstance(status, RagStatus):
        try:
            status = RagStatus(status)
        except ValueError:
            raise TypeError(
                f"RAG rule {name or rule!r} returned {status!r}, not a RagStatus"
            ) from None
    return RagResult(status, reason_for(rule, inp, status, name))


_DESCRIPTIONS: dict[object, str] = {
    tolerance_rule: (
        "green on or better than target; amber worse than target but within the "
        "indicator's tolerance; red beyond it"
    ),
    havering_rule: (
        "green on target or within the tolerance; amber outside the tolerance but better "
        "than the same period last year; red otherwise"
    ),
    kent_rule: (
        "green on or better than target; amber below target but meeting the floor "
        "standard; red below the floor standard"
    ),
    medway_rule: (
        "green on or better than target; amber off target but forecast to meet the "
        "year-end target; red otherwise"
    ),
    activity_range_rule: (
        "green within the tolerance of the planned level of activity, either way; amber "
        "further from it but within the lower and upper activity thresholds; red beyond them"
    ),
}


def describe_rule(rule: RagRule) -> str:
    """What ``rule`` means, in plain words: the built-in rules' own words, a plugin
    rule's ``description`` or the first line of its docstring, else a generic phrase."""
    seen = 0
    current: object = rule
    while seen < 5:
        try:
            found = _DESCRIPTIONS.get(current)
        except TypeError:
            found = None
        if found is not None:
            return found
        description = getattr(current, "description", None)
        if isinstance(description, str) and description.strip():
            return description.strip()
        inner = getattr(current, "function", None)
        if inner is None:
            break
        current = inner
        seen += 1
    doc = getattr(current, "__doc__", None)
    first = doc.strip().splitlines()[0].strip() if isinstance(doc, str) and doc.strip() else ""
    return first or "the council's own rule (from a plugin)"
