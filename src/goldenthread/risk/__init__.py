"""Risk registers: matrices, ratings, appetite, escalation, heat maps and trends.

>>> import goldenthread as gt
>>> from goldenthread.risk import RiskMatrix, default_5x5
>>> default_5x5().rate(likelihood=4, impact=4).level
'High'

See :doc:`/tutorials/risk-registers` for a walk-through.
"""

from __future__ import annotations

from goldenthread._lazy import TYPE_CHECKING, lazy_exports

if TYPE_CHECKING:
    from goldenthread.risk.appetite import DEFAULT_TOLERANCES, Appetite, AppetiteLevel
    from goldenthread.risk.assessment import (
        ScoredRisk,
        assess_register,
        assess_risk,
        top_risks,
    )
    from goldenthread.risk.consistency import register_findings, risk_findings
    from goldenthread.risk.escalation import Escalation, EscalationRule, escalations
    from goldenthread.risk.heatmap import HeatMap, HeatMapCell, Move, heat_map, movement
    from goldenthread.risk.matrix import AxisLevel, Band, Level, Rating, RiskMatrix, matrix_findings
    from goldenthread.risk.presets import PRESETS, default_5x5, four_by_four, preset, three_by_three
    from goldenthread.risk.register import (
        ActionStatus,
        Assessment,
        Control,
        Effectiveness,
        Mitigation,
        Nature,
        RegisterKind,
        Risk,
        RiskStatus,
        Treatment,
    )
    from goldenthread.risk.scoring import BUILTIN_FORMULAS, Formula, formula_named, normalise
    from goldenthread.risk.settings import RiskSettings
    from goldenthread.risk.trends import (
        OverdueReview,
        Review,
        Trend,
        group_reviews,
        next_review_due,
        overdue_mitigations,
        overdue_reviews,
        register_on,
        reviews_on,
        risk_trend,
        trends_by_risk,
    )

__all__ = [
    "BUILTIN_FORMULAS",
    "DEFAULT_TOLERANCES",
    "PRESETS",
    "ActionStatus",
    "Appetite",
    "AppetiteLevel",
    "Assessment",
    "AxisLevel",
    "Band",
    "Control",
    "Effectiveness",
    "Escalation",
    "EscalationRule",
    "Formula",
    "HeatMap",
    "HeatMapCell",
    "Level",
    "Mitigation",
    "Move",
    "Nature",
    "OverdueReview",
    "Rating",
    "RegisterKind",
    "Review",
    "Risk",
    "RiskMatrix",
    "RiskSettings",
    "RiskStatus",
    "ScoredRisk",
    "Treatment",
    "Trend",
    "assess_register",
    "assess_risk",
    "default_5x5",
    "escalations",
    "formula_named",
    "four_by_four",
    "group_reviews",
    "heat_map",
    "matrix_findings",
    "movement",
    "next_review_due",
    "normalise",
    "overdue_mitigations",
    "overdue_reviews",
    "preset",
    "register_findings",
    "register_on",
    "reviews_on",
    "risk_findings",
    "risk_trend",
    "three_by_three",
    "top_risks",
    "trends_by_risk",
]

if not TYPE_CHECKING:
    __getattr__, __dir__ = lazy_exports(
        __name__,
        {
            "goldenthread.risk.appetite": ("DEFAULT_TOLERANCES", "Appetite", "AppetiteLevel"),
            "goldenthread.risk.assessment": (
                "ScoredRisk",
                "assess_register",
                "assess_risk",
                "top_risks",
            ),
            "goldenthread.risk.consistency": ("register_findings", "risk_findings"),
            "goldenthread.risk.escalation": ("Escalation", "EscalationRule", "escalations"),
            "goldenthread.risk.heatmap": ("HeatMap", "HeatMapCell", "Move", "heat_map", "movement"),
            "goldenthread.risk.matrix": (
                "AxisLevel",
                "Band",
                "Level",
                "Rating",
                "RiskMatrix",
                "matrix_findings",
            ),
            "goldenthread.risk.presets": (
                "PRESETS",
                "default_5x5",
                "four_by_four",
                "preset",
                "three_by_three",
            ),
            "goldenthread.risk.register": (
                "ActionStatus",
                "Assessment",
                "Control",
                "Effectiveness",
                "Mitigation",
                "Nature",
                "RegisterKind",
                "Risk",
                "RiskStatus",
                "Treatment",
            ),
            "goldenthread.risk.scoring": (
                "BUILTIN_FORMULAS",
                "Formula",
                "formula_named",
                "normalise",
            ),
            "goldenthread.risk.settings": ("RiskSettings",),
            "goldenthread.risk.trends": (
                "OverdueReview",
                "Review",
                "Trend",
                "group_reviews",
                "next_review_due",
                "overdue_mitigations",
                "overdue_reviews",
                "register_on",
                "reviews_on",
                "risk_trend",
                "trends_by_risk",
            ),
        },
    )
