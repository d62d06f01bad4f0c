"""Bundle workbooks: an empty one for a council to fill in, or one holding a framework.

:func:`write_template` writes an ``.xlsx`` workbook with one sheet per bundle table
(``indicators``, ``values``, ``targets``, ``items``, ``links``, ``risks``,
``risk_reviews``, ``comparators``, ``comparisons``, ``spot_checks``, ``returns``,
``presentations``, and the finance sheets ``budget_lines``, ``budgets``, ``virements``,
``actuals``, ``mtfp``, ``savings``, ``unit_costs``), each holding only
its header row in the columns the bundle readers read, and a ``guidance`` sheet saying
what every column means (the bundle loader ignores sheets named ``guidance`` and ``readme``).  Read
untouched, the workbook is an empty but valid framework; filled
in, it is loaded with :func:`goldenthread.load_bundle`.

Columns holding codes, ids and period labels are formatted as text, so a spreadsheet does
not turn ``2024-09`` into a date or ``007`` into ``7``.

:func:`write_workbook` writes the same workbook with rows in it (what
:func:`goldenthread.io.export.export_bundle` writes for an ``.xlsx`` path): every cell is a
text cell holding exactly the text a CSV bundle would hold, so a value such as
``=SUM(A1)`` stays text rather than becoming a formula, and the workbook reads back as the
same framework.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from goldenthread.io.benchmarks import COMPARATOR_COLUMNS, COMPARISON_COLUMNS
from goldenthread.io.cycles import PRESENTATION_COLUMNS, RETURN_COLUMNS
from goldenthread.io.export import LINK_COLUMNS, header_for
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

__all__ = ["GUIDANCE", "MONEY_RULE", "TEMPLATE_SHEETS", "write_template", "write_workbook"]

TEMPLATE_SHEETS: dict[str, tuple[str, ...]] = {
    "indicators": INDICATOR_COLUMNS,
    "values": VALUE_COLUMNS,
    "targets": TARGET_COLUMNS,
    "items": ITEM_COLUMNS,
    "links": LINK_COLUMNS,
    "risks": RISK_COLUMNS,
    "risk_reviews": REVIEW_COLUMNS,
    "comparators": COMPARATOR_COLUMNS,
    "comparisons": COMPARISON_COLUMNS,
    "spot_checks": SPOT_CHECK_COLUMNS,
    "returns": RETURN_COLUMNS,
    "presentations": PRESENTATION_COLUMNS,
    "budget_lines": BUDGET_LINE_COLUMNS,
    "budgets": BUDGET_COLUMNS,
    "virements": VIREMENT_COLUMNS,
    "actuals": ACTUAL_COLUMNS,
    "mtfp": MTFP_COLUMNS,
    "savings": SAVING_COLUMNS,
    "unit_costs": UNIT_COST_COLUMNS,
}
"""The template's data sheets and their header rows."""

_REQUIRED = {
    "indicators": {"code", "title", "polarity", "aggregation", "frequency"},
    "values": {"indicator", "period"},
    "targets": {"indicator", "period"},
    "items": {"id", "kind", "title"},
    "links": {"child", "parent"},
    "risks": {"id", "title"},
    "risk_reviews": {"risk", "reviewed_on"},
    "comparators": {"group", "member"},
    "comparisons": {"indicator", "period", "organisation", "value"},
    "spot_checks": {"indicator", "year", "outcome", "auditor", "checked_on"},
    "returns": {"indicator", "period", "received"},
    "presentations": {"report", "period", "presented"},
    "budget_lines": {"code", "title", "service"},
    "budgets": {"line", "period", "original"},
    "virements": {"year", "from", "to", "amount"},
    "actuals": {"line", "period", "actual"},
    "mtfp": {"year", "kind", "item", "amount"},
    "savings": {"code", "title", "year", "amount"},
    "unit_costs": {"code", "title", "lines", "activity"},
}

_TEXT_COLUMNS = {
    "code",
    "indicator",
    "period",
    "id",
    "plan",
    "parent",
    "child",
    "risk",
    "objectives",
    "supersedes",
    "version",
    "group",
    "member",
    "organisation",
    "max_change",
    "year",
    "line",
    "lines",
    "activity",
    "from",
    "to",
    "funds",
}

MONEY_RULE = (
    "Money: pounds, e.g. 1234.50, 1,234.50 or £1,234.50 (commas only in threes); a "
    "negative, where allowed, as -1,234 or (1,234); not 1.234,50, 1k or €5"
)
"""The money rule, as the guidance sheet states it."""

