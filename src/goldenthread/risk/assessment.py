"""Scoring a register: every tier rated, appetite and escalation decided.

:func:`assess_risk` turns a :class:`~goldenthread.risk.register.Risk` into a
:class:`ScoredRisk`: its inherent, current and target :class:`~goldenthread.risk.matrix.Rating`
(``None`` where not rated), the appetite that applies and its tolerable maximum, whether
the current score is within appetite, and the escalations that fire.

Appetite is judged on the current rating of threats; for opportunities and unrated risks
``within_appetite`` is ``None``.
"""

from __future__ import annotations

from collections.abc import Iterable

from attrs import frozen

from goldenthread.risk.appetite import AppetiteLevel
from goldenthread.risk.escalation import Escalation, escalations
from goldenthread.risk.matrix import Rating, RiskMatrix
from goldenthread.risk.register import Assessment, Nature, Risk
from goldenthread.risk.settings import RiskSettings

__all__ = ["ScoredRisk", "assess_register", "assess_risk", "rate", "top_risks"]


@frozen
class ScoredRisk:
    """A risk with its ratings, appetite and escalations.

    Attributes:
        risk: the risk.
        inherent, current, target: ratings on the matrix, ``None`` where not rated.
        appetite: the appetite that applies (risk → category → organisation default).
        tolerance: the highest tolerable score under that appetite.
        within_appetite: whether the current score is at or below ``tolerance``
            (``None`` for opportunities and risks without a current rating).
        escalations: the escalation rules that fired.
    """

    risk: Risk
    inherent: Rating | None
    current: Rating | None
    target: Rating | None
    appetite: AppetiteLevel
    tolerance: int
    within_appetite: bool | None
    escalations: tuple[Escalation, ...] = ()

    @property
    def escalate(self) -> bool:
        """Whether any escalation rule fired."""
        return bool(self.escalations)

    def _repr_html_(self) -> str:
        """HTML for notebooks (:func:`goldenthread.notebook.scored_risk_html`)."""
        from goldenthread.notebook import scored_risk_html

        return scored_risk_html(self)

    def to_dict(self) -> dict[str, object]:
        """The JSON object ``goldenthread risks --format json`` prints for one risk."""
        r = self.risk
        return {
            "id": r.id,
            "title": r.title,
            "owner": r.owner,
            "category": r.category,
            "register": r.register.value,
            "status": r.status.value,
            "nature": r.nature.value,
            "objectives": list(r.objectives),
            "inherent": self.inherent.to_dict() if self.inherent else None,
            "current": self.current.to_dict() if self.current else None,
            "target": self.target.to_dict() if self.target else None,
            "appetite": self.appetite.value,
            "tolerance": self.tolerance,
            "within_appetite": self.within_appetite,
            "escalate": self.escalate,
            "escalations": [e.to_dict() for e in self.escalations],
        }


def rate(matrix: RiskMatrix, assessment: Assessment | None) -> Rating | None:
    """``assessment`` rated on ``matrix`` (``None`` stays ``None``).

    A likelihood or impact outside the scale raises :class:`~goldenthread.errors.InputError`.
    """
    if assessment is None:
        return None
    return matrix.rate(assessment.likelihood, assessment.impact)


def assess_risk(
    risk: Risk, settings: RiskSettings, level_ranks: dict[str, int] | None = None
) -> ScoredRisk:
    """Rate every tier of ``risk`` and decide appetite and escalation."""
    matrix = settings.matrix
    current = rate(matrix, risk.current)
    appetite = settings.appetite.level_for(risk.category, risk.appetite)
    tolerance = settings.tolerance(risk.category, risk.appetite)
    within = None
    if current is not None and risk.nature is Nature.THREAT:
        within = current.score <= tolerance
    if level_ranks is None:
        level_ranks = _ranks(matrix)
    return ScoredRisk(
        risk=risk,
        inherent=rate(matrix, risk.inherent),
        current=current,
        target=rate(matrix, risk.target),
        appetite=appetite,
        tolerance=tolerance,
        within_appetite=within,
        escalations=escalations(risk, current, within, settings.escalation, level_ranks),
    )


def _ranks(matrix: RiskMatrix) -> dict[str, int]:
    return {level.name.casefold(): i for i, level in enumerate(matrix.levels)}


def assess_register(risks: Iterable[Risk], settings: RiskSettings) -> tuple[ScoredRisk, ...]:
    """:func:`assess_risk` for every risk, in the order given."""
    ranks = _ranks(settings.matrix)
    return tuple(assess_risk(risk, settings, ranks) for risk in risks)


def top_risks(scored: Iterable[ScoredRisk], n: int = 10) -> tuple[ScoredRisk, ...]:
    """The ``n`` open threats with the worst current rating, worst first (ties by id)."""
    ranked = [
        ((-s.current.rank, -s.current.score, s.risk.id), s)
        for s in scored
        if s.current is not None and s.risk.is_open and s.risk.nature is Nature.THREAT
    ]
    ranked.sort(key=lambda pair: pair[0])
    return tuple(s for _, s in ranked[:n])
