"""Budget monitoring in notebooks and as JSON: to_dict, to_pandas and _repr_html_."""

from __future__ import annotations

import json
import sys
from decimal import Decimal

import pytest

from goldenthread.finance import (
    Actual,
    AnnualBudget,
    BudgetLine,
    Finance,
    LineKind,
    monitor,
)
from goldenthread.finance.display import GROUP_COLUMNS, LINE_COLUMNS
from goldenthread.frames import PANDAS_MISSING
from goldenthread.periods import FinancialYear, Month

D = Decimal
YEAR = FinancialYear(2025)
SEP = Month(2025, 9)
FINANCE = Finance(
    lines=(
        BudgetLine("ENV-<W>", "Waste <script>", "Environment & Streets"),
        BudgetLine("PLN-FEES", "Planning fees", "Planning", LineKind.INCOME),
    ),
    budgets=(
        AnnualBudget("ENV-<W>", YEAR, D("1000000.00")),
        AnnualBudget("PLN-FEES", YEAR, D("100000")),
    ),
    actuals=(
        Actual("ENV-<W>", Month(2025, 8), D("83000"), forecast=D("1030000"), note="Fuel <costs>"),
        Actual("PLN-FEES", SEP, D("7000.333")),
    ),
)
JSON_KEYS = {
    "line",
    "title",
    "service",
    "kind",
    "year_budget",
    "budget_to_date",
    "actual_to_date",
    "variance_to_date",
    "forecast_outturn",
    "forecast_method",
    "forecast_variance",
    "forecast_variance_pct",
    "status",
}


def test_to_dict_has_the_design_contracts_keys() -> None:
    data = monitor(FINANCE, SEP).to_dict()
    assert data["month"] == "2025-09"
    lines = data["lines"]
    assert isinstance(lines, list)
    assert set(lines[0]) >= JSON_KEYS
    assert set(lines[0]) == set(LINE_COLUMNS)
    waste = lines[0]
    assert waste["forecast_method"] == "budget holder"
    assert waste["forecast_variance"] == D("30000.00")
    assert waste["forecast_variance_pct"] == D("3.0")
    assert waste["status"] == "red"
    assert waste["note"] == "Fuel <costs>"
    fees = lines[1]
    assert fees["kind"] == "income"
    assert fees["actual_to_date"] == D("7000.33")  # rounded half-up to the penny
    assert fees["forecast_method"] == "on budget from here"
    services = data["services"]
    assert isinstance(services, list)
    assert [s["service"] for s in services] == ["Environment & Streets", "Planning"]
    assert set(services[0]) == set(GROUP_COLUMNS)
    total = data["total"]
    assert isinstance(total, dict)
    assert total["service"] == "council"
    assert total["year_budget"] == D("900000.00")
    assert JSON_KEYS - {"line", "title", "service", "kind", "forecast_method"} <= set(total)
    trend = data["forecast_trend"]
    assert isinstance(trend, list)
    assert [t["month"] for t in trend][-1] == "2025-09"
    # JSON-ready once Decimals are written as the CLI writes assess's figures
    json.dumps(data, default=str)


def test_html_escapes_text_and_names_statuses_in_words() -> None:
    html = monitor(FINANCE, SEP)._repr_html_()
    assert "<script>" not in html
    assert "Waste &lt;script&gt;" in html
    assert "Environment &amp; Streets" in html
    assert "Fuel &lt;costs&gt;" in html
    assert "<caption>Council budget as at Sep 2025" in html
    assert 'scope="col"' in html
    assert "Red" in html
    assert "gt-status-red" in html
    assert "£1,030,000.00" in html


def test_html_flags_a_significant_underspend() -> None:
    finance = Finance(
        lines=(BudgetLine("A", "A", "S"),),
        budgets=(AnnualBudget("A", YEAR, D(1000)),),
        actuals=(Actual("A", SEP, D(0), forecast=D(900)),),
    )
    assert "significant underspend" in monitor(finance, SEP)._repr_html_()


def test_to_pandas_by_line_service_and_council() -> None:
    result = monitor(FINANCE, SEP)
    lines = result.to_pandas()
    assert list(lines.columns) == list(LINE_COLUMNS)
    assert len(lines) == 2
    assert lines.loc[0, "forecast_variance"] == D("30000.00")
    services = result.to_pandas("service")
    assert list(services.columns) == list(GROUP_COLUMNS)
    assert list(services["service"]) == ["Environment & Streets", "Planning"]
    council = result.to_pandas("council", exact=False)
    assert len(council) == 1
    assert council["year_budget"].dtype == "float64"
    assert council.loc[0, "year_budget"] == 900000.0
    with pytest.raises(ValueError, match="line, service or council"):
        result.to_pandas("team")


def test_to_pandas_without_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError) as raised:
        monitor(FINANCE, SEP).to_pandas()
    assert str(raised.value) == PANDAS_MISSING
