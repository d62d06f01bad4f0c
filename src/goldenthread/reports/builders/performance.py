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
  ``service`` names customers, or marked ``customer = yes`` in an extra column);
* **Other indicators**: those linked to no corporate priority;
* **About this report**: the RAG rules actually used (which named rule rates which
  indicators, what it means, the tolerances), how the statuses without a comparison
  (``data-only``, ``not-applicable``, ``not-yet-due``, ``no-data``, ``no-target``) are
  decided, and how directions and data statuses are to be read.

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
from goldenthread.indicators.direction import Direction as IndicatorDirection
from goldenthread.indicators.rag import RagStatus
from goldenthread.periods import Period
from goldenthread.reports.builders.common import (
    about_statuses,
    assemble_report,
    effective_day,
    indicator_commentary,
    indicator_row,
    indicator_table,
    latest_update,
    level_name,
    progress_reason,
    protect,
    risk_table,
    scored_open_risks,
    thread_progress,
    visible_assessments,
    visible_thread,
)
from goldenthread.reports.model import (
    BarChart,
    Block,
    Cell,
    Column,
    ColumnKind,
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

__all__ = ["PerformanceReport", "exception_reasons", "is_customer_measure"]

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


def exception_reasons(assessment: Assessment) -> tuple[str, ...]:
    """Why an indicator is an exception: ``red``, ``worsening``, ``worsening on last
    year``, ``forecast to miss year-end target`` and ``late data`` (due but missing);
    empty when it is none of these."""
    reasons: list[str] = []
    if assessment.status is RagStatus.RED:
        reasons.append("red")
    if assessment.direction is IndicatorDirection.WORSENING:
        reasons.append("worsening")
    if assessment.direction_last_year is IndicatorDirection.WORSENING:
        reasons.append("worsening on last year")
    if assessment.forecast_meets_target is False:
        reasons.append("forecast to miss year-end target")
    if assessment.value_state == "missing":
        reasons.append("late data")
    return tuple(reasons)


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


def _or_note(table: Table, note: str) -> Block:
    """``table`` when it has rows, else a paragraph saying there is nothing to show."""
    return table if table.rows else Paragraph(note)


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
    points = [(terms.status(s.value), counts[s]) for s in _STATUS_ORDER]
    described = ", ".join(f"{n} {label}" for label, n in points if n) or "no indicators"
    chart = BarChart(
        "Indicators by status",
        f"Of {len(assessments)} indicators reported for {period.label}: {described}.",
        points,
    )
    return Section("Summary", [KeyValues(items), chart], id="summary")


_EXCEPTION_COLUMNS = (
    Column("indicator", "Indicator"),
    Column("code", "Code"),
    Column("value", "Value", ColumnKind.NUMBER),
    Column("target", "Target", ColumnKind.NUMBER),
    Column("status", "Status", ColumnKind.STATUS),
    Column("status_reason", "Why this status"),
    Column("reasons", "Why it is an exception"),
    Column("data_status", "Data status"),
)


def _exceptions(period: Period, assessments: Sequence[Assessment]) -> Section:
    rows = []
    for a in assessments:
        reasons = exception_reasons(a)
        if not reasons:
            continue
        full = indicator_row(a)
        rows.append(
            (
                full[0],
                full[1],
                full[2],
                full[3],
                full[5],
                full[6],
                Cell("; ".join(reasons)),
                full[9],
            )
        )
    blocks: list[Block] = [
        Paragraph(
            "Indicators that are red, worsening, forecast to miss their year-end target "
            "or whose data is late."
        ),
        Table(f"Exceptions, {period.label}", _EXCEPTION_COLUMNS, rows),
    ]
    return Section("Exceptions", blocks, id="exceptions")


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
        sections = [_summary(framework, period, day, assessments), _exceptions(period, assessments)]
        placed: set[str] = set()
        used_ids: set[str] = {"summary", "exceptions", "customer", "other-indicators", "about"}
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
            blocks: list[Block] = [
                KeyValues(
                    [
                        KeyValue(priority_word[0].upper() + priority_word[1:], item.title),
                        KeyValue("Lead", item.owner or ""),
                        KeyValue(
                            "Overall status",
                            framework.branding.terminology.status(status.status.value),
                        ),
                    ]
                ),
                Paragraph(status.reason),
                _or_note(
                    _actions_table(thread, ordered, progress, period, shown),
                    "No actions or projects contributing to this priority are in this report.",
                ),
                _or_note(
                    indicator_table(f"Indicators, {item.title}, {period.label}", measured),
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
        sections.append(
            Section(
                "Customer experience",
                [indicator_table(f"Customer experience measures, {period.label}", customer)],
                id="customer",
            )
        )
        others = [a for a in assessments if a.indicator not in placed]
        sections.append(
            Section(
                "Other indicators",
                [
                    indicator_table(
                        f"Indicators linked to no {priority_word}, {period.label}",
                        others,
                    )
                ],
                id="other-indicators",
            )
        )
        sections.append(
            Section(
                "About this report",
                [*about_statuses(framework, assessments), Paragraph(_NOTES)],
                id="about",
            )
        )
        return assemble_report(self, framework, period, sections, as_at=as_at, classification=shown)
