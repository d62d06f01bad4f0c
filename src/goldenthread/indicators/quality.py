"""Data quality: validation rules, completeness and timeliness of returns, summaries.

Poole's framework asks that performance information be "founded on high quality,
reliable, and timely data".  This module checks the three things that can be checked
mechanically, and reports every problem as a :class:`~goldenthread.findings.Finding`
with a stable code:

===================================  ========  ============================================
code                                 severity  raised when
===================================  ========  ============================================
``out-of-range``                     error     a value is below the rule's ``minimum`` or
                                               above its ``maximum``
``numerator-exceeds-denominator``    error     a proportion's numerator is greater than
                                               its denominator
``unusual-change``                   warning   a value moved from the previous one by more
                                               than ``max_change_percent`` (or
                                               ``max_change_amount`` units), or lies more
                                               than ``max_mads`` MADs from the median of
                                               recent history: flagged for checking, not
                                               necessarily wrong
``missing-return``                   warning   a return is past its due date and has not
                                               been received
``late-return``                      info      a return was received after its due date
===================================  ========  ============================================

**Unusual change.** The percentage test compares the value with the last value of
``history``: ``|value - previous| ÷ |previous| × 100 > max_change_percent``; from a
previous value of zero any non-zero value is an unusual change.  The amount test flags
``|value - previous| > max_change_amount``.  The MAD test needs at
least three history values (the most recent ``history_window`` are used) and a non-zero
MAD; with a MAD of zero (at least half the recent values equal) it cannot judge and
stays silent, leaving the percentage test to speak.

**Returns.** An :class:`ExpectedReturn` is one figure due by a date.
:func:`assess_returns` classifies each, as at a date, as ``on-time`` (received on or
before the due date), ``late`` (received after it), ``missing`` (not received and the
due date has passed) or ``not-yet-due`` (not received, due date not yet passed).  A
return received after the as-at date counts as not received, so an earlier state can be
reproduced.  The four counts always add up to the number expected.

:func:`summarise_by_service` gives each service's counts and percentages: *on time* is
on-time returns as a share of those due, *complete* is returns received (on time or
late) as a share of those due; both are ``None`` when nothing is due yet.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from attrs import frozen

from goldenthread.findings import Finding, Severity
from goldenthread.indicators.benchmarking import median
from goldenthread.indicators.numbers import round_half_up
from goldenthread.indicators.stats import Number
from goldenthread.periods import Period

__all__ = [
    "ExpectedReturn",
    "ReturnOutcome",
    "ReturnStatus",
    "ServiceQualitySummary",
    "ValidationRule",
    "assess_returns",
    "return_findings",
    "summarise_by_service",
    "validate_value",
]


def _exact(value: Number) -> Decimal:
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if not number.is_finite():
        raise ValueError(f"a figure to validate must be a finite number, not {value}")
    return number


@frozen
class ValidationRule:
    """The data quality rules for one indicator; every test is optional.

    ``minimum`` and ``maximum`` bound the allowed values (inclusive).  ``proportion``
    requires numerator <= denominator.  ``max_change_percent``, ``max_change_amount`` and
    ``max_mads`` set the unusual-change tests; ``history_window`` is how many recent
    values the MAD test uses.

    Raises:
        ValueError: ``minimum`` above ``maximum``, a negative threshold, or a history
            window under 3.
    """

    indicator: str
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    proportion: bool = False
    max_change_percent: Decimal | None = None
    max_mads: Decimal | None = None
    history_window: int = 12
    max_change_amount: Decimal | None = None

    def __attrs_post_init__(self) -> None:
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise ValueError(
                f"{self.indicator}: the minimum ({self.minimum}) is above the maximum "
                f"({self.maximum})"
            )
        for name in ("max_change_percent", "max_mads", "max_change_amount"):
            threshold = getattr(self, name)
            if threshold is not None and threshold < 0:
                raise ValueError(f"{self.indicator}: {name} must not be negative, not {threshold}")
        if self.history_window < 3:
            raise ValueError(
                f"{self.indicator}: history_window must be at least 3, not {self.history_window}"
            )


def validate_value(
    rule: ValidationRule,
    period: Period,
    value: Number | None,
    *,
    numerator: Number | None = None,
    denominator: Number | None = None,
    history: Sequence[Number] = (),
) -> tuple[Finding, ...]:
    """Check one value (and its counts) against ``rule``; the findings, in rule order.

    ``history`` holds the indicator's earlier values, oldest first, the last being the
    previous period's.  A ``None`` value is only checked for its counts.
    """
    code = rule.indicator
    where = f"{code} {period.label}"
    found: list[Finding] = []
    if value is not None:
        figure = _exact(value)
        if rule.minimum is not None and figure < rule.minimum:
            found.append(
                Finding(
                    "out-of-range",
                    Severity.ERROR,
                    code,
                    f"{where}: {figure} is below the allowed minimum of {rule.minimum}",
                )
            )
        if rule.maximum is not None and figure > rule.maximum:
            found.append(
                Finding(
                    "out-of-range",
                    Severity.ERROR,
                    code,
                    f"{where}: {figure} is above the allowed maximum of {rule.maximum}",
                )
            )
    if rule.proportion and numerator is not None and denominator is not None:
        top, bottom = _exact(numerator), _exact(denominator)
        if top > bottom:
            found.append(
                Finding(
                    "numerator-exceeds-denominator",
                    Severity.ERROR,
                    code,
                    f"{where}: the numerator {top} exceeds the denominator {bottom}, "
                    "which a proportion cannot",
                )
            )
    if value is not None and history:
        found.extend(_unusual_change(rule, where, _exact(value), [_exact(h) for h in history]))
    return tuple(found)


def _unusual_change(
    rule: ValidationRule, where: str, value: Decimal, history: list[Decimal]
) -> list[Finding]:
    found: list[Finding] = []
    previous = history[-1]
    if rule.max_change_percent is not None and value != previous:
        if previous == 0:
            found.append(
                Finding(
                    "unusual-change",
                    Severity.WARNING,
                    rule.indicator,
                    f"{where}: {value} after 0 last period; please check it",
                )
            )
        else:
            change = abs(value - previous) / abs(previous) * 100
            if change > rule.max_change_percent:
                shown = round_half_up(change, 1)
                found.append(
                    Finding(
                        "unusual-change",
                        Severity.WARNING,
                        rule.indicator,
                        f"{where}: {value} is a {shown}% change from {previous} last "
                        f"period (more than {rule.max_change_percent}%); please check it",
                    )
                )
    if rule.max_change_amount is not None:
        moved = abs(value - previous)
        if moved > rule.max_change_amount:
            found.append(
                Finding(
                    "unusual-change",
                    Severity.WARNING,
                    rule.indicator,
                    f"{where}: {value} is a change of {moved} from {previous} last period "
                    f"(more than {rule.max_change_amount}); please check it",
                )
            )
    recent = history[-rule.history_window :]
    if rule.max_mads is not None and len(recent) >= 3:
        centre = median(recent)
        spread = median(abs(h - centre) for h in recent)
        if spread != 0 and abs(value - centre) > rule.max_mads * spread:
            distance = round_half_up(abs(value - centre) / spread, 1)
            found.append(
                Finding(
                    "unusual-change",
                    Severity.WARNING,
                    rule.indicator,
                    f"{where}: {value} is {distance} MADs from the recent median of {centre} "
                    f"(more than {rule.max_mads}); please check it",
                )
            )
    return found


@frozen
class ExpectedReturn:
    """One figure due from a service: an indicator's value for a period, by a date."""

    indicator: str
    period: Period
    due: dt.date
    service: str = ""


