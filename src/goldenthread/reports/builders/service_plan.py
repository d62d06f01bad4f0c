"""A service unit business plan with its quarterly monitoring
(``goldenthread report service-plan SOURCE --period P --service KEY``).

``KEY`` is the id of a plan at a service-owned level (a Business Plan, a Service Unit
Business Plan).  The report has:

* **the plan** (headed with what the council calls it, ``Business Plan``): its title,
  owner, dates, status and the items it contributes to;
* **Objectives**: the plan's objectives, each with its rolled-up status and what it
  contributes to;
* **Actions**: the actions contributing to the plan (team actions included), with
  progress against expectation and the latest update;
* **Quarterly monitoring**: the indicators measuring the plan, its members and the items
  its objectives directly contribute to, assessed for each quarter of the financial
  year up to the end of the period;
* **Risks**: open risks linked to the plan or its objectives;
* **About this report**: the RAG rules that rate its indicators and how the statuses
  without a comparison are decided.

The report is titled with the council's word for the plan (its ``service_plan`` term,
else its level's name; see :func:`~goldenthread.reports.builders.common.plan_name`):
``Business Plan monitoring: Regeneration, 2025/26 Q2``.  It is ``internal`` by default;
individual plans never appear.  Each indicator's owner is shown beside it, and a section
with nothing in it says so in one sentence, or is left out when ``framework.toml`` says
``[reports] empty_sections = "omit"``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from attrs import frozen

from goldenthread.errors import InputError
from goldenthread.finance.lines import BudgetLine
from goldenthread.finance.monitoring import monitor
from goldenthread.framework import Framework
from goldenthread.indicators.assess import Assessment, assess_all
from goldenthread.periods import Frequency, Period
from goldenthread.reports.builders.budget import line_shown, line_table
from goldenthread.reports.builders.common import (
    about_statuses,
    assemble_report,
    effective_day,
    empty_sections_choice,
    indicator_owners,
    indicator_table,
    latest_update,
    plan_name,
    progress_reason,
    protect,
    risk_table,
    scored_open_risks,
    shown_section,
    thread_progress,
    visible_assessments,
    visible_thread,
)
from goldenthread.reports.builders.trends import sparklines, with_trends
from goldenthread.reports.model import (
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
from goldenthread.thread.trace import descendants

__all__ = ["ServicePlanReport", "plan_members", "service_plans"]


def plan_members(thread: Thread, plan: str) -> frozenset[str]:
    """The plan and everything in it: items whose ``plan`` is the plan or one of its
    members, and everything contributing to a member, repeated until nothing is added."""
    members = {plan}
    in_plan: dict[str, list[str]] = {}
    for item in thread.items:
        if item.plan is not None:
            in_plan.setdefault(item.plan, []).append(item.id)
    stack = [plan]
    while stack:
        current = stack.pop()
        for found in (*in_plan.get(current, ()), *descendants(thread, current)):
            if found not in members:
                members.add(found)
                stack.append(found)
    return frozenset(members)


def service_plans(thread: Thread) -> tuple[str, ...]:
    """Ids of the plans at service-owned levels, in thread order."""
    service = {lv.key for lv in thread.levels if lv.owner is OwnerKind.SERVICE}
    return tuple(i.id for i in thread.items if i.kind is ItemKind.PLAN and i.level in service)


_OBJECTIVE_COLUMNS = (
    Column("objective", "Objective"),
    Column("id", "Reference"),
    Column("contributes_to", "Contributes to"),
    Column("status", "Status", ColumnKind.STATUS),
    Column("status_reason", "Why this status"),
)

_ACTION_COLUMNS = (
    Column("action", "Action"),
    Column("id", "Reference"),
    Column("owner", "Owner"),
    Column("due", "Due", ColumnKind.DATE),
    Column("progress", "Complete", ColumnKind.PERCENT, decimals=0),
    Column("status", "Status", ColumnKind.STATUS),
    Column("status_reason", "Why this status"),
    Column("update", "Latest update"),
)


def _budget(
    framework: Framework,
    funded: Sequence[BudgetLine],
    period: Period,
    day: dt.date,
    called: str,
    shown: str,
    choice: str,
) -> list[Section]:
    """The budget lines that fund the plan or its items, as monitored at the latest month
    with actuals that had ended by the period's end and the judging day."""
    if not framework.finance.lines:
        return []  # the council keeps its budget elsewhere
    codes = {line.code for line in funded}
    month = framework.finance.latest_actual_month(min(period.end, day), codes)
    empty = f"No budget line in this report funds the {called} or its objectives and actions."
    if month is None or not funded:
        if funded:
            empty = f"No actuals have been posted to the {called}'s budget lines by {period.label}."
        return shown_section("Budget", [], id="budget", empty=empty, choice=choice)
    monitored = [m for m in monitor(framework.finance, month).lines if m.line.code in codes]
    return shown_section(
        "Budget",
        [
            Paragraph(
                f"The budget lines that fund the {called}, its objectives and actions "
                f"(budget_lines.csv funds), as monitored at {month.name}: forecast variances "
                "are positive when adverse."
            ),
            line_table(f"Budget lines, {month.name}", monitored, shown != "public"),
        ],
        id="budget",
        empty=empty,
        choice=choice,
    )


