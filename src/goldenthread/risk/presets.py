"""Matrix presets: the default 5×5 and smaller 4×4 and 3×3 matrices.

Each is a product matrix (likelihood × impact) with score bands:

========  ===============================================
preset    bands
========  ===============================================
5×5       1–4 Low, 5–12 Medium, 15–25 High (the default)
4×4       1–3 Low, 4–8 Medium, 9–16 High
3×3       1–2 Low, 3–4 Medium, 6–9 High
========  ===============================================

Likelihood levels carry a probability description and impact levels carry descriptions
per category (financial, service delivery, reputation, health and safety, legal and
regulatory, partnership).  Councils change any of it in their ``framework.toml`` or a
matrix file; these are starting points, not rules.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from goldenthread.errors import InputError
from goldenthread.risk.matrix import AxisLevel, Band, Level, RiskMatrix

__all__ = [
    "IMPACT_CATEGORIES",
    "PRESETS",
    "default_5x5",
    "four_by_four",
    "preset",
    "three_by_three",
]

IMPACT_CATEGORIES = (
    "financial",
    "service delivery",
    "reputation",
    "health and safety",
    "legal and regulatory",
    "partnership",
)
"""The impact categories the presets describe."""

GREEN = "#2E7D32"
AMBER = "#F9A825"
RED = "#C62828"


def _impact(name: str, abbreviation: str, *texts: str) -> AxisLevel:
    return AxisLevel(
        name,
        description=texts[0],
        abbreviation=abbreviation,
        categories=dict(zip(IMPACT_CATEGORIES, texts[1:], strict=True)),
    )


def _levels(low: str, medium: str, high: str) -> tuple[Level, ...]:
    return (
        Level("Low", GREEN, low, "L"),
        Level("Medium", AMBER, medium, "M"),
        Level("High", RED, high, "H"),
    )


def default_5x5() -> RiskMatrix:
    """The default 5×5 product matrix: 1–4 Low, 5–12 Medium, 15–25 High."""
    likelihood = (
        AxisLevel("Rare", "less than 5% in the next 12 months", "R"),
        AxisLevel("Unlikely", "5% to 20% in the next 12 months", "U"),
        AxisLevel("Possible", "20% to 50% in the next 12 months", "P"),
        AxisLevel("Likely", "50% to 80% in the next 12 months", "L"),
        AxisLevel("Almost certain", "more than 80% in the next 12 months", "AC"),
    )
    impact = (
        _impact(
            "Negligible",
            "N",
            "Little or no effect",
            "under £10,000",
            "no noticeable disruption to services",
            "no media interest",
            "no injury",
            "no breach",
            "no effect on partnership working",
        ),
        _impact(
            "Minor",
            "Mi",
            "Small, short-lived effect",
            "£10,000 to £50,000",
            "brief disruption to a non-critical service",
            "local complaints",
            "minor injury, first aid",
            "minor breach, no sanction",
            "a partner raises concerns",
        ),
        _impact(
            "Moderate",
            "Mo",
            "Noticeable effect on a service or objective",
            "£50,000 to £250,000",
            "disruption to a service for up to a week",
            "adverse local media coverage",
            "injury needing medical treatment",
            "breach with possible sanction or claim",
            "a joint project is delayed",
        ),
        _impact(
            "Major",
            "Ma",
            "Serious effect on an objective",
            "£250,000 to £1 million",
            "a critical service unavailable for up to a week",
            "adverse regional or national coverage",
            "serious injury",
            "regulatory intervention or significant claim",
            "a partnership is at risk",
        ),
        _impact(
            "Critical",
            "C",
            "An objective cannot be achieved",
            "over £1 million",
            "a critical service unavailable for over a week",
            "sustained national coverage, loss of public confidence",
            "death or life-changing injury",
            "prosecution or statutory intervention",
            "a partnership breaks down",
        ),
    )
    return RiskMatrix(
        name="default-5x5",
        description="5×5 likelihood × impact: 1–4 Low, 5–12 Medium, 15–25 High",
        likelihood=likelihood,
        impact=impact,
        levels=_levels(
            "Manage by routine procedures",
            "Manage within the service; keep under review",
            "Act now; report to Management Team and Audit Committee",
        ),
        bands=(Band(1, 4), Band(5, 12), Band(15, 25)),
    )


def four_by_four() -> RiskMatrix:
    """A 4×4 product matrix: 1–3 Low, 4–8 Medium, 9–16 High."""
    return RiskMatrix(
        name="4x4",
        description="4×4 likelihood × impact: 1–3 Low, 4–8 Medium, 9–16 High",
        likelihood=(
            AxisLevel("Unlikely", "less than 10% in the next 12 months"),
            AxisLevel("Possible", "10% to 40% in the next 12 months"),
            AxisLevel("Likely", "40% to 80% in the next 12 months"),
            AxisLevel("Almost certain", "more than 80% in the next 12 months"),
        ),
        impact=(
            AxisLevel("Minor", "Small, short-lived effect"),
            AxisLevel("Moderate", "Noticeable effect on a service or objective"),
            AxisLevel("Major", "Serious effect on an objective"),
            AxisLevel("Critical", "An objective cannot be achieved"),
        ),
        levels=_levels("Routine", "Keep under review", "Act now"),
        bands=(Band(1, 3), Band(4, 8), Band(9, 16)),
    )


def three_by_three() -> RiskMatrix:
    """A 3×3 product matrix: 1–2 Low, 3–4 Medium, 6–9 High."""
    return RiskMatrix(
        name="3x3",
        description="3×3 likelihood × impact: 1–2 Low, 3–4 Medium, 6–9 High",
        likelihood=(
            AxisLevel("Low", "unlikely in the next 12 months"),
            AxisLevel("Medium", "may happen in the next 12 months"),
            AxisLevel("High", "expected in the next 12 months"),
        ),
        impact=(
            AxisLevel("Low", "Small, short-lived effect"),
            AxisLevel("Medium", "Noticeable effect on a service or objective"),
            AxisLevel("High", "An objective cannot be achieved"),
        ),
        levels=_levels("Routine", "Keep under review", "Act now"),
        bands=(Band(1, 2), Band(3, 4), Band(6, 9)),
    )


PRESETS: Mapping[str, Callable[[], RiskMatrix]] = MappingProxyType(
    {"default-5x5": default_5x5, "5x5": default_5x5, "4x4": four_by_four, "3x3": three_by_three}
)
"""Preset factories by name (``default-5x5`` and its alias ``5x5``, ``4x4``, ``3x3``)."""


def preset(name: str) -> RiskMatrix:
    """A new copy of the preset called ``name``; an unknown name raises ``InputError``."""
    try:
        return PRESETS[name]()
    except KeyError:
        known = ", ".join(PRESETS)
        raise InputError(f"unknown risk matrix preset {name!r} (known: {known})") from None
