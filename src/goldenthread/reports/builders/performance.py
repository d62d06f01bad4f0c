"""The half-yearly corporate performance report (``goldenthread report performance``).

For the period asked for, the report has:

* **Summary**: the period, the day the data is judged on, and how many indicators are
  green, amber, red and so on, as a key-value list and a bar chart;
* **Exceptions**: every indicator that is red, worsening (against the previous period or
  the same period last year), forecast to miss its year-end target, or whose data is late
  (due and missing), with the reasons;
* **one section per corporate priority** (the objectives at the first level whose plans
  belong to the council), named as the council names that level (``Corporate Plan
  priority``, ``Corporate Strategy priority``; see
  :func:`~goldenthread.reports.builders.common.level_name`): its rolled-up status, the
  progress of the actions and projects contributing to it, its indicators (value,
  target, RAG, short- and long-term direction of travel, data status), the officers'
  commentary and the risks linked to it;
* **Customer experience**: indicators of customer-facing services (a definition whose
  ``service`` names customers, or marked ``customer = yes`` in an extra column); a
  council none of whose indicators is such a measure has no such section;
* **Other indicators**: those linked to no corporate priority;
* **Benchmarking**: for each indicator in the report that names a ``comparator_group``,
  its rank in the group (1 = best), the group's size, its quartile (1 = best), the
  group's median and the difference from it, and, where every member gave counts,
  whether it is significantly better, similar or worse than the group (from
  :func:`~goldenthread.indicators.comparison.benchmark_framework`, as ``goldenthread
  benchmark`` gives them).  Published comparisons lag: each indicator is compared for
  the latest period, ending by the end of the report's, for which the group's figures
  are published and the council has its own (see :func:`latest_benchmarks`); a council
  none of whose indicators names a group has no such section;
* **About this report**: the RAG rules actually used (which named rule rates which
  indicators, what it means, the tolerances), how the statuses without a comparison
  (``data-only``, ``not-applicable``, ``not-yet-due``, ``no-data``, ``no-target``) are
  decided, and how directions and data statuses are to be read;
* **Indicator definitions** (an appendix): each indicator's owner, service, unit,
  which way is better, frequency, definition, guidance and source.

Every table that shows a figure shows its unit.  Each indicator's owner (its
definition's ``owner``, else its ``service``) is shown beside it.  A priority's *Lead*
is its lead organisation (``lead`` in ``items.csv``) when it has one, else its owner,
and its *Contributors* are its partners (``partners``), by the names ``framework.toml``
gives them, so a police-led objective names the police.

An exception's reasons are said once, in plain words (``Rated red, worse than both the
previous period and the same period last year, and forecast to miss the year-end
target.``).  Once the year is over (the period is the year's last, or the report is
judged after the year), no indicator is listed as forecast to miss its year-end target:
the outturn is known.

A section with nothing in it says so in one sentence, or is left out when
``framework.toml`` says ``[reports] empty_sections = "omit"`` (see
:func:`~goldenthread.reports.builders.common.shown_section`).

The report is public by default (for Cabinet): individual plans and personal items never
appear, internal items and indicators are left out, and provisional values are labelled
(see :mod:`~goldenthread.reports.builders.common`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from attrs import frozen

from goldenthread.framework import Framework
from goldenthread.indicators.assess import Assessment
from goldenthread.indicators.comparison import IndicatorBenchmark, benchmark_framework
from goldenthread.indicators.definition import IndicatorDefinition
from goldenthread.indicators.direction import Direction as IndicatorDirection
from goldenthread.indicators.polarity import Polarity
from goldenthread.indicators.rag import RagStatus, describe_figure
from goldenthread.indicators.stats import Significance
from goldenthread.periods import Period
from goldenthread.reports.builders.common import (
    about_statuses,
    assemble_report,
    effective_day,
    empty_sections_choice,
    indicator_columns,
    indicator_commentary,
    indicator_owners,
    indicator_row,
    indicator_table,
    latest_update,
    lead_and_contributors,
    level_name,
    or_note,
    progress_reason,
    protect,
    risk_table,
    rounded,
    scored_open_risks,
    shown_section,
    thread_progress,
    visible_assessments,
    visible_thread,
    year_is_over,
)
from goldenthread.reports.builders.trends import sparklines, trend_appendix, with_trends
from goldenthread.reports.model import (
    BarChart,
    Block,
    Cell,
    Column,
    ColumnKind,
    DataPoint,
    KeyValue,
    KeyValues,
    Paragraph,
    Report,
    Section,
    Status,
    Table,
)
from goldenthread.thread.graph import Thread
from goldenthread.thread.items import ItemKind
from goldenthread.thread.levels import OwnerKind
from goldenthread.thread.progress import Assessment as Progress
from goldenthread.thread.progress import RollupStatus
from goldenthread.thread.trace import contributors

__all__ = [
    "PerformanceReport",
    "exception_reasons",
    "exception_summary",
    "is_customer_measure",
    "latest_benchmarks",
]

_STATUS_ORDER = (
    Status.GREEN,
    Status.AMBER,
    Status.RED,
    Status.NO_DATA,
    Status.NO_TARGET,
    Status.DATA_ONLY,
    Status.NOT_APPLICABLE,
    Status.NOT_YET_DUE,
)


def exception_reasons(assessment: Assessment, *, year_over: bool = False) -> tuple[str, ...]:
    """Why an indicator is an exception: ``red``, ``worsening``, ``worsening on last
    year``, ``forecast to miss year-end target`` and ``late data`` (due but missing);
    empty when it is none of these.  When ``year_over`` (see
    :func:`~goldenthread.reports.builders.common.year_is_over`) a forecast is no reason."""
    reasons: list[str] = []
    if assessment.status is RagStatus.RED:
        reasons.append("red")
    if assessment.direction is IndicatorDirection.WORSENING:
        reasons.append("worsening")
    if assessment.direction_last_year is IndicatorDirection.WORSENING:
        reasons.append("worsening on last year")
    if assessment.forecast_meets_target is False and not year_over:
        reasons.append("forecast to miss year-end target")
    if assessment.value_state == "missing":
        reasons.append("late data")
    return tuple(reasons)


def _forecast_words(assessment: Assessment) -> str:
    seasonal = assessment.forecast_seasonal
    forecast = seasonal if seasonal is not None else assessment.forecast
    target = assessment.year_target
    if forecast is None or target is None:
        return "forecast to miss the year-end target"
    unit, places = assessment.unit, assessment.decimals
    return (
        f"forecast to end the year at {describe_figure(forecast, places, unit)} against "
        f"a target of {describe_figure(target, places, unit)}"
    )


def exception_summary(assessment: Assessment, *, year_over: bool = False) -> str:
    """Why an indicator is an exception, in one plain sentence that says each reason
    once (``Rated red, worse than both the previous period and the same period last
    year, and forecast to end the year at 95.9% against a target of 97.0%.``); empty
    when it is not one (:func:`exception_reasons`).

    The forecast's figures are left out when the status's own reason already gives them
    (a rule that rates by the forecast), and a forecast is no reason once the year is
    over (``year_over``).
    """
    reasons = exception_reasons(assessment, year_over=year_over)
    parts: list[str] = []
    if "red" in reasons:
        parts.append("rated red")
    short, long = "worsening" in reasons, "worsening on last year" in reasons
    if short and long:
        parts.append("worse than both the previous period and the same period last year")
    elif short:
        parts.append("worse than the previous period")
    elif long:
        parts.append("worse than the same period last year")
    if "forecast to miss year-end target" in reasons:
        said = "forecast" in assessment.status_reason.lower()
        parts.append(
            "forecast to miss the year-end target" if said else _forecast_words(assessment)
        )
    if "late data" in reasons:
        parts.append("its figure is late: due but not supplied")
    if not parts:
        return ""
    if len(parts) == 1:
        text = parts[0]
    elif len(parts) == 2:
        text = f"{parts[0]} and {parts[1]}"
    else:
        text = f"{', '.join(parts[:-1])}, and {parts[-1]}"
    return f"{text[0].upper()}{text[1:]}."


_YES = {"yes", "y", "true", "1"}


def is_customer_measure(extras: Mapping[str, str], service: str) -> bool:
    """Whether an indicator measures customer experience: its ``customer`` extra column
    says yes, or its service's name mentions customers."""
    flag = extras.get("customer", "").strip().lower()
    return flag in _YES or "customer" in service.lower()


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug if slug and slug[0].isalpha() else f"p-{slug}"


