"""Reading the finance files of a bundle: budget lines, budgets, virements, actuals, the
MTFP, savings and unit costs, with the money rule and every bad-input path."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from goldenthread.errors import BundleError, Problem
from goldenthread.finance import LineKind, MtfpKind, SavingStatus
from goldenthread.indicators.definition import Tolerance, ToleranceKind
from goldenthread.io.bundle import load_bundle
from goldenthread.io.finance import parse_budget_tolerance, parse_money
from goldenthread.periods import FinancialYear, Month
from goldenthread.thread.levels import Classification
from tests.io.finance_bundles import FILES, SETTINGS, write_bundle


def problems_of(folder: Path) -> list[Problem]:
    with pytest.raises(BundleError) as caught:
        load_bundle(folder)
    return list(caught.value.problems)


def only_problem(folder: Path) -> Problem:
    found = problems_of(folder)
    assert len(found) == 1, [str(p) for p in found]
    return found[0]


def with_row(name: str, row: str) -> dict[str, str | None]:
    """The bundle's ``name`` file with ``row`` added at its end."""
    return {name: FILES[name] + row + "\n"}


# -- the money rule -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1234", "1234"),
        ("1234.50", "1234.50"),
        ("1,234.50", "1234.50"),
        ("£1,234.50", "1234.50"),
        ("  £1,234  ", "1234"),
        ("£ 1,234", "1234"),
        ("1,234,567", "1234567"),
        (".5", "0.5"),
        ("0", "0"),
    ],
)
def test_money_is_read_by_the_rule(text: str, expected: str) -> None:
    amount = parse_money(text)
    assert amount == Decimal(expected)
    assert str(amount) == expected  # exactly, with its pence


@pytest.mark.parametrize(
    ("text", "expected"),
    [("(1,234)", "-1234"), ("-1,234.50", "-1234.50"), ("(£1,234)", "-1234"), ("£-12", "-12")],
)
def test_negatives_are_read_where_allowed(text: str, expected: str) -> None:
    assert parse_money(text, negative=True) == Decimal(expected)


@pytest.mark.parametrize("text", ["(1,234)", "-1234", "-£5"])
def test_negatives_are_refused_where_not_allowed(text: str) -> None:
    with pytest.raises(ValueError, match="must not be negative"):
        parse_money(text)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1.234,50", "commas must group the digits in threes"),
        ("12,34", "commas must group the digits in threes"),
        ("£", "a £ but no amount"),
        ("1k", "in full"),
        ("€5", "pounds"),
        ("$5", "pounds"),
        ("five pounds", "not an amount of money"),
        ("-(5)", "not an amount of money"),
        ("12%", "percentage"),
        ("-", "not an amount of money"),
        ("1e5", "not an amount of money"),
        ("1,234,567,890,123", "too large"),
    ],
)
def test_anything_else_is_refused_with_the_reason(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason) as caught:
        parse_money(text, negative=True)
    assert repr(text.strip()) in str(caught.value) or "too large" in reason


def test_a_tolerance_is_a_percentage_or_an_amount_in_pounds() -> None:
    assert parse_budget_tolerance("2%") == Tolerance(ToleranceKind.RELATIVE, Decimal(2))
    assert parse_budget_tolerance("£5,000") == Tolerance(ToleranceKind.ABSOLUTE, Decimal(5000))
    with pytest.raises(ValueError, match="cannot read tolerance"):
        parse_budget_tolerance("-5")
    with pytest.raises(ValueError, match="cannot read tolerance"):
        parse_budget_tolerance("lots")


# -- a good bundle ----------------------------------------------------------------------------


