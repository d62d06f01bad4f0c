"""Regenerate the example councils' finance data (deterministic; no arguments).

    .venv/bin/python scripts/finance_examples.py

Writes, for Poole and Rossendale under ``src/goldenthread/examples/<council>/``:
``budget_lines.csv``, ``budgets.csv``, ``virements.csv``, ``actuals.csv``, ``mtfp.csv``,
``savings.csv`` and ``unit_costs.csv``; and adds (or replaces) the rows of the two
activity indicators the unit costs divide by (households served by kerbside collection,
planning applications decided) in ``indicators.csv`` and ``values.csv``.

The figures are fictional, modelled on a district council's 2025/26 revenue budget
(Rossendale, net about £10.4m) and on a unitary's (Poole, net about £85m).  Each line's
story is given as its adverse forecast variance (in pounds, positive is adverse) month by
month, April to November 2025; the monthly actuals follow the line's profile and the
forecast of the month, with a little seeded noise, so the same data comes out every run.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "src" / "goldenthread" / "examples"
YEAR = "2025/26"
MONTHS = [f"2025-{m:02d}" for m in range(4, 13)] + [f"2026-{m:02d}" for m in range(1, 4)]
ACTUAL_MONTHS = MONTHS[:8]  # April to November 2025
PENNY = Decimal("0.01")

# Monthly profiles (per cent of the year, April first); each adds up to 100.
SHAPES: dict[str, Sequence[str]] = {
    # garden waste subscriptions: renewals in spring
    "garden": ("30", "15", "8", "5", "4", "3", "2", "1", "1", "3", "12", "16"),
    # leisure and swimming income: a summer peak
    "leisure": ("8", "8.5", "9", "10", "11", "8.5", "8", "7.5", "6", "8.5", "7.5", "7.5"),
    # seaside car parking: the summer season
    "parking": ("8", "9", "10", "12.5", "14", "10", "7.5", "5.5", "5.5", "5", "5.5", "7.5"),
    # beach huts (annual licences paid in April) and seafront concessions
    "beach": ("20", "9", "10", "12", "13", "8", "5", "3", "2", "2", "4", "12"),
    # elections: borough elections in May, the annual canvass from July to November
    "elections": ("4", "22", "4", "6", "7", "8", "9", "8", "8", "8", "8", "8"),
}
for _name, _shares in SHAPES.items():
    assert sum(Decimal(s) for s in _shares) == 100, _name


@dataclass
class Line:
    code: str
    title: str
    service: str
    kind: str
    owner: str
    original: int
    funds: str = ""
    tolerance: str = ""
    classification: str = "public"
    shape: str = ""  # a SHAPES key for a monthly profile; empty spreads evenly
    # adverse forecast variance, April..November, against the budget of that month;
    # None for a month with no budget-holder forecast
    story: Sequence[int | None] = (0, 0, 0, 0, 0, 0, 0, 0)
    notes: Sequence[str] = ()  # commentary, April..November ("" for none)
    commitments: bool = False
    reversal: int = 0  # an April reversal of last year's accruals (pounds)
    # forecasts against the year's final revised budget (a planned move of budget) rather
    # than the budget as it stood that month (a virement answering an overspend)
    on_revised: bool = False


@dataclass
class Council:
    key: str
    lines: list[Line]
    virements: list[tuple[str, str, int, str, str, str]]  # from,to,amount,by,on,why
    mtfp: list[tuple[str, str, str, int, str]]
    savings: list[tuple[str, str, str, int, str, str, str, str, str, str]]
    unit_costs: list[tuple[str, str, str, str, str, str, str, str, str, str]]
    indicators: list[str] = field(default_factory=list)  # raw indicators.csv rows
    values: list[list[str]] = field(default_factory=list)
    seed: int = 0


def money(value: Decimal) -> str:
    return str(value.quantize(PENNY, rounding=ROUND_HALF_UP))


def month_end(label: str) -> dt.date:
    year, month = int(label[:4]), int(label[5:])
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def profile(line: Line, annual: int) -> list[Decimal]:
    """Twelve monthly amounts adding up to ``annual`` exactly (whole pounds)."""
    if line.shape:
        shares = [Decimal(s) / 100 for s in SHAPES[line.shape]]
    else:
        shares = [Decimal(1) / 12] * 12
    months = [(annual * s).quantize(Decimal(1), rounding=ROUND_HALF_UP) for s in shares[:11]]
    months.append(Decimal(annual) - sum(months))
    return months


def build(council: Council) -> dict[str, list[list[str]]]:
    rng = random.Random(council.seed)  # noqa: S311 (seeded example data)
    files: dict[str, list[list[str]]] = {}
    files["budget_lines.csv"] = [
        ["code", "title", "service", "kind", "owner", "tolerance", "classification", "funds"]
    ] + [
        [
            ln.code,
            ln.title,
            ln.service,
            ln.kind,
            ln.owner,
            ln.tolerance,
            ln.classification,
            ln.funds,
        ]
        for ln in council.lines
    ]
    codes = {ln.code for ln in council.lines}
    revised: dict[str, int] = {ln.code: ln.original for ln in council.lines}
    vir_rows = [["year", "from", "to", "amount", "approved_by", "approved_on", "reason"]]
    for source, destination, amount, by, on, why in council.virements:
        assert source in codes, source
        assert destination in codes, destination
        revised[source] -= amount
        revised[destination] += amount
        vir_rows.append([YEAR, source, destination, str(amount), by, on, why])
    files["virements.csv"] = vir_rows

    budget_rows = [["line", "period", "original", "revised"]]
    actual_rows = [["line", "period", "actual", "commitment", "forecast", "note"]]
    for ln in council.lines:
        budget_rows.append([ln.code, YEAR, str(ln.original), str(revised[ln.code])])
        months = profile(ln, revised[ln.code])
        if ln.shape:
            budget_rows.extend(
                [ln.code, label, str(amount), ""]
                for label, amount in zip(MONTHS, months, strict=True)
            )
        shares = [m / revised[ln.code] if revised[ln.code] else Decimal(0) for m in months]
        for index, label in enumerate(ACTUAL_MONTHS):
            # the budget as it stood at the month's end (virements approved by then)
            budget = revised[ln.code] if ln.on_revised else ln.original
            for source, destination, amount, _by, on, _why in council.virements:
                if not ln.on_revised and dt.date.fromisoformat(on) <= month_end(label):
                    budget += amount if destination == ln.code else 0
                    budget -= amount if source == ln.code else 0
            adverse = ln.story[index]
            sign = 1 if ln.kind == "expenditure" else -1
            outturn = budget + sign * (adverse or 0)
            noise = Decimal(rng.randint(-300, 300)) / 10000
            pence = Decimal(rng.randint(0, 99)) / 100
            actual = Decimal(outturn) * shares[index] * (1 + noise) + pence
            if index == 0 and ln.reversal:
                actual -= ln.reversal
            elif index == 1 and ln.reversal:
                actual += ln.reversal
            commitment = ""
            if ln.commitments:
                remaining = sum(shares[index + 1 :], Decimal(0))
                commitment = money(Decimal(outturn) * remaining * Decimal("0.35"))
            forecast = "" if adverse is None else str(outturn)
            note = ln.notes[index] if index < len(ln.notes) else ""
            actual_rows.append([ln.code, label, money(actual), commitment, forecast, note])
    files["budgets.csv"] = budget_rows
    files["actuals.csv"] = actual_rows
    files["mtfp.csv"] = [["year", "kind", "item", "amount", "note"]] + [
        [y, k, i, str(a), n] for y, k, i, a, n in council.mtfp
    ]
    files["savings.csv"] = [
        [
            "code",
            "title",
            "year",
            "amount",
            "status",
            "delivered",
            "service",
            "owner",
            "line",
            "note",
        ]
    ] + [[str(cell) for cell in row] for row in council.savings]
    files["unit_costs.csv"] = [
        [
            "code",
            "title",
            "lines",
            "activity",
            "per",
            "decimals",
            "classification",
            "polarity",
            "unit",
            "comparator_group",
        ]
    ] + [list(row) for row in council.unit_costs]
    return files


def write_csv(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerows(rows)


def replace_rows(path: Path, codes: set[str], new_rows: list[list[str]]) -> None:
    """Drop the rows whose first cell is one of ``codes`` and append ``new_rows``."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    kept = [rows[0]] + [r for r in rows[1:] if r and r[0] not in codes]
    write_csv(path, kept + new_rows)