def _priority_level(thread: Thread) -> str | None:
    """The key of the first level whose plans belong to the council (the corporate plan)."""
    return next((lv.key for lv in thread.levels if lv.owner is OwnerKind.COUNCIL), None)


def _priorities(thread: Thread, level: str | None) -> list[str]:
    if level is None:
        return []
    return [i.id for i in thread.items if i.level == level and i.kind is ItemKind.OBJECTIVE]


_ACTION_COLUMNS = (
    Column("action", "Action or project"),
    Column("id", "Reference"),
    Column("owner", "Owner"),
    Column("due", "Due", ColumnKind.DATE),
    Column("progress", "Complete", ColumnKind.PERCENT, decimals=0),
    Column("expected", "Expected", ColumnKind.PERCENT, decimals=0),
    Column("status", "Status", ColumnKind.STATUS),
    Column("status_reason", "Why this status"),
    Column("update", "Latest update"),
)


_or_note = or_note


def _status(status: RollupStatus) -> Status:
    return Status(status.value)


def _actions_table(
    thread: Thread,
    ids: Iterable[str],
    progress: Mapping[str, Progress],
    period: Period,
    shown: str,
) -> Table:
    rows = []
    for iid in ids:
        item = thread[iid]
        if item.kind is not ItemKind.ACTION:
            continue
        assessed = progress[iid]
        update = latest_update(item, shown)
        rows.append(
            (
                Cell(item.title),
                Cell(item.id),
                Cell(item.owner or ""),
                Cell(item.due),
                Cell(item.progress),
                Cell(assessed.expected),
                Cell(status=_status(assessed.status)),
                Cell(progress_reason(assessed)),
                Cell(update),
            )
        )
    return Table(f"Key actions and projects, {period.label}", _ACTION_COLUMNS, rows)


