"""Escalation rules, held as data: when a risk goes up to another register.

A rule such as *"a service risk whose current score is 15 or more, or which is outside
appetite, is escalated to the corporate register and reported to Audit Committee"* is an
:class:`EscalationRule`.  Conditions within one rule are alternatives: the rule fires when
any of them holds.  Rules apply to open threats; opportunities and closed risks are never
escalated.
"""

from __future__ import annotations

from collections.abc import Iterable

from attrs import frozen

from goldenthread.errors import InputError
from goldenthread.risk.matrix import Rating
from goldenthread.risk.register import Nature, RegisterKind, Risk

__all__ = ["Escalation", "EscalationRule", "escalations"]


@frozen
class EscalationRule:
    """One escalation rule.

    Attributes:
        name: a short name for reports (``service-to-corporate``).
        escalate_to: the register the risk goes up to.
        registers: the registers the rule watches (empty: all of them).
        min_score: fires when the current score is at or above this.
        min_level: fires when the current level is this one or higher (a level name).
        outside_appetite: fires when the current score is outside appetite.
        report_to: the meetings it is reported to (``Audit Committee``).
    """

    name: str
    escalate_to: RegisterKind
    registers: tuple[RegisterKind, ...] = ()
    min_score: int | None = None
    min_level: str | None = None
    outside_appetite: bool = False
    report_to: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        if self.min_score is None and self.min_level is None and not self.outside_appetite:
            raise InputError(
                f"escalation rule {self.name!r} has no condition: give min_score, "
                "min_level or outside_appetite"
            )

    def reasons(
        self,
        risk: Risk,
        current: Rating | None,
        within_appetite: bool | None,
        level_rank: int | None,
    ) -> tuple[str, ...]:
        """Why the rule fires for ``risk`` (empty when it does not).

        ``level_rank`` is the rank of :attr:`min_level` in the matrix (``None`` when the
        rule has no level condition).
        """
        if not risk.is_open or risk.nature is not Nature.THREAT or current is None:
            return ()
        if self.registers and risk.register not in self.registers:
            return ()
        reasons = []
        if self.min_score is not None and current.score >= self.min_score:
            reasons.append(f"current score {current.score} is at or above {self.min_score}")
        if self.min_level is not None and level_rank is not None and current.rank >= level_rank:
            reasons.append(f"current level {current.level} is {self.min_level} or higher")
        if self.outside_appetite and within_appetite is False:
            reasons.append("current score is outside appetite")
        return tuple(reasons)


@frozen
class Escalation:
    """A rule that fired for a risk: where it goes, who hears, and why."""

    risk: str
    rule: str
    escalate_to: RegisterKind
    report_to: tuple[str, ...]
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        """The JSON shape the CLI prints."""
        return {
            "rule": self.rule,
            "escalate_to": self.escalate_to.value,
            "report_to": list(self.report_to),
            "reasons": list(self.reasons),
        }


def escalations(
    risk: Risk,
    current: Rating | None,
    within_appetite: bool | None,
    rules: Iterable[EscalationRule],
    level_ranks: dict[str, int] | None = None,
) -> tuple[Escalation, ...]:
    """Every rule in ``rules`` that fires for ``risk``, in rule order.

    ``level_ranks`` maps lower-cased level names to their rank in the matrix, for rules
    with ``min_level``; a rule naming a level not in it raises :class:`InputError`.
    """
    out = []
    for rule in rules:
        rank = None
        if rule.min_level is not None:
            ranks = level_ranks or {}
            rank = ranks.get(rule.min_level.casefold())
            if rank is None:
                known = ", ".join(ranks)
                raise InputError(
                    f"escalation rule {rule.name!r} names level {rule.min_level!r}, "
                    f"which the matrix does not have (levels: {known})"
                )
        reasons = rule.reasons(risk, current, within_appetite, rank)
        if reasons:
            out.append(Escalation(risk.id, rule.name, rule.escalate_to, rule.report_to, reasons))
    return tuple(out)
