"""``goldenthread budget`` and ``goldenthread mtfp`` on a tiny bundle with hand-worked
figures (see :mod:`tests.finance_bundle`)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from goldenthread.cli import main
from goldenthread.cli.demo import latest_month_with_actuals
from goldenthread.io.bundle import load_bundle
from goldenthread.reports.restatements import describe_actual
from tests.finance_bundle import write_finance_bundle


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def bundle(tmp_path: Path) -> str:
    return str(write_finance_bundle(tmp_path / "tdc"))


def budget_json(source: str, *args: str) -> dict[str, Any]:
    code, out, err = run("budget", source, "--period", "2025-06", "--format", "json", *args)
    assert code == 0, err
    data = json.loads(out)
    assert isinstance(data, dict)
    return data


def test_budget_json_has_lines_services_and_total_with_the_contract_keys(bundle: str) -> None:
    data = budget_json(bundle)
    contract = {
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
    assert [line["line"] for line in data["lines"]] == ["W1", "W2", "F1", "P1"]
    for line in data["lines"]:
        assert contract <= set(line)
    assert [s["service"] for s in data["services"]] == ["Environment", "Planning"]
    assert data["total"]["service"] == "council"


def test_budget_json_figures_are_the_hand_worked_ones(bundle: str) -> None:
    data = budget_json(bundle)
    lines = {line["line"]: line for line in data["lines"]}
    assert lines["W1"]["forecast_variance"] == 6000
    assert lines["W1"]["forecast_variance_pct"] == 5.0
    assert lines["W1"]["status"] == "red"
    assert lines["W1"]["forecast_method"] == "budget holder"
    assert lines["W2"]["forecast_outturn"] == 60000
    assert lines["W2"]["forecast_method"] == "on budget from here"
    assert lines["W2"]["status"] == "green"
    assert lines["F1"]["kind"] == "income"
    assert lines["F1"]["forecast_variance"] == 400
    assert lines["F1"]["status"] == "amber"
    assert lines["P1"]["forecast_variance"] == -7000
    assert lines["P1"]["significant_underspend"] is True
    assert lines["P1"]["variance_to_date"] == -3000
    services = {s["service"]: s for s in data["services"]}
    assert services["Environment"]["year_budget"] == 156000
    assert services["Environment"]["forecast_variance"] == 6400
    assert services["Environment"]["status"] == "red"
    total = data["total"]
    assert total["year_budget"] == 204000
    assert total["forecast_outturn"] == 203400
    assert total["forecast_variance"] == -600
    assert total["forecast_variance_pct"] == -0.3
    assert total["status"] == "green"
    assert total["forecast_movement"] == 1000
    assert [t["forecast_outturn"] for t in data["forecast_trend"]] == [203000, 202400, 203400]


def test_budget_table_shows_lines_then_services_then_the_council(bundle: str) -> None:
    code, out, err = run("budget", bundle, "--period", "2025-06")
    assert code == 0, err
    assert out.startswith("Budget monitoring as at 2025-06\n")
    assert out.index("W1") < out.index("Services (net)") < out.index("Council (net)")
    assert "126,000.00" in out
    assert "Forecast variance £" in out


def test_budget_by_service_lists_only_services(bundle: str) -> None:
    code, out, err = run("budget", bundle, "--period", "2025-06", "--by", "service")
    assert code == 0, err
    assert "Environment" in out
    assert "Planning" in out
    assert "W1" not in out
    assert "Council (net)" not in out
    assert "6,400.00" in out


def test_budget_csv_by_line_has_one_row_per_line(bundle: str) -> None:
    code, out, err = run("budget", bundle, "--period", "2025-06", "--format", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["line"] for r in rows] == ["W1", "W2", "F1", "P1"]
    assert rows[3]["significant_underspend"] == "true"
    assert rows[0]["note"] == "Fuel costs up"


def test_budget_csv_by_council_is_one_row(bundle: str) -> None:
    code, out, err = run(
        "budget", bundle, "--period", "Jun 2025", "--format", "csv", "--by", "council"
    )
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 1
    assert rows[0]["service"] == "council"
    assert rows[0]["forecast_outturn"] == "203400.00"


def test_an_earlier_month_gives_that_months_figures(bundle: str) -> None:
    data = budget_json(bundle)
    may = json.loads(run("budget", bundle, "--period", "2025-05", "--format", "json")[1])
    assert may["total"]["forecast_outturn"] == 202400
    assert data["total"]["forecast_outturn"] == 203400


@pytest.mark.parametrize(
    ("period", "what"),
    [("2025/26 Q1", "a quarter"), ("2025/26 H1", "a half-year"), ("2025/26", "a year")],
)
def test_a_period_that_is_not_a_month_is_refused(bundle: str, period: str, what: str) -> None:
    code, out, err = run("budget", bundle, "--period", period)
    assert code == 2
    assert out == ""
    assert err == (
        "error: --period must be a month, such as 2025-09 or Sep 2025 (budget monitoring is "
        f"monthly); {period!r} is {what}\n"
    )


def test_an_unreadable_period_is_refused(bundle: str) -> None:
    code, _, err = run("budget", bundle, "--period", "June-ish")
    assert code == 2
    assert err.startswith("error: cannot read 'June-ish' as a period")
    assert "Traceback" not in err


def test_budget_without_finance_data_says_so(tmp_path: Path) -> None:
    folder = write_finance_bundle(
        tmp_path / "none",
        budget_lines_csv=None,
        budgets_csv=None,
        actuals_csv=None,
        mtfp_csv=None,
        savings_csv=None,
    )
    code, out, err = run("budget", str(folder), "--period", "2025-06")
    assert code == 2
    assert out == ""
    assert err.startswith("error: SOURCE has no finance data to monitor: add budget_lines.csv")
    code, _, err = run("mtfp", str(folder))
    assert code == 2
    assert err.startswith("error: SOURCE has no Medium Term Financial Plan: add mtfp.csv")


def test_budget_takes_on_as_at_and_organisation(bundle: str) -> None:
    plain = budget_json(bundle)
    assert budget_json(bundle, "--on", "2025-07-10") == plain
    assert budget_json(bundle, "--as-at", "2025-07-10") == plain
    assert budget_json(bundle, "--organisation", "TDC") == plain


def test_mtfp_json_one_object_per_year(bundle: str) -> None:
    code, out, err = run("mtfp", bundle, "--format", "json")
    assert code == 0, err
    years = json.loads(out)
    assert [y["year"] for y in years] == ["2025/26", "2026/27"]
    first, second = years
    assert {k: first[k] for k in ("base", "pressures", "savings", "requirement")} == {
        "base": 200000,
        "pressures": 10000,
        "savings": 6000,
        "requirement": 204000,
    }
    assert (first["funding"], first["gap"], first["incremental_gap"]) == (200000, 4000, 4000)
    assert first["savings_at_risk"] == 2000
    assert first["gap_if_at_risk_missed"] == 6000
    assert second["base"] == 204000
    assert second["base_brought_forward"] is True
    assert (second["gap"], second["incremental_gap"]) == (7000, 3000)
    assert second["savings_unachievable"] == 3000
    assert second["gap_if_unachievable_missed"] == 10000


def test_mtfp_table_and_csv(bundle: str) -> None:
    code, out, err = run("mtfp", bundle)
    assert code == 0, err
    assert out.startswith("Medium Term Financial Plan\n")
    assert "2026/27" in out
    assert "209,000.00" in out
    code, out, err = run("mtfp", bundle, "--format", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["year"], r["gap"]) for r in rows] == [("2025/26", "4000"), ("2026/27", "7000")]
    assert rows[1]["base_brought_forward"] == "true"


def test_an_mtfp_whose_first_year_has_no_base_is_refused(tmp_path: Path) -> None:
    folder = write_finance_bundle(
        tmp_path / "nobase",
        mtfp_csv="year,kind,item,amount,note\n2025/26,pressure,Pay award,10000,\n",
    )
    code, out, err = run("mtfp", str(folder))
    assert code == 2
    assert out == ""
    assert err.startswith("error: mtfp.csv, row 2, column 'kind': the MTFP's first year, 2025/26")


def test_budget_reads_a_store_like_a_bundle(bundle: str, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'tdc.db'}"
    code, _, err = run("import", bundle, "--store", url, "--by", "tester")
    assert code == 0, err
    assert budget_json(url) == budget_json(bundle)
    code, out, err = run("mtfp", url, "--format", "json")
    assert code == 0, err
    assert out == run("mtfp", bundle, "--format", "json")[1]


@pytest.mark.parametrize(
    ("day", "month"),
    [
        (dt.date(2025, 7, 10), "2025-06"),
        (dt.date(2025, 6, 30), "2025-06"),
        (dt.date(2025, 6, 29), "2025-05"),
        (dt.date(2025, 4, 1), None),
    ],
)
def test_the_demo_reports_the_latest_month_with_actuals_ended_by_the_day(
    bundle: str, day: dt.date, month: str | None
) -> None:
    found = latest_month_with_actuals(load_bundle(Path(bundle)), day)
    assert (None if found is None else found.label) == month


def test_the_demo_has_no_budget_month_without_budget_lines(tmp_path: Path) -> None:
    folder = write_finance_bundle(
        tmp_path / "t", budget_lines_csv=None, budgets_csv=None, actuals_csv=None, savings_csv=None
    )
    assert latest_month_with_actuals(load_bundle(folder), dt.date(2026, 1, 1)) is None


def test_a_late_journal_is_reproduced_as_reported_and_listed_as_restated(tmp_path: Path) -> None:
    bundle = write_finance_bundle(tmp_path / "tdc")
    url = f"sqlite:///{tmp_path / 'tdc.db'}"
    code, _, err = run("import", str(bundle), "--store", url, "--by", "Finance", "--why", "June")
    assert code == 0, err
    reported_at = dt.datetime.now(dt.UTC).isoformat()
    actuals = bundle / "actuals.csv"
    text = actuals.read_text(encoding="utf-8")
    actuals.write_text(text.replace("W1,2025-05,10000,", "W1,2025-05,10800,"), encoding="utf-8")
    code, _, err = run(
        "import", str(bundle), "--store", url, "--by", "Finance", "--why", "late journal"
    )
    assert code == 0, err

    code, then, err = run(
        "report", "budget", url, "-p", "2025-06", "--as-at", reported_at, "--format", "md"
    )
    assert code == 0, err
    # as reported: W1's actual to date was £30,000
    assert (
        "| Waste collection | W1 | Environment | expenditure | A. Holder | £120,000 | £30,000 |"
        in then
    )
    section = then.split("## Restatements since this report", 1)[1]
    assert "| Budget line | Period | Figure | As reported | Now |" in section
    assert "| W1 | 2025-05 | actual | £10,000.00 | £10,800.00 |" in section
    assert "late journal" in section

    code, now, err = run("report", "budget", url, "-p", "2025-06", "--format", "md")
    assert code == 0, err
    assert "£30,800" in now
    assert "Restatements since this report" not in now


def test_a_stored_actual_reads_as_pounds_with_its_forecast() -> None:
    assert describe_actual(None) == "not reported"
    assert describe_actual({"actual": "10800", "forecast": None}) == "£10,800.00"
    assert describe_actual({"actual": "-250.5", "forecast": "126000"}) == (
        "−£250.50; forecast £126,000.00"
    )
