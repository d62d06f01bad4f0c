"""The quarterly corporate risk register report (``goldenthread report risk``).

For the quarter asked for (any period works), the report has:

* **Summary**: open risks, how many are outside appetite, escalated, overdue for review
  and with overdue actions;
* **Heat maps**: open risks by likelihood and impact, inherent and current, every cell
  stating its count and level in text as well as colour;
* **Register**: every open risk with its inherent, current and target rating, appetite
  and trend;
* **Outside appetite** and **Escalations** (by the framework's escalation rules);
* **Changes since last period**: each risk's current rating at the end of the period
  (its latest review on or before the period's last day) against the end of the previous
  period: ``new``, ``higher``, ``lower`` or ``closed``; unchanged risks are not listed;
* **Overdue reviews** and **overdue actions** as at the report's day;
* **Consistency findings** of the register (for example current rated above inherent).

The report is ``internal`` by default, for the Audit Committee.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from attrs import frozen

from goldenthread.framework import Framework
from goldenthread.periods import Period
from goldenthread.reports.builders.common import (
    assemble_report,
    effective_day,
    within_appetite_text,
)
from goldenthread.reports.model import (
    Block,
    Cell,
    Column,
    ColumnKind,
    Findings,
    HeatMap,
    KeyValue,
    KeyValues,
    Paragraph,
    Report,
    Section,
    Table,
)
from goldenthread.risk.assessment import ScoredRisk, assess_register
from goldenthread.risk.consistency import register_findings
from goldenthread.risk.heatmap import heat_map
from goldenthread.risk.matrix import Rating, RiskMatrix
from goldenthread.risk.register import RiskStatus
from goldenthread.risk.trends import (
    Review,
    group_reviews,
    overdue_mitigations,
    overdue_reviews,
    risk_trend,
)

__all__ = ["RiskChange", "RiskReport", "changes_between", "heat_map_figure"]


def heat_map_figure(scored: Sequence[ScoredRisk], matrix: RiskMatrix, tier: str) -> HeatMap:
    """A report heat map of ``scored`` risks' ``tier`` ratings, highest likelihood first."""
    counted = heat_map(scored, matrix, tier)
    rows, columns = matrix.size
    order = range(rows, 0, -1)
    cells = [[counted.cell(lk, im) for im in range(1, columns + 1)] for lk in order]
    busiest = sorted(
        (c for row in cells for c in row if c.count), key=lambda c: (-c.count, -c.likelihood)
    )
    described = "; ".join(
        f"{c.count} at likelihood {c.likelihood}, impact {c.impact} ({c.level})" for c in busiest
    )
    alt = (
        f"{counted.total} open risks by {tier} likelihood and impact"
        + (f": {described}." if described else ".")
        + (f" {counted.unrated} not rated." if counted.unrated else "")
    )
    return HeatMap(
        title=f"{tier.capitalize()} risk heat map",
        alt=alt,
        row_axis="Likelihood",
        column_axis="Impact",
        row_labels=[f"{lk} {matrix.likelihood[lk - 1].name}" for lk in order],
        column_labels=[f"{im} {matrix.impact[im - 1].name}" for im in range(1, columns + 1)],
        counts=[[c.count for c in row] for row in cells],
        levels=[[c.level for c in row] for row in cells],
        colours=[[c.colour for c in row] for row in cells],
    )


@frozen
class RiskChange:
    """How one risk's current rating changed between two days.

    ``change`` is ``new`` (no rating before), ``higher``, ``lower`` or ``closed``.
    """

    risk: str
    change: str
    before: Rating | None
    after: Rating | None


def _rating_on(
    reviews: Sequence[Review], day: dt.date, matrix: RiskMatrix
) -> tuple[Review | None, Rating | None]:
    latest = None
    for review in reviews:
        if review.reviewed_on <= day:
            latest = review
    if latest is None or latest.current is None:
        return latest, None
    return latest, matrix.rate(latest.current.likelihood, latest.current.impact)


