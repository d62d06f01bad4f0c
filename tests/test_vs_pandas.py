"""goldenthread's assessment agrees with an independent pandas implementation.

``benchmarks/pandas_assess.py`` is an analyst's script, written without goldenthread's
code, that works out every indicator's value, target, status, directions and year to
date for a quarter from a CSV bundle.  ``benchmarks/bench_vs_pandas.py`` times the two on
the #14 workload; these tests keep the figures agreeing cheaply: on a small workload, and
on a bundle built to sit on the edges (halves at the indicator's precision, a value on
the tolerance boundary, a profiled target ending in a half, a missing month, a zero
denominator).
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import io
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner

from goldenthread.cli import main
from goldenthread.indicators.assess import assess_all
from goldenthread.io.bundle import load_bundle
from goldenthread.periods import parse_period

pytest.importorskip("pandas")

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
PERIOD = "2024/25 Q4"
ON = dt.date(2025, 6, 1)


def _module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"_vs_pandas_{name}", BENCHMARKS / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


pandas_assess = _module("pandas_assess")
workload = _module("workload")


def _goldenthread(bundle: Path) -> list[dict[str, str]]:
    framework = load_bundle(bundle)
    dataset = framework.indicators
    period = parse_period(PERIOD, dataset.year_start_month)
    return [
        {k: "" if v is None else str(v) for k, v in a.to_dict().items()}
        for a in assess_all(dataset, period, rules=framework.rag_rules, as_at=ON)
    ]


def _pandas(bundle: Path) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = pandas_assess.records(pandas_assess.assess(bundle, PERIOD))
    return rows


def test_the_small_workload_agrees_on_every_figure(tmp_path: Path) -> None:
    bundle = workload.write_bundle(tmp_path / "council", indicators=25)
    ours = _goldenthread(bundle)
    theirs = _pandas(bundle)
    assert pandas_assess.disagreements(theirs, ours) == []
    assert len(ours) == 25
    assert {row["status"] for row in ours} >= {"green", "red", "data-only"}


def test_the_two_programs_print_the_same_figures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = workload.write_bundle(tmp_path / "council", indicators=10)
    command = ["assess", str(bundle), "--period", PERIOD, "--format", "csv", "--on", str(ON)]
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 0, result.output
    assert pandas_assess.main([str(bundle), "--period", PERIOD]) == 0
    ours = list(csv.DictReader(io.StringIO(result.output)))
    theirs = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(theirs) == 10
    assert pandas_assess.disagreements(theirs, ours) == []


def _months(first: str, figures: list[str]) -> list[tuple[str, str]]:
    """``figures`` for consecutive months from ``first`` (``YYYY-MM``)."""
    year, month = int(first[:4]), int(first[5:])
    labels = []
    for _ in figures:
        labels.append(f"{year}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return list(zip(labels, figures, strict=True))


_INDICATORS = [
    # code, polarity, aggregation, decimals, tolerance, factor, year target,
    # figures April 2023 to March 2025 ("-" leaves the month out; "n/d" is counts)
    (
        "HALF RATIO",
        "higher",
        "ratio",
        1,
        "5%",
        "100",
        "12.3",
        ["10/100"] * 21 + ["49/100", "0/100", "0/200"],
    ),
    ("AMBER EDGE", "higher", "mean", 1, "5%", "", "100.0", ["96.0"] * 21 + ["95.0"] * 3),
    ("RED EDGE", "higher", "mean", 1, "5%", "", "100.0", ["96.0"] * 21 + ["94.9", "94.9", "95.0"]),
    ("MEAN HALF", "lower", "mean", 2, "5%", "", "2.68", ["2.60"] * 21 + ["2.675"] * 3),
    ("SUM PROFILE", "lower", "sum", 0, "5%", "", "1002", ["80"] * 21 + ["100", "100", "51"]),
    ("NO DATA", "higher", "sum", 0, "5%", "", "1200", ["100"] * 22 + ["-", "100"]),
    ("NO TARGET", "higher", "last", 1, "5%", "", "", ["7.5"] * 24),
    ("DATA ONLY", "none", "sum", 0, "5%", "", "600", ["50"] * 24),
    ("ABSOLUTE", "lower", "last", 0, "3", "", "50", ["49"] * 23 + ["53"]),
    ("ZERO DENOMINATOR", "higher", "ratio", 1, "5%", "100", "50.0", ["5/10"] * 21 + ["0/0"] * 3),
]


def _edge_bundle(folder: Path) -> Path:
    folder.mkdir()
    (folder / "framework.toml").write_text(
        '[organisation]\nname = "Edge Borough Council"\ncode = "edge"\n', encoding="utf-8"
    )
    with (
        (folder / "indicators.csv").open("w", newline="", encoding="utf-8") as ind_file,
        (folder / "values.csv").open("w", newline="", encoding="utf-8") as val_file,
        (folder / "targets.csv").open("w", newline="", encoding="utf-8") as tgt_file,
    ):
        ind, val, tgt = (csv.writer(f, lineterminator="\n") for f in (ind_file, val_file, tgt_file))
        ind.writerow(
            [
                *("code", "title", "polarity", "aggregation", "frequency"),
                *("unit", "decimals", "tolerance", "factor"),
            ]
        )
        val.writerow(["indicator", "period", "value", "numerator", "denominator"])
        tgt.writerow(["indicator", "period", "target"])
        for (
            code,
            polarity,
            aggregation,
            decimals,
            tolerance,
            factor,
            target,
            figures,
        ) in _INDICATORS:
            unit = "%" if aggregation == "ratio" else ""
            ind.writerow(
                [
                    *(code, code.title(), polarity, aggregation, "monthly"),
                    *(unit, decimals, tolerance, factor),
                ]
            )
            for label, figure in _months("2023-04", figures):
                if figure == "-":
                    continue
                if "/" in figure:
                    numerator, denominator = figure.split("/")
                    val.writerow([code, label, "", numerator, denominator])
                else:
                    val.writerow([code, label, figure, "", ""])
            if target:
                tgt.writerow([code, "2024/25", target])
    return folder


def test_the_edges_agree_on_every_figure(tmp_path: Path) -> None:
    bundle = _edge_bundle(tmp_path / "edge")
    ours = _goldenthread(bundle)
    theirs = _pandas(bundle)
    assert pandas_assess.disagreements(theirs, ours) == []
    shown = {row["indicator"]: row for row in theirs}
    # the edges are really there: each cell as a reader works it out
    assert shown["HALF RATIO"]["value"] == "12.3"  # 49 / 400 = 12.25%, a half rounded up
    assert shown["HALF RATIO"]["status"] == "green"
    assert shown["AMBER EDGE"]["status"] == "amber"  # exactly 5% short takes the better
    assert shown["RED EDGE"]["status"] == "red"
    assert shown["MEAN HALF"]["value"] == "2.68"  # 2.675 half-up (a float gives 2.67)
    assert shown["MEAN HALF"]["direction"] == "worsening"  # lower is better
    assert shown["SUM PROFILE"]["target"] == "251"  # 1002 × 3 / 12 = 250.5
    assert shown["SUM PROFILE"]["status"] == "green"
    assert shown["NO DATA"]["status"] == "no-data"
    assert shown["NO DATA"]["direction"] == ""
    assert shown["NO TARGET"]["status"] == "no-target"
    assert shown["NO TARGET"]["direction"] == "no change"
    assert shown["DATA ONLY"]["status"] == "data-only"
    assert shown["ABSOLUTE"]["status"] == "amber"  # 3 over a target of 50, tolerance 3
    assert shown["ZERO DENOMINATOR"]["value"] == ""
    assert shown["ZERO DENOMINATOR"]["status"] == "no-data"
