"""Consistency checks on risks: ratings that do not add up are findings, never accepted silently.

============================  ========  ===================================================
code                          severity  when
============================  ========  ===================================================
``rating-outside-scale``      error     a likelihood or impact is not on the matrix's scale
``current-above-inherent``    error     the current rating is worse than the inherent one
``lowered-without-controls``  warning   current is below inherent but no control is recorded
``target-not-rated``          warning   current is rated but target is not
``current-not-rated``         warning   inherent is rated but current is not (open risks)
``target-above-current``      warning   the target is worse than the current rating
``duplicate-risk``            error     two risks share an id
============================  ========  ===================================================

"Worse" compares level first, then score (:attr:`~goldenthread.risk.matrix.Rating.key`).
The three checks that compare tiers (``current-above-inherent``,
``lowered-without-controls``, ``target-above-current``) apply to threats only: an
opportunity is meant to grow.
"""

from __future__ import annotations

from collections.abc import Iterable

from goldenthread.errors import InputError
from goldenthread.findings import Finding, Severity
from goldenthread.risk.matrix import Rating, RiskMatrix
from goldenthread.risk.register import Assessment, Nature, Risk

__all__ = ["register_findings", "risk_findings"]


def _rate(matrix: RiskMatrix, risk: Risk, tier: str, found: list[Finding]) -> Rating | None:
    assessment: Assessment | None = getattr(risk, tier)
    if assessment is None:
        return None
    try:
        return matrix.rate(assessment.likelihood, assessment.impact)
    except InputError as exc:
        found.append(
            Finding("rating-outside-scale", Severity.ERROR, risk.id, f"{tier} rating: {exc}")
        )
        return None


def risk_findings(risk: Risk, matrix: RiskMatrix) -> tuple[Finding, ...]:
    """Every consistency finding for one risk (see the module table)."""
    found: list[Finding] = []
    inherent = _rate(matrix, risk, "inherent", found)
    current = _rate(matrix, risk, "current", found)
    target = _rate(matrix, risk, "target", found)
    threat = risk.nature is Nature.THREAT
    if threat and inherent is not None and current is not None:
        if current.key > inherent.key:
            found.append(
                Finding(
                    "current-above-inherent",
                    Severity.ERROR,
                    risk.id,
                    f"current rating {current.score} ({current.level}) is worse than the "
                    f"inherent rating {inherent.score} ({inherent.level}): controls cannot "
                    "make a risk worse; re-rate one of them",
                )
            )
        elif current.key < inherent.key and not risk.controls:
            found.append(
                Finding(
                    "lowered-without-controls",
                    Severity.WARNING,
                    risk.id,
                    f"current rating {current.score} is below the inherent rating "
                    f"{inherent.score} but no existing control is recorded",
                )
            )
    if inherent is not None and current is None and risk.current is None and risk.is_open:
        found.append(
            Finding(
                "current-not-rated",
                Severity.WARNING,
                risk.id,
                "the inherent rating is given but not the current rating",
            )
        )
    if current is not None and risk.target is None:
        found.append(
            Finding(
                "target-not-rated",
                Severity.WARNING,
                risk.id,
                "the current rating is given but not the target rating",
            )
        )
    if threat and current is not None and target is not None and target.key > current.key:
        found.append(
            Finding(
                "target-above-current",
                Severity.WARNING,
                risk.id,
                f"the target rating {target.score} is worse than the current rating "
                f"{current.score}",
            )
        )
    return tuple(found)


def register_findings(risks: Iterable[Risk], matrix: RiskMatrix) -> tuple[Finding, ...]:
    """:func:`risk_findings` for every risk, plus ``duplicate-risk`` for repeated ids."""
    found: list[Finding] = []
    seen: set[str] = set()
    for risk in risks:
        if risk.id in seen:
            found.append(
                Finding(
                    "duplicate-risk", Severity.ERROR, risk.id, f"risk id {risk.id!r} is used twice"
                )
            )
        seen.add(risk.id)
        found.extend(risk_findings(risk, matrix))
    return tuple(found)