def changes_between(
    reviews: Iterable[Review], before: dt.date, after: dt.date, matrix: RiskMatrix
) -> tuple[RiskChange, ...]:
    """Risks whose current rating at ``after`` differs from that at ``before``, by id.

    Each risk's rating on a day is the one agreed at its latest review on or before it.
    """
    out: list[RiskChange] = []
    for risk, history in sorted(group_reviews(reviews).items()):
        then_review, then = _rating_on(history, before, matrix)
        now_review, now = _rating_on(history, after, matrix)
        if now_review is None or now_review is then_review:
            continue
        if now_review.status is RiskStatus.CLOSED:
            if then_review is None or then_review.status is not RiskStatus.CLOSED:
                out.append(RiskChange(risk, "closed", then, now))
            continue
        if then is None and now is not None:
            out.append(RiskChange(risk, "new", None, now))
        elif then is not None and now is not None and now.key != then.key:
            out.append(RiskChange(risk, "higher" if now.key > then.key else "lower", then, now))
    return tuple(out)


def _rating_cells(rating: Rating | None) -> tuple[Cell, Cell]:
    if rating is None:
        return Cell(None, "not rated"), Cell("not rated")
    return Cell(rating.score), Cell(rating.level)


_REGISTER_COLUMNS = (
    Column("risk", "Risk"),
    Column("id", "Reference"),
    Column("owner", "Owner"),
    Column("category", "Category"),
    Column("inherent_score", "Inherent score", ColumnKind.NUMBER),
    Column("inherent_level", "Inherent level"),
    Column("current_score", "Current score", ColumnKind.NUMBER),
    Column("current_level", "Current level"),
    Column("target_level", "Target level"),
    Column("appetite", "Appetite"),
    Column("within_appetite", "Within appetite"),
    Column("trend", "Trend"),
)


def _register_rows(
    scored: Iterable[ScoredRisk], trends: Mapping[str, str]
) -> list[tuple[Cell, ...]]:
    return [
        (
            Cell(s.risk.title),
            Cell(s.risk.id),
            Cell(s.risk.owner),
            Cell(s.risk.category),
            *_rating_cells(s.inherent),
            *_rating_cells(s.current),
            Cell(s.target.level if s.target else "not rated"),
            Cell(s.appetite.value),
            Cell(within_appetite_text(s.within_appetite)),
            Cell(trends.get(s.risk.id, "not reviewed")),
        )
        for s in scored
    ]


_ESCALATION_COLUMNS = (
    Column("id", "Risk"),
    Column("rule", "Rule"),
    Column("escalate_to", "Escalate to"),
    Column("report_to", "Report to"),
    Column("reasons", "Why"),
)

_CHANGE_COLUMNS = (
    Column("id", "Risk"),
    Column("title", "Title"),
    Column("change", "Change"),
    Column("before", "Previous rating"),
    Column("after", "Rating now"),
)

_OVERDUE_REVIEW_COLUMNS = (
    Column("id", "Risk"),
    Column("owner", "Owner"),
    Column("due", "Review due", ColumnKind.DATE),
    Column("days", "Days overdue", ColumnKind.NUMBER),
)

_OVERDUE_ACTION_COLUMNS = (
    Column("id", "Risk"),
    Column("action", "Action"),
    Column("owner", "Owner"),
    Column("due", "Due", ColumnKind.DATE),
    Column("status", "Status"),
)


def _describe(rating: Rating | None) -> Cell:
    if rating is None:
        return Cell("not rated")
    return Cell(f"{rating.score} {rating.level}", colour=rating.colour)


