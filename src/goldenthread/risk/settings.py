"""A council's risk settings: its matrix, appetite and escalation rules, as one value."""

from __future__ import annotations

from attrs import field, frozen

from goldenthread.periods import Frequency
from goldenthread.risk.appetite import Appetite
from goldenthread.risk.escalation import EscalationRule
from goldenthread.risk.matrix import RiskMatrix
from goldenthread.risk.presets import default_5x5

__all__ = ["RiskSettings"]


@frozen
class RiskSettings:
    """What a bundle's ``[risk]`` section sets.

    Attributes:
        matrix: the risk matrix (default: the 5×5 preset).
        appetite: appetite per category and the organisation default.
        escalation: escalation rules, checked in order.
        review_frequency: how often risks are reviewed unless a risk says otherwise
            (default quarterly).
    """

    matrix: RiskMatrix = field(factory=default_5x5)
    appetite: Appetite = field(factory=Appetite)
    escalation: tuple[EscalationRule, ...] = ()
    review_frequency: Frequency = Frequency.QUARTERLY