def test_the_finance_files_are_read(tmp_path: Path) -> None:
    finance = load_bundle(write_bundle(tmp_path / "b")).finance
    w1, w2, f1 = finance.lines
    assert (w1.code, w1.kind, w1.tolerance, w1.funds) == ("W1", LineKind.EXPENDITURE, None, ("O1",))
    assert w1.extras == {"cost_centre": "CC100"}
    assert w2.kind is LineKind.EXPENDITURE  # kind defaults to expenditure
    assert w2.classification is Classification.INTERNAL
    assert w2.tolerance == Tolerance(ToleranceKind.ABSOLUTE, Decimal(5000))
    assert (f1.kind, f1.funds, f1.classification) == (
        LineKind.INCOME,
        ("O1", "CP"),
        Classification.PUBLIC,
    )
    assert finance.tolerance == Tolerance(ToleranceKind.RELATIVE, Decimal(2))
    budget = finance.budgets[0]
    assert (budget.original, budget.revised, budget.amount) == (
        Decimal(120000),
        Decimal(132000),
        Decimal(132000),
    )
    assert [p.amount for p in finance.profiles] == [Decimal(11000), Decimal(11000), Decimal(110000)]
    assert finance.profiles[2].month == Month(2025, 6)
    (virement,) = finance.virements
    assert (virement.source, virement.destination, virement.amount) == ("W2", "W1", Decimal(12000))
    assert virement.approved_on == dt.date(2025, 7, 14)  # day first
    first, second, _, refund = finance.actuals
    assert (first.actual, first.commitment, first.forecast) == (
        Decimal("10500.50"),
        Decimal(-250),
        None,
    )
    assert (second.actual, second.forecast, second.note) == (
        Decimal(11200),
        Decimal(134000),
        "Fuel costs",
    )
    assert refund.actual == Decimal(-1200)
    assert [e.kind for e in finance.mtfp][:3] == [
        MtfpKind.BASE,
        MtfpKind.PRESSURE,
        MtfpKind.FUNDING,
    ]
    assert finance.mtfp[0].amount == Decimal(12_000_000)
    assert [s.status for s in finance.savings] == [SavingStatus.AT_RISK, SavingStatus.DELIVERED]
    assert finance.savings[1].amount == Decimal(20000)
    (unit_cost,) = finance.unit_costs
    assert (unit_cost.lines, unit_cost.activity, unit_cost.unit) == (("W1", "F1"), "HH", "£")


def test_unit_costs_become_indicators_of_the_framework(tmp_path: Path) -> None:
    framework = load_bundle(write_bundle(tmp_path / "b"))
    assert "UC-WASTE" in framework.indicators.definitions
    assert framework.indicators.definitions["UC-WASTE"].polarity.value == "lower"
    # April: W1 10,500.50 - F1 1,900 over 1,000 households; May lacks F1's actual.
    (value,) = framework.indicators.recorded["UC-WASTE"].values()
    assert value.period == Month(2025, 4)
    assert (value.numerator, value.denominator) == (Decimal("8600.50"), Decimal(1000))


def test_a_target_may_be_set_for_a_unit_cost(tmp_path: Path) -> None:
    targets = "indicator,period,target\nUC-WASTE,2025/26,£9\nHH,2025/26,12000\n"
    framework = load_bundle(write_bundle(tmp_path / "b", {"targets": targets}))
    target = framework.indicators.target("UC-WASTE", FinancialYear(2025))
    assert target is not None


def test_finance_files_are_optional(tmp_path: Path) -> None:
    folder = write_bundle(tmp_path / "b", dict.fromkeys(FILES))
    framework = load_bundle(folder)
    assert framework.finance.empty


def test_a_month_budget_takes_revised_when_given(tmp_path: Path) -> None:
    finance = load_bundle(write_bundle(tmp_path / "b")).finance
    assert finance.profiles[2].amount == Decimal(110000)  # original blank, revised given


# -- [finance] in framework.toml -------------------------------------------------------


def test_the_finance_tolerance_may_be_an_amount(tmp_path: Path) -> None:
    settings = SETTINGS.replace('tolerance = "2%"', 'tolerance = "£10,000"')
    finance = load_bundle(write_bundle(tmp_path / "b", settings=settings)).finance
    assert finance.tolerance == Tolerance(ToleranceKind.ABSOLUTE, Decimal(10000))


@pytest.mark.parametrize(
    ("line", "column", "reason"),
    [
        ('tolerance = "two percent"', "finance.tolerance", "cannot read tolerance"),
        ("tolerance = true", "finance.tolerance", "must be a tolerance"),
        ('tolerence = "2%"', "finance.tolerence", "unknown key"),
    ],
)
def test_a_bad_finance_tolerance_is_a_clear_error(
    tmp_path: Path, line: str, column: str, reason: str
) -> None:
    settings = SETTINGS.replace('tolerance = "2%"', line)
    problem = only_problem(write_bundle(tmp_path / "b", settings=settings))
    assert (problem.file, problem.column) == ("framework.toml", column)
    assert reason in problem.reason


# -- bad input: each a clear error naming file, row, column --------------------------------