def _counts(assessments: Sequence[Assessment]) -> Counter[Status]:
    return Counter(Status(a.status.value) for a in assessments)


def _summary(
    framework: Framework, period: Period, day: dt.date, assessments: Sequence[Assessment]
) -> Section:
    counts = _counts(assessments)
    terms = framework.branding.terminology
    items = [
        KeyValue("Period", period.label),
        KeyValue("Data as at", day, ColumnKind.DATE),
        KeyValue("Indicators reported", len(assessments), ColumnKind.NUMBER),
    ]
    items.extend(
        KeyValue(terms.status(s.value), counts[s], ColumnKind.NUMBER)
        for s in _STATUS_ORDER
        if counts[s]
    )
    points = [DataPoint(terms.status(s.value), counts[s], s) for s in _STATUS_ORDER]
    described = ", ".join(f"{p.value} {p.label}" for p in points if p.value) or "no indicators"
    chart = BarChart(
        "Indicators by status",
        f"Of {len(assessments)} indicators reported for {period.label}: {described}.",
        points,
    )
    return Section("Summary", [KeyValues(items), chart], id="summary")


_EXCEPTION_COLUMNS = (
    Column("indicator", "Indicator"),
    Column("code", "Code"),
    Column("owner", "Owner"),
    Column("value", "Value", ColumnKind.NUMBER),
    Column("target", "Target", ColumnKind.NUMBER),
    Column("unit", "Unit"),
    Column("status", "Status", ColumnKind.STATUS),
    Column("status_reason", "Why this status"),
    Column("reasons", "Why it is an exception"),
    Column("data_status", "Data status"),
)


def _exceptions(
    period: Period,
    assessments: Sequence[Assessment],
    owners: Mapping[str, str],
    year_over: bool,
    choice: str,
    trends: Mapping[str, Cell],
) -> list[Section]:
    keys = [c.key for c in indicator_columns()]
    rows = []
    for a in assessments:
        summary = exception_summary(a, year_over=year_over)
        if not summary:
            continue
        full = dict(zip(keys, indicator_row(a), strict=True))
        extra = {"owner": Cell(owners.get(a.indicator, "")), "reasons": Cell(summary)}
        rows.append(tuple({**full, **extra}[c.key] for c in _EXCEPTION_COLUMNS))
    forecast = "" if year_over else ", forecast to miss their year-end target"
    blocks: list[Block] = [
        Paragraph(f"Indicators that are red, worsening{forecast} or whose data is late."),
        with_trends(Table(f"Exceptions, {period.label}", _EXCEPTION_COLUMNS, rows), trends),
    ]
    if year_over:
        blocks.insert(
            1,
            Paragraph(
                f"The year {period.financial_year.label} is over, so no indicator is listed "
                "for a forecast of its year end: the outturn is known."
            ),
        )
    return shown_section(
        "Exceptions",
        blocks,
        id="exceptions",
        empty=f"No indicator is an exception in {period.label}.",
        choice=choice,
    )


# ------------------------------------------------------------------ benchmarking


