"""Benchmarks for risk registers: scoring and heat-mapping a register of 100,000 risks.

Run with ``pytest benchmarks/bench_risk.py --benchmark-enable -p no:cacheprovider``.
"""

from __future__ import annotations

import random

from pytest_benchmark.fixture import BenchmarkFixture

from goldenthread.io.risks import read_risks
from goldenthread.io.tables import read_csv_text
from goldenthread.risk import (
    Appetite,
    AppetiteLevel,
    Assessment,
    Control,
    EscalationRule,
    RegisterKind,
    Risk,
    RiskSettings,
    assess_register,
    default_5x5,
    heat_map,
    movement,
    register_findings,
)

N = 100_000
RNG = random.Random(7)
CATEGORIES = ["financial", "service delivery", "reputation", "health and safety", "partnership"]
REGISTERS = [RegisterKind.CORPORATE, RegisterKind.SERVICE, RegisterKind.PROJECT]


def _pair(top: int = 5) -> Assessment:
    return Assessment(RNG.randint(1, top), RNG.randint(1, top))


RISKS = [
    Risk(
        f"R{i}",
        "risk",
        category=RNG.choice(CATEGORIES),
        register=RNG.choice(REGISTERS),
        inherent=_pair(),
        current=_pair(),
        target=_pair(3),
        controls=(Control("c"),),
    )
    for i in range(N)
]
SETTINGS = RiskSettings(
    appetite=Appetite(AppetiteLevel.CAUTIOUS, {"health and safety": AppetiteLevel.AVERSE}),
    escalation=(
        EscalationRule(
            "up", RegisterKind.CORPORATE, (RegisterKind.SERVICE,), 15, outside_appetite=True
        ),
    ),
)
SCORED = assess_register(RISKS, SETTINGS)
PAIRS = [(RNG.randint(1, 5), RNG.randint(1, 5)) for _ in range(N)]
CSV = (
    "id,title,category,register,inherent_likelihood,inherent_impact,current_likelihood,"
    + ("current_impact,target_likelihood,target_impact\n")
    + "".join(
        f"R{i},risk,{r.category},{r.register.value},{r.inherent.likelihood},{r.inherent.impact},"  # type: ignore[union-attr]
        f"{r.current.likelihood},{r.current.impact},{r.target.likelihood},{r.target.impact}\n"  # type: ignore[union-attr]
        for i, r in enumerate(RISKS)
    )
)


def test_rate_100k_pairs(benchmark: BenchmarkFixture) -> None:
    matrix = default_5x5()

    def run() -> None:
        for lk, im in PAIRS:
            matrix.rate(lk, im)

    benchmark(run)


def test_assess_100k_risks(benchmark: BenchmarkFixture) -> None:
    scored = benchmark(assess_register, RISKS, SETTINGS)
    assert len(scored) == N


def test_heat_map_100k_risks(benchmark: BenchmarkFixture) -> None:
    def run() -> None:
        for tier in ("inherent", "current", "target"):
            heat_map(SCORED, SETTINGS.matrix, tier)

    benchmark(run)


def test_movement_100k_risks(benchmark: BenchmarkFixture) -> None:
    benchmark(movement, SCORED)


def test_consistency_100k_risks(benchmark: BenchmarkFixture) -> None:
    benchmark(register_findings, RISKS, SETTINGS.matrix)


def test_read_100k_row_risks_csv(benchmark: BenchmarkFixture) -> None:
    def run() -> None:
        read_risks(read_csv_text(CSV, "risks.csv"), SETTINGS)

    benchmark.pedantic(run, rounds=3, iterations=1)  # type: ignore[no-untyped-call]