def test_an_actual_for_an_unknown_line(tmp_path: Path) -> None:
    problem = only_problem(write_bundle(tmp_path / "b", with_row("actuals", "ZZ,2025-04,5,,,")))
    assert (problem.file, problem.row, problem.column) == ("actuals.csv", 6, "line")
    assert "no budget line 'ZZ'" in problem.reason


@pytest.mark.parametrize("amount", ["-5000", "(5,000)", '"(5,000)"'])
def test_a_negative_annual_budget(tmp_path: Path, amount: str) -> None:
    budgets = "line,period,original,revised\nW2,2025/26," + amount + ",\n"
    folder = write_bundle(tmp_path / "b", {"budgets": budgets, "actuals": None})
    found = problems_of(folder)
    if amount == "(5,000)":  # unquoted, the comma splits the cell: the CSV itself is bad
        assert found[0].file == "budgets.csv"
        return
    (problem,) = found
    assert (problem.file, problem.row, problem.column) == ("budgets.csv", 2, "original")
    assert "original must not be negative" in problem.reason


def test_a_negative_revised_budget(tmp_path: Path) -> None:
    budgets = "line,period,original,revised\nW2,2025/26,5000,-1\n"
    problem = only_problem(write_bundle(tmp_path / "b", {"budgets": budgets, "actuals": None}))
    assert (problem.row, problem.column) == (2, "revised")
    assert "must not be negative" in problem.reason


def test_month_rows_not_adding_up_to_the_year(tmp_path: Path) -> None:
    budgets = FILES["budgets"].replace("W1,2025-06,,110000", "W1,2025-06,,100000")
    problem = only_problem(write_bundle(tmp_path / "b", {"budgets": budgets}))
    assert (problem.file, problem.row, problem.column) == ("budgets.csv", 2, "revised")
    assert "W1" in problem.reason
    assert "add up to 122000" in problem.reason
    assert "is 132000" in problem.reason


def test_a_month_row_without_a_year_row(tmp_path: Path) -> None:
    folder = write_bundle(tmp_path / "b", with_row("budgets", "W2,2026-04,5000,"))
    problem = only_problem(folder)
    assert (problem.file, problem.row, problem.column) == ("budgets.csv", 8, "period")
    assert "none for its financial year 2026/27" in problem.reason


def test_a_quarter_budget_is_refused(tmp_path: Path) -> None:
    problem = only_problem(write_bundle(tmp_path / "b", with_row("budgets", "W2,2026/27 Q1,5,")))
    assert (problem.row, problem.column) == (8, "period")
    assert "financial year" in problem.reason


def test_a_year_budget_given_twice(tmp_path: Path) -> None:
    problem = only_problem(write_bundle(tmp_path / "b", with_row("budgets", "W2,2025/26,5,")))
    assert (problem.row, problem.column) == (8, "period")
    assert "already has a budget for 2025/26 in row 3" in problem.reason


def test_an_actual_outside_every_budgeted_year(tmp_path: Path) -> None:
    problem = only_problem(write_bundle(tmp_path / "b", with_row("actuals", "W2,2026-04,5,,,")))
    assert (problem.file, problem.row, problem.column) == ("actuals.csv", 6, "period")
    assert "2026/27, for which W2 has no budget" in problem.reason


@pytest.mark.parametrize("period", ["2025/26", "2025/26 Q2"])
def test_an_actual_for_a_year_or_quarter_needs_a_month(tmp_path: Path, period: str) -> None:
    problem = only_problem(write_bundle(tmp_path / "b", with_row("actuals", f"W2,{period},5,,,")))
    assert (problem.row, problem.column) == (6, "period")
    assert "an actual is for a month" in problem.reason


def test_an_actual_given_twice(tmp_path: Path) -> None:
    problem = only_problem(write_bundle(tmp_path / "b", with_row("actuals", "W1,2025-04,5,,,")))
    assert (problem.row, problem.column) == (6, "period")
    assert "already has an actual for 2025-04 in row 2" in problem.reason


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ('"1.234,50"', "commas must group"),
        ('"12,34"', "commas must group"),
        ("£", "no amount"),
        ("1k", "in full"),
        ("€5", "pounds"),
        ("lots", "not an amount of money"),
    ],
)
def test_text_in_a_money_column(tmp_path: Path, cell: str, reason: str) -> None:
    problem = only_problem(
        write_bundle(tmp_path / "b", with_row("actuals", f"W2,2025-05,{cell},,,"))
    )
    assert (problem.file, problem.row, problem.column) == ("actuals.csv", 6, "actual")
    assert reason in problem.reason


