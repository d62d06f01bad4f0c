"""The example councils' risk registers: they load, link to real objectives, and are clean."""

from __future__ import annotations

import datetime as dt
import tomllib
from importlib.resources import files
from pathlib import Path

import pytest

from goldenthread.findings import has_errors
from goldenthread.io.risks import read_risk_reviews, read_risks, risk_settings_from_toml
from goldenthread.io.tables import read_csv
from goldenthread.risk import (
    RegisterKind,
    Trend,
    assess_register,
    group_reviews,
    heat_map,
    matrix_findings,
    overdue_reviews,
    register_findings,
    trends_by_risk,
)

COUNCILS = ["rossendale", "poole"]


def folder(council: str) -> Path:
    return Path(str(files("goldenthread.examples"))) / council


@pytest.mark.parametrize("council", COUNCILS)
def test_example_register(council: str) -> None:
    root = folder(council)
    settings = risk_settings_from_toml(
        tomllib.loads((root / "framework.toml").read_text(encoding="utf-8")), "framework.toml"
    )
    risks = read_risks(read_csv(root / "risks.csv"), settings)
    reviews = read_risk_reviews(
        read_csv(root / "risk_reviews.csv"), settings, {r.id for r in risks}
    )
    assert len(risks) >= 20
    assert {r.register for r in risks} >= {RegisterKind.CORPORATE, RegisterKind.SERVICE}
    assert len({r.reviewed_on for r in reviews}) >= 4  # several quarters of reviews
    assert matrix_findings(settings.matrix) == ()
    assert not has_errors(register_findings(risks, settings.matrix))
    scored = assess_register(risks, settings)
    assert any(s.escalate for s in scored)
    assert any(s.within_appetite is False for s in scored)
    assert heat_map(scored, settings.matrix, "current").total == sum(r.is_open for r in risks)
    found = set(trends_by_risk(reviews, settings.matrix).values())
    assert {Trend.NEW, Trend.CLOSED, Trend.STABLE} <= found
    assert found & {Trend.RISING, Trend.FALLING}
    assert overdue_reviews(risks, group_reviews(reviews), dt.date(2026, 4, 15))


@pytest.mark.parametrize("council", COUNCILS)
def test_objectives_are_thread_items(council: str) -> None:
    ids = {row.get("id") for row in read_csv(folder(council) / "items.csv")}
    settings = risk_settings_from_toml(
        tomllib.loads((folder(council) / "framework.toml").read_text(encoding="utf-8")), "f"
    )
    for risk in read_risks(read_csv(folder(council) / "risks.csv"), settings):
        assert risk.objectives, risk.id
        assert set(risk.objectives) <= ids, (risk.id, set(risk.objectives) - ids)
        for m in risk.mitigations:
            if m.action.replace("-", "").isalnum() and " " not in m.action:
                assert m.action in ids, (risk.id, m.action)
