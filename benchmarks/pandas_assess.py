"""An analyst's pandas script: every indicator's figures for one quarter, from a CSV bundle.

The independent implementation that ``bench_vs_pandas.py`` times against
``goldenthread assess`` and that ``tests/test_vs_pandas.py`` checks goldenthread's figures
against.  It imports nothing from goldenthread: it is written from the rules as a
performance officer states them (and as ``docs/`` documents them), so that two
implementations agreeing on every figure cross-checks both.

It reads ``indicators.csv``, ``values.csv`` and ``targets.csv`` of a bundle such as
``benchmarks/workload.py`` writes (monthly figures, or numerator and denominator for a
``ratio``; year targets) and, for a quarter such as ``2024/25 Q4``, works out for every
indicator:

* the value, by its aggregation: ``ratio`` is Σ numerator ÷ Σ denominator × factor,
  ``sum`` adds the months, ``last`` takes the quarter's last month, ``mean`` averages the
  months; a month without a figure leaves the quarter without one;
* the target: a ``sum`` indicator's year target spread evenly over the months (a quarter
  gets three twelfths), any other's year target unchanged;
* the RAG status by a tolerance (5% of the target unless the indicator sets another
  relative ``N%`` or absolute figure): green on or better than target, amber worse but
  within the tolerance, red beyond it; ``data-only`` without polarity, ``no-data``
  without a value, ``no-target`` without a target;
* the direction of travel against the previous quarter and the same quarter last year:
  improving, worsening or no change (increasing, decreasing or no change without
  polarity);
* the year to date (April to the quarter's end): value, target (the year's, or for a
  ``sum`` indicator its share to date) and status.

Figures are compared as a reader sees them: rounded half-up to the indicator's
``decimals`` first.  pandas reads and groups; the arithmetic is exact (``Decimal`` sums,
``Fraction`` quotients), since floats would put a figure on the wrong side of a rounding
half now and then.

Run ``python benchmarks/pandas_assess.py BUNDLE --period "2024/25 Q4"``: it prints one CSV
row per indicator with the columns of :data:`COLUMNS`.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pandas as pd

COLUMNS = (
    "indicator",
    "period",
    "value",
    "numerator",
    "denominator",
    "target",
    "status",
    "direction",
    "direction_last_year",
    "previous_value",
    "last_year_value",
    "ytd_value",
    "ytd_target",
    "ytd_status",
    "year_target",
)
"""The columns written, each also in ``goldenthread assess --format csv``'s output."""

_QUARTER = re.compile(r"(\d{4})/(\d{2}) Q([1-4])")


def _month_index(year: int, month: int) -> int:
    return year * 12 + month - 1


def quarter_months(label: str) -> tuple[int, int]:
    """The first month index (year × 12 + month − 1) of the financial-year quarter
    ``label`` (``2024/25 Q4``: January to March 2025), and of its year (April)."""
    found = _QUARTER.fullmatch(label.strip())
    if found is None or (int(found[1]) + 1) % 100 != int(found[2]):
        raise ValueError(f"not a financial-year quarter such as '2024/25 Q4': {label!r}")
    year_start = _month_index(int(found[1]), 4)
    return year_start + 3 * (int(found[3]) - 1), year_start


def round_half_up(figure: Fraction, decimals: int) -> int:
    """``figure`` × 10^decimals rounded to a whole number, halves away from zero."""
    scaled = abs(figure) * 10**decimals
    whole = int(scaled + Fraction(1, 2))
    return whole if figure >= 0 else -whole


def shown(figure: Fraction | None, decimals: int) -> str:
    """``figure`` as printed: half-up at ``decimals`` places (``""`` for none)."""
    if figure is None:
        return ""
    scaled = round_half_up(figure, decimals)
    if decimals == 0:
        return str(scaled)
    sign = "-" if scaled < 0 else ""
    digits = str(abs(scaled)).rjust(decimals + 1, "0")
    return f"{sign}{digits[:-decimals]}.{digits[-decimals:]}"