ACTIVITY_MONTHS = [f"2024-{m:02d}" for m in range(4, 13)] + [f"2025-{m:02d}" for m in range(1, 10)]
"""April 2024 to September 2025: the activity indicators' months.  Like every other
indicator in the examples they stop at September 2025 (activity is reported a quarter in
arrears), so the demo's latest quarter with data stays 2025/26 Q2; unit costs for October
and November have no activity yet, hence no value."""


def activity_values(
    folder: Path,
    households: tuple[str, int, int, str],
    planning: tuple[str, int, str],
) -> list[list[str]]:
    """Monthly values, April 2024 to September 2025, of the two activity indicators.

    Households served grow steadily from ``start`` by ``growth`` a month.  Planning
    applications decided are the month's NI 157a + b + c denominators (majors, minors
    and others decided) where all three are in ``values.csv``, else a seeded estimate
    around ``typical``.
    """
    code, start, growth, by = households
    rows: list[list[str]] = []
    for index, label in enumerate(ACTIVITY_MONTHS):
        status = "final" if label < "2025-04" else "provisional"
        rows.append([code, label, str(start + growth * index), "", "", status, "", "", by])
    with (folder / "values.csv").open(newline="", encoding="utf-8") as handle:
        decided: dict[str, dict[str, str]] = {}
        for row in csv.DictReader(handle):
            if row["indicator"] in ("NI 157a", "NI 157b", "NI 157c"):
                decided.setdefault(row["period"], {})[row["indicator"]] = row["denominator"]
    pcode, typical, pby = planning
    rng = random.Random(typical)  # noqa: S311 (seeded example data)
    for label in ACTIVITY_MONTHS:
        parts = decided.get(label, {})
        if len(parts) == 3 and all(parts.values()):
            value = sum(int(v) for v in parts.values())
        else:
            value = typical + rng.randint(-typical // 8, typical // 8)
        status = "final" if label < "2025-04" else "provisional"
        rows.append([pcode, label, str(value), "", "", status, "", "", pby])
    return rows


# --- Poole -------------------------------------------------------------------------------

ASC, CHS, OPS = "Adult social care", "Children's services", "Operations (waste and street scene)"
PLN, HSG = "Planning and building control", "Housing"
CUL, TOU = "Culture and community learning", "Tourism and seafront"
REV, EHL, COR = "Revenues and benefits", "Environmental health and licensing", "Corporate resources"
EXP, INC = "expenditure", "income"
K = 1000


def poole() -> Council:
    folder = ROOT / "poole"
    lines = [
        Line(
            "ASC-RES",
            "Residential and nursing care placements",
            ASC,
            EXP,
            "Head of Adult Social Care",
            21_400_000,
            "POOLE-P1-O1;SU-ASC",
            "1%",
            story=(0, 0, 60 * K, 120 * K, 150 * K, 180 * K, 190 * K, 200 * K),
            notes=(
                "",
                "",
                "Four more nursing placements than budgeted since May.",
                "Placements 12 above the budgeted 740; hospital discharges up.",
                "Placements 14 above budget; two high-cost dementia placements.",
                "Placements steady at 14 above budget; reablement (SG-1) should slow growth.",
                "Two placements ended; fee uplift claims from three homes.",
                "Forecast includes the winter pressures expected from December.",
            ),
        ),
        Line(
            "ASC-HOME",
            "Home care and direct payments",
            ASC,
            EXP,
            "Head of Adult Social Care",
            12_800_000,
            "POOLE-P1-O1;SU-ASC",
            story=(0, 80 * K, 150 * K, 250 * K, 300 * K, 40 * K, 60 * K, 90 * K),
            notes=(
                "",
                "Provider rate uplift above the 4% budgeted.",
                "Rate uplift of 6.5% agreed with providers; hours steady.",
                "Home care hours up 3%; virement from contingency requested.",
                "Awaiting Cabinet decision on the £300,000 virement.",
                "Cabinet approved the £300,000 virement on 9 September.",
                "Hours up a further 1%.",
                "Hours up 1.5% since September.",
            ),
        ),
        Line(
            "ASC-SG",
            "Safeguarding and assessment teams",
            ASC,
            EXP,
            "Head of Adult Social Care",
            4_150_000,
            "ASC-1;SG-1",
            story=(0, 0, -10 * K, -10 * K, -20 * K, -20 * K, -25 * K, -25 * K),
            notes=(
                "",
                "",
                "One social worker vacancy.",
                "",
                "",
                "",
                "Vacancy filled from January.",
                "",
            ),
        ),
        Line(
            "ASC-CHG",
            "Client contributions to care",
            ASC,
            INC,
            "Head of Adult Social Care",
            6_900_000,
            "SU-ASC",
            story=(0, 0, 0, -50 * K, -50 * K, -80 * K, -80 * K, -100 * K),
            notes=(
                "",
                "",
                "",
                "Financial assessments backlog cleared.",
                "",
                "More full-cost payers in residential care.",
                "",
                "",
            ),
        ),
        Line(
            "CHS-LAC",
            "Looked after children placements",
            CHS,
            EXP,
            "Head of Children's Social Care",
            9_600_000,
            "POOLE-P1",
            story=(0, 0, 60 * K, 100 * K, 120 * K, 150 * K, 170 * K, 185 * K),
            notes=(
                "",
                "",
                "Two external residential placements from June.",
                "One further residential placement.",
                "",
                "Independent fostering agency costs up 5%.",
                "",
                "Placement sufficiency strategy to Cabinet in January.",
            ),
        ),
        Line(
            "CHS-SW",
            "Children's social work teams",
            CHS,
            EXP,
            "Head of Children's Social Care",
            6_250_000,
            "POOLE-P1",
            story=(0, 30 * K, 60 * K, 60 * K, 80 * K, 90 * K, 40 * K, 0),
            notes=(
                "",
                "Agency social workers covering three vacancies.",
                "Five agency social workers.",
                "",
                "Recruitment campaign under way.",
                "Four agency staff; two permanent starters in October.",
                "Two agency staff left in October.",
                "Agency costs to March met from the social work recruitment reserve.",
            ),
        ),
        Line(
            "CHS-EDU",
            "Education services and home to school transport",
            CHS,
            EXP,
            "Head of Education Services",
            5_400_000,
            "POOLE-P1",
            story=(0, 0, 0, 0, None, 0, 0, 0),
            notes=("", "", "", "", "", "New transport contracts let within budget.", "", ""),
        ),
        Line(
            "OPS-WASTE",
            "Household waste collection",
            OPS,
            EXP,
            "Head of Operations",
            4_920_000,
            "POOLE-P4-O1;ENV-1;WST-1;WST-2",
            notes=("On budget.", "", "", "", "", "Food waste rounds (WST-1) within budget."),
        ),
        Line(
            "OPS-DISP",
            "Waste disposal and recycling contracts",
            OPS,
            EXP,
            "Head of Operations",
            6_350_000,
            "POOLE-P4-O1;ENV-1",
            commitments=True,
            on_revised=True,
            story=(0, 0, -20 * K, -20 * K, -40 * K, -40 * K, -60 * K, -60 * K),
            notes=(
                "",
                "",
                "Landfill tonnage 3% below budget.",
                "",
                "Residual tonnage down 4%.",
                "",
                "Recycling gate fees lower than indexed.",
                "",
            ),
        ),
        Line(
            "OPS-GARDEN",
            "Garden waste subscriptions",
            OPS,
            INC,
            "Head of Operations",
            1_180_000,
            "ENV-1",
            shape="garden",
            story=(0, -20 * K, -20 * K, -20 * K, -20 * K, -20 * K, -20 * K, -20 * K),
            notes=("", "Subscriptions 1,050 above the 24,000 budgeted."),
        ),
        Line(
            "OPS-TRADE",
            "Trade waste",
            OPS,
            INC,
            "Head of Operations",
            960_000,
            story=(0, 0, 0, 0, 0, 0, 10 * K, 15 * K),
            notes=(
                "",
                "",
                "",
                "",
                "",
                "",
                "Two large customers moved to a private contractor.",
                "Loss of two contracts; sales drive in the town centre.",
            ),
        ),
        Line(
            "OPS-CLEAN",
            "Street cleansing",
            OPS,
            EXP,
            "Head of Operations",
            2_280_000,
            "POOLE-P4",
            story=(0, 0, None, 0, 0, 0, 0, 0),
        ),
        Line(
            "OPS-FLEET",
            "Vehicle fleet and workshop",
            OPS,
            EXP,
            "Fleet Manager",
            1_450_000,
            commitments=True,
            story=(30 * K, 40 * K, 0, 10 * K, 20 * K, 25 * K, 25 * K, 30 * K),
            notes=(
                "Diesel prices 9% above budget.",
                "Hire vehicles while two RCVs repaired.",
                "Virement of £85,000 from waste disposal approved.",
                "",
                "Tyre and parts costs rising.",
                "Parts costs 12% up on last year.",
                "",
                "Two refuse vehicles now beyond economic repair.",
            ),
        ),
        Line(
            "PLN-DM",
            "Development management",
            PLN,
            EXP,
            "Head of Planning and Regeneration",
            1_180_000,
            "POOLE-P2",
            story=(0, 0, 0, 0, -10 * K, -10 * K, -10 * K, -10 * K),
            notes=("", "", "", "", "Planning officer vacancy."),
        ),
        Line(
            "PLN-FEES",
            "Planning application fees",
            PLN,
            INC,
            "Head of Planning and Regeneration",
            1_250_000,
            "POOLE-P2",
            story=(0, 50 * K, 80 * K, 110 * K, 140 * K, 160 * K, 150 * K, 130 * K),
            notes=(
                "",
                "Fewer major applications than budgeted.",
                "Major applications 40% down on last year; housebuilders delaying schemes.",
                "Householder applications also down 8%.",
                "No sign of recovery; two major schemes withdrawn.",
                "Fee income £160,000 below budget by year end on current trends.",
                "Fee of £38,000 received for the Holes Bay scheme.",
                "Two further major applications expected by February.",
            ),
        ),
        Line(
            "PLN-BC",
            "Building control",
            PLN,
            EXP,
            "Head of Planning and Regeneration",
            720_000,
            story=(None, None, None, None, None, None, None, None),
        ),
        Line(
            "PLN-BCFEES",
            "Building control fees",
            PLN,
            INC,
            "Head of Planning and Regeneration",
            610_000,
            story=(0, 0, 0, 0, 0, 0, 0, 0),
            notes=("", "", "", "", "", "", "Approved inspectors taking some market share.", ""),
        ),
        Line(
            "HSG-TA",
            "Temporary accommodation",
            HSG,
            EXP,
            "Head of Housing",
            1_600_000,
            "POOLE-P1;POOLE-P1-O1",
            commitments=True,
            story=(0, 80 * K, 180 * K, 100 * K, 200 * K, 270 * K, 330 * K, 390 * K),
            notes=(
                "",
                "86 households in temporary accommodation against 70 budgeted.",
                "94 households; 31 in bed and breakfast at £95 a night.",
                "Cabinet approved £250,000 from contingency; numbers still rising.",
                "103 households; B&B use at a record level.",
                "108 households; the housing benefit subsidy cap leaves £40 a night unfunded.",
                "112 households; leasing scheme delayed to February.",
                "115 households; forecast assumes numbers peak in January.",
            ),
        ),
        Line(
            "HSG-TAINC",
            "Temporary accommodation rents and subsidy",
            HSG,
            INC,
            "Head of Housing",
            980_000,
            "POOLE-P1",
            story=(0, 0, -5 * K, -10 * K, -12 * K, -15 * K, -18 * K, -18 * K),
            notes=("", "", "More placements bring more rent, capped by subsidy."),
        ),
        Line(
            "HSG-HOM",
            "Homelessness prevention and advice",
            HSG,
            EXP,
            "Head of Housing",
            1_120_000,
            "POOLE-P1-O1",
            notes=("Prevention grant fully committed.",),
        ),
        Line(
            "HSG-STR",
            "Housing strategy and enabling",
            HSG,
            EXP,
            "Strategic Housing Manager",
            460_000,
            "POOLE-P1",
            story=(0, 0, -5 * K, -5 * K, None, -5 * K, -5 * K, -5 * K),
        ),
        Line(
            "CUL-LEIS",
            "Leisure centres management fee",
            CUL,
            EXP,
            "Head of Culture and Community Learning",
            1_380_000,
            "POOLE-P3-O1;CUL-2;LEIS-1",
            commitments=True,
            story=(0, 0, 0, 20 * K, 20 * K, 25 * K, 25 * K, 25 * K),
            notes=(
                "",
                "",
                "",
                "Utility costs above the contract's indexation cap.",
                "",
                "Energy support to the operator agreed for 2025/26.",
            ),
        ),
        Line(
            "CUL-LEISINC",
            "Leisure and swimming income",
            CUL,
            INC,
            "Head of Culture and Community Learning",
            2_150_000,
            "POOLE-P3-O1;CUL-2",
            shape="leisure",
            story=(0, 0, -20 * K, -40 * K, -40 * K, -30 * K, -30 * K, -30 * K),
            notes=(
                "",
                "",
                "Hot June: outdoor pool income up.",
                "Swimming lessons full.",
                "",
                "Autumn bookings slower than summer.",
            ),
        ),
        Line(
            "CUL-LIB",
            "Libraries",
            CUL,
            EXP,
            "Head of Culture and Community Learning",
            2_640_000,
            "POOLE-P3-O1",
            story=(0, 0, None, None, None, 0, 0, 0),
            on_revised=True,
        ),
        Line(
            "CUL-ARTS",
            "Arts development and the Lighthouse grant",
            CUL,
            EXP,
            "Arts Development Manager",
            820_000,
            "CUL-1;ARTS-1",
            on_revised=True,
            notes=("", "Outreach season funded by virement from libraries."),
        ),
        Line(
            "CUL-PARKS",
            "Parks and open spaces",
            CUL,
            EXP,
            "Head of Operations",
            2_310_000,
            "POOLE-P3;POOLE-P4",
            story=(0, 0, 0, 15 * K, 30 * K, 0, 0, 0),
            notes=(
                "",
                "",
                "",
                "Storm damage to trees in Poole Park.",
                "Tree works after the July storm.",
                "Insurance claim for the storm damage accepted.",
            ),
        ),
        Line(
            "TOU-EVT",
            "Tourism, events, the Quay and beaches",
            TOU,
            EXP,
            "Head of Tourism",
            2_200_000,
            "POOLE-P2-O1;TR-1;EVT-1",
            story=(0, 0, 0, 0, 20 * K, 0, 0, 0),
            notes=(
                "",
                "",
                "",
                "",
                "Extra stewarding for the fireworks.",
                "Fireworks costs met from sponsorship.",
            ),
        ),
        Line(
            "TOU-BEACHINC",
            "Beach huts and seafront concessions",
            TOU,
            INC,
            "Head of Seafront Services",
            1_060_000,
            "POOLE-P2-O1",
            shape="beach",
            story=(0, 0, -10 * K, -15 * K, -15 * K, -15 * K, -15 * K, -15 * K),
            notes=("", "", "Concession turnover rent above budget."),
        ),
        Line(
            "TOU-CPK",
            "Car parks operation",
            TOU,
            EXP,
            "Head of Seafront Services",
            1_470_000,
            story=(0, 0, 0, None, 0, 0, 0, 0),
        ),
        Line(
            "TOU-CPKINC",
            "Car parking income",
            TOU,
            INC,
            "Head of Seafront Services",
            5_850_000,
            "POOLE-P2-O1",
            shape="parking",
            story=(0, 0, 120 * K, 200 * K, 280 * K, 320 * K, 340 * K, 360 * K),
            notes=(
                "",
                "",
                "Ticket sales 6% down: wet June and the new tariff (SAV-03).",
                "July down 8% on budget; seafront visitor numbers down.",
                "August, the peak month, 9% below budget.",
                "Season ended £250,000 short; winter forecast also cut.",
                "Town centre car parks also below budget.",
                "Forecast shortfall £360,000; tariff review to Cabinet in January.",
            ),
        ),
        Line(
            "REV-ADMIN",
            "Revenues and benefits administration",
            REV,
            EXP,
            "Head of Revenues",
            3_180_000,
            "POOLE-P5",
            story=(0, -30 * K, -60 * K, -90 * K, -110 * K, -130 * K, -100 * K, -110 * K),
            notes=(
                "",
                "Four vacancies held pending the service review.",
                "Six vacancies; recruitment paused.",
                "Seven vacancies.",
                "Vacancies held for the shared service (SAV-07).",
                "Underspend of £130,000 from vacancies.",
                "£45,000 vired to customer services for the telephony upgrade.",
                "Vacancies continue to March.",
            ),
        ),
        Line(
            "REV-HB",
            "Housing benefit payments net of subsidy",
            REV,
            EXP,
            "Benefits Manager",
            640_000,
            "POOLE-P1",
            "50000",
            story=(0, 0, 0, 20 * K, 20 * K, 35 * K, 40 * K, 45 * K),
            notes=(
                "",
                "",
                "",
                "Overpayments recovered below budget.",
                "",
                "Supported exempt accommodation not fully subsidised.",
                "",
                "Subsidy loss on exempt accommodation rising.",
            ),
        ),
        Line(
            "REV-COURT",
            "Council tax court costs recovered",
            REV,
            INC,
            "Head of Revenues",
            520_000,
            story=(None, None, None, None, None, None, None, None),
        ),
        Line(
            "REV-CC",
            "Contact centre and one-stop shop",
            REV,
            EXP,
            "Customer Services Manager",
            1_560_000,
            "POOLE-P5",
            on_revised=True,
            notes=("", "", "", "", "", "", "Telephony upgrade funded by virement."),
        ),
        Line(
            "EH-FOOD",
            "Food safety, health protection and licensing",
            EHL,
            EXP,
            "Environmental Health Manager",
            1_470_000,
            story=(0, 0, -10 * K, -10 * K, -10 * K, -10 * K, -10 * K, -10 * K),
            notes=("", "", "Part-time vacancy in food safety."),
        ),
        Line(
            "EH-LICINC",
            "Licensing fees",
            EHL,
            INC,
            "Licensing Manager",
            420_000,
            story=(0, 0, 0, 0, None, 0, 0, 0),
            notes=(
                "",
                "",
                "",
                "",
                "",
                "",
                "Fewer temporary event notices, more premises licences.",
                "",
            ),
        ),
        Line(
            "COR-DEM",
            "Corporate and democratic core",
            COR,
            EXP,
            "Head of Legal and Democratic Services",
            2_580_000,
            "POOLE-CS",
        ),
        Line(
            "COR-FIN",
            "Financial services",
            COR,
            EXP,
            "Head of Financial Services",
            1_930_000,
            "POOLE-P5-O1;SU-FIN;FIN-1;ACC-1;TP-ACC",
            story=(0, 0, -15 * K, -15 * K, -20 * K, -20 * K, -25 * K, -25 * K),
            notes=("", "", "Accountant vacancy."),
        ),
        Line(
            "COR-PROP",
            "Corporate property and facilities",
            COR,
            EXP,
            "Head of Property",
            2_850_000,
            commitments=True,
            reversal=24_850,
            story=(0, 0, 0, 0, 30 * K, 40 * K, 40 * K, 45 * K),
            notes=(
                "April reflects the reversal of 2024/25 year-end accruals.",
                "",
                "",
                "",
                "Reactive repairs at the Civic Centre.",
                "Civic Centre roof repairs.",
                "",
                "Boiler replacement at the Dolphin Centre offices.",
            ),
        ),
        Line(
            "COR-RENTS",
            "Commercial property rents",
            COR,
            INC,
            "Head of Property",
            1_720_000,
            classification="internal",
            story=(0, 0, 0, 0, 0, 0, 25 * K, 25 * K),
            notes=("", "", "", "", "", "", "Unit 4 Nuffield Road vacant from October.", ""),
        ),
        Line(
            "COR-HR",
            "Human resources and payroll",
            COR,
            EXP,
            "HR Manager",
            1_240_000,
            classification="internal",
        ),
        Line(
            "COR-CONT",
            "Corporate contingency",
            COR,
            EXP,
            "Head of Financial Services",
            900_000,
            "POOLE-P5-O1",
            on_revised=True,
            notes=(
                "",
                "",
                "",
                "£250,000 released to temporary accommodation.",
                "",
                "£300,000 released to home care.",
            ),
        ),
        Line(
            "COR-CAPFIN",
            "Capital financing and interest",
            COR,
            EXP,
            "Head of Financial Services",
            4_200_000,
            "POOLE-MTFP",
            story=(0, 0, 0, 0, -50 * K, -60 * K, -80 * K, -80 * K),
            notes=(
                "",
                "",
                "",
                "",
                "Interest on balances above budget.",
                "",
                "Borrowing for the fleet deferred to 2026/27.",
            ),
        ),
    ]
    virements = [
        (
            "CUL-LIB",
            "CUL-ARTS",
            20_000,
            "Head of Culture and Community Learning",
            "2025-05-20",
            "Lighthouse outreach season (ARTS-1) funded from the library book fund",
        ),
        (
            "OPS-DISP",
            "OPS-FLEET",
            85_000,
            "Head of Financial Services",
            "2025-06-24",
            "Fuel and vehicle hire pressure met from lower landfill tonnage",
        ),
        (
            "COR-CONT",
            "HSG-TA",
            250_000,
            "Cabinet",
            "2025-07-08",
            "Rising demand for temporary accommodation",
        ),
        (
            "COR-CONT",
            "ASC-HOME",
            300_000,
            "Cabinet",
            "2025-09-09",
            "Home care provider rate uplift of 6.5%",
        ),
        (
            "REV-ADMIN",
            "REV-CC",
            45_000,
            "Head of Financial Services",
            "2025-10-14",
            "Vacancy savings fund the contact centre telephony upgrade",
        ),
    ]
    net = sum(ln.original * (1 if ln.kind == EXP else -1) for ln in lines)
    pressures_2025 = [
        ("Pay award 2025/26 (3%)", 1_600_000, "National pay award"),
        ("Employer National Insurance increase", 620_000, "From April 2025"),
        ("Contract inflation", 950_000, "Care, waste and leisure contracts"),
        ("Adult social care demand", 2_400_000, "Older people and learning disability placements"),
        ("Temporary accommodation", 450_000, "Homelessness demand"),
        ("Waste fleet replacement", 300_000, "Borrowing costs of new refuse vehicles"),
    ]
    savings = [
        (
            "SAV-01",
            "Waste round reconfiguration",
            "2025/26",
            420_000,
            "delivered",
            "420000",
            OPS,
            "Head of Operations",
            "OPS-WASTE",
            "New rounds from April 2025.",
        ),
        (
            "SAV-02",
            "Vacancy management across all services",
            "2025/26",
            500_000,
            "on-track",
            "310000",
            COR,
            "Head of Financial Services",
            "",
            "£310,000 delivered to November.",
        ),
        (
            "SAV-03",
            "Car parking tariff increase",
            "2025/26",
            350_000,
            "at-risk",
            "90000",
            TOU,
            "Head of Seafront Services",
            "TOU-CPKINC",
            "Ticket sales below budget; see TOU-CPKINC.",
        ),
        (
            "SAV-04",
            "Leisure contract renegotiation",
            "2025/26",
            280_000,
            "delivered",
            "280000",
            CUL,
            "Head of Culture and Community Learning",
            "CUL-LEIS",
            "",
        ),
        (
            "SAV-05",
            "Digital customer services (channel shift)",
            "2025/26",
            180_000,
            "at-risk",
            "60000",
            REV,
            "Customer Services Manager",
            "REV-CC",
            "Online forms live in January, not October.",
        ),
        (
            "SAV-06",
            "Pre-application advice charging",
            "2025/26",
            90_000,
            "unachievable",
            "0",
            PLN,
            "Head of Planning and Regeneration",
            "PLN-FEES",
            "Demand has fallen with applications.",
        ),
        (
            "SAV-07",
            "Shared revenues and benefits service",
            "2026/27",
            600_000,
            "on-track",
            "",
            REV,
            "Head of Revenues",
            "REV-ADMIN",
            "Business case approved by Cabinet in October.",
        ),
        (
            "SAV-08",
            "Garden waste charge increase",
            "2026/27",
            150_000,
            "on-track",
            "",
            OPS,
            "Head of Operations",
            "OPS-GARDEN",
            "",
        ),
        (
            "SAV-09",
            "Office rationalisation",
            "2026/27",
            400_000,
            "at-risk",
            "",
            COR,
            "Head of Property",
            "COR-PROP",
            "Depends on the sale of the Park Lake Road offices.",
        ),
        (
            "SAV-10",
            "Reablement reducing care packages",
            "2027/28",
            750_000,
            "on-track",
            "",
            ASC,
            "Head of Adult Social Care",
            "ASC-HOME",
            "",
        ),
        (
            "SAV-11",
            "Children's placement sufficiency",
            "2027/28",
            500_000,
            "at-risk",
            "",
            CHS,
            "Head of Children's Social Care",
            "CHS-LAC",
            "Two in-house children's homes needed.",
        ),
    ]
    mtfp = _mtfp(
        net,
        pressures_2025,
        savings,
        first_funding=(16_020_000, 9_950_000),
        first_reserves=1_200_000,
        later=[
            (
                "2026/27",
                [
                    ("Pay award 2026/27 (3%)", 1_600_000, ""),
                    ("Contract inflation", 1_500_000, ""),
                    ("Adult social care demand", 2_800_000, ""),
                    ("Temporary accommodation", 600_000, "Numbers in 2025/26 above the plan"),
                    ("Waste fleet replacement", 450_000, "Second tranche of vehicles"),
                ],
                ("0.0585", "0.02", "-0.08"),
                1_000_000,
            ),
            (
                "2027/28",
                [
                    ("Pay award 2027/28 (2.5%)", 1_400_000, ""),
                    ("Contract inflation", 1_400_000, ""),
                    ("Adult social care demand", 3_000_000, ""),
                    ("Temporary accommodation", 300_000, ""),
                ],
                ("0.0585", "0.02", "-0.10"),
                500_000,
            ),
            (
                "2028/29",
                [
                    ("Pay award 2028/29 (2.5%)", 1_450_000, ""),
                    ("Contract inflation", 1_450_000, ""),
                    ("Adult social care demand", 3_200_000, ""),
                    ("Waste fleet replacement", 300_000, ""),
                ],
                ("0.0585", "0.02", "-0.10"),
                0,
            ),
        ],
    )
    unit_costs = [
        (
            "POOLE UC1",
            "Cost per household of waste collection (annualised)",
            "OPS-WASTE",
            "POOLE 11",
            "12",
            "2",
            "public",
            "lower",
            "£",
            "",
        ),
        (
            "POOLE UC2",
            "Cost per planning application decided",
            "PLN-DM",
            "POOLE 12",
            "1",
            "0",
            "public",
            "lower",
            "£",
            "",
        ),
        (
            "POOLE UC3",
            "Net cost per library visit",
            "CUL-LIB",
            "POOLE LIB",
            "1",
            "2",
            "public",
            "lower",
            "£",
            "",
        ),
    ]
    indicators = [
        "POOLE 11,Households served by kerbside waste collection (households a month),none,sum,"
        "monthly,households,0,,,,,Operations (waste and street scene),Head of Operations,no,"
        'Collection round system,,public,POOLE-P4-O1,"Households on the collection rounds each '
        "month, added up over the period (a year's total is twelve times the average served); "
        'the activity behind the cost per household of waste collection (POOLE UC1).",,,',
        "POOLE 12,Planning applications decided,none,sum,monthly,applications,0,,,,,"
        "Planning and building control,Head of Planning and Regeneration,no,PS1/PS2 returns "
        '(DLUHC),,public,POOLE-P2,"Major, minor and other applications decided in the month; '
        'the activity behind the cost per planning application decided (POOLE UC2).",,,',
    ]
    values = activity_values(
        folder, ("POOLE 11", 65_120, 22, "Waste Manager"), ("POOLE 12", 40, "Development Manager")
    )
    return Council("poole", lines, virements, mtfp, savings, unit_costs, indicators, values, 2025)


def _mtfp(
    net: int,
    pressures: list[tuple[str, int, str]],
    savings: list[tuple[str, str, str, int, str, str, str, str, str, str]],
    later: list[tuple[str, list[tuple[str, int, str]], tuple[str, str, str], int]],
    first_funding: tuple[int, int],
    first_reserves: int,
) -> list[tuple[str, str, str, int, str]]:
    """The plan: 2025/26 balanced (its requirement is the lines' net original budget,
    council tax taking up what business rates, grant and reserves leave), later years
    bringing their base forward, with funding grown (or cut) by the given rates."""
    rows: list[tuple[str, str, str, int, str]] = []

    def year_savings(year: str) -> list[tuple[str, str, str, int, str]]:
        return [(year, "saving", s[0], s[3], s[1]) for s in savings if s[2] == year]

    first_savings = year_savings(YEAR)
    base = net - sum(p[1] for p in pressures) + sum(s[3] for s in first_savings)
    rows.append((YEAR, "base", "Net budget brought forward from 2024/25", base, ""))
    rows.extend((YEAR, "pressure", item, amount, note) for item, amount, note in pressures)
    rows.extend(first_savings)
    rates, grant = first_funding
    tax = net - rates - grant - first_reserves
    rows.append((YEAR, "funding", "Council tax", tax, "Band D up 4.99%"))
    rows.append((YEAR, "funding", "Retained business rates", rates, ""))
    rows.append((YEAR, "funding", "Revenue support grant and funding guarantee", grant, ""))
    if first_reserves:
        rows.append((YEAR, "reserves", "Budget equalisation reserve", first_reserves, ""))
    amounts = [Decimal(tax), Decimal(rates), Decimal(grant)]
    for year, year_pressures, growth, reserves in later:
        amounts = [
            (a * (1 + Decimal(g)) / 1000).quantize(Decimal(1), rounding=ROUND_HALF_UP) * 1000
            for a, g in zip(amounts, growth, strict=True)
        ]
        rows.extend((year, "pressure", item, amount, note) for item, amount, note in year_pressures)
        rows.extend(year_savings(year))
        rows.append(
            (year, "funding", "Council tax", int(amounts[0]), "Band D up 4.99% and tax base growth")
        )
        rows.append((year, "funding", "Retained business rates", int(amounts[1]), ""))
        rows.append(
            (
                year,
                "funding",
                "Revenue support grant and funding guarantee",
                int(amounts[2]),
                "Indicative: the funding reforms reduce grant",
            )
        )
        if reserves:
            rows.append((year, "reserves", "Budget equalisation reserve", reserves, ""))
    return rows


# --- Rossendale --------------------------------------------------------------------------

SLV, PLA, HAH = "Streetscene and liveability", "Planning", "Health and housing"
COMM, REG, CSV = "Communities", "Regeneration", "Customer services and e-government"
FAP, LAD, PAP = "Finance and property", "Legal and democratic", "People and policy"


def rossendale() -> Council:
    folder = ROOT / "rossendale"
    lines = [
        Line(
            "SL-WASTE",
            "Refuse and recycling collection",
            SLV,
            EXP,
            "Head of Operations",
            1_780_000,
            "RBC-O6;SL-2;OPS-2",
            notes=("On budget.",),
        ),
        Line(
            "SL-GARDEN",
            "Garden waste subscriptions",
            SLV,
            INC,
            "Head of Operations",
            560_000,
            "SL-2",
            shape="garden",
            story=(0, -10 * K, -10 * K, -10 * K, -10 * K, -10 * K, -10 * K, -10 * K),
            notes=("", "14,300 subscriptions against 14,000 budgeted."),
        ),
        Line(
            "SL-TRADE",
            "Trade waste",
            SLV,
            INC,
            "Head of Operations",
            330_000,
            story=(0, 0, None, 0, None, 0, 0, 0),
        ),
        Line(
            "SL-RECINC",
            "Recycling credits and materials income",
            SLV,
            INC,
            "Head of Operations",
            280_000,
            "SL-2",
            story=(0, 0, 0, 3 * K, 5 * K, 5 * K, 5 * K, 5 * K),
            notes=("", "", "", "Paper and card prices down 15%.", "", "Prices still low."),
        ),
        Line(
            "SL-CLEAN",
            "Street cleansing and fly-tipping",
            SLV,
            EXP,
            "Head of Operations",
            950_000,
            "RBC-O6;SL-1;OPS-1",
            notes=("", "", "Rapid response crew (OPS-1) within budget."),
        ),
        Line(
            "SL-FLEET",
            "Fleet and depot",
            SLV,
            EXP,
            "Operations Manager",
            460_000,
            commitments=True,
            story=(10 * K, 15 * K, 0, 5 * K, 8 * K, 9 * K, 9 * K, 9 * K),
            notes=(
                "Hire of a refuse vehicle while ours is repaired.",
                "Vehicle hire continues.",
                "£25,000 vired from parks.",
                "Tyres and parts.",
                "",
                "Depot electricity above budget.",
                "",
                "",
            ),
        ),
        Line(
            "SL-PARKS",
            "Parks, playgrounds and cemeteries",
            SLV,
            EXP,
            "Head of Operations",
            620_000,
            "RBC-O6",
            on_revised=True,
        ),
        Line(
            "SL-BEREAVE",
            "Bereavement services income",
            SLV,
            INC,
            "Head of Operations",
            210_000,
            story=(0, 0, 0, 0, 0, 0, None, 0),
        ),
        Line(
            "PL-DM",
            "Development management",
            PLA,
            EXP,
            "Head of Planning",
            610_000,
            "RBC-O7;PL-1;DM-1",
            story=(0, 0, 0, 0, None, 0, 0, 0),
        ),
        Line(
            "PL-FEES",
            "Planning application fees",
            PLA,
            INC,
            "Head of Planning",
            480_000,
            "PL-1",
            story=(0, 20 * K, 30 * K, 40 * K, 45 * K, 50 * K, 50 * K, 48 * K),
            notes=(
                "",
                "Major applications down on 2024/25.",
                "No major housing applications since April.",
                "Householder applications 10% down.",
                "",
                "Fee income forecast £50,000 below budget.",
                "",
                "Fee for the Futures Park scheme received.",
            ),
        ),
        Line("PL-BC", "Building control", PLA, EXP, "Head of Planning", 250_000),
        Line(
            "PL-BCFEES",
            "Building control fees",
            PLA,
            INC,
            "Head of Planning",
            220_000,
            story=(None, None, None, None, None, None, None, None),
        ),
        Line(
            "PL-POL",
            "Local plan and planning policy",
            PLA,
            EXP,
            "Head of Planning",
            210_000,
            "DM-2",
            notes=("", "", "", "", "", "Examination costs within budget."),
        ),
        Line(
            "HH-TA",
            "Homelessness and temporary accommodation",
            HAH,
            EXP,
            "Head of Health and Housing",
            260_000,
            "RBC-O4",
            commitments=True,
            story=(0, 15 * K, 40 * K, 25 * K, 45 * K, 60 * K, 70 * K, 78 * K),
            notes=(
                "",
                "18 households in temporary accommodation against 12 budgeted.",
                "22 households; 9 in bed and breakfast.",
                "Cabinet approved £60,000 from contingency.",
                "26 households; no self-contained units available.",
                "28 households; B&B costs £75 a night, subsidy covers £40.",
                "29 households.",
                "30 households; forecast assumes no further rise.",
            ),
        ),
        Line(
            "HH-HOM",
            "Housing options and prevention",
            HAH,
            EXP,
            "Strategic Housing Manager",
            240_000,
            "RBC-O4",
        ),
        Line(
            "HH-PSH",
            "Private sector housing and empty homes",
            HAH,
            EXP,
            "Private Sector Housing Manager",
            230_000,
            "HH-1;PSH-1",
            story=(0, 0, -3 * K, -3 * K, -4 * K, -4 * K, -4 * K, -4 * K),
            notes=("", "", "Empty homes grant take-up slower than planned."),
        ),
        Line(
            "HH-EH",
            "Environmental health",
            HAH,
            EXP,
            "Environmental Health Manager",
            440_000,
            "HH-2;EH-1",
            story=(0, 0, 0, None, 0, 0, 0, 0),
        ),
        Line("HH-LIC", "Licensing fees", HAH, INC, "Licensing Manager", 170_000),
        Line(
            "COM-LEIS",
            "Leisure trust management fee",
            COMM,
            EXP,
            "Head of Communities",
            780_000,
            "RBC-O2;HH-2",
            commitments=True,
            story=(0, 0, 0, 0, 10 * K, 12 * K, 15 * K, 15 * K),
            notes=(
                "",
                "",
                "",
                "",
                "Trust asks for help with energy costs.",
                "Energy support of £15,000 agreed in principle.",
            ),
        ),
        Line(
            "COM-CS",
            "Community safety and CCTV",
            COMM,
            EXP,
            "Community Safety Manager",
            190_000,
            "RBC-O1;COM-1;CS-1",
        ),
        Line(
            "COM-YTH",
            "Youth and neighbourhood forums",
            COMM,
            EXP,
            "Head of Communities",
            120_000,
            "COM-2;COM-3;CS-2",
            story=(None, None, None, None, None, None, None, None),
        ),
        Line(
            "REG-ED",
            "Economic development and business support",
            REG,
            EXP,
            "Head of Regeneration",
            300_000,
            "RBC-O3;REG-2;BIZ-1",
        ),
        Line(
            "REG-TC",
            "Town centres and markets",
            REG,
            EXP,
            "Town Centre Manager",
            210_000,
            "REG-1;TC-1;TC-2",
        ),
        Line(
            "REG-MKTINC",
            "Markets income (Bacup and Rawtenstall)",
            REG,
            INC,
            "Town Centre Manager",
            140_000,
            story=(0, 0, 0, 0, 0, 0, 0, 0),
            notes=("", "", "", "", "", "", "Two stalls vacant; lettings campaign."),
        ),
        Line(
            "CSE-CC",
            "Customer contact centre",
            CSV,
            EXP,
            "Customer Services Manager",
            520_000,
            "RBC-O9;CSE-1;CC-1;CC-2",
        ),
        Line(
            "CSE-ICT",
            "ICT and digital services",
            CSV,
            EXP,
            "Head of Customer Services",
            690_000,
            "RBC-O9;CC-1",
            commitments=True,
            reversal=18_420,
            on_revised=True,
            story=(0, 0, 0, 0, 0, 10 * K, 12 * K, 12 * K),
            notes=(
                "April reflects the reversal of 2024/25 year-end accruals.",
                "",
                "",
                "",
                "",
                "Microsoft licence renewal 18% up.",
                "Cyber security tools.",
                "",
            ),
        ),
        Line(
            "FP-ACC",
            "Accountancy and audit",
            FAP,
            EXP,
            "Head of Finance",
            560_000,
            "RBC-O10;FP-1;ACC-1;ACC-2",
        ),
        Line(
            "FP-REVBEN",
            "Revenues and benefits administration",
            FAP,
            EXP,
            "Head of Revenues",
            960_000,
            "RBC-O10",
            story=(0, -15 * K, -30 * K, -40 * K, -55 * K, -25 * K, -28 * K, -30 * K),
            notes=(
                "",
                "Two benefits assessor vacancies.",
                "Three vacancies.",
                "Recruitment paused pending the shared service review.",
                "Four vacancies.",
                "£40,000 vired to ICT for online forms (CC-1).",
                "",
                "Vacancies held to March.",
            ),
        ),
        Line(
            "FP-HB",
            "Housing benefit payments net of subsidy",
            FAP,
            EXP,
            "Benefits Manager",
            150_000,
            "",
            "25000",
            story=(0, 0, 0, 5 * K, 5 * K, 10 * K, 15 * K, 15 * K),
            notes=(
                "",
                "",
                "",
                "Overpayment recovery slower.",
                "",
                "Subsidy loss on supported accommodation.",
            ),
        ),
        Line("FP-CPK", "Car parks running costs", FAP, EXP, "Property Manager", 140_000),
        Line(
            "FP-CPKINC",
            "Car parking income",
            FAP,
            INC,
            "Property Manager",
            430_000,
            "RBC-O3",
            story=(0, 0, 10 * K, 15 * K, 25 * K, 30 * K, 35 * K, 38 * K),
            notes=(
                "",
                "",
                "Ticket sales 7% down on budget.",
                "Rawtenstall bus station works closed 60 spaces.",
                "Closure extended to December.",
                "Shortfall of £30,000 forecast; season tickets also down.",
                "",
                "Shortfall now £38,000; charges review for 2026/27 (SAV-R06).",
            ),
        ),
        Line(
            "FP-PROP",
            "Property and facilities",
            FAP,
            EXP,
            "Property Manager",
            480_000,
            "FP-1",
            commitments=True,
        ),
        Line(
            "FP-RENTS",
            "Commercial property rents",
            FAP,
            INC,
            "Property Manager",
            350_000,
            classification="internal",
        ),
        Line(
            "FP-CAPFIN",
            "Capital financing and interest",
            FAP,
            EXP,
            "Head of Finance",
            860_000,
            "RBC-O10",
            story=(0, 0, 0, -10 * K, -10 * K, -15 * K, -15 * K, -15 * K),
            notes=("", "", "", "Interest on balances above budget."),
        ),
        Line(
            "FP-CONT",
            "Contingency",
            FAP,
            EXP,
            "Head of Finance",
            150_000,
            "RBC-O10",
            on_revised=True,
            notes=(
                "",
                "",
                "",
                "£60,000 released to temporary accommodation.",
                "",
                "",
                "£15,000 released to elections.",
            ),
        ),
        Line(
            "LD-DEM",
            "Democratic representation and committee services",
            LAD,
            EXP,
            "Head of Legal and Democratic Services",
            460_000,
            "RBC-O11;LD-1",
        ),
        Line(
            "LD-ELE",
            "Elections and electoral registration",
            LAD,
            EXP,
            "Electoral Services Manager",
            170_000,
            "LD-1;ELE-1",
            "10000",
            shape="elections",
            story=(0, 0, 0, 0, 0, 17 * K, 2 * K, 4 * K),
            notes=(
                "",
                "",
                "",
                "",
                "",
                "Whitworth by-election on 6 November estimated at £17,000; virement requested.",
                "£15,000 vired from contingency for the by-election.",
                "By-election cost £19,000.",
            ),
        ),
        Line(
            "LD-LEGAL",
            "Legal services",
            LAD,
            EXP,
            "Head of Legal and Democratic Services",
            310_000,
            classification="internal",
        ),
        Line(
            "LD-LCINC",
            "Land charges income",
            LAD,
            INC,
            "Head of Legal and Democratic Services",
            95_000,
            story=(None, None, None, None, None, None, None, None),
        ),
        Line(
            "PP-HR",
            "HR, payroll and training",
            PAP,
            EXP,
            "HR Manager",
            320_000,
            "RBC-O11;PP-1;HR-1",
            classification="internal",
        ),
        Line(
            "PP-POL",
            "Corporate policy and communications",
            PAP,
            EXP,
            "Head of People and Policy",
            260_000,
            "RBC-O11",
        ),
    ]
    virements = [
        (
            "SL-PARKS",
            "SL-FLEET",
            25_000,
            "Head of Operations",
            "2025-06-16",
            "Vehicle hire while a refuse vehicle is repaired",
        ),
        (
            "FP-CONT",
            "HH-TA",
            60_000,
            "Cabinet",
            "2025-07-23",
            "Rising demand for temporary accommodation (bed and breakfast)",
        ),
        (
            "FP-REVBEN",
            "CSE-ICT",
            40_000,
            "Cabinet",
            "2025-09-24",
            "Vacancy savings fund online self-service forms (CC-1)",
        ),
        (
            "FP-CONT",
            "LD-ELE",
            15_000,
            "Head of Finance",
            "2025-10-06",
            "Whitworth ward by-election",
        ),
    ]
    net = sum(ln.original * (1 if ln.kind == EXP else -1) for ln in lines)
    pressures_2025 = [
        ("Pay award 2025/26 (3%)", 250_000, "National pay award"),
        ("Employer National Insurance increase", 110_000, "From April 2025"),
        ("Inflation on contracts and utilities", 150_000, ""),
        ("Temporary accommodation", 60_000, "Homelessness demand"),
        ("Waste fleet replacement", 90_000, "Borrowing costs of four refuse vehicles"),
    ]
    savings = [
        (
            "SAV-R01",
            "Garden waste charge increase to £40",
            "2025/26",
            60_000,
            "delivered",
            "60000",
            SLV,
            "Head of Operations",
            "SL-GARDEN",
            "",
        ),
        (
            "SAV-R02",
            "Vacancy management",
            "2025/26",
            120_000,
            "on-track",
            "85000",
            FAP,
            "Head of Finance",
            "",
            "£85,000 delivered to November.",
        ),
        (
            "SAV-R03",
            "Leisure trust management fee reduction",
            "2025/26",
            40_000,
            "at-risk",
            "20000",
            COMM,
            "Head of Communities",
            "COM-LEIS",
            "The trust seeks energy support.",
        ),
        (
            "SAV-R04",
            "Online payments and self-service (channel shift)",
            "2025/26",
            35_000,
            "on-track",
            "15000",
            CSV,
            "Head of Customer Services",
            "CSE-CC",
            "",
        ),
        (
            "SAV-R05",
            "Planning pre-application charges",
            "2025/26",
            25_000,
            "unachievable",
            "0",
            PLA,
            "Head of Planning",
            "PL-FEES",
            "Demand has fallen with applications.",
        ),
        (
            "SAV-R06",
            "Car parking charges review",
            "2026/27",
            50_000,
            "at-risk",
            "",
            FAP,
            "Property Manager",
            "FP-CPKINC",
            "Income already below budget in 2025/26.",
        ),
        (
            "SAV-R07",
            "Shared revenues and benefits service with a neighbour",
            "2026/27",
            150_000,
            "on-track",
            "",
            FAP,
            "Head of Revenues",
            "FP-REVBEN",
            "",
        ),
        (
            "SAV-R08",
            "Waste round optimisation",
            "2026/27",
            80_000,
            "on-track",
            "",
            SLV,
            "Head of Operations",
            "SL-WASTE",
            "",
        ),
        (
            "SAV-R09",
            "Asset disposals and office consolidation",
            "2027/28",
            100_000,
            "at-risk",
            "",
            FAP,
            "Property Manager",
            "FP-PROP",
            "Depends on selling Futures Park plots.",
        ),
    ]
    mtfp = _mtfp(
        net,
        pressures_2025,
        savings,
        first_funding=(2_450_000, 1_380_000),
        first_reserves=250_000,
        later=[
            (
                "2026/27",
                [
                    ("Pay award 2026/27 (3%)", 260_000, ""),
                    ("Inflation on contracts and utilities", 180_000, ""),
                    ("Temporary accommodation", 90_000, "Numbers in 2025/26 above the plan"),
                    ("Waste fleet replacement", 110_000, ""),
                ],
                ("0.04", "0.01", "-0.2"),
                200_000,
            ),
            (
                "2027/28",
                [
                    ("Pay award 2027/28 (2.5%)", 230_000, ""),
                    ("Inflation on contracts and utilities", 150_000, ""),
                    ("Temporary accommodation", 40_000, ""),
                ],
                ("0.04", "0.01", "-0.2"),
                100_000,
            ),
            (
                "2028/29",
                [
                    ("Pay award 2028/29 (2.5%)", 235_000, ""),
                    ("Inflation on contracts and utilities", 150_000, ""),
                    ("Waste fleet replacement", 60_000, ""),
                ],
                ("0.04", "0.01", "-0.2"),
                0,
            ),
        ],
    )
    unit_costs = [
        (
            "LPI UC1",
            "Cost per household of waste collection (annualised)",
            "SL-WASTE",
            "LPI 12",
            "12",
            "2",
            "public",
            "lower",
            "£",
            "",
        ),
        (
            "LPI UC2",
            "Cost per planning application decided",
            "PL-DM",
            "LPI 13",
            "1",
            "0",
            "public",
            "lower",
            "£",
            "",
        ),
        (
            "LPI UC3",
            "Cost per leisure centre visit (management fee)",
            "COM-LEIS",
            "LPI 02",
            "1",
            "2",
            "public",
            "lower",
            "£",
            "",
        ),
    ]
    indicators = [
        "LPI 12,Households served by kerbside waste collection (households a month),none,sum,"
        "monthly,households,0,,,,,Operations (waste and street scene),Head of Operations,no,"
        'Collection round system,,public,RBC-O6,"Households on the collection rounds each '
        "month, added up over the period (a year's total is twelve times the average served); "
        'the activity behind the cost per household of waste collection (LPI UC1).",,,',
        "LPI 13,Planning applications decided,none,sum,monthly,applications,0,,,,,"
        "Planning and building control,Head of Planning,no,PS1/PS2 returns (DLUHC),,public,"
        'RBC-O7,"Major, minor and other applications decided in the month; the activity '
        'behind the cost per planning application decided (LPI UC2).",,,',
    ]
    values = activity_values(
        folder, ("LPI 12", 31_240, 9, "Operations Manager"), ("LPI 13", 45, "Development Manager")
    )
    return Council(
        "rossendale", lines, virements, mtfp, savings, unit_costs, indicators, values, 2026
    )


def main() -> None:
    for council in (poole(), rossendale()):
        folder = ROOT / council.key
        for name, rows in build(council).items():
            write_csv(folder / name, rows)
        new_codes = {row.split(",", 1)[0] for row in council.indicators}
        replace_rows(
            folder / "indicators.csv",
            new_codes,
            [next(csv.reader([row])) for row in council.indicators],
        )
        replace_rows(folder / "values.csv", new_codes, council.values)


if __name__ == "__main__":
    main()