def test_a_negative_forecast_is_refused(tmp_path: Path) -> None:
    folder = write_bundle(tmp_path / "b", with_row("actuals", 'W2,2025-05,5,"(10)",(10),'))
    problem = only_problem(folder)
    assert (problem.row, problem.column) == (6, "forecast")
    assert "forecast must not be negative" in problem.reason


def test_an_empty_actual_is_refused(tmp_path: Path) -> None:
    problem = only_problem(write_bundle(tmp_path / "b", with_row("actuals", "W2,2025-05,,,,")))
    assert (problem.row, problem.column) == (6, "actual")


def test_funds_naming_an_unknown_item(tmp_path: Path) -> None:
    folder = write_bundle(tmp_path / "b", with_row("budget_lines", "X1,Extra,Env,,,,,O1;NOPE,"))
    problem = only_problem(folder)
    assert (problem.file, problem.row, problem.column) == ("budget_lines.csv", 5, "funds")
    assert "no item 'NOPE'" in problem.reason


def test_a_budget_line_code_given_twice(tmp_path: Path) -> None:
    problem = only_problem(
        write_bundle(tmp_path / "b", with_row("budget_lines", "W1,Again,Env,,,,,,"))
    )
    assert (problem.row, problem.column) == (5, "code")
    assert "already defined in row 2" in problem.reason


@pytest.mark.parametrize(
    ("column", "cell", "reason"),
    [
        ("kind", "spending", "expected expenditure or income"),
        ("tolerance", "lots", "cannot read tolerance"),
        ("classification", "secret", "unknown classification"),
    ],
)
def test_bad_budget_line_cells(tmp_path: Path, column: str, cell: str, reason: str) -> None:
    cells = {"kind": "", "tolerance": "", "classification": ""}
    cells[column] = cell
    row = f"X1,Extra,Env,{cells['kind']},,{cells['tolerance']},{cells['classification']},,"
    problem = only_problem(write_bundle(tmp_path / "b", with_row("budget_lines", row)))
    assert (problem.row, problem.column) == (5, column)
    assert reason in problem.reason


def test_a_rejected_line_is_reported_once(tmp_path: Path) -> None:
    """A bad budget line's budgets, actuals, virements and savings are skipped, and its
    problem says how many rows went with it."""
    lines = FILES["budget_lines"].replace(
        "W2,Street cleansing,Environment,,", "W2,Street cleansing,Environment,spending,"
    )
    problem = only_problem(write_bundle(tmp_path / "b", {"budget_lines": lines}))
    assert (problem.file, problem.row, problem.column) == ("budget_lines.csv", 3, "kind")
    assert "1 row of budgets.csv" in problem.reason
    assert "1 row of actuals.csv" in problem.reason
    assert "1 row of virements.csv" in problem.reason


def test_a_rejected_year_budget_silences_its_months_and_actuals(tmp_path: Path) -> None:
    budgets = FILES["budgets"].replace('W1,2025/26,"£120,000",132000', "W1,2025/26,lots,132000")
    problem = only_problem(write_bundle(tmp_path / "b", {"budgets": budgets}))
    assert (problem.row, problem.column) == (2, "original")


def test_a_virement_with_a_bad_date_or_line(tmp_path: Path) -> None:
    virements = FILES["virements"] + "2025/26,W2,ZZ,5,Cabinet,10/30/2025,\n2025-06,W1,W1,5,,,\n"
    found = problems_of(write_bundle(tmp_path / "b", {"virements": virements}))
    where = {(p.row, p.column) for p in found}
    assert where == {(3, "to"), (3, "approved_on"), (4, "year"), (4, "to")}
    assert any("month first" in p.reason for p in found)


def test_an_mtfp_without_a_base_in_its_first_year(tmp_path: Path) -> None:
    mtfp = "year,kind,item,amount,note\n2025/26,pressure,Pay,5,\n2026/27,base,Net,10,\n"
    problem = only_problem(write_bundle(tmp_path / "b", {"mtfp": mtfp}))
    assert (problem.file, problem.row, problem.column) == ("mtfp.csv", 2, "kind")
    assert "no base budget" in problem.reason


