"""Built-in risk matrices and scoring formulas, and the converter rule for formulas.

Matrices: the presets of :mod:`goldenthread.risk.presets` (``default-5x5``, ``4x4``,
``3x3``), each once under its own name.  Formulas: :data:`goldenthread.risk.scoring.
BUILTIN_FORMULAS`.  A :class:`~goldenthread.risk.scoring.Formula` holds code, so the
converter writes it as its name and reads it back from the scoring formulas every plugin
offers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

from goldenthread.hookspecs import hookimpl
from goldenthread.plugins import collect
from goldenthread.risk.matrix import RiskMatrix
from goldenthread.risk.presets import PRESETS
from goldenthread.risk.scoring import BUILTIN_FORMULAS, Formula

if TYPE_CHECKING:
    import cattrs

__all__ = [
    "goldenthread_converter_hooks",
    "goldenthread_risk_matrices",
    "goldenthread_risk_scoring_formulas",
]


@hookimpl
def goldenthread_risk_matrices() -> list[RiskMatrix]:
    """The preset matrices, once each under their own name."""
    matrices: dict[str, RiskMatrix] = {}
    for factory in PRESETS.values():
        matrix = factory()
        matrices.setdefault(matrix.name, matrix)
    return list(matrices.values())


@hookimpl
def goldenthread_risk_scoring_formulas() -> list[Formula]:
    """``product`` and its variants that add the impact or likelihood once or twice."""
    return list(BUILTIN_FORMULAS.values())


@hookimpl
def goldenthread_converter_hooks(converter: cattrs.Converter, pm: pluggy.PluginManager) -> None:
    """Write a :class:`Formula` as its name; read the name back from ``pm``'s formulas."""

    def structure(value: Any, _: type) -> Formula:
        if not isinstance(value, str):
            raise ValueError(f"expected a scoring formula's name, got {value!r}")
        formula: Formula = collect(pm, "risk_scoring_formulas")[value]
        return formula

    converter.register_unstructure_hook(Formula, lambda formula: formula.name)
    converter.register_structure_hook(Formula, structure)
