"""``goldenthread risks SOURCE``: the risk register, scored, with appetite and escalation.

SOURCE is a bundle (folder or workbook: ``risks.csv``, optionally ``framework.toml``'s
``[risk]`` section and ``risk_reviews.csv``) or a store URL.  ``--format json`` prints
one object per risk with ``id``, ``inherent``/``current``/``target`` (each
``{likelihood, impact, score, level}`` or ``null``), ``within_appetite``, ``escalate`` and
more; ``table`` prints the register, heat maps, the top risks and what is overdue on the
judging day (``--on``, else the ``--as-at`` date, else today).  Only reviews dated on or
before the judging day count: for trends, ratings, status and overdue reviews.

Exit 0 on success, 1 when consistency findings of error severity exist, 2 on bad input.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

import click

from goldenthread.cli.options import load_for_command, on_option, organisation_option
from goldenthread.errors import InputError
from goldenthread.findings import Finding, has_errors
from goldenthread.risk.assessment import ScoredRisk, assess_register, top_risks
from goldenthread.risk.consistency import register_findings
from goldenthread.risk.heatmap import heat_map, movement
from goldenthread.risk.matrix import Rating
from goldenthread.risk.register import Risk
from goldenthread.risk.settings import RiskSettings
from goldenthread.risk.trends import (
    Review,
    group_reviews,
    next_review_due,
    overdue_mitigations,
    overdue_reviews,
    risk_trend,
)

__all__ = ["risks_command"]


def _rating(rating: Rating | None) -> str:
    if rating is None:
        return "-"
    return f"{rating.score} {rating.level} ({rating.likelihood}x{rating.impact})"


def _records(
    scored: Sequence[ScoredRisk],
    settings: RiskSettings,
    reviews: dict[str, tuple[Review, ...]],
    findings: Sequence[Finding],
    as_at: dt.date,
) -> list[dict[str, object]]:
    out = []
    for s in scored:
        history = reviews.get(s.risk.id, ())
        due = next_review_due(s.risk, history, settings.review_frequency, on=as_at)
        record = s.to_dict()
        record["trend"] = risk_trend(history, settings.matrix, on=as_at).value
        record["next_review"] = due.isoformat() if due else None
        record["review_overdue"] = bool(s.risk.is_open and due is not None and due < as_at)
        record["overdue_actions"] = [
            {"action": m.action, "owner": m.owner, "due": m.due.isoformat() if m.due else None}
            for m in s.risk.overdue_mitigations(as_at)
        ]
        record["findings"] = [f.to_dict() for f in findings if f.item == s.risk.id]
        out.append(record)
    return out


def _table(
    records: list[dict[str, object]],
    scored: Sequence[ScoredRisk],
    settings: RiskSettings,
    risks: Sequence[Risk],
    reviews: dict[str, tuple[Review, ...]],
    findings: Sequence[Finding],
    as_at: dt.date,
) -> str:
    rows = [("ID", "Register", "Inherent", "Current", "Target", "Appetite", "Trend", "Escalate")]
    for s, record in zip(scored, records, strict=True):
        appetite = {True: "within", False: "OUTSIDE", None: "-"}[s.within_appetite]
        rows.append(
            (
                s.risk.id,
                s.risk.register.value,
                _rating(s.inherent),
                _rating(s.current),
                _rating(s.target),
                appetite,
                str(record["trend"]),
                ", ".join(e.escalate_to.value for e in s.escalations) or "-",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows
    ]
    lines.append("")
    for tier in ("inherent", "current"):
        lines.append(heat_map(scored, settings.matrix, tier).to_text())
        lines.append("")
    moves = movement(scored)
    summary = {d: sum(m.count for m in moves if m.direction == d) for d in ("down", "same", "up")}
    lines.append(
        f"Inherent to current: {summary['down']} lower, {summary['same']} unchanged, "
        f"{summary['up']} higher"
    )
    top = top_risks(scored, 5)
    lines.append(
        "Top risks: " + (", ".join(f"{s.risk.id} ({_rating(s.current)})" for s in top) or "none")
    )
    overdue = overdue_reviews(risks, reviews, as_at, settings.review_frequency)
    lines.append(
        f"Reviews overdue at {as_at.isoformat()}: "
        + (", ".join(f"{o.risk} (due {o.due.isoformat()})" for o in overdue) or "none")
    )
    actions = overdue_mitigations(risks, as_at)
    lines.append(
        "Actions overdue: "
        + (", ".join(f"{rid}: {m.action} (due {m.due})" for rid, m in actions) or "none")
    )
    if findings:
        lines.append("Findings:")
        lines.extend(f"  {f.severity.value}: {f.item}: {f.code}: {f.message}" for f in findings)
    return "\n".join(lines)


@click.command("risks")
@click.argument("source")
@organisation_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="table for people, json for machines.",
)
@click.option(
    "--as-at",
    "as_at",
    default=None,
    help="A date or timestamp: read a store as recorded then (and, without --on, judge "
    "reviews and actions on that day).",
)
@on_option
def risks_command(
    source: str, fmt: str, as_at: str | None, on: dt.date | None, organisation: str | None
) -> None:
    """Score the risk register in SOURCE: ratings, appetite, escalation, trends."""
    framework, date = load_for_command(source, as_at, on, organisation, parts=("risks",))
    settings, risks, reviews = framework.risk_settings, framework.risks, framework.risk_reviews
    try:
        scored = assess_register(risks, settings)
    except InputError as exc:
        click.echo(f"Error: {exc}", err=True)
        raise SystemExit(2) from None
    findings = register_findings(risks, settings.matrix)
    grouped = group_reviews(reviews)
    records = _records(scored, settings, grouped, findings, date)
    if fmt == "json":
        click.echo(json.dumps(records, indent=2, ensure_ascii=False))
    else:
        click.echo(_table(records, scored, settings, risks, grouped, findings, date))
    if has_errors(findings):
        raise SystemExit(1)