def test_bad_mtfp_and_savings_cells(tmp_path: Path) -> None:
    mtfp = FILES["mtfp"] + "2026/27,cuts,Thing,5,\n2026/27,saving,,(5),\n"
    savings = FILES["savings"] + "SAV-03,X,2026-04,5,maybe,,,,ZZ,\n"
    found = problems_of(write_bundle(tmp_path / "b", {"mtfp": mtfp, "savings": savings}))
    where = {(p.file, p.row, p.column) for p in found}
    assert where == {
        ("mtfp.csv", 8, "kind"),
        ("mtfp.csv", 9, "item"),
        ("mtfp.csv", 9, "amount"),
        ("savings.csv", 4, "year"),
        ("savings.csv", 4, "status"),
        ("savings.csv", 4, "line"),
    }


@pytest.mark.parametrize(
    ("row", "column", "reason"),
    [
        ("UC2,X,W1;ZZ,HH,1,,,,,", "lines", "no budget line 'ZZ'"),
        ("UC2,X,W1,NOPE,1,,,,,", "activity", "no indicator 'NOPE'"),
        ("UC2,X,W1,PCT,1,,,,,", "activity", "must be a 'sum' indicator"),
        ("HH,X,W1,HH,1,,,,,", "code", "is an indicator in indicators.csv"),
        ("UC2,X,W1,HH,0,,,,,", "per", "above 0"),
        ('UC2,X,W1,HH,"1,0",,,,,', "per", "expected a number"),
        ("UC2,X,W1,HH,n/a,,,,,", "per", "per must be a number"),
        ("UC2,X,W1,HH,1,9,,,,", "decimals", "whole number 0-6"),
        ("UC-WASTE,X,W1,HH,1,,,,,", "code", "already defined in row 2"),
    ],
)
def test_bad_unit_costs(tmp_path: Path, row: str, column: str, reason: str) -> None:
    problem = only_problem(write_bundle(tmp_path / "b", with_row("unit_costs", row)))
    assert (problem.file, problem.row, problem.column) == ("unit_costs.csv", 3, column)
    assert reason in problem.reason


def test_a_near_miss_header_is_named(tmp_path: Path) -> None:
    budgets = FILES["budgets"].replace(
        "line,period,original,revised", "line,period,orignal,revised"
    )
    found = problems_of(write_bundle(tmp_path / "b", {"budgets": budgets}))
    assert [(p.file, p.row, p.column) for p in found] == [("budgets.csv", 1, "orignal")]
    assert "looks like 'original'" in found[0].reason


def test_column_names_are_case_and_space_insensitive(tmp_path: Path) -> None:
    actuals = FILES["actuals"].replace(
        "line,period,actual,commitment,forecast,note",
        "Line, Period ,ACTUAL,Commitment,Forecast,Note",
    )
    finance = load_bundle(write_bundle(tmp_path / "b", {"actuals": actuals})).finance
    assert len(finance.actuals) == 4


def test_a_misnamed_finance_file_is_named(tmp_path: Path) -> None:
    folder = write_bundle(tmp_path / "b", {"actuals": None})
    (folder / "actauls.csv").write_text(FILES["actuals"], encoding="utf-8")
    problem = only_problem(folder)
    assert "looks like actuals.csv" in problem.reason


def test_a_unit_cost_that_cannot_be_derived_is_an_error_at_its_row(tmp_path: Path) -> None:
    """An annualised activity passes the reader's checks but cannot be divided by: the
    derivation's reason is reported at the unit cost's row."""
    indicators = (
        FILES["indicators"]
        .replace(
            "code,title,polarity,aggregation,frequency,unit\n",
            "code,title,polarity,aggregation,frequency,unit,annualise\n",
        )
        .replace(
            "HH,Households served,none,sum,monthly,households",
            "HH,Households,none,sum,monthly,,yes",
        )
    )
    problem = only_problem(write_bundle(tmp_path / "b", {"indicators": indicators}))
    assert (problem.file, problem.row, problem.column) == ("unit_costs.csv", 2, "code")
    assert "unit cost UC-WASTE" in problem.reason
    assert "annualised" in problem.reason


def test_a_rejected_activity_indicator_is_reported_once(tmp_path: Path) -> None:
    indicators = FILES["indicators"].replace(
        "HH,Households served,none,", "HH,Households served,up?,"
    )
    found = problems_of(write_bundle(tmp_path / "b", {"indicators": indicators}))
    assert [(p.file, p.row, p.column) for p in found] == [("indicators.csv", 2, "polarity")]
    assert "1 row of unit_costs.csv" in found[0].reason
