"""Performance indicators: definitions, values, targets, RAG, direction and benchmarking.

The engine: :mod:`~.definition` (what an indicator is), :mod:`~.numbers` (reading
numeric cells and the states a figure can be in), :mod:`~.values` (recorded values),
:mod:`~.aggregation` (longer periods and larger units), :mod:`~.targets` (profiling and
year to date), :mod:`~.rag` (rules and their registry), :mod:`~.direction` (direction
of travel), :mod:`~.dataset` (an indexed in-memory set) and :mod:`~.assess` (everything
for one indicator and period).
"""

from __future__ import annotations

from goldenthread._lazy import TYPE_CHECKING, lazy_exports

if TYPE_CHECKING:
    from goldenthread.indicators.aggregation import (
        Aggregate,
        AggregationError,
        combine,
        combine_units,
    )
    from goldenthread.indicators.assess import Assessment, assess, assess_all
    from goldenthread.indicators.dataset import IndicatorSet
    from goldenthread.indicators.definition import (
        Aggregation,
        Classification,
        IndicatorDefinition,
        Tolerance,
        ToleranceKind,
    )
    from goldenthread.indicators.direction import Direction, direction_of_travel, trend_direction
    from goldenthread.indicators.numbers import ValueState, parse_number, round_half_up
    from goldenthread.indicators.polarity import DataStatus, Polarity, weakest_status
    from goldenthread.indicators.rag import (
        RagInput,
        RagRule,
        RagRules,
        RagStatus,
        UnknownRuleError,
        default_rules,
    )
    from goldenthread.indicators.targets import ResolvedTarget, Target
    from goldenthread.indicators.values import IndicatorValue

__all__ = [
    "Aggregate",
    "Aggregation",
    "AggregationError",
    "Assessment",
    "Classification",
    "DataStatus",
    "Direction",
    "IndicatorDefinition",
    "IndicatorSet",
    "IndicatorValue",
    "Polarity",
    "RagInput",
    "RagRule",
    "RagRules",
    "RagStatus",
    "ResolvedTarget",
    "Target",
    "Tolerance",
    "ToleranceKind",
    "UnknownRuleError",
    "ValueState",
    "assess",
    "assess_all",
    "combine",
    "combine_units",
    "default_rules",
    "direction_of_travel",
    "parse_number",
    "round_half_up",
    "trend_direction",
    "weakest_status",
]

if not TYPE_CHECKING:
    __getattr__, __dir__ = lazy_exports(
        __name__,
        {
            "goldenthread.indicators.aggregation": (
                "Aggregate",
                "AggregationError",
                "combine",
                "combine_units",
            ),
            "goldenthread.indicators.assess": ("Assessment", "assess", "assess_all"),
            "goldenthread.indicators.dataset": ("IndicatorSet",),
            "goldenthread.indicators.definition": (
                "Aggregation",
                "Classification",
                "IndicatorDefinition",
                "Tolerance",
                "ToleranceKind",
            ),
            "goldenthread.indicators.direction": (
                "Direction",
                "direction_of_travel",
                "trend_direction",
            ),
            "goldenthread.indicators.numbers": ("ValueState", "parse_number", "round_half_up"),
            "goldenthread.indicators.polarity": ("DataStatus", "Polarity", "weakest_status"),
            "goldenthread.indicators.rag": (
                "RagInput",
                "RagRule",
                "RagRules",
                "RagStatus",
                "UnknownRuleError",
                "default_rules",
            ),
            "goldenthread.indicators.targets": ("ResolvedTarget", "Target"),
            "goldenthread.indicators.values": ("IndicatorValue",),
        },
    )
