"""A council's risk settings: its matrix, appetite and escalation rules, as one value."""

from __future__ import annotations

from attrs import field, frozen

from goldenthread.periods import Frequency
from goldenthread.risk.appetite import Appetite, AppetiteLevel
from goldenthread.risk.escalation import EscalationRule
from goldenthread.risk.matrix import RiskMatrix
from goldenthread.risk.presets import default_5x5

__all__ = ["RiskSettings"]


@frozen
class RiskSettings:
    """What a bundle's ``[risk]`` section sets.

    Attributes:
        matrix: the risk matrix (default: the 5×5 preset).
        appetite: appetite per category and the organisation default; tolerances not
            set are the defaults scaled to ``matrix``.
        escalation: escalation rules, checked in order.
        review_frequency: how often risks are reviewed unless a risk says otherwise
            (default quarterly).

    Raises:
        InputError: the appetite's tolerances fall from averse to eager once the others
            take the matrix's defaults.
    """

    matrix: RiskMatrix = field(factory=default_5x5)
    appetite: Appetite = field(factory=Appetite)
    escalation: tuple[EscalationRule, ...] = ()
    review_frequency: Frequency = Frequency.QUARTERLY

    def __attrs_post_init__(self) -> None:
        # the appetite's own tolerances must fit the matrix's scaled defaults
        self.appetite.tolerances_for(self.matrix)

    def tolerance(self, category: str | None, override: AppetiteLevel | None = None) -> int:
        """The highest tolerable score on this matrix for a risk in ``category``: the
        appetite's tolerance, its default scaled to the matrix
        (:func:`~goldenthread.risk.appetite.default_tolerances`)."""
        return self.appetite.tolerance(category, override, matrix=self.matrix)