def _status(
    value: Fraction | None,
    target: Fraction | None,
    polarity: str,
    decimals: int,
    tolerance: str,
) -> str:
    if polarity == "none":
        return "data-only"
    if value is None:
        return "no-data"
    if target is None:
        return "no-target"
    seen = round_half_up(value, decimals)
    aim = round_half_up(target, decimals)
    shortfall = seen - aim if polarity == "lower" else aim - seen  # in 10^-decimals units
    if shortfall <= 0:
        return "green"
    if tolerance.endswith("%"):
        band = abs(aim) * Fraction(tolerance[:-1]) / 100
    else:
        band = Fraction(tolerance) * 10**decimals
    return "amber" if shortfall <= band else "red"


def _direction(now: Fraction | None, then: Fraction | None, polarity: str, decimals: int) -> str:
    if now is None or then is None:
        return ""
    change = round_half_up(now, decimals) - round_half_up(then, decimals)
    if change == 0:
        return "no change"
    if polarity == "higher":
        return "improving" if change > 0 else "worsening"
    if polarity == "lower":
        return "improving" if change < 0 else "worsening"
    return "increasing" if change > 0 else "decreasing"


def _read(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The three CSVs, every cell as text (a blank is ``""``), so no figure passes
    through a float."""
    indicators, values, targets = (
        pd.read_csv(folder / name, dtype=str, keep_default_na=False)
        for name in ("indicators.csv", "values.csv", "targets.csv")
    )
    for column in ("value", "numerator", "denominator"):
        if column not in values:
            values[column] = ""
    return indicators, values, targets


class _Months:
    """The monthly figures of a span of months (``low`` to ``high``), per indicator:
    how many months have a figure and have counts, and the exact totals."""

    def __init__(self, window: pd.DataFrame, low: int, high: int) -> None:
        self.low = low
        self.high = high
        self.months = high - low + 1
        rows = window[window["month"].between(low, high)]
        has_value = rows["value"] != ""
        has_counts = (rows["numerator"] != "") & (rows["denominator"] != "")
        self.filled = rows.loc[has_value, "indicator"].value_counts().to_dict()
        self.counted = rows.loc[has_counts, "indicator"].value_counts().to_dict()
        self.totals = self._sums(rows.loc[has_value], "value")
        self.numerators = self._sums(rows.loc[has_counts], "numerator")
        self.denominators = self._sums(rows.loc[has_counts], "denominator")
        last = rows.loc[has_value & (rows["month"] == high)]
        self.last = dict(zip(last["indicator"], last["value"], strict=True))

    @staticmethod
    def _sums(rows: pd.DataFrame, column: str) -> dict[str, Decimal]:
        totals = rows[column].map(Decimal).groupby(rows["indicator"]).sum()
        return {str(code): Decimal(total) for code, total in totals.items()}

    def complete_counts(self, code: str) -> bool:
        """Whether every month has a numerator and a denominator."""
        return self.counted.get(code, 0) == self.months

    def figure(self, code: str, aggregation: str, factor: Fraction) -> Fraction | None:
        """The indicator's figure for the span, or ``None`` when it has none."""
        if aggregation == "last":
            found = self.last.get(code)
            return None if found is None else Fraction(Decimal(found))
        if aggregation == "ratio":
            if not self.complete_counts(code) or self.denominators[code] == 0:
                return None
            return Fraction(self.numerators[code]) / Fraction(self.denominators[code]) * factor
        if self.filled.get(code, 0) != self.months:
            return None
        if aggregation == "sum":
            return Fraction(self.totals[code])
        if aggregation == "mean":
            return Fraction(self.totals[code]) / self.months
        raise ValueError(f"{code}: aggregation {aggregation!r} is not handled")


def assess(folder: Path, period: str) -> pd.DataFrame:
    """Every indicator of the bundle in ``folder`` assessed for the quarter ``period``.

    Returns one row per indicator (in the order of ``indicators.csv``), the columns of
    :data:`COLUMNS`, every cell a string (figures at the indicator's decimals, ``""`` for
    none).
    """
    first, year_start = quarter_months(period)
    indicators, values, targets = _read(folder)

    label = values["period"].str
    values["month"] = label.slice(0, 4).astype(int) * 12 + label.slice(5, 7).astype(int) - 1
    # only the months the figures need: the same quarter last year to this one
    window = values[values["month"].between(first - 12, first + 2)]
    now = _Months(window, first, first + 2)
    previous = _Months(window, first - 3, first - 1)
    last_year = _Months(window, first - 12, first - 10)
    to_date = _Months(window, year_start, first + 2)

    year_label = f"{year_start // 12}/{(year_start // 12 + 1) % 100:02d}"
    year_targets = targets[(targets["period"] == year_label) & (targets["target"] != "")]
    year_target = dict(zip(year_targets["indicator"], year_targets["target"], strict=True))

    rows: list[dict[str, str]] = []
    for ind in indicators.to_dict("records"):
        code = str(ind["code"])
        aggregation = str(ind["aggregation"]).strip().lower()
        polarity = str(ind["polarity"]).strip().lower() or "none"
        if polarity not in ("higher", "lower", "none"):
            raise ValueError(f"{code}: polarity {polarity!r} is not handled")
        if str(ind.get("frequency") or "monthly").strip().lower() != "monthly":
            raise ValueError(f"{code}: only monthly indicators are handled")
        decimals = int(ind.get("decimals") or 0)
        tolerance = str(ind.get("tolerance") or "5%").strip()
        factor = Fraction(Decimal(str(ind.get("factor") or "1")))

        value = now.figure(code, aggregation, factor)
        ytd_value = to_date.figure(code, aggregation, factor)
        before = previous.figure(code, aggregation, factor)
        a_year_ago = last_year.figure(code, aggregation, factor)
        year = Fraction(Decimal(year_target[code])) if code in year_target else None
        if year is None:
            target = ytd_target = None
        elif aggregation == "sum":  # the year's target spread evenly over its months
            target = year * now.months / 12
            ytd_target = year * to_date.months / 12
        else:
            target = ytd_target = year
        counts = aggregation == "ratio" and now.complete_counts(code)
        rows.append(
            {
                "indicator": code,
                "period": period,
                "value": shown(value, decimals),
                "numerator": str(now.numerators[code]) if counts else "",
                "denominator": str(now.denominators[code]) if counts else "",
                "target": shown(target, decimals),
                "status": _status(value, target, polarity, decimals, tolerance),
                "direction": _direction(value, before, polarity, decimals),
                "direction_last_year": _direction(value, a_year_ago, polarity, decimals),
                "previous_value": shown(before, decimals),
                "last_year_value": shown(a_year_ago, decimals),
                "ytd_value": shown(ytd_value, decimals),
                "ytd_target": shown(ytd_target, decimals),
                "ytd_status": _status(ytd_value, ytd_target, polarity, decimals, tolerance),
                "year_target": shown(year, decimals),
            }
        )
    return pd.DataFrame(rows, columns=list(COLUMNS))


def records(frame: pd.DataFrame) -> list[dict[str, str]]:
    """The rows of :func:`assess`'s frame as dictionaries of strings."""
    return [{str(k): str(v) for k, v in row.items()} for row in frame.to_dict("records")]


def disagreements(
    expected: Sequence[Mapping[str, str]], actual: Sequence[Mapping[str, str]]
) -> list[str]:
    """Every cell of :data:`COLUMNS` where two row lists (one per indicator, same order)
    differ, as ``indicator column: expected != actual``; also a different row count."""
    found = [f"{len(expected)} rows != {len(actual)} rows"] if len(expected) != len(actual) else []
    for mine, theirs in zip(expected, actual, strict=False):
        for column in COLUMNS:
            if mine.get(column) != theirs.get(column):
                found.append(
                    f"{mine.get('indicator')} {column}: "
                    f"{mine.get(column)!r} != {theirs.get(column)!r}"
                )
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("bundle", type=Path)
    parser.add_argument("--period", required=True, help="a quarter, e.g. '2024/25 Q4'")
    args = parser.parse_args(argv)
    assess(args.bundle, args.period).to_csv(sys.stdout, index=False, lineterminator="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