def latest_benchmarks(
    framework: Framework, period: Period, day: dt.date, codes: Iterable[str]
) -> tuple[list[IndicatorBenchmark], list[tuple[str, str]]]:
    """Each of ``codes`` that names a comparator group, benchmarked for the latest period
    that ends by ``period``'s end with figures published for the group, in which the
    council has a figure of its own and at least one other member has one too.

    Benchmarks come from
    :func:`~goldenthread.indicators.comparison.benchmark_framework` (the same figures
    ``goldenthread benchmark`` prints).  Returns the benchmarks, and for the indicators
    that could not be benchmarked, their code and why (the reason for the latest period
    tried, or that the group has published nothing by then).
    """
    definitions = framework.indicators.definitions
    council = framework.organisation.code
    wanted = [c for c in codes if c in definitions and definitions[c].comparator_group]
    published: dict[str, set[Period]] = {}
    for figure in framework.comparisons:
        if figure.organisation != council and figure.period.end <= period.end:
            published.setdefault(figure.indicator, set()).add(figure.period)
    done: dict[Period, dict[str, IndicatorBenchmark]] = {}
    found: list[IndicatorBenchmark] = []
    missing: list[tuple[str, str]] = []
    for code in wanted:
        candidates = sorted(published.get(code, ()), key=lambda p: (p.end, p.months), reverse=True)
        reason = ""
        for candidate in candidates:
            if candidate not in done:
                done[candidate] = {
                    b.indicator: b for b in benchmark_framework(framework, candidate, as_at=day)
                }
            result = done[candidate].get(code)
            if result is None:
                continue
            if result.result is not None and result.result.size > 1:
                found.append(result)
                break
            reason = (
                reason
                or result.reason
                or (f"no other member of the group has a figure for {candidate.label}")
            )
        else:
            group = definitions[code].comparator_group
            missing.append(
                (code, reason or f"group {group!r} has no figures published by {period.label}")
            )
    return found, missing


_BENCHMARK_COLUMNS = (
    Column("indicator", "Indicator"),
    Column("code", "Code"),
    Column("compared", "Period compared"),
    Column("value", "Value", ColumnKind.NUMBER),
    Column("median", "Group median", ColumnKind.NUMBER),
    Column("difference", "Difference from median", ColumnKind.NUMBER),
    Column("unit", "Unit"),
    Column("rank", "Rank", ColumnKind.NUMBER),
    Column("size", "Of", ColumnKind.NUMBER),
    Column("quartile", "Quartile", ColumnKind.NUMBER),
    Column("significance", "Compared with the group"),
    Column("group", "Comparator group"),
)

_SIGNIFICANCE_WORDS = {
    Significance.BETTER: "significantly better",
    Significance.WORSE: "significantly worse",
    Significance.SIMILAR: "not significantly different",
    Significance.HIGHER: "significantly higher",
    Significance.LOWER: "significantly lower",
}


def _benchmarking(
    framework: Framework,
    period: Period,
    day: dt.date,
    assessments: Sequence[Assessment],
    choice: str,
) -> list[Section]:
    definitions = framework.indicators.definitions
    codes = [a.indicator for a in assessments]
    if not any(definitions[c].comparator_group for c in codes):
        return []  # the council compares none of these indicators with others
    found, missing = latest_benchmarks(framework, period, day, codes)
    rows = []
    absent: list[str] = []
    for item in found:
        result = item.result
        assert result is not None  # latest_benchmarks keeps only results
        definition = definitions[item.indicator]
        places = definition.decimals
        centre = rounded(result.median, places)
        assert centre is not None
        comparison = item.comparison
        rows.append(
            (
                Cell(definition.title),
                Cell(item.indicator),
                Cell(item.period.label),
                Cell(result.value),
                Cell(centre),
                Cell(result.value - centre),
                Cell(definition.unit),
                Cell(result.rank),
                Cell(result.size),
                Cell(result.quartile),
                Cell(
                    "not tested: not every member gave counts"
                    if comparison is None
                    else _SIGNIFICANCE_WORDS[comparison.significance]
                ),
                Cell(item.group.name if item.group else ""),
            )
        )
        if result.missing:
            absent.append(f"{item.indicator}: {', '.join(result.missing)}")
    blocks: list[Block] = [
        Paragraph(
            "How each indicator compares with the councils in its comparator group, for the "
            "latest period with published figures.  Rank 1 is the best in the group; "
            "quartile 1 is the best quarter of the group.  Compared with the group says "
            "whether the figure is significantly different from the group's at 95% "
            "confidence, which needs every member's numerator and denominator."
        ),
        Table(f"Benchmarking, latest figures to {period.label}", _BENCHMARK_COLUMNS, rows),
    ]
    if absent:
        blocks.append(
            Paragraph(
                "Members with no published figure, left out of the ranking: "
                + "; ".join(absent)
                + "."
            )
        )
    if missing and rows:
        blocks.append(
            Paragraph("Not benchmarked: " + "; ".join(f"{c} ({why})" for c, why in missing) + ".")
        )
    return shown_section(
        "Benchmarking",
        blocks,
        id="benchmarking",
        empty=(
            "No indicator in this report can be compared with its comparator group yet: "
            + "; ".join(f"{c} ({why})" for c, why in missing)
            + "."
        ),
        choice=choice,
    )


