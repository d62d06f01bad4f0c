"""Risks and what is recorded about them on a register.

A :class:`Risk` is what a council writes on its corporate, service, project, partnership or
strategic register: cause, event and consequence, owner and category, the objectives it
threatens (ids of items in the golden thread), its inherent, current (residual) and target
:class:`Assessment`, the existing :class:`Control` entries and the mitigating
:class:`Mitigation` actions (which may be actions in the thread), the treatment, whether it
is a threat or an opportunity, when it is next reviewed, and whether it is open.

Assessments are plain 1-based likelihood and impact numbers; a matrix turns them into
scores and levels (:mod:`goldenthread.risk.assessment`).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from typing import TypeVar

from attrs import field, frozen

from goldenthread.errors import InputError
from goldenthread.periods import Frequency
from goldenthread.risk.appetite import AppetiteLevel

__all__ = [
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
    "parse_choice",
]

E = TypeVar("E", bound=enum.Enum)


class RegisterKind(enum.Enum):
    """Which register a risk is held on."""

    STRATEGIC = "strategic"
    CORPORATE = "corporate"
    SERVICE = "service"
    PROJECT = "project"
    PARTNERSHIP = "partnership"


class Treatment(enum.Enum):
    """The four Ts of risk treatment."""

    TREAT = "treat"
    TOLERATE = "tolerate"
    TRANSFER = "transfer"
    TERMINATE = "terminate"


class Nature(enum.Enum):
    """A threat (a bad thing that may happen) or an opportunity (a good one)."""

    THREAT = "threat"
    OPPORTUNITY = "opportunity"


class RiskStatus(enum.Enum):
    """Whether a risk is still managed on the register."""

    OPEN = "open"
    CLOSED = "closed"


class Effectiveness(enum.Enum):
    """How well an existing control works."""

    EFFECTIVE = "effective"
    PARTLY_EFFECTIVE = "partly-effective"
    INEFFECTIVE = "ineffective"
    NOT_ASSESSED = "not-assessed"


class ActionStatus(enum.Enum):
    """Progress of a mitigating action."""

    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    COMPLETE = "complete"
    CANCELLED = "cancelled"

    @property
    def finished(self) -> bool:
        """Complete or cancelled: no longer due."""
        return self in (ActionStatus.COMPLETE, ActionStatus.CANCELLED)


def parse_choice(kind: type[E], text: str) -> E:
    """The member of ``kind`` whose value is ``text`` (case, space and ``_`` insensitive).

    Anything else raises :class:`InputError` listing the accepted values.
    """
    wanted = "-".join(text.strip().lower().replace("_", " ").replace("-", " ").split())
    for member in kind:
        if member.value == wanted:
            return member
    known = ", ".join(str(m.value) for m in kind)
    raise InputError(f"{text!r} is not one of: {known}")


@frozen
class Assessment:
    """A 1-based likelihood and impact, before a matrix gives them a score and level."""

    likelihood: int
    impact: int


@frozen
class Control:
    """An existing control that reduces a risk.

    Attributes:
        description: what the control is.
        owner: who runs it.
        effectiveness: how well it works.
    """

    description: str
    owner: str = ""
    effectiveness: Effectiveness = Effectiveness.NOT_ASSESSED


@frozen
class Mitigation:
    """A mitigating action: further work to bring the risk down to its target.

    Attributes:
        action: what is to be done, or the id of an action item in the thread.
        owner: who is responsible.
        due: when it is due.
        status: its progress.
    """

    action: str
    owner: str = ""
    due: dt.date | None = None
    status: ActionStatus = ActionStatus.NOT_STARTED

    def overdue(self, as_at: dt.date) -> bool:
        """Due before ``as_at`` and neither complete nor cancelled."""
        return self.due is not None and self.due < as_at and not self.status.finished


@frozen
class Risk:
    """One risk on a register.  Only ``id`` and ``title`` are required.

    Attributes:
        id: unique on the register (``CR01``).
        title: a short statement of the risk.
        owner: the officer accountable for it.
        category: e.g. ``financial``; selects the appetite.
        register: which register holds it.
        cause, event, consequence: the risk statement in three parts.
        objectives: ids of the thread items (objectives) the risk threatens.
        inherent, current, target: assessments before controls, now, and aimed for.
        controls: existing controls.
        mitigations: mitigating actions.
        treatment: treat, tolerate, transfer or terminate.
        nature: threat or opportunity.
        appetite: an appetite for this risk alone, overriding its category's.
        review_frequency: how often it is reviewed.
        next_review: when it is next due for review.
        status: open or closed.
        extras: further columns from the register, kept as text.
    """

    id: str
    title: str
    owner: str = ""
    category: str = ""
    register: RegisterKind = RegisterKind.CORPORATE
    cause: str = ""
    event: str = ""
    consequence: str = ""
    objectives: tuple[str, ...] = ()
    inherent: Assessment | None = None
    current: Assessment | None = None
    target: Assessment | None = None
    controls: tuple[Control, ...] = ()
    mitigations: tuple[Mitigation, ...] = ()
    treatment: Treatment | None = None
    nature: Nature = Nature.THREAT
    appetite: AppetiteLevel | None = None
    review_frequency: Frequency | None = None
    next_review: dt.date | None = None
    status: RiskStatus = RiskStatus.OPEN
    extras: Mapping[str, str] = field(factory=dict, hash=False)

    @property
    def is_open(self) -> bool:
        """Whether the risk is still open."""
        return self.status is RiskStatus.OPEN

    def review_overdue(self, as_at: dt.date) -> bool:
        """Open, with a next review date before ``as_at``."""
        return self.is_open and self.next_review is not None and self.next_review < as_at

    def overdue_mitigations(self, as_at: dt.date) -> tuple[Mitigation, ...]:
        """The mitigating actions overdue at ``as_at`` (none for a closed risk)."""
        if not self.is_open:
            return ()
        return tuple(m for m in self.mitigations if m.overdue(as_at))
