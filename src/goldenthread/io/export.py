"""Writing a :class:`~goldenthread.framework.Framework` back out as a bundle folder.

:func:`export_bundle` writes ``framework.toml`` (the framework's settings) and one CSV
file per part that has rows (``indicators.csv``, ``values.csv``, ``targets.csv``,
``items.csv``, ``links.csv``, ``risks.csv``, ``risk_reviews.csv``, ``comparators.csv``,
``comparisons.csv``, ``spot_checks.csv``, ``returns.csv``, ``presentations.csv``, and
the finance files ``budget_lines.csv``, ``budgets.csv``, ``virements.csv``,
``actuals.csv``, ``mtfp.csv``, ``savings.csv``, ``unit_costs.csv``), in the columns the
bundle readers read, with every extra column the objects kept.  The files read back to
the same framework: ``load_bundle(export_bundle(load_bundle(folder), out))`` equals
``load_bundle(folder)`` apart from its ``source``.

Cells are written the way the readers read them: numbers in plain decimal notation with
every digit kept (``1000``, never ``1E+3``), dates as ``2024-09-30``, choices by their value
(``higher``, ``sum``, ``quarterly``), a figure's absence by its state (``missing``,
``n/a``, ``not yet due``), lists separated by ``;`` and a risk's controls and mitigating
actions as ``description | owner | effectiveness``.  The CSV files are for reading back
into goldenthread; a cell that starts with ``=`` is written as it is (open the files in
a spreadsheet with care, or use a report renderer, which neutralises such cells).

Amounts of money are written as plain numbers (``1234.50``; a negative actual as
``-1200``), which the money rule reads back.  The indicators derived from unit costs are
not written to ``indicators.csv`` or ``values.csv``: ``unit_costs.csv`` derives them
again when the bundle is loaded (their targets are written to ``targets.csv``).
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

import tomli_w

from goldenthread.cycles.records import Presentation, ReturnRecord
from goldenthread.errors import InputError, Problem
from goldenthread.finance.book import Finance
from goldenthread.finance.budgets import Actual, AnnualBudget, MonthlyBudget, Virement
from goldenthread.finance.lines import BudgetLine
from goldenthread.finance.mtfp import MtfpEntry
from goldenthread.finance.savings import Saving
from goldenthread.finance.unit_costs import UnitCost
from goldenthread.framework import Framework
from goldenthread.indicators.benchmarking import ComparatorGroup
from goldenthread.indicators.comparison import PublishedValue
from goldenthread.indicators.definition import IndicatorDefinition, Tolerance, ToleranceKind
from goldenthread.indicators.numbers import ValueState
from goldenthread.indicators.spotcheck import RecordedCheck
from goldenthread.indicators.targets import Target
from goldenthread.indicators.values import IndicatorValue
from goldenthread.io.benchmarks import COMPARATOR_COLUMNS, COMPARISON_COLUMNS
from goldenthread.io.bundle import FRAMEWORK_FILE
from goldenthread.io.cycles import PRESENTATION_COLUMNS, RETURN_COLUMNS
from goldenthread.io.finance import (
    ACTUAL_COLUMNS,
    BUDGET_COLUMNS,
    BUDGET_LINE_COLUMNS,
    MTFP_COLUMNS,
    SAVING_COLUMNS,
    UNIT_COST_COLUMNS,
    VIREMENT_COLUMNS,
)
from goldenthread.io.indicators import INDICATOR_COLUMNS, TARGET_COLUMNS, VALUE_COLUMNS
from goldenthread.io.risks import REVIEW_COLUMNS, RISK_COLUMNS
from goldenthread.io.spot_checks import SPOT_CHECK_COLUMNS
from goldenthread.io.thread import ITEM_COLUMNS
from goldenthread.risk.register import Assessment, Risk
from goldenthread.risk.trends import Review
from goldenthread.thread.items import IndicatorLink, Item, Link

__all__ = [
    "LINK_COLUMNS",
    "export_bundle",
    "finance_tables",
    "format_decimal",
    "header_for",
]

LINK_COLUMNS = ("child", "parent", "kind")
"""The columns of ``links.csv``."""

T = TypeVar("T")

_STATE_TEXT = {
    ValueState.MISSING: "missing",
    ValueState.NOT_APPLICABLE: "n/a",
    ValueState.NOT_YET_DUE: "not yet due",
}


def format_decimal(number: Decimal | None) -> str:
    """``number`` in plain decimal notation with every digit kept; ``""`` for ``None``.

    >>> format_decimal(Decimal("1E+3")), format_decimal(Decimal("12.50"))
    ('1000', '12.50')
    """
    if number is None:
        return ""
    return format(number, "f")


def _choice(value: enum.Enum | None) -> str:
    return "" if value is None else str(value.value)


def _date(value: dt.date | None) -> str:
    return "" if value is None else value.isoformat()


def _flag(value: bool) -> str:
    return "yes" if value else "no"


def _tolerance(tolerance: Tolerance) -> str:
    amount = format_decimal(tolerance.amount)
    return f"{amount}%" if tolerance.kind is ToleranceKind.RELATIVE else amount


def _profile(profile: str | tuple[Decimal, ...]) -> str:
    if profile == "even":  # the default: written blank, as an indicator without one
        return ""
    return profile if isinstance(profile, str) else ";".join(map(format_decimal, profile))


def _indicator(d: IndicatorDefinition) -> dict[str, str]:
    return {
        "code": d.code,
        "title": d.title,
        "polarity": _choice(d.polarity),
        "aggregation": _choice(d.aggregation),
        "frequency": _choice(d.frequency),
        "unit": d.unit,
        "decimals": str(d.decimals),
        "tolerance": _tolerance(d.tolerance),
        "factor": format_decimal(d.factor),
        "annualise": _flag(d.annualise),
        "reporting_frequency": _choice(d.reporting_frequency),
        "rag_rule": d.rag_rule,
        "profile": _profile(d.profile),
        "definition": d.definition,
        "guidance": d.guidance,
        "owner": d.owner,
        "service": d.service,
        "statutory": _flag(d.statutory),
        "source": d.source,
        "comparator_group": d.comparator_group,
        "classification": _choice(d.classification),
        "objective": d.objective,
        "minimum": format_decimal(d.minimum),
        "maximum": format_decimal(d.maximum),
        "max_change": "" if d.max_change is None else _tolerance(d.max_change),
    }


def _value(v: IndicatorValue) -> dict[str, str]:
    figure = format_decimal(v.value) if v.state is ValueState.PRESENT else _STATE_TEXT[v.state]
    return {
        "indicator": v.indicator,
        "period": v.period.label,
        "value": figure,
        "numerator": format_decimal(v.numerator),
        "denominator": format_decimal(v.denominator),
        "status": _choice(v.status),
        "note": v.note,
        "note_date": _date(v.note_date),
        "entered_by": v.entered_by,
    }


def _target(t: Target) -> dict[str, str]:
    return {
        "indicator": t.indicator,
        "period": t.period.label,
        "target": format_decimal(t.target),
        "lower": format_decimal(t.lower),
        "upper": format_decimal(t.upper),
        "floor": format_decimal(t.floor),
        "stretch": format_decimal(t.stretch),
        "note": t.note,
    }


def _item_problems(item: Item) -> list[str]:
    reasons = []
    if len(item.updates) > 1:
        reasons.append(f"has {len(item.updates)} progress updates; items.csv holds one")
    elif item.updates and item.updates[0].progress != item.progress:
        reasons.append("has a progress update whose figure differs from the item's progress")
    if any(";" in partner for partner in item.partners):
        reasons.append("has a partner key containing ';'")
    return reasons


def _item(item: Item) -> dict[str, str]:
    update = item.updates[0] if item.updates else None
    return {
        "id": item.id,
        "kind": _choice(item.kind),
        "title": item.title,
        "level": item.level,
        "plan": item.plan or "",
        "parent": item.parent or "",
        "owner": item.owner or "",
        "lead": item.lead or "",
        "partners": ";".join(item.partners),
        "start": _date(item.start),
        "due": _date(item.due),
        "status": _choice(item.status),
        "progress": format_decimal(item.progress),
        "classification": _choice(item.classification),
        "category": item.category or "",
        "version": item.version or "",
        "supersedes": item.supersedes or "",
        "weight": format_decimal(item.weight),
        "updated": "" if update is None else update.on.isoformat(),
        "commentary": "" if update is None else update.comment,
    }


def _pair(assessment: Assessment | None) -> tuple[str, str]:
    if assessment is None:
        return "", ""
    return str(assessment.likelihood), str(assessment.impact)


def _risk_problems(risk: Risk) -> list[str]:
    texts = [*risk.objectives]
    for control in risk.controls:
        texts.extend((control.description, control.owner))
    for mitigation in risk.mitigations:
        texts.extend((mitigation.action, mitigation.owner))
    if any(";" in text or "|" in text for text in texts):
        return ["has an objective, control or mitigating action containing ';' or '|'"]
    return []


def _risk(risk: Risk) -> dict[str, str]:
    row = {
        "id": risk.id,
        "title": risk.title,
        "owner": risk.owner,
        "category": risk.category,
        "register": _choice(risk.register),
        "cause": risk.cause,
        "event": risk.event,
        "consequence": risk.consequence,
        "objectives": ";".join(risk.objectives),
        "controls": "; ".join(
            f"{c.description} | {c.owner} | {_choice(c.effectiveness)}" for c in risk.controls
        ),
        "mitigations": "; ".join(
            f"{m.action} | {m.owner} | {_date(m.due)} | {_choice(m.status)}"
            for m in risk.mitigations
        ),
        "treatment": _choice(risk.treatment),
        "nature": _choice(risk.nature),
        "appetite": _choice(risk.appetite),
        "review_frequency": _choice(risk.review_frequency),
        "next_review": _date(risk.next_review),
        "status": _choice(risk.status),
    }
    for tier, assessment in (
        ("inherent", risk.inherent),
        ("current", risk.current),
        ("target", risk.target),
    ):
        row[f"{tier}_likelihood"], row[f"{tier}_impact"] = _pair(assessment)
    return row


def _review(review: Review) -> dict[str, str]:
    likelihood, impact = _pair(review.current)
    return {
        "risk": review.risk,
        "reviewed_on": review.reviewed_on.isoformat(),
        "period": review.period,
        "current_likelihood": likelihood,
        "current_impact": impact,
        "status": _choice(review.status),
        "note": review.note,
    }


def _comparators(
    groups: Iterable[ComparatorGroup], names: Mapping[str, str]
) -> list[dict[str, str]]:
    return [
        {
            "group": group.name,
            "member": member,
            "name": names.get(member, ""),
            "valid_from": _date(group.valid_from),
            "valid_to": _date(group.valid_to),
        }
        for group in groups
        for member in group.members
    ]


def _comparison(p: PublishedValue) -> dict[str, str]:
    return {
        "indicator": p.indicator,
        "period": p.period.label,
        "organisation": p.organisation,
        "value": format_decimal(p.value),
        "numerator": format_decimal(p.numerator),
        "denominator": format_decimal(p.denominator),
        "status": _choice(p.status),
        "source": p.source,
    }


def _return(record: ReturnRecord) -> dict[str, str]:
    return {
        "indicator": record.indicator,
        "period": record.period.label,
        "received": _date(record.received),
        "by": record.by,
        "note": record.note,
    }


def _presentation(record: Presentation) -> dict[str, str]:
    return {
        "report": record.report,
        "period": record.period.label,
        "meeting": record.meeting,
        "presented": _date(record.presented),
        "note": record.note,
    }


def _spot_check(check: RecordedCheck) -> dict[str, str]:
    verification = check.verification
    return {
        "indicator": verification.code,
        "year": check.year.label,
        "outcome": verification.outcome.value,
        "auditor": verification.auditor,
        "checked_on": _date(verification.checked_on),
        "note": verification.note,
    }


def _budget_line(line: BudgetLine) -> dict[str, str]:
    return {
        "code": line.code,
        "title": line.title,
        "service": line.service,
        "kind": _choice(line.kind),
        "owner": line.owner,
        "tolerance": "" if line.tolerance is None else _tolerance(line.tolerance),
        "classification": _choice(line.classification),
        "funds": ";".join(line.funds),
    }


def _budget(budget: AnnualBudget) -> dict[str, str]:
    return {
        "line": budget.line,
        "period": budget.year.label,
        "original": format_decimal(budget.original),
        "revised": format_decimal(budget.revised),
    }


def _profile_row(profile: MonthlyBudget) -> dict[str, str]:
    return {
        "line": profile.line,
        "period": profile.month.label,
        "original": format_decimal(profile.amount),
    }


def _virement(virement: Virement) -> dict[str, str]:
    return {
        "year": virement.year.label,
        "from": virement.source,
        "to": virement.destination,
        "amount": format_decimal(virement.amount),
        "approved_by": virement.approved_by,
        "approved_on": _date(virement.approved_on),
        "reason": virement.reason,
    }


def _actual(actual: Actual) -> dict[str, str]:
    return {
        "line": actual.line,
        "period": actual.month.label,
        "actual": format_decimal(actual.actual),
        "commitment": format_decimal(actual.commitment),
        "forecast": format_decimal(actual.forecast),
        "note": actual.note,
    }


def _mtfp(entry: MtfpEntry) -> dict[str, str]:
    return {
        "year": entry.year.label,
        "kind": _choice(entry.kind),
        "item": entry.item,
        "amount": format_decimal(entry.amount),
        "note": entry.note,
    }


def _saving(saving: Saving) -> dict[str, str]:
    return {
        "code": saving.code,
        "title": saving.title,
        "year": saving.year.label,
        "amount": format_decimal(saving.amount),
        "status": _choice(saving.status),
        "delivered": format_decimal(saving.delivered),
        "service": saving.service,
        "owner": saving.owner,
        "line": saving.line,
        "note": saving.note,
    }


def _unit_cost(unit_cost: UnitCost) -> dict[str, str]:
    return {
        "code": unit_cost.code,
        "title": unit_cost.title,
        "lines": ";".join(unit_cost.lines),
        "activity": unit_cost.activity,
        "per": format_decimal(unit_cost.per),
        "decimals": str(unit_cost.decimals),
        "classification": _choice(unit_cost.classification),
        "polarity": _choice(unit_cost.polarity),
        "unit": unit_cost.unit,
        "comparator_group": unit_cost.comparator_group,
    }


def finance_tables(finance: Finance) -> dict[str, tuple[Sequence[str], list[dict[str, str]]]]:
    """The finance files' columns and rows for ``finance``, by table name."""
    budgets = [_budget(b) for b in finance.budgets]
    budgets.extend(_profile_row(p) for p in finance.profiles)
    return {
        "budget_lines": (
            BUDGET_LINE_COLUMNS,
            _rows(finance.lines, _budget_line, lambda b: b.extras),
        ),
        "budgets": (BUDGET_COLUMNS, budgets),
        "virements": (VIREMENT_COLUMNS, [_virement(v) for v in finance.virements]),
        "actuals": (ACTUAL_COLUMNS, [_actual(a) for a in finance.actuals]),
        "mtfp": (MTFP_COLUMNS, [_mtfp(e) for e in finance.mtfp]),
        "savings": (SAVING_COLUMNS, [_saving(s) for s in finance.savings]),
        "unit_costs": (UNIT_COST_COLUMNS, [_unit_cost(u) for u in finance.unit_costs]),
    }