# ------------------------------------------------------------------ definitions

_POLARITY_WORDS = {
    Polarity.HIGHER: "higher",
    Polarity.LOWER: "lower",
    Polarity.RANGE: "within its range",
    Polarity.NONE: "neither (data only)",
}

_DEFINITION_COLUMNS = (
    Column("code", "Code"),
    Column("indicator", "Indicator"),
    Column("owner", "Owner"),
    Column("service", "Service"),
    Column("unit", "Unit"),
    Column("better", "Better when"),
    Column("frequency", "Collected"),
    Column("definition", "Definition"),
    Column("guidance", "Guidance"),
    Column("source", "Source"),
)


def _definition_row(definition: IndicatorDefinition) -> tuple[Cell, ...]:
    return (
        Cell(definition.code),
        Cell(definition.title),
        Cell(definition.owner),
        Cell(definition.service),
        Cell(definition.unit),
        Cell(_POLARITY_WORDS[definition.polarity]),
        Cell(definition.frequency.value),
        Cell(definition.definition),
        Cell(definition.guidance),
        Cell(definition.source),
    )


def _definitions(
    framework: Framework, assessments: Sequence[Assessment], choice: str
) -> list[Section]:
    definitions = framework.indicators.definitions
    shown = [definitions[a.indicator] for a in assessments]
    columns: tuple[Column, ...] = _DEFINITION_COLUMNS
    if not any(d.guidance for d in shown):  # a council that writes no guidance
        columns = tuple(c for c in columns if c.key != "guidance")
    keys = [c.key for c in _DEFINITION_COLUMNS]
    rows = [
        tuple(
            cell
            for key, cell in zip(keys, _definition_row(d), strict=True)
            if key != "guidance" or len(columns) == len(keys)
        )
        for d in shown
    ]
    blocks: list[Block] = [
        Paragraph(
            "What each indicator in this report measures, who owns it, which way is "
            "better, how often it is collected and where its figures come from."
        ),
        Table("Indicator definitions", columns, rows),
    ]
    return shown_section(
        "Appendix: indicator definitions",
        blocks,
        id="definitions",
        empty="No indicators are in this report.",
        choice=choice,
    )


_NOTES = (
    "Short term compares with the previous "
    "period, long term with the same period last year.  A data status of provisional, "
    "estimated or qualified marks a figure that has not been verified and may change."
)


