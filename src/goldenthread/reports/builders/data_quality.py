"""The data quality report (``goldenthread report data-quality``).

For the period asked for, the report has:

* **Summary**: values recorded in the period by data status, validation findings by
  severity, and returns on time, late, missing and not yet due;
* **Validation failures**: every value recorded in the period checked by
  :func:`~goldenthread.indicators.quality.validate_value`: percentages must lie from 0
  to 100 and, for ratio indicators, have a numerator no greater than the denominator;
  every indicator is checked for unusual change (more than ``max_change_percent``,
  50 by default, from its previous value, or more than 3.5 median absolute deviations
  from its recent history; for ``last`` indicators, which are often cumulative, only
  history within the same financial year counts).  An indicator's own ``minimum``,
  ``maximum`` and ``max_change`` columns in ``indicators.csv`` override these defaults;
* **Returns**: each indicator's figure for each of its collection periods ending in the
  report period is due ``data_due_days`` (15 by default) after the collection period
  ends.  A figure is received on the date in its ``received`` column when values.csv has
  one, else it is taken as received on time; a figure that is missing (or absent) has
  not been received.  Late and missing returns are listed;
* **Audit spot-check**: a reproducible weighted sample of indicators
  (:func:`~goldenthread.indicators.spotcheck.draw_sample`) drawn on the report's day with
  the ``[spot_check]`` settings (``size``, 10 by default; ``seed``, the financial year
  by default; ``weights``), weighting statutory indicators, those feeding a government
  return (their ``source`` mentions a return), red ones and much-changed ones, with each
  one's outcome: the latest check recorded in ``spot_checks.csv`` for the period's
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
from goldenthread.periods import Period
from goldenthread.reports.builders.common import (
    assemble_report,
    effective_day,
    protect,
    report_settings,
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

__all__ = ["DataQualityReport", "expected_returns", "recorded_checks", "validation_rule"]

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


def _received_on(value: IndicatorValue, expected: ExpectedReturn) -> dt.date | None:
    if value.state is not ValueState.PRESENT:
        return None
    text = value.extras.get("received", "").strip()
    if text:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return expected.due
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


def _change(assessment: Assessment) -> Decimal | None:
    now, before = assessment.value, assessment.previous_value
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
        options = report_settings(framework, self.name)
        due_days = _int(options, "data_due_days", 15)
        max_change = Decimal(str(options.get("max_change_percent", 50)))
        dataset = framework.indicators
        definitions = [
            d for d in dataset.definitions.values() if visible(d.classification.value, shown)
        ]
        codes = {d.code for d in definitions}
        in_period = [
            v
            for d in definitions
            for v in sorted(dataset.recorded.get(d.code, {}).values(), key=lambda v: v.period.start)
            if v.period.start >= period.start and v.period.end <= period.end
        ]
        findings: list[Finding] = []
        rules = {d.code: validation_rule(d, max_change) for d in definitions}
        for value in in_period:
            findings.extend(
                validate_value(
                    rules[value.indicator],
                    value.period,
                    value.value,
                    numerator=value.numerator,
                    denominator=value.denominator,
                    history=_history(
                        dataset.recorded[value.indicator],
                        value,
                        dataset.definitions[value.indicator].aggregation is Aggregation.LAST,
                    ),
                )
            )
        expected = expected_returns(definitions, period, due_days)
        received: dict[tuple[str, Period], dt.date] = {}
        for item in expected:
            entry = dataset.recorded.get(item.indicator, {}).get(
                (item.period.months, item.period.start_index)
            )
            arrived = None if entry is None else _received_on(entry, item)
            if arrived is not None:
                received[(item.indicator, item.period)] = arrived
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
                change_percent=_change(by_code[d.code]) if d.code in by_code else None,
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
        sections = [
            Section("Summary", [summary], id="summary"),
            Section(
                "Validation failures",
                [Findings(findings, f"Validation findings, {period.label}")],
                id="validation",
            ),
            Section(
                "Late and missing returns",
                [
                    Paragraph(
                        f"Each figure is due {due_days} days after the end of its collection "
                        "period."
                    ),
                    Table(
                        f"Late and missing returns, {period.label}",
                        _RETURN_COLUMNS,
                        [_return_row(o) for o in problem_returns],
                    ),
                ],
                id="returns",
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
