"""The example councils' finance files hold together, read as plain CSV.

These checks need no finance reader: they hold the example data to the rules of
DESIGN.md's "Finance" section (revised = original + virements in - virements out, monthly
profiles add up to the year, months inside the financial year, codes that exist, funded
thread items that exist, an MTFP whose savings name the savings programme, unit costs
whose activity is a ``sum`` indicator with values) and check that
``scripts/finance_examples.py`` regenerates exactly the committed files.
"""

from __future__ import annotations

import csv
import filecmp
import shutil
import subprocess
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from goldenthread.examples import example_path

COUNCILS = ("poole", "rossendale")
FINANCE_FILES = (
    "budget_lines.csv",
    "budgets.csv",
    "virements.csv",
    "actuals.csv",
    "mtfp.csv",
    "savings.csv",
    "unit_costs.csv",
)
MONTHS_2025_26 = [f"2025-{m:02d}" for m in range(4, 13)] + [f"2026-{m:02d}" for m in (1, 2, 3)]


def rows(council: str, name: str) -> list[dict[str, str]]:
    with (example_path(council) / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("council", COUNCILS)
def test_lines_are_about_forty_over_eight_to_ten_services(council: str) -> None:
    lines = rows(council, "budget_lines.csv")
    assert 38 <= len(lines) <= 45
    assert 8 <= len({line["service"] for line in lines}) <= 10
    assert len({line["code"] for line in lines}) == len(lines)
    assert {line["kind"] for line in lines} == {"expenditure", "income"}
    assert any(line["classification"] == "internal" for line in lines)
    assert any(line["tolerance"] and not line["tolerance"].endswith("%") for line in lines)


@pytest.mark.parametrize("council", COUNCILS)
def test_funded_items_exist_in_the_thread(council: str) -> None:
    items = {item["id"] for item in rows(council, "items.csv")}
    funded = [
        f for line in rows(council, "budget_lines.csv") for f in line["funds"].split(";") if f
    ]
    assert funded
    assert set(funded) <= items


@pytest.mark.parametrize("council", COUNCILS)
def test_revised_budgets_are_original_plus_virements(council: str) -> None:
    moved: Counter[str] = Counter()
    virements = rows(council, "virements.csv")
    assert virements
    for virement in virements:
        assert virement["year"] == "2025/26"
        assert virement["approved_by"]
        assert virement["reason"]
        moved[virement["to"]] += int(virement["amount"])
        moved[virement["from"]] -= int(virement["amount"])
    years = [b for b in rows(council, "budgets.csv") if b["period"] == "2025/26"]
    assert {b["line"] for b in years} == {
        line["code"] for line in rows(council, "budget_lines.csv")
    }
    for budget in years:
        assert Decimal(budget["original"]) + moved[budget["line"]] == Decimal(budget["revised"])
    assert any(Decimal(b["original"]) != Decimal(b["revised"]) for b in years)


@pytest.mark.parametrize("council", COUNCILS)
def test_monthly_profiles_add_up_to_the_revised_budget(council: str) -> None:
    budgets = rows(council, "budgets.csv")
    revised = {b["line"]: Decimal(b["revised"]) for b in budgets if b["period"] == "2025/26"}
    profiles: dict[str, dict[str, Decimal]] = {}
    for budget in budgets:
        if budget["period"] != "2025/26":
            profiles.setdefault(budget["line"], {})[budget["period"]] = Decimal(budget["original"])
    assert len(profiles) >= 2
    for line, months in profiles.items():
        assert sorted(months) == MONTHS_2025_26
        assert sum(months.values()) == revised[line]


@pytest.mark.parametrize("council", COUNCILS)
def test_actuals_april_to_november_for_every_line(council: str) -> None:
    codes = {line["code"] for line in rows(council, "budget_lines.csv")}
    actuals = rows(council, "actuals.csv")
    months_by_line: dict[str, set[str]] = {}
    for actual in actuals:
        months_by_line.setdefault(actual["line"], set()).add(actual["period"])
        Decimal(actual["actual"])
        if actual["forecast"]:
            assert Decimal(actual["forecast"]) >= 0
    assert set(months_by_line) == codes
    assert all(months == set(MONTHS_2025_26[:8]) for months in months_by_line.values())
    with_forecast = [a for a in actuals if a["forecast"]]
    assert len(with_forecast) > 0.75 * len(actuals)
    assert any(not a["forecast"] for a in actuals)
    assert sum(1 for a in actuals if a["note"]) > 40
    assert any(a["commitment"] for a in actuals)


@pytest.mark.parametrize("council", COUNCILS)
def test_mtfp_runs_to_2028_29_with_a_base_only_in_the_first_year(council: str) -> None:
    plan = rows(council, "mtfp.csv")
    assert sorted({e["year"] for e in plan}) == ["2025/26", "2026/27", "2027/28", "2028/29"]
    assert {e["year"] for e in plan if e["kind"] == "base"} == {"2025/26"}
    savings = {(s["code"], s["year"]): Decimal(s["amount"]) for s in rows(council, "savings.csv")}
    planned = {(e["item"], e["year"]): Decimal(e["amount"]) for e in plan if e["kind"] == "saving"}
    assert planned == savings


@pytest.mark.parametrize("council", COUNCILS)
def test_the_first_year_is_balanced_on_the_lines_net_budget(council: str) -> None:
    sign = {"expenditure": 1, "income": -1}
    kinds = {line["code"]: sign[line["kind"]] for line in rows(council, "budget_lines.csv")}
    net = sum(
        Decimal(b["original"]) * kinds[b["line"]]
        for b in rows(council, "budgets.csv")
        if b["period"] == "2025/26"
    )
    first = [e for e in rows(council, "mtfp.csv") if e["year"] == "2025/26"]

    def total(*kinds_: str) -> Decimal:
        return sum((Decimal(e["amount"]) for e in first if e["kind"] in kinds_), Decimal(0))

    requirement = total("base", "pressure") - total("saving")
    assert requirement == net
    assert total("funding", "reserves") == requirement


@pytest.mark.parametrize("council", COUNCILS)
def test_savings_have_every_status(council: str) -> None:
    savings = rows(council, "savings.csv")
    assert 8 <= len(savings) <= 12
    assert {s["status"] for s in savings} == {"delivered", "on-track", "at-risk", "unachievable"}
    codes = {line["code"] for line in rows(council, "budget_lines.csv")}
    assert {s["line"] for s in savings if s["line"]} <= codes


@pytest.mark.parametrize("council", COUNCILS)
def test_unit_costs_divide_by_sum_indicators_with_values(council: str) -> None:
    indicators = {i["code"]: i for i in rows(council, "indicators.csv")}
    codes = {line["code"] for line in rows(council, "budget_lines.csv")}
    periods: dict[str, set[str]] = {}
    for value in rows(council, "values.csv"):
        periods.setdefault(value["indicator"], set()).add(value["period"])
    unit_costs = rows(council, "unit_costs.csv")
    assert len(unit_costs) >= 2
    for unit_cost in unit_costs:
        assert unit_cost["code"] not in indicators
        assert set(unit_cost["lines"].split(";")) <= codes
        activity = indicators[unit_cost["activity"]]
        assert activity["aggregation"] == "sum"
        assert set(MONTHS_2025_26[:6]) <= periods[unit_cost["activity"]]


def test_the_generator_reproduces_the_committed_files(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    script = root / "scripts" / "finance_examples.py"
    if not script.exists():  # an installed package without the repository's scripts
        pytest.skip("scripts/finance_examples.py is not here")
    copy = tmp_path / "repo"
    (copy / "scripts").mkdir(parents=True)
    shutil.copy(script, copy / "scripts")
    examples = copy / "src" / "goldenthread" / "examples"
    for council in COUNCILS:
        shutil.copytree(example_path(council), examples / council)
    subprocess.run([sys.executable, str(copy / "scripts" / "finance_examples.py")], check=True)
    for council in COUNCILS:
        for name in (*FINANCE_FILES, "indicators.csv", "values.csv"):
            assert filecmp.cmp(
                examples / council / name, example_path(council) / name, shallow=False
            ), (
                council,
                name,
            )