@frozen
class PerformanceReport:
    """The ``performance`` report kind (see the module documentation).

    Attributes:
        name: ``performance``.
        title: what the report is called.
        classification: the classification of the reports it builds (``public``).
        audience: who it is for (``Cabinet``).
    """

    name: str = "performance"
    title: str = "Corporate performance report"
    classification: str = "public"
    audience: str = "Cabinet"

    def build(
        self,
        framework: Framework,
        period: Period,
        *,
        as_at: dt.datetime | None = None,
        today: dt.date,
        classification: str | None = None,
    ) -> Report:
        """Build the report for ``period`` with data as at ``as_at`` (else ``today``).

        ``classification`` overrides the kind's (``internal`` shows internal items and
        indicators too; individual plans never appear).

        Raises:
            InputError: the period's year start differs from the framework's.
            ValueError: a naive ``as_at`` or an unknown classification.
        """
        shown = classification or self.classification
        framework = protect(framework)
        day = effective_day(as_at, today)
        framework = framework.judged_on(day)
        definitions = framework.indicators.definitions
        assessments = visible_assessments(framework, period, day, shown)
        by_code = {a.indicator: a for a in assessments}
        thread = visible_thread(framework, shown)
        progress = thread_progress(thread, day, assessments, framework.rollup)
        scored = scored_open_risks(framework)
        choice = empty_sections_choice(framework)
        owners = indicator_owners(framework)
        year_over = year_is_over(period, day)
        trends = sparklines(framework.indicators, assessments, day)
        sections = [
            _summary(framework, period, day, assessments),
            *_exceptions(period, assessments, owners, year_over, choice, trends),
        ]
        placed: set[str] = set()
        used_ids: set[str] = {
            "summary",
            "exceptions",
            "customer",
            "other-indicators",
            "benchmarking",
            "about",
            "definitions",
        }
        corporate = _priority_level(thread)
        # the council's name for the corporate plan, as in "Corporate Plan priority"
        priority_word = (
            "priority" if corporate is None else f"{level_name(framework, corporate)} priority"
        )
        priorities = _priorities(thread, corporate)
        # what a priority's section draws on: actions, measured items and risks' objectives
        risk_objectives = {o for s in scored for o in s.risk.objectives}
        drawn_on = {
            iid
            for iid, it in thread.by_id.items()
            if it.kind is ItemKind.ACTION or thread.indicators_of(iid) or iid in risk_objectives
        }
        beneath = contributors(thread, priorities, drawn_on)
        position = {iid: n for n, iid in enumerate(thread.by_id)}
        for priority in priorities:
            item = thread[priority]
            below = beneath[priority]
            ordered = sorted(below, key=position.__getitem__)
            codes = [c for iid in ordered for c in thread.indicators_of(iid) if c in by_code]
            codes = list(dict.fromkeys(codes))
            placed.update(codes)
            measured = [by_code[c] for c in codes]
            status = progress[priority]
            lead, partners = lead_and_contributors(framework, item)
            about = [
                KeyValue(priority_word[0].upper() + priority_word[1:], item.title),
                KeyValue("Lead", lead),
                KeyValue(
                    "Overall status",
                    framework.branding.terminology.status(status.status.value),
                ),
            ]
            if partners:
                about.append(KeyValue("Contributors", partners))
            if item.lead and item.owner:
                about.append(KeyValue("Owner", item.owner))
            blocks: list[Block] = [
                KeyValues(about),
                Paragraph(status.reason),
                _or_note(
                    _actions_table(thread, ordered, progress, period, shown),
                    "No actions or projects contributing to this priority are in this report.",
                ),
                _or_note(
                    with_trends(
                        indicator_table(
                            f"Indicators, {item.title}, {period.label}", measured, owners
                        ),
                        trends,
                    ),
                    "No indicators measuring this priority are in this report.",
                ),
                *indicator_commentary(framework, measured, shown),
                _or_note(
                    risk_table(
                        f"Risks to {item.title}",
                        (s for s in scored if below.intersection(s.risk.objectives)),
                    ),
                    "No open risks are linked to this priority.",
                ),
            ]
            anchor = _slug(f"priority-{priority}")
            while anchor in used_ids:
                anchor = f"{anchor}-x"
            used_ids.add(anchor)
            sections.append(Section(item.title, blocks, id=anchor))
        customer = [
            a
            for a in assessments
            if is_customer_measure(
                definitions[a.indicator].extras, definitions[a.indicator].service
            )
        ]
        # a council none of whose indicators measures customer experience never
        # defined the section
        if any(is_customer_measure(d.extras, d.service) for d in definitions.values()):
            sections.extend(
                shown_section(
                    "Customer experience",
                    [
                        with_trends(
                            indicator_table(
                                f"Customer experience measures, {period.label}", customer, owners
                            ),
                            trends,
                        )
                    ],
                    id="customer",
                    empty="No customer experience measures are in this report.",
                    choice=choice,
                )
            )
        others = [a for a in assessments if a.indicator not in placed]
        sections.extend(
            shown_section(
                "Other indicators",
                [
                    with_trends(
                        indicator_table(
                            f"Indicators linked to no {priority_word}, {period.label}",
                            others,
                            owners,
                        ),
                        trends,
                    )
                ],
                id="other-indicators",
                empty=f"Every indicator in this report measures a {priority_word}.",
                choice=choice,
            )
        )
        sections.extend(_benchmarking(framework, period, day, assessments, choice))
        sections.append(
            Section(
                "About this report",
                [*about_statuses(framework, assessments), Paragraph(_NOTES)],
                id="about",
            )
        )
        sections.extend(_definitions(framework, assessments, choice))
        sections.append(trend_appendix(framework.indicators, assessments, day))
        return assemble_report(self, framework, period, sections, as_at=as_at, classification=shown)
