"""The data quality report (``goldenthread report data-quality``).

For the period asked for, the report has:

* **Summary**: values recorded in the period by data status, validation findings by
  severity, and returns on time, late, missing and not yet due;
* **Validation failures**: every value recorded in the period checked by
  :func:`~goldenthread.indicators.quality.validate_value`: percentages must lie from 0
  to 100 and, for ratio indicators, have a numerator no greater than the denominator;
  every indicator is checked for unusual change (more than ``max_change_percent``,
  50 by default, from its previous value, or more than 3.5 median absolute deviations
  from its recent history; for ``last`` and ``cumulative`` indicators only history
  within the same financial year counts, so a running total's restart in April is not
  flagged).  A ``cumulative`` indicator (a running total since the start of the year)
  is not put to the default percentage test, which every running total fails early in
  the year (May's figure is about twice April's); instead a running total that falls
  below the previous figure of the same year is flagged.  An indicator's own
  ``minimum``, ``maximum`` and ``max_change`` columns in ``indicators.csv`` override
  these defaults;
* **Returns**: each indicator's figure for each of its collection periods ending in the
  report period is due by the due rule of the monitoring arrangement that collects it
  (the first ``[[monitoring]]`` entry naming the indicator in its ``returns``, else the
  first with ``returns = "all"``): its ``data_due`` rule, else its ``report_due`` rule,
  counted from the end of the collection period with the cycle's calendar and meetings
  (:func:`returns_due`).  An indicator no arrangement collects is due ``data_due_days``
  (15 by default) calendar days after the collection period ends.  A figure is received
  on the day ``returns.csv`` records, else on the date in values.csv's ``received``
  column (ISO or day-first ``30/10/2025``; anything else is an error), else, when the
  value is recorded, it is taken as received on time; a figure that is missing (or
  absent) has not been received.  A receipt dated after the judging day had not
  happened yet.  Late and missing returns are listed;
* **Audit spot-check**: a reproducible weighted sample of indicators
  (:func:`~goldenthread.indicators.spotcheck.draw_sample`) drawn on the report's day with
  the ``[spot_check]`` settings (``size``, 10 by default; ``seed``, the financial year
  by default; ``weights``), weighting statutory indicators, those feeding a government
  return (their ``source`` mentions a return), red ones and much-changed ones (from
  the previous period; from the same point last year for a ``cumulative`` one), with
  each one's outcome: the latest check recorded in ``spot_checks.csv`` for the period's
  financial year on or before the report's day (:func:`recorded_checks`), else "not yet
  checked".  Checks not verified or amended, and sampled indicators not yet checked,
  are listed as findings.

Settings: ``[reports.data-quality]`` ``data_due_days`` and ``max_change_percent``.
The report is ``internal`` by default; a public one (``classification="public"``) judges
indicators by their effective classification
(:func:`~goldenthread.reports.builders.common.protect`) and names no auditor and quotes
no auditor's note in its spot-check findings.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs
from attrs import frozen

from goldenthread.cycles.arrangements import Arrangement
from goldenthread.cycles.records import received_by_return
from goldenthread.errors import InputError, Problem
from goldenthread.findings import Finding, Severity
from goldenthread.framework import Framework
from goldenthread.indicators.assess import Assessment, assess_all
from goldenthread.indicators.definition import Aggregation, IndicatorDefinition, ToleranceKind
from goldenthread.indicators.numbers import ValueState, is_percent_unit
from goldenthread.indicators.quality import (
    ExpectedReturn,
    ReturnOutcome,
    ReturnStatus,
    ValidationRule,
    assess_returns,
    validate_value,
)
from goldenthread.indicators.rag import RagStatus
from goldenthread.indicators.spotcheck import (
    RecordedCheck,
    SpotCheckWeights,
    Verification,
    candidate,
    check_findings,
    draw_sample,
)
from goldenthread.indicators.values import IndicatorValue
from goldenthread.io.cycles import CycleConfig
from goldenthread.io.thread import parse_date
from goldenthread.periods import Period
from goldenthread.reports.builders.common import (
    assemble_report,
    effective_day,
    empty_sections_choice,
    protect,
    report_settings,
    shown_section,
    visible,
)
from goldenthread.reports.model import (
    Cell,
    Column,
    ColumnKind,
    Findings,
    KeyValue,
    KeyValues,
    Paragraph,
    Report,
    Section,
    Table,
)

__all__ = [
    "DataQualityReport",
    "expected_returns",
    "recorded_checks",
    "returns_due",
    "validation_rule",
]

_HUNDRED = Decimal(100)


def validation_rule(definition: IndicatorDefinition, max_change_percent: Decimal) -> ValidationRule:
    """The rule a definition is checked by (see the module documentation).

    The indicator's own ``minimum``, ``maximum`` and ``max_change`` (from
    ``indicators.csv``) override the derived defaults one by one: an absolute
    ``max_change`` replaces the percentage test with a test of the change's size.
    """
    percent = is_percent_unit(definition.unit)
    minimum = Decimal(0) if percent else None
    maximum = _HUNDRED if percent else None
    if definition.minimum is not None:
        minimum = definition.minimum
    if definition.maximum is not None:
        maximum = definition.maximum
    if minimum is not None and maximum is not None and minimum > maximum:
        # an own bound beyond the derived 0-100 range wins over the derived other bound
        minimum, maximum = definition.minimum, definition.maximum
    change_percent: Decimal | None = max_change_percent
    if definition.aggregation is Aggregation.CUMULATIVE:
        change_percent = None  # see the module documentation
    change_amount: Decimal | None = None
    if definition.max_change is not None:
        if definition.max_change.kind is ToleranceKind.RELATIVE:
            change_percent = definition.max_change.amount
        else:
            change_percent, change_amount = None, definition.max_change.amount
    return ValidationRule(
        definition.code,
        minimum=minimum,
        maximum=maximum,
        proportion=percent and definition.aggregation is Aggregation.RATIO,
        max_change_percent=change_percent,
        max_mads=Decimal("3.5"),
        max_change_amount=change_amount,
    )


def recorded_checks(
    recorded: Iterable[RecordedCheck], period: Period, day: dt.date, codes: Iterable[str]
) -> list[Verification]:
    """The verifications of ``recorded`` that count for a report on ``period`` as at
    ``day``: those of the sampled ``codes`` for the period's financial year, checked on
    or before ``day``, oldest first (so the last of each code is its outcome)."""
    sampled = set(codes)
    year = period.financial_year
    found = [
        check.verification
        for check in recorded
        if check.code in sampled and check.year == year and check.verification.checked_on <= day
    ]
    return sorted(found, key=lambda v: v.checked_on)


def expected_returns(
    definitions: Sequence[IndicatorDefinition], period: Period, due_after_days: int
) -> list[ExpectedReturn]:
    """One return per indicator per collection period within ``period``, due
    ``due_after_days`` after the collection period ends."""
    out = []
    for definition in definitions:
        if definition.frequency.months > period.months:
            continue
        for sub in period.subperiods(definition.frequency):
            out.append(
                ExpectedReturn(
                    definition.code,
                    sub,
                    sub.end + dt.timedelta(days=due_after_days),
                    definition.service,
                )
            )
    return out


def _collector(code: str, arrangements: Sequence[Arrangement]) -> Arrangement | None:
    named = [a for a in arrangements if code in a.returns]
    if named:
        return named[0]
    every = [a for a in arrangements if a.collects(code)]
    return every[0] if every else None


def returns_due(
    definitions: Sequence[IndicatorDefinition],
    period: Period,
    cycle: CycleConfig,
    default_days: int = 15,
) -> list[tuple[ExpectedReturn, Arrangement | None]]:
    """One return per indicator per collection period within ``period``, each with the
    arrangement whose due rule it is judged by (``None``: due ``default_days`` calendar
    days after the collection period ends); see the module documentation.

    Raises:
        InputError: an arrangement's rule cannot give a due date (no meeting known late
            enough), naming the arrangement, the indicator and the period.
    """
    out: list[tuple[ExpectedReturn, Arrangement | None]] = []
    for definition in definitions:
        if definition.frequency.months > period.months:
            continue
        arrangement = _collector(definition.code, cycle.arrangements)
        for sub in period.subperiods(definition.frequency):
            if arrangement is None:
                due = sub.end + dt.timedelta(days=default_days)
            else:
                try:
                    due = arrangement.return_rule.due(sub.end, cycle.calendar, cycle.meetings)
                except InputError as exc:
                    reasons = "; ".join(p.reason for p in exc.problems)
                    raise InputError(
                        f"arrangement {arrangement.key!r}: cannot tell when the return of "
                        f"{definition.code} for {sub.label} is due: {reasons}"
                    ) from None
            out.append((ExpectedReturn(definition.code, sub, due, definition.service), arrangement))
    return out


def _received_on(value: IndicatorValue, expected: ExpectedReturn) -> dt.date | None:
    if value.state is not ValueState.PRESENT:
        return None
    text = value.extras.get("received", "").strip()
    if text:
        try:
            return parse_date(text)
        except ValueError:
            raise InputError(
                [
                    Problem(
                        f"{expected.indicator} {expected.period.label}: the received date "
                        f"{text!r} is not a date; write 2025-10-30 or 30/10/2025",
                        "values.csv",
                        None,
                        "received",
                    )
                ]
            ) from None
    return expected.due


def _int(settings: Mapping[str, Any], key: str, default: int) -> int:
    value = settings.get(key, default)
    return value if isinstance(value, int) and not isinstance(value, bool) else default


_RETURN_COLUMNS = (
    Column("indicator", "Indicator"),
    Column("period", "Period"),
    Column("service", "Service"),
    Column("due", "Due", ColumnKind.DATE),
    Column("received", "Received", ColumnKind.DATE),
    Column("status", "Return"),
    Column("days_late", "Days late", ColumnKind.NUMBER),
)

_SAMPLE_COLUMNS = (
    Column("indicator", "Indicator"),
    Column("title", "Title"),
    Column("weight", "Weight", ColumnKind.NUMBER),
    Column("reasons", "Why weighted"),
    Column("outcome", "Outcome"),
)


def _history(
    recorded: Mapping[Any, IndicatorValue], value: IndicatorValue, same_year: bool
) -> list[Decimal]:
    year = value.period.financial_year
    earlier = sorted(
        (
            v
            for v in recorded.values()
            if v.period.months == value.period.months
            and v.period.end < value.period.start
            and v.value is not None
            and (not same_year or v.period.financial_year == year)
        ),
        key=lambda v: v.period.start,
    )
    return [v.value for v in earlier[-12:] if v.value is not None]


def _fall(rule: ValidationRule, value: IndicatorValue, history: Sequence[Decimal]) -> list[Finding]:
    """A running total that falls within its year (``history`` is the same year's)."""
    if value.value is None or not history or value.value >= history[-1]:
        return []
    return [
        Finding(
            "unusual-change",
            Severity.WARNING,
            rule.indicator,
            f"{rule.indicator} {value.period.label}: {value.value} is below {history[-1]} "
            "last period, but a running total since the start of the year should not "
            "fall; please check it",
        )
    ]


def _change(assessment: Assessment, cumulative: bool = False) -> Decimal | None:
    now, before = assessment.value, assessment.previous_value
    if cumulative:
        before = assessment.last_year_value
    if now is None or before is None or before == 0:
        return None
    return (now - before) / abs(before) * _HUNDRED


@frozen
class DataQualityReport:
    """The ``data-quality`` report kind (see the module documentation)."""

    name: str = "data-quality"
    title: str = "Data quality report"
    classification: str = "internal"
    audience: str = "Management Team"

    def build(
        self,
        framework: Framework,
        period: Period,
        *,
        as_at: dt.datetime | None = None,
        today: dt.date,
        classification: str | None = None,
    ) -> Report:
        """Build the report for ``period`` as at ``as_at`` (else ``today``).

        Raises:
            InputError: the period's year start differs from the framework's.
            ValueError: a naive ``as_at``, an unknown classification or bad spot-check
                weights.
        """
        shown = classification or self.classification
        framework = protect(framework)
        day = effective_day(as_at, today)
        framework = framework.judged_on(day)
        options = report_settings(framework, self.name)
        due_days = _int(options, "data_due_days", 15)
        cycle = framework.cycle
        max_change = Decimal(str(options.get("max_change_percent", 50)))
        dataset = framework.indicators
        definitions = [
            d for d in dataset.definitions.values() if visible(d.classification.value, shown)
        ]
        codes = {d.code for d in definitions}
        in_period = [
            v
            for d in definitions
            for v in sorted(dataset.recorded[d.code].values(), key=lambda v: v.period.start)
            if v.period.start >= period.start and v.period.end <= period.end
        ]
        findings: list[Finding] = []
        rules = {d.code: validation_rule(d, max_change) for d in definitions}
        for value in in_period:
            aggregation = dataset.definitions[value.indicator].aggregation
            history = _history(
                dataset.recorded[value.indicator],
                value,
                aggregation in (Aggregation.LAST, Aggregation.CUMULATIVE),
            )
            findings.extend(
                validate_value(
                    rules[value.indicator],
                    value.period,
                    value.value,
                    numerator=value.numerator,
                    denominator=value.denominator,
                    history=history,
                )
            )
            if aggregation is Aggregation.CUMULATIVE:
                findings.extend(_fall(rules[value.indicator], value, history))
        judged = returns_due(definitions, period, cycle, due_days)
        expected = [item for item, _ in judged]
        recorded_receipts = received_by_return(framework.returns)
        received: dict[tuple[str, Period], dt.date] = {}
        for item in expected:
            key = (item.indicator, item.period)
            if key in recorded_receipts:
                received[key] = recorded_receipts[key]
                continue
            held = dataset.recorded.get(item.indicator)
            entry = (
                None if held is None else held.get((item.period.months, item.period.start_index))
            )
            arrived = None if entry is None else _received_on(entry, item)
            if arrived is not None:
                received[key] = arrived
        outcomes = assess_returns(expected, received, day)
        counted = Counter(o.status for o in outcomes)
        statuses = Counter(v.status.value for v in in_period if v.state is ValueState.PRESENT)
        severities = Counter(f.severity for f in findings)
        summary = KeyValues(
            [
                KeyValue("Period", period.label),
                KeyValue("As at", day, ColumnKind.DATE),
                KeyValue("Values recorded", len(in_period), ColumnKind.NUMBER),
                *(
                    KeyValue(f"Data status: {name}", n, ColumnKind.NUMBER)
                    for name, n in sorted(statuses.items())
                ),
                *(
                    KeyValue(f"Validation findings: {s.value}", severities[s], ColumnKind.NUMBER)
                    for s in Severity
                ),
                *(
                    KeyValue(f"Returns {s.value}", counted[s], ColumnKind.NUMBER)
                    for s in ReturnStatus
                ),
            ]
        )
        problem_returns = [
            o for o in outcomes if o.status in (ReturnStatus.LATE, ReturnStatus.MISSING)
        ]
        assessments = [
            a
            for a in assess_all(
                dataset, period, rules=framework.rag_rules, as_at=day, forecasts=False
            )
            if a.indicator in codes
        ]
        by_code = {a.indicator: a for a in assessments}
        spot = framework.settings.get("spot_check", {})
        spot = spot if isinstance(spot, Mapping) else {}
        weights_data = spot.get("weights")
        weights = (
            SpotCheckWeights.from_dict(weights_data)
            if isinstance(weights_data, Mapping)
            else SpotCheckWeights()
        )
        candidates = [
            candidate(
                d,
                government_return="return" in d.source.lower(),
                red=by_code[d.code].status is RagStatus.RED if d.code in by_code else False,
                change_percent=(
                    _change(by_code[d.code], d.aggregation is Aggregation.CUMULATIVE)
                    if d.code in by_code
                    else None
                ),
            )
            for d in definitions
        ]
        sample = draw_sample(
            candidates,
            _int(spot, "size", 10),
            _int(spot, "seed", period.financial_year.year),
            day,
            weights,
        )
        checks = recorded_checks(framework.spot_checks, period, day, sample.codes)
        if shown == "public":  # who checked and what they noted stay inside the council
            checks = [attrs.evolve(c, auditor="the auditor", note="") for c in checks]
        done = {check.code: check.outcome for check in checks}
        titles = {d.code: d.title for d in definitions}
        sample_rows = [
            (
                s.code,
                titles[s.code],
                s.weight,
                ", ".join(s.reasons) or "base weight only",
                done[s.code].value if s.code in done else "not yet checked",
            )
            for s in sample.items
        ]
        choice = empty_sections_choice(framework)
        sections = [
            Section("Summary", [summary], id="summary"),
            *shown_section(
                "Validation failures",
                [Findings(findings, f"Validation findings, {period.label}")],
                id="validation",
                empty=f"No figure for {period.label} fails validation.",
                choice=choice,
            ),
            *shown_section(
                "Late and missing returns",
                [
                    Paragraph(_due_rules_text(judged, due_days)),
                    Table(
                        f"Late and missing returns, {period.label}",
                        _RETURN_COLUMNS,
                        [_return_row(o) for o in problem_returns],
                    ),
                ],
                id="returns",
                empty=f"No return for {period.label} is late or missing. "
                + _due_rules_text(judged, due_days),
                choice=choice,
            ),
            Section(
                "Audit spot-check",
                [
                    KeyValues(
                        [
                            KeyValue("Drawn on", sample.drawn_on, ColumnKind.DATE),
                            KeyValue("Seed", str(sample.seed)),
                            KeyValue("Population", sample.population, ColumnKind.NUMBER),
                            KeyValue("Sample size", len(sample.items), ColumnKind.NUMBER),
                        ]
                    ),
                    Table("Spot-check sample and outcomes", _SAMPLE_COLUMNS, sample_rows),
                    Findings(
                        check_findings(sample.codes, sample.drawn_on, checks),
                        "Spot-check findings",
                    ),
                ],
                id="spot-check",
            ),
        ]
        return assemble_report(self, framework, period, sections, as_at=as_at, classification=shown)


def _due_rules_text(
    judged: Sequence[tuple[ExpectedReturn, Arrangement | None]], due_days: int
) -> str:
    """Which due rule the figures were judged by, in words."""
    rules: dict[str, list[str]] = {}
    for item, arrangement in judged:
        if arrangement is None:
            rule = f"{due_days} days after the end of its collection period"
        else:
            rule = f"{arrangement.return_rule} ({arrangement.what})"
        codes = rules.setdefault(rule, [])
        if item.indicator not in codes:
            codes.append(item.indicator)
    if not rules:
        return "No figures were due in this period."
    if len(rules) == 1:
        return f"Each figure is due {next(iter(rules))}."
    parts = [f"{', '.join(codes)}: {rule}" for rule, codes in rules.items()]
    return (
        "Each figure is due by the rule of the arrangement that collects it: "
        + "; ".join(parts)
        + "."
    )


def _return_row(outcome: ReturnOutcome) -> tuple[Cell, ...]:
    item = outcome.expected
    return (
        Cell(item.indicator),
        Cell(item.period.label),
        Cell(item.service),
        Cell(item.due),
        Cell(outcome.received),
        Cell(outcome.status.value),
        Cell(outcome.days_late),
    )