GUIDANCE: dict[str, dict[str, str]] = {
    "indicators": {
        "code": "unique code, e.g. NI 157a",
        "title": "what the indicator measures",
        "polarity": "higher, lower, range or none (data only)",
        "aggregation": "sum, ratio, mean, last, cumulative, min or max: how periods combine",
        "frequency": "monthly, quarterly, half-yearly or annual: how often it is collected",
        "unit": "% for a percentage, £ for money, or any other unit",
        "decimals": "decimal places shown and compared at (0-6)",
        "tolerance": "amber band: 5% (relative) or 2 (absolute)",
        "factor": "multiplier for ratio indicators, e.g. 100 for a percentage",
        "annualise": "yes to annualise part-year figures",
        "reporting_frequency": "how often it is reported, if not as collected",
        "rag_rule": "the RAG rule's name (default tolerance)",
        "profile": "sum and cumulative only: even, seasonal, or weights such as 20;30;25;25",
        "definition": "the full definition",
        "guidance": "collection guidance",
        "owner": "who is responsible for it",
        "service": "the service it belongs to",
        "statutory": "yes for a statutory return",
        "source": "where the data comes from",
        "comparator_group": "the comparator group it is benchmarked against",
        "classification": "public, internal or personal",
        "objective": "the id of the objective it measures",
        "minimum": "the smallest allowed value; lower values are data quality errors",
        "maximum": "the largest allowed value; higher values are data quality errors",
        "max_change": "largest change from last period not flagged: 50% or 10 (absolute)",
    },
    "values": {
        "indicator": "the indicator's code",
        "period": "2024/25, 2024/25 Q2, 2024/25 H1 or 2024-09",
        "value": "the figure; or tbc (missing), N/A, not yet due",
        "numerator": "for ratios: the count above the line",
        "denominator": "for ratios: the count below the line",
        "status": "provisional, estimated, final, verified or qualified",
        "note": "a note on the figure",
        "note_date": "the date of the note, 2024-09-30",
        "entered_by": "who entered it",
    },
    "targets": {
        "indicator": "the indicator's code",
        "period": "the period the target is for; a year's target is profiled",
        "target": "the target figure",
        "lower": "lower bound (range polarity)",
        "upper": "upper bound (range polarity)",
        "floor": "floor standard",
        "stretch": "stretch target",
        "note": "a note on the target",
    },
    "items": {
        "id": "unique id, e.g. RBC-O1",
        "kind": "plan, objective or action",
        "title": "what it is called",
        "level": "a level key; blank: the level of the item's plan",
        "plan": "the id of the plan it belongs to",
        "parent": "the id of the item it contributes to",
        "owner": "who owns it",
        "lead": "key of the lead organisation",
        "partners": "keys of contributing organisations, separated by ;",
        "start": "start date, 2024-04-01",
        "due": "due date, 2025-03-31",
        "status": "its status (depends on kind)",
        "progress": "percentage complete, 0-100",
        "classification": "public, internal or personal; blank: the level's",
        "category": "priority, theme, outcome, project, milestone ...",
        "version": "a plan's version",
        "supersedes": "the id of the plan it replaces",
        "weight": "weight in a weighted roll-up (default 1)",
        "updated": "date of the latest progress update",
        "commentary": "the latest progress commentary",
    },
    "links": {
        "child": "the contributing item's id, or an indicator code",
        "parent": "the item it contributes to",
        "kind": "contributes (default), or indicator to attach an indicator",
    },
    "risks": {
        "id": "unique id, e.g. CR01",
        "title": "the risk",
        "owner": "who owns it",
        "category": "its category, e.g. financial",
        "register": "the register it is on, e.g. corporate or service",
        "cause": "what could cause it",
        "event": "what could happen",
        "consequence": "what would follow",
        "objectives": "ids of the objectives it threatens, separated by ;",
        "inherent_likelihood": "likelihood before controls (1 = lowest)",
        "inherent_impact": "impact before controls",
        "current_likelihood": "likelihood now",
        "current_impact": "impact now",
        "target_likelihood": "likelihood aimed for",
        "target_impact": "impact aimed for",
        "controls": "description | owner | effectiveness; separated by ;",
        "mitigations": "action | owner | due | status; separated by ;",
        "treatment": "treat, tolerate, transfer or terminate",
        "nature": "threat or opportunity",
        "appetite": "averse, minimal, cautious, open or eager (this risk only)",
        "review_frequency": "how often it is reviewed",
        "next_review": "date of the next review",
        "status": "open or closed",
    },
    "risk_reviews": {
        "risk": "the risk's id",
        "reviewed_on": "the date of the review",
        "period": "the period reviewed, e.g. 2024/25 Q2",
        "current_likelihood": "likelihood at the review",
        "current_impact": "impact at the review",
        "status": "open or closed",
        "note": "what the review found",
    },
    "comparators": {
        "group": "the comparator group's name, as indicators name it in comparator_group",
        "member": "a member organisation's code; this council is a member under its own code",
        "name": "the member's name, for reports",
        "valid_from": "the first day this version of the group applies; blank: always",
        "valid_to": "the last day it applies; blank: until further notice",
    },
    "comparisons": {
        "indicator": "the indicator's code (it must name a comparator_group)",
        "period": "the period of the published figure, e.g. 2024/25 or 2025/26 Q1",
        "organisation": "the member organisation's code, as in comparators",
        "value": "the organisation's published figure",
        "numerator": "for ratios: the count above the line",
        "denominator": "for ratios: the count below the line",
        "status": "provisional, estimated, final, verified or qualified",
        "source": "where it was published, e.g. LG Inform or Oflog",
    },
    "spot_checks": {
        "indicator": "the code of the indicator internal audit checked",
        "year": "the financial year whose figures were checked, e.g. 2025/26",
        "outcome": "verified, amended, qualified or not-verified",
        "auditor": "who checked it",
        "checked_on": "the day it was checked, e.g. 2025-10-20",
        "note": "what was found",
    },
    "returns": {
        "indicator": "the code of the indicator whose figure was returned",
        "period": "the period the figure is for, e.g. 2025/26 Q2 or 2025-09",
        "received": "the day the figure arrived, e.g. 2025-10-14 or 14/10/2025; judged "
        "on time or late by the due rule of the [[monitoring]] arrangement that names the "
        "indicator in its returns",
        "by": "who sent it (an officer or a service)",
        "note": "anything said about it, e.g. why it was late",
    },
    "presentations": {
        "report": "the key of the [[monitoring]] arrangement in the settings, e.g. "
        "corporate-plan-progress",
        "period": "the period the report covers, of the arrangement's frequency, e.g. 2025/26 Q2",
        "meeting": "the meeting it went to, e.g. Cabinet",
        "presented": "the day it was presented, e.g. 2025-11-26 or 26/11/2025; after the "
        "report due date it is late",
        "note": "anything said about it",
    },
    "budget_lines": {
        "code": "unique code of the cost centre or service line, e.g. ENV-WASTE",
        "title": "what it is, e.g. Waste collection",
        "service": "the service it belongs to; service totals add up its lines",
        "kind": "expenditure (default) or income. Amounts are written positive; the kind "
        "says which way they count",
        "owner": "the budget holder",
        "tolerance": "how far the forecast may stray before red: 2% of the annual budget, "
        "or an amount in pounds such as 5000; blank: [finance] tolerance (2%)",
        "classification": "public, internal (default) or personal",
        "funds": "ids of the plans, objectives or actions the line pays for, separated by ;",
    },
    "budgets": {
        "line": "the budget line's code",
        "period": "a financial year (2025/26) for the year's budget, or a month (2025-09) "
        "for the monthly profile; the months must add up to the year",
        "original": f"the budget set at the start of the year. {MONEY_RULE}",
        "revised": "the budget now, after virements; blank: not revised. In a month row, "
        "the month's budget if given, else original",
    },
    "virements": {
        "year": "the financial year whose budgets it changes, e.g. 2025/26",
        "from": "the code of the line the budget moves from",
        "to": "the code of the line it moves to",
        "amount": f"how much moves, written positive. {MONEY_RULE}",
        "approved_by": "who approved it (an officer, Cabinet, a delegated decision)",
        "approved_on": "the day it was approved, 2025-07-14 or 14/07/2025",
        "reason": "why",
    },
    "actuals": {
        "line": "the budget line's code",
        "period": "the month, e.g. 2025-09 (one row per line and month)",
        "actual": "the amount posted in the month, written positive; a refund or reversing "
        f"journal may be negative: -1,234 or (1,234). {MONEY_RULE}",
        "commitment": "orders raised but not yet paid at the month's end (may be negative)",
        "forecast": "the budget holder's forecast outturn for the whole year, made this month",
        "note": "the budget holder's commentary",
    },
    "mtfp": {
        "year": "the financial year, e.g. 2026/27",
        "kind": "base, pressure, saving, funding or reserves (planned use of reserves); "
        "the first year needs a base",
        "item": "what it is, e.g. Pay award 3% or Council tax; a saving may give its code",
        "amount": f"pounds, written positive; the kind says which way it counts. {MONEY_RULE}",
        "note": "anything said about it",
    },
    "savings": {
        "code": "the saving's reference, e.g. SAV-01",
        "title": "what it is",
        "year": "the financial year it is counted in, e.g. 2026/27",
        "amount": f"the saving planned for that year, written positive. {MONEY_RULE}",
        "status": "delivered, on-track (default), at-risk or unachievable",
        "delivered": "how much has been delivered so far, if known",
        "service": "the service delivering it",
        "owner": "the officer responsible",
        "line": "the code of the budget line it reduces, if any",
        "note": "commentary on its delivery",
    },
    "unit_costs": {
        "code": "the unit cost's indicator code, unique among indicators, e.g. UC-WASTE",
        "title": "what it is, e.g. Cost per household of waste collection",
        "lines": "codes of the budget lines whose net actual cost is divided, separated by ;",
        "activity": "the code of the activity indicator divided by (aggregation sum)",
        "per": "cost per this many units, e.g. 1 or 1000 (default 1)",
        "decimals": "decimal places shown (default 2)",
        "classification": "public (default, published), internal or personal",
        "polarity": "lower (default: lower is better) or higher",
        "unit": "the unit shown (default £)",
        "comparator_group": "the comparator group it is benchmarked against",
    },
}
"""What each column of each sheet means (the guidance sheet's text)."""

