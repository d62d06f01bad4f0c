"""The quarterly corporate risk register report (``goldenthread report risk``).

For the quarter asked for (any period works), the report has:

* **Summary**: open risks, how many are outside appetite, escalated, overdue for review
  and with overdue actions;
* **Heat maps**: open risks by likelihood and impact, inherent and current, every cell
  stating its count and level in text as well as colour;
* **Register**: every open risk with its register, inherent, current and target rating,
  appetite and trend;
* **Risk descriptions**: each open risk's cause, event and consequence, its treatment and
  whether it is a threat or an opportunity;
* **Controls and actions**: the existing controls of each open risk with who runs them and
  how effective they are, and the mitigating actions with their owners, due dates,
  progress and whether they are overdue (an action named by the id of an action in the
  golden thread is shown with its title);
* **Outside appetite** and **Escalations** (by the framework's escalation rules);
* **Changes since last period**: each risk's current rating at the end of the period
  (its latest review on or before the period's last day) against the end of the previous
  period: ``new``, ``higher``, ``lower`` or ``closed``; unchanged risks are not listed;
* **Overdue reviews** and **overdue actions** as at the report's day;
* **Consistency findings** of the register (for example current rated above inherent).

The report is ``internal`` by default, for the Audit Committee.  ``register=`` (``goldenthread
report risk SOURCE --register corporate``) keeps only the risks held on one register
(:class:`~goldenthread.risk.register.RegisterKind`: strategic, corporate, service, project,
partnership), titles the report after it (``Service risk register report``) and draws the
heat maps, changes, overdue items and findings from that register's risks alone.

A section with nothing in it says so in one sentence, or is left out when
``framework.toml`` says ``[reports] empty_sections = "omit"``; *Escalations* appears only
when the council has escalation rules (``[[risk.escalation]]``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from attrs import frozen

from goldenthread.errors import InputError
from goldenthread.framework import Framework
from goldenthread.periods import Period
from goldenthread.reports.builders.common import (
    assemble_report,
    effective_day,
    empty_sections_choice,
    item_visible,
    require_whole,
    shown_section,
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
from goldenthread.risk.register import (
    Effectiveness,
    Mitigation,
    RegisterKind,
    Risk,
    RiskStatus,
    parse_choice,
)
from goldenthread.risk.trends import (
    Review,
    group_reviews,
    overdue_mitigations,
    overdue_reviews,
    risk_trend,
)

__all__ = ["RiskChange", "RiskReport", "changes_between", "heat_map_figure", "risk_register"]


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
    Column("register", "Register"),
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
            Cell(s.risk.register.value),
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


def risk_register(text: str, risks: Sequence[Risk] = ()) -> RegisterKind:
    """The register called ``text`` (``corporate``; case, spaces and ``_`` ignored).

    Raises:
        InputError: no register has that name; the message lists the registers on offer
            and how many of ``risks`` each holds.
    """
    try:
        return parse_choice(RegisterKind, text)
    except InputError:
        held = {kind: sum(1 for r in risks if r.register is kind) for kind in RegisterKind}
        listed = ", ".join(
            f"{kind.value} ({held[kind]} risk{'' if held[kind] == 1 else 's'})"
            for kind in RegisterKind
        )
        raise InputError(f"unknown register {text!r}; registers: {listed}") from None


_DESCRIPTION_COLUMNS = (
    Column("id", "Reference"),
    Column("risk", "Risk"),
    Column("cause", "Cause"),
    Column("event", "Event"),
    Column("consequence", "Consequence"),
    Column("treatment", "Treatment"),
    Column("nature", "Threat or opportunity"),
)

_CONTROL_COLUMNS = (
    Column("id", "Reference"),
    Column("risk", "Risk"),
    Column("control", "Existing control"),
    Column("owner", "Run by"),
    Column("effectiveness", "Effectiveness"),
)

_MITIGATION_COLUMNS = (
    Column("id", "Reference"),
    Column("risk", "Risk"),
    Column("action", "Mitigating action"),
    Column("owner", "Owner"),
    Column("due", "Due", ColumnKind.DATE),
    Column("status", "Progress"),
    Column("overdue", "Overdue"),
)


def _words(value: str) -> str:
    return value.replace("-", " ")


def _descriptions(scored: Sequence[ScoredRisk]) -> Table:
    rows = [
        (
            Cell(s.risk.id),
            Cell(s.risk.title),
            Cell(s.risk.cause or "not recorded"),
            Cell(s.risk.event or "not recorded"),
            Cell(s.risk.consequence or "not recorded"),
            Cell(s.risk.treatment.value if s.risk.treatment else "not decided"),
            Cell(s.risk.nature.value),
        )
        for s in scored
    ]
    return Table("Cause, event and consequence", _DESCRIPTION_COLUMNS, rows)


def _action_text(framework: Framework, mitigation: Mitigation, shown: str) -> str:
    thread = framework.thread
    if mitigation.action in thread:
        item = thread[mitigation.action]
        if item_visible(thread, item, shown):
            return f"{item.title} ({item.id})"
    return mitigation.action


def _controls_and_actions(
    framework: Framework, scored: Sequence[ScoredRisk], day: dt.date, shown: str
) -> list[Block]:
    controls = [(s.risk, c) for s in scored for c in s.risk.controls]
    counted = {e: sum(1 for _, c in controls if c.effectiveness is e) for e in Effectiveness}
    control_rows = [
        (
            Cell(risk.id),
            Cell(risk.title),
            Cell(c.description),
            Cell(c.owner),
            Cell(_words(c.effectiveness.value)),
        )
        for risk, c in controls
    ]
    action_rows = [
        (
            Cell(s.risk.id),
            Cell(s.risk.title),
            Cell(_action_text(framework, m, shown)),
            Cell(m.owner),
            Cell(m.due),
            Cell(_words(m.status.value)),
            Cell("yes" if m.overdue(day) else "no"),
        )
        for s in scored
        for m in s.risk.mitigations
    ]
    uncontrolled = [s.risk.id for s in scored if not s.risk.controls]
    blocks: list[Block] = []
    if controls:
        described = ", ".join(f"{n} {_words(e.value)}" for e, n in counted.items() if n)
        blocks.append(Paragraph(f"{len(controls)} existing controls: {described}."))
    blocks.append(Table("Existing controls", _CONTROL_COLUMNS, control_rows))
    if uncontrolled and controls:
        blocks.append(Paragraph(f"Open risks with no existing control: {', '.join(uncontrolled)}."))
    blocks.append(Table("Mitigating actions", _MITIGATION_COLUMNS, action_rows))
    return blocks


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
        register: str | RegisterKind | None = None,
    ) -> Report:
        """Build the report for ``period`` as at ``as_at`` (else ``today``), of the risks
        on ``register`` when given (else on every register).

        Raises:
            InputError: an unknown ``register`` (the message lists those on offer), or
                an unknown ``[reports] empty_sections`` choice.
            ValueError: a naive ``as_at``, an unknown classification, or a framework
                read for some of its parts only.
        """
        require_whole(framework)
        day = effective_day(as_at, today)
        framework = framework.judged_on(day)
        shown = classification or self.classification
        choice = empty_sections_choice(framework)
        kind = risk_register(register, framework.risks) if isinstance(register, str) else register
        risks = [r for r in framework.risks if kind is None or r.register is kind]
        ids = {r.id for r in risks}
        all_reviews = [r for r in framework.risk_reviews if r.risk in ids]
        settings = framework.risk_settings
        matrix = settings.matrix
        open_risks = [r for r in risks if r.is_open]
        scored = assess_register(open_risks, settings)
        titles = {r.id: r.title for r in risks}
        owners = {r.id: r.owner for r in risks}
        grouped = group_reviews(all_reviews)
        trends = {
            risk: risk_trend([r for r in history if r.reviewed_on <= period.end], matrix).value
            for risk, history in grouped.items()
            if any(r.reviewed_on <= period.end for r in history)
        }
        outside = [s for s in scored if s.within_appetite is False]
        escalated = [s for s in scored if s.escalations]
        overdue = overdue_reviews(open_risks, grouped, day, settings.review_frequency)
        late_actions = overdue_mitigations(open_risks, day)
        changes = changes_between(all_reviews, period.previous().end, period.end, matrix)
        summary = KeyValues(
            [
                KeyValue("Period", period.label),
                KeyValue("Register", "all registers" if kind is None else kind.value),
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
        findings = register_findings(risks, matrix)
        heat: list[Block] = [
            heat_map_figure(scored, matrix, "inherent"),
            heat_map_figure(scored, matrix, "current"),
        ]
        on = "" if kind is None else f" on the {kind.value} register"
        sections = [
            Section("Summary", [summary], id="summary"),
            *shown_section(
                "Heat maps",
                heat if scored else [],
                id="heat-maps",
                empty=f"There are no open risks{on} to map.",
                choice=choice,
            ),
            *shown_section(
                "Register",
                [Table("Open risks", _REGISTER_COLUMNS, _register_rows(scored, trends))],
                id="register",
                empty=f"There are no open risks{on}.",
                choice=choice,
            ),
            *shown_section(
                "Risk descriptions",
                [_descriptions(scored)],
                id="descriptions",
                empty=f"There are no open risks{on} to describe.",
                choice=choice,
            ),
            *shown_section(
                "Controls and actions",
                _controls_and_actions(framework, scored, day, shown),
                id="controls",
                empty=f"No open risk{on} has an existing control or a mitigating action.",
                choice=choice,
            ),
            *shown_section(
                "Outside appetite",
                [
                    Paragraph("Open risks whose current score is above the appetite's tolerance."),
                    Table(
                        "Risks outside appetite", _REGISTER_COLUMNS, _register_rows(outside, trends)
                    ),
                ],
                id="outside-appetite",
                empty=f"Every open risk{on} is within appetite.",
                choice=choice,
            ),
        ]
        if settings.escalation:  # a council with no escalation rules never defined them
            sections.extend(
                shown_section(
                    "Escalations",
                    [Table("Escalations", _ESCALATION_COLUMNS, escalation_rows)],
                    id="escalations",
                    empty=f"No open risk{on} meets an escalation rule.",
                    choice=choice,
                )
            )
        sections.extend(
            [
                *shown_section(
                    "Changes since last period",
                    [
                        Paragraph(
                            f"Current ratings at {period.end:%d %b %Y} against "
                            f"{period.previous().end:%d %b %Y}, from the reviews."
                        ),
                        Table("Changed ratings", _CHANGE_COLUMNS, change_rows),
                    ],
                    id="changes",
                    empty=(
                        f"No risk{on} changed its rating between {period.previous().end:%d %b %Y}"
                        f" and {period.end:%d %b %Y}."
                    ),
                    choice=choice,
                ),
                *shown_section(
                    "Overdue reviews and actions",
                    [
                        Table("Overdue reviews", _OVERDUE_REVIEW_COLUMNS, review_rows),
                        Table("Overdue actions", _OVERDUE_ACTION_COLUMNS, action_rows),
                    ],
                    id="overdue",
                    empty=f"No review or action{on} is overdue.",
                    choice=choice,
                ),
                *shown_section(
                    "Consistency",
                    [Findings(findings, "Register findings")],
                    id="consistency",
                    empty=(
                        "The checks found nothing to question in the "
                        + ("register." if kind is None else f"{kind.value} register.")
                    ),
                    choice=choice,
                ),
            ]
        )
        title = (
            None
            if kind is None
            else f"{kind.value.capitalize()} risk register report, {period.label}"
        )
        return assemble_report(
            self, framework, period, sections, as_at=as_at, classification=shown, title=title
        )