@frozen
class RiskReport:
    """The ``risk`` report kind (see the module documentation)."""

    name: str = "risk"
    title: str = "Corporate risk register report"
    classification: str = "internal"
    audience: str = "Audit Committee"

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
            ValueError: a naive ``as_at`` or an unknown classification.
        """
        day = effective_day(as_at, today)
        framework = framework.judged_on(day)
        settings = framework.risk_settings
        matrix = settings.matrix
        open_risks = [r for r in framework.risks if r.is_open]
        scored = assess_register(open_risks, settings)
        titles = {r.id: r.title for r in framework.risks}
        owners = {r.id: r.owner for r in framework.risks}
        grouped = group_reviews(framework.risk_reviews)
        trends = {
            risk: risk_trend([r for r in history if r.reviewed_on <= period.end], matrix).value
            for risk, history in grouped.items()
            if any(r.reviewed_on <= period.end for r in history)
        }
        outside = [s for s in scored if s.within_appetite is False]
        escalated = [s for s in scored if s.escalations]
        overdue = overdue_reviews(open_risks, grouped, day, settings.review_frequency)
        late_actions = overdue_mitigations(open_risks, day)
        changes = changes_between(framework.risk_reviews, period.previous().end, period.end, matrix)
        summary = KeyValues(
            [
                KeyValue("Period", period.label),
                KeyValue("As at", day, ColumnKind.DATE),
                KeyValue("Open risks", len(scored), ColumnKind.NUMBER),
                KeyValue("Outside appetite", len(outside), ColumnKind.NUMBER),
                KeyValue("Escalated", len(escalated), ColumnKind.NUMBER),
                KeyValue("Changed since last period", len(changes), ColumnKind.NUMBER),
                KeyValue("Reviews overdue", len(overdue), ColumnKind.NUMBER),
                KeyValue("Actions overdue", len(late_actions), ColumnKind.NUMBER),
            ]
        )
        escalation_rows = [
            (
                e.risk,
                e.rule,
                e.escalate_to.value,
                ", ".join(e.report_to),
                "; ".join(e.reasons),
            )
            for s in escalated
            for e in s.escalations
        ]
        change_rows = [
            (c.risk, titles.get(c.risk, ""), c.change, _describe(c.before), _describe(c.after))
            for c in changes
        ]
        review_rows = [(o.risk, owners.get(o.risk, ""), o.due, o.days_overdue) for o in overdue]
        action_rows = [(risk, m.action, m.owner, m.due, m.status.value) for risk, m in late_actions]
        findings = register_findings(framework.risks, matrix)
        heat: list[Block] = [
            heat_map_figure(scored, matrix, "inherent"),
            heat_map_figure(scored, matrix, "current"),
        ]
        sections = [
            Section("Summary", [summary], id="summary"),
            Section("Heat maps", heat, id="heat-maps"),
            Section(
                "Register",
                [Table("Open risks", _REGISTER_COLUMNS, _register_rows(scored, trends))],
                id="register",
            ),
            Section(
                "Outside appetite",
                [
                    Paragraph("Open risks whose current score is above the appetite's tolerance."),
                    Table(
                        "Risks outside appetite", _REGISTER_COLUMNS, _register_rows(outside, trends)
                    ),
                ],
                id="outside-appetite",
            ),
            Section(
                "Escalations",
                [Table("Escalations", _ESCALATION_COLUMNS, escalation_rows)],
                id="escalations",
            ),
            Section(
                "Changes since last period",
                [
                    Paragraph(
                        f"Current ratings at {period.end:%d %b %Y} against "
                        f"{period.previous().end:%d %b %Y}, from the reviews."
                    ),
                    Table("Changed ratings", _CHANGE_COLUMNS, change_rows),
                ],
                id="changes",
            ),
            Section(
                "Overdue reviews and actions",
                [
                    Table("Overdue reviews", _OVERDUE_REVIEW_COLUMNS, review_rows),
                    Table("Overdue actions", _OVERDUE_ACTION_COLUMNS, action_rows),
                ],
                id="overdue",
            ),
            Section("Consistency", [Findings(findings, "Register findings")], id="consistency"),
        ]
        shown = classification or self.classification
        return assemble_report(self, framework, period, sections, as_at=as_at, classification=shown)
