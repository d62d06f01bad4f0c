"""The #14 workload: a synthetic council's whole indicator history as a CSV bundle.

1,000 monthly indicators over ten financial years (2015/16 to 2024/25: 120,000 values),
a fifth of each kind: ``ratio`` (numerator and denominator, a percentage to 1 dp),
``sum`` (whole numbers, lower is better), ``last`` (a snapshot to 1 dp), ``mean`` (to
1 dp) and data-only ``sum`` (polarity ``none``), with a year target for every indicator
and year.  The figures come from a seeded generator, so every run writes the same files.

Run ``python benchmarks/workload.py FOLDER`` to write the bundle (``indicators.csv``,
``values.csv``, ``targets.csv`` and ``framework.toml``) into FOLDER.
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

INDICATORS = 1000
FIRST_YEAR = 2015
YEARS = 10
PERIOD = "2024/25 Q4"
"""The period the benchmarks assess (the last quarter of the last year)."""

KINDS = (
    ("higher", "ratio"),
    ("lower", "sum"),
    ("lower", "last"),
    ("higher", "mean"),
    ("none", "sum"),
)


def _months() -> list[str]:
    labels: list[str] = []
    for year in range(FIRST_YEAR, FIRST_YEAR + YEARS):
        for k in range(12):
            month = (3 + k) % 12 + 1
            labels.append(f"{year + (1 if month < 4 else 0)}-{month:02d}")
    return labels


def write_bundle(folder: Path, *, indicators: int = INDICATORS) -> Path:
    """Write the workload bundle into ``folder`` (created if need be) and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(14)
    months = _months()
    (folder / "framework.toml").write_text(
        '[organisation]\nname = "Synthetic Borough Council"\ncode = "synthetic"\n',
        encoding="utf-8",
    )
    with (
        (folder / "indicators.csv").open("w", newline="", encoding="utf-8") as ind_file,
        (folder / "values.csv").open("w", newline="", encoding="utf-8") as val_file,
        (folder / "targets.csv").open("w", newline="", encoding="utf-8") as tgt_file,
    ):
        ind = csv.writer(ind_file, lineterminator="\n")
        val = csv.writer(val_file, lineterminator="\n")
        tgt = csv.writer(tgt_file, lineterminator="\n")
        ind.writerow(
            [
                *("code", "title", "polarity", "aggregation", "frequency"),
                *("unit", "decimals", "tolerance", "factor"),
            ]
        )
        val.writerow(["indicator", "period", "value", "numerator", "denominator"])
        tgt.writerow(["indicator", "period", "target"])
        for i in range(indicators):
            polarity, aggregation = KINDS[i % len(KINDS)]
            code = f"PI {i:04d}"
            ratio = aggregation == "ratio"
            decimals = 0 if aggregation == "sum" else 1
            ind.writerow(
                [
                    *(code, f"Indicator {i}", polarity, aggregation, "monthly"),
                    *("%" if ratio else "", decimals, "5%", 100 if ratio else ""),
                ]
            )
            for label in months:
                if ratio:
                    den = rnd.randint(50, 500)
                    val.writerow([code, label, "", rnd.randint(0, den), den])
                elif decimals:
                    val.writerow([code, label, f"{rnd.randint(0, 9999) / 10:.1f}", "", ""])
                else:
                    val.writerow([code, label, rnd.randint(0, 999), "", ""])
            for year in range(FIRST_YEAR, FIRST_YEAR + YEARS):
                label = f"{year}/{(year + 1) % 100:02d}"
                if ratio:
                    figure = f"{rnd.randint(100, 999) / 10:.1f}"
                elif decimals:
                    figure = f"{rnd.randint(100, 9999) / 10:.1f}"
                else:
                    figure = str(rnd.randint(100, 999) * (12 if aggregation == "sum" else 1))
                tgt.writerow([code, label, figure])
    return folder


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python benchmarks/workload.py FOLDER")
    write_bundle(Path(sys.argv[1]))