class ReturnStatus(enum.Enum):
    """Where an expected return stands as at a date."""

    ON_TIME = "on-time"
    LATE = "late"
    MISSING = "missing"
    NOT_YET_DUE = "not-yet-due"


@frozen
class ReturnOutcome:
    """An expected return, when it was received (if it was) and its status.

    ``days_late`` is the number of days after the due date it arrived (late returns), or
    has been outstanding as at the assessment date (missing returns); otherwise 0.
    """

    expected: ExpectedReturn
    status: ReturnStatus
    received: dt.date | None
    days_late: int


def assess_returns(
    expected: Iterable[ExpectedReturn],
    received: Mapping[tuple[str, Period], dt.date],
    as_at: dt.date,
) -> tuple[ReturnOutcome, ...]:
    """Classify each expected return as at ``as_at`` (see the module notes).

    ``received`` maps ``(indicator, period)`` to the date the figure was received;
    entries for returns not expected are ignored.  Outcomes are in the order expected.

    Raises:
        ValueError: the same indicator and period is expected twice.
    """
    outcomes: list[ReturnOutcome] = []
    seen: set[tuple[str, Period]] = set()
    for item in expected:
        key = (item.indicator, item.period)
        if key in seen:
            raise ValueError(f"{item.indicator} {item.period.label} is expected more than once")
        seen.add(key)
        arrived = received.get(key)
        if arrived is not None and arrived > as_at:
            arrived = None
        if arrived is not None:
            late = (arrived - item.due).days
            status = ReturnStatus.LATE if late > 0 else ReturnStatus.ON_TIME
            outcomes.append(ReturnOutcome(item, status, arrived, max(late, 0)))
        elif as_at > item.due:
            outcomes.append(
                ReturnOutcome(item, ReturnStatus.MISSING, None, (as_at - item.due).days)
            )
        else:
            outcomes.append(ReturnOutcome(item, ReturnStatus.NOT_YET_DUE, None, 0))
    return tuple(outcomes)