@frozen
class ServicePlanReport:
    """The ``service-plan`` report kind (see the module documentation)."""

    name: str = "service-plan"
    title: str = "Service business plan monitoring"
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
        service: str | None = None,
    ) -> Report:
        """Build the report for the service plan ``service`` and ``period``.

        Raises:
            InputError: no ``service`` given, or not the id of a service plan the report
                may show (the message lists those there are).
            ValueError: a naive ``as_at`` or an unknown classification.
        """
        shown = classification or self.classification
        framework = protect(framework)
        day = effective_day(as_at, today)
        framework = framework.judged_on(day)
        thread = visible_thread(framework, shown)
        plans = service_plans(thread)
        if service is None or service not in plans:
            listed = ", ".join(plans) or "none"
            wanted = (
                "a service plan is needed" if service is None else f"no service plan {service!r}"
            )
            raise InputError(f"{wanted}; service plans: {listed}")
        plan = thread[service]
        called = plan_name(framework, plan.level)
        year = period.financial_year
        quarters = [q for q in year.subperiods(Frequency.QUARTERLY) if q.end <= period.end]
        current = visible_assessments(framework, period, day, shown)
        progress = thread_progress(thread, day, current, framework.rollup)
        below = plan_members(thread, service)
        ordered = [i for i in thread.items if i.id in below]
        objectives = [i for i in ordered if i.kind is ItemKind.OBJECTIVE and i.plan == service]
        actions = [i for i in ordered if i.kind is ItemKind.ACTION]
        served = [p for o in objectives for p in thread.parents(o.id)]
        measured = [*(i.id for i in ordered), *served]
        codes = list(dict.fromkeys(c for i in measured for c in thread.indicators_of(i)))
        up = [thread[p].title for p in thread.parents(service)]
        details = KeyValues(
            [
                KeyValue(called, plan.title),
                KeyValue("Owner", plan.owner or ""),
                KeyValue("Starts", plan.start, ColumnKind.DATE),
                KeyValue("Ends", plan.due, ColumnKind.DATE),
                KeyValue("Status", plan.status.value if plan.status else ""),
                KeyValue("Contributes to", "; ".join(up)),
            ]
        )
        objective_rows = [
            (
                Cell(o.title),
                Cell(o.id),
                Cell("; ".join(thread[p].title for p in thread.parents(o.id))),
                Cell(status=Status(progress[o.id].status.value)),
                Cell(progress_reason(progress[o.id])),
            )
            for o in objectives
        ]
        action_rows = [
            (
                Cell(a.title),
                Cell(a.id),
                Cell(a.owner or ""),
                Cell(a.due),
                Cell(a.progress),
                Cell(status=Status(progress[a.id].status.value)),
                Cell(progress_reason(progress[a.id])),
                Cell(latest_update(a, shown)),
            )
            for a in actions
        ]
        monitoring: list[Block] = []
        owners = indicator_owners(framework)
        choice = empty_sections_choice(framework)
        monitored: dict[str, Assessment] = {}
        for quarter in quarters:
            assessed = [
                a
                for a in assess_all(
                    framework.indicators,
                    quarter,
                    rules=framework.rag_rules,
                    as_at=day,
                    forecasts=False,
                )
                if a.indicator in codes
            ]
            monitoring.append(
                with_trends(
                    indicator_table(f"Indicators, {quarter.label}", assessed, owners),
                    sparklines(framework.indicators, assessed, day),
                )
            )
            monitored.update((a.indicator, a) for a in assessed)
        if not codes:
            monitoring = [Paragraph(f"No indicators in this report measure the {called}.")]
        elif not monitoring:
            monitoring.append(Paragraph(f"No quarter of {year.label} has ended by {period.label}."))
        risks = [s for s in scored_open_risks(framework) if below.intersection(s.risk.objectives)]
        funded = [
            line for line in framework.finance.lines_funding(below) if line_shown(line, shown)
        ]
        sections = [
            Section(called, [details], id="plan"),
            *shown_section(
                "Objectives",
                [Table("Objectives", _OBJECTIVE_COLUMNS, objective_rows)],
                id="objectives",
                empty=f"The {called} sets no objectives this report may show.",
                choice=choice,
            ),
            *shown_section(
                "Actions",
                [Table("Actions", _ACTION_COLUMNS, action_rows)],
                id="actions",
                empty=f"No actions contributing to the {called} are in this report.",
                choice=choice,
            ),
            Section("Quarterly monitoring", monitoring, id="monitoring"),
            *_budget(framework, funded, period, day, called, shown, choice),
            *shown_section(
                "Risks",
                [risk_table("Risks", risks)],
                id="risks",
                empty=f"No open risks are linked to the {called} or its objectives.",
                choice=choice,
            ),
            Section(
                "About this report",
                about_statuses(framework, list(monitored.values())),
                id="about",
            ),
        ]
        return assemble_report(
            self,
            framework,
            period,
            sections,
            as_at=as_at,
            classification=shown,
            title=f"{called} monitoring: {plan.title}, {period.label}",
        )