_INTRODUCTION = (
    "Fill in the sheets you need; every sheet is optional and may be left with just its "
    "header row. Column names may be in any case. Extra columns are kept. Amounts of money "
    "are written positive; a budget line's kind (expenditure or income) says which way "
    "they count. Settings "
    "(organisation, year start, levels, risk matrix, cycle, branding) go in a TOML file "
    "with the workbook's name (council.xlsx -> council.toml) or framework.toml beside it. "
    "This sheet is ignored when the workbook is loaded."
)


def write_template(path: str | Path) -> Path:
    """Write the empty bundle workbook to ``path`` (replacing any file there) and return
    its path."""
    return write_workbook(path, {})


def write_workbook(
    path: str | Path,
    tables: Mapping[str, tuple[Sequence[str], Sequence[Mapping[str, str]]]],
) -> Path:
    """Write a bundle workbook to ``path`` (replacing any file there) and return its path.

    Args:
        path: the ``.xlsx`` file to write.
        tables: for some of the :data:`TEMPLATE_SHEETS`, the columns to write first and
            the rows (column to text; a column a row has that is not listed is added after
            the listed ones, as a bundle keeps extra columns).  Every template sheet is
            written, with just its header row when it has no rows, after a ``guidance``
            sheet saying what every column means.
    """
    # openpyxl (and the numpy it imports) is loaded when a workbook is written, not when
    # the command line starts.
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    guidance = book.active
    assert guidance is not None
    guidance.title = "guidance"
    bold = Font(bold=True)
    # The guidance sheet is itself a table (a header row, then rows), so a loader that
    # reads every sheet before setting this one aside finds nothing malformed in it.
    guidance.append(["sheet", "column", "required", "meaning"])
    for cell in guidance[1]:
        cell.font = bold
    guidance.append(["(all)", "", "", _INTRODUCTION])
    for sheet_name, template_columns in TEMPLATE_SHEETS.items():
        listed, rows = tables.get(sheet_name, (template_columns, ()))
        columns = header_for(listed, rows)
        sheet = book.create_sheet(sheet_name)
        sheet.append(columns)
        sheet.freeze_panes = "A2"
        for index, column in enumerate(columns, start=1):
            sheet.cell(row=1, column=index).font = bold
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = max(12, len(column) + 4)
            if column in _TEXT_COLUMNS:
                sheet.column_dimensions[letter].number_format = "@"
            meaning = GUIDANCE[sheet_name].get(column)
            if meaning is not None:
                required = "yes" if column in _REQUIRED[sheet_name] else ""
                guidance.append([sheet_name, column, required, meaning])
        for number, row in enumerate(rows, start=2):
            for index, column in enumerate(columns, start=1):
                text = row.get(column, "")
                if not text:
                    continue
                cell = sheet.cell(row=number, column=index, value=text)
                # Always text: openpyxl would take "=..." for a formula.
                cell.data_type = "s"
                cell.number_format = "@"
    for letter, width in (("A", 14), ("B", 22), ("C", 10), ("D", 70)):
        guidance.column_dimensions[letter].width = width
    out = Path(path)
    book.save(out)
    return out