def return_findings(outcomes: Iterable[ReturnOutcome]) -> tuple[Finding, ...]:
    """``missing-return`` and ``late-return`` findings for the outcomes that need them."""
    found: list[Finding] = []
    for outcome in outcomes:
        item = outcome.expected
        where = f"{item.indicator} {item.period.label}"
        days = "day" if outcome.days_late == 1 else "days"
        if outcome.status is ReturnStatus.MISSING:
            found.append(
                Finding(
                    "missing-return",
                    Severity.WARNING,
                    item.indicator,
                    f"{where}: due {item.due.isoformat()} and not received "
                    f"({outcome.days_late} {days} overdue)",
                )
            )
        elif outcome.status is ReturnStatus.LATE:
            assert outcome.received is not None
            found.append(
                Finding(
                    "late-return",
                    Severity.INFO,
                    item.indicator,
                    f"{where}: due {item.due.isoformat()}, received "
                    f"{outcome.received.isoformat()} ({outcome.days_late} {days} late)",
                )
            )
    return tuple(found)


def _percent(part: int, whole: int) -> Decimal | None:
    if whole == 0:
        return None
    return round_half_up(Decimal(part) * 100 / whole, 1)


@frozen
class ServiceQualitySummary:
    """One service's data quality: returns by status, and findings by code and severity.

    Percentages are rounded half-up to one decimal place; ``None`` when nothing is due.
    """

    service: str
    expected: int
    on_time: int
    late: int
    missing: int
    not_yet_due: int
    findings_by_code: tuple[tuple[str, int], ...]
    errors: int
    warnings: int

    @property
    def due(self) -> int:
        """Returns whose due date has passed (or that have arrived)."""
        return self.expected - self.not_yet_due

    @property
    def received(self) -> int:
        """Returns received, on time or late."""
        return self.on_time + self.late

    @property
    def percent_on_time(self) -> Decimal | None:
        """On-time returns as a percentage of those due."""
        return _percent(self.on_time, self.due)

    @property
    def percent_complete(self) -> Decimal | None:
        """Returns received as a percentage of those due."""
        return _percent(self.received, self.due)


def summarise_by_service(
    outcomes: Iterable[ReturnOutcome],
    findings: Iterable[Finding] = (),
    service_of: Mapping[str, str] | None = None,
) -> tuple[ServiceQualitySummary, ...]:
    """A :class:`ServiceQualitySummary` per service, sorted by service name.

    A return's service is its own ``service``; a finding's is ``service_of[item]``
    (indicator code to service).  Returns or findings with no service are summarised
    under ``""``.
    """
    services = service_of or {}
    statuses: dict[str, Counter[ReturnStatus]] = {}
    codes: dict[str, Counter[str]] = {}
    severities: dict[str, Counter[Severity]] = {}
    for outcome in outcomes:
        statuses.setdefault(outcome.expected.service, Counter())[outcome.status] += 1
    for finding in findings:
        service = services.get(finding.item or "", "")
        codes.setdefault(service, Counter())[finding.code] += 1
        severities.setdefault(service, Counter())[finding.severity] += 1
    summaries = []
    for service in sorted(statuses.keys() | codes.keys()):
        counted = statuses.get(service, Counter())
        by_code = codes.get(service, Counter())
        by_severity = severities.get(service, Counter())
        summaries.append(
            ServiceQualitySummary(
                service=service,
                expected=sum(counted.values()),
                on_time=counted[ReturnStatus.ON_TIME],
                late=counted[ReturnStatus.LATE],
                missing=counted[ReturnStatus.MISSING],
                not_yet_due=counted[ReturnStatus.NOT_YET_DUE],
                findings_by_code=tuple(sorted(by_code.items())),
                errors=by_severity[Severity.ERROR],
                warnings=by_severity[Severity.WARNING],
            )
        )
    return tuple(summaries)