def _links(links: Iterable[Link], attached: Iterable[IndicatorLink]) -> list[dict[str, str]]:
    rows = [{"child": ln.child, "parent": ln.parent, "kind": ln.kind} for ln in links]
    rows.extend({"child": a.indicator, "parent": a.item, "kind": "indicator"} for a in attached)
    return rows


def _rows(
    objects: Iterable[T],
    cells: Callable[[T], dict[str, str]],
    extras: Callable[[T], Mapping[str, str]],
) -> list[dict[str, str]]:
    rows = []
    for obj in objects:
        row = dict(extras(obj))
        row.update(cells(obj))
        rows.append(row)
    return rows


def header_for(columns: Sequence[str], rows: Sequence[Mapping[str, str]]) -> list[str]:
    """A bundle table's header: ``columns``, then every other column a row has (the extra
    columns a bundle keeps), in the order first met."""
    header = list(columns)
    known = set(header)
    for row in rows:
        for column in row:
            if column not in known:
                known.add(column)
                header.append(column)
    return header


def _write_csv(path: Path, columns: Sequence[str], rows: Sequence[Mapping[str, str]]) -> None:
    header = header_for(columns, rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows([row.get(column, "") for column in header] for row in rows)


def export_bundle(framework: Framework, folder: str | Path) -> Path:
    """Write ``framework`` as a bundle and return its path: a folder, or a workbook when
    the path ends in ``.xlsx``.

    A folder is created if need be; ``framework.toml`` and the CSV files of the parts
    that have rows are written (an existing file of the same name is replaced; a bundle
    file the framework has no rows for is removed, so the folder reads back as the
    framework).  A workbook (``council.xlsx``) gets a sheet per bundle table, every cell
    text, and a guidance sheet (:func:`goldenthread.io.template.write_workbook`); its
    settings are written beside it as ``council.toml``, where the loader reads them.
    Either reads back with :func:`~goldenthread.io.bundle.load_bundle` as the framework.

    Raises:
        InputError: the framework holds something a bundle cannot express (an item with
            several progress updates, a risk control whose text contains ``;`` or ``|``),
            each named; nothing is written.
    """
    problems = [
        Problem(f"item {item.id!r} {reason}", "items.csv", None, "id")
        for item in framework.thread.items
        for reason in _item_problems(item)
    ]
    problems.extend(
        Problem(f"risk {risk.id!r} {reason}", "risks.csv", None, "id")
        for risk in framework.risks
        for reason in _risk_problems(risk)
    )
    if problems:
        raise InputError(problems)
    try:
        settings_text = tomli_w.dumps(dict(framework.settings))
    except (TypeError, ValueError) as exc:
        raise InputError(
            [Problem(f"the settings cannot be written as TOML: {exc}", FRAMEWORK_FILE)]
        ) from None
    indicators = framework.indicators
    derived = {unit_cost.code for unit_cost in framework.finance.unit_costs}
    tables: dict[str, tuple[Sequence[str], list[dict[str, str]]]] = {
        "indicators": (
            INDICATOR_COLUMNS,
            _rows(
                (d for code, d in indicators.definitions.items() if code not in derived),
                _indicator,
                lambda d: d.extras,
            ),
        ),
        "values": (
            VALUE_COLUMNS,
            _rows(
                (
                    v
                    for code, recorded in indicators.recorded.items()
                    if code not in derived
                    for v in recorded.values()
                ),
                _value,
                lambda v: v.extras,
            ),
        ),
        "targets": (
            TARGET_COLUMNS,
            _rows(
                (t for targets in indicators.targets.values() for t in targets.values()),
                _target,
                lambda t: t.extras,
            ),
        ),
        "items": (ITEM_COLUMNS, _rows(framework.thread.items, _item, lambda i: i.extras)),
        "links": (LINK_COLUMNS, _links(framework.thread.links, framework.thread.indicators)),
        "risks": (RISK_COLUMNS, _rows(framework.risks, _risk, lambda r: r.extras)),
        "risk_reviews": (REVIEW_COLUMNS, [_review(r) for r in framework.risk_reviews]),
        "comparators": (
            COMPARATOR_COLUMNS,
            _comparators(framework.comparators, framework.comparator_names),
        ),
        "comparisons": (COMPARISON_COLUMNS, [_comparison(p) for p in framework.comparisons]),
        "spot_checks": (SPOT_CHECK_COLUMNS, [_spot_check(c) for c in framework.spot_checks]),
        "returns": (RETURN_COLUMNS, [_return(r) for r in framework.returns]),
        "presentations": (
            PRESENTATION_COLUMNS,
            [_presentation(p) for p in framework.presentations],
        ),
        **finance_tables(framework.finance),
    }
    out = Path(folder)
    if out.suffix.lower() == ".xlsx":
        from goldenthread.io.template import write_workbook  # imports openpyxl

        out.parent.mkdir(parents=True, exist_ok=True)
        out.with_suffix(".toml").write_text(settings_text, encoding="utf-8")
        return write_workbook(out, tables)
    out.mkdir(parents=True, exist_ok=True)
    (out / FRAMEWORK_FILE).write_text(settings_text, encoding="utf-8")
    for name, (columns, rows) in tables.items():
        path = out / f"{name}.csv"
        if rows:
            _write_csv(path, columns, rows)
        else:
            path.unlink(missing_ok=True)
    return out
