"""The thread's items (plans, objectives, actions) and the links between them.

Every item has an id, a kind and a level.  A *plan* (the Corporate Plan, a Business Plan,
an Action Plan, a Personal Development Interview) is owned, has a period, a version and a
status.  An *objective* (a priority, theme, outcome or objective) belongs to a plan.  An
*action* (a project or milestone) belongs to a plan and carries dates, a status, a
percentage complete and dated progress commentary.

An item contributes upwards to the items named by its ``parent`` and by further
:class:`Link` records (an item may contribute to several parents).  Indicators attach to
objectives through :class:`IndicatorLink`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal

from attrs import field, frozen

from goldenthread.thread.levels import Classification, _Parsed

__all__ = [
    "ALLOWED_STATUSES",
    "CONTRIBUTES",
    "IndicatorLink",
    "Item",
    "ItemKind",
    "ItemStatus",
    "Link",
    "ProgressUpdate",
]

CONTRIBUTES = "contributes"
"""The default kind of a :class:`Link`: the child contributes to the parent."""


class ItemKind(_Parsed):
    """What an item is.  Within one level a plan ranks above an objective, an objective
    above an action (:attr:`order`)."""

    PLAN = "plan"
    OBJECTIVE = "objective"
    ACTION = "action"

    @property
    def order(self) -> int:
        """0 for a plan, 1 for an objective, 2 for an action."""
        return _KIND_ORDER[self]

    @classmethod
    def _noun(cls) -> str:
        return "kind"


_KIND_ORDER = {ItemKind.PLAN: 0, ItemKind.OBJECTIVE: 1, ItemKind.ACTION: 2}


class ItemStatus(_Parsed):
    """An item's status.

    Plans and objectives are ``draft``, ``approved`` or ``superseded`` (objectives may also
    be ``complete``); actions are ``not-started``, ``in-progress``, ``complete``,
    ``on-hold`` or ``cancelled``.
    """

    DRAFT = "draft"
    APPROVED = "approved"
    SUPERSEDED = "superseded"
    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    ON_HOLD = "on-hold"
    COMPLETE = "complete"
    CANCELLED = "cancelled"

    @classmethod
    def _noun(cls) -> str:
        return "status"

    @property
    def closed(self) -> bool:
        """Whether the item needs no more work (complete, cancelled or superseded)."""
        return self in (ItemStatus.COMPLETE, ItemStatus.CANCELLED, ItemStatus.SUPERSEDED)


ALLOWED_STATUSES: Mapping[ItemKind, frozenset[ItemStatus]] = {
    ItemKind.PLAN: frozenset({ItemStatus.DRAFT, ItemStatus.APPROVED, ItemStatus.SUPERSEDED}),
    ItemKind.OBJECTIVE: frozenset(
        {ItemStatus.DRAFT, ItemStatus.APPROVED, ItemStatus.SUPERSEDED, ItemStatus.COMPLETE}
    ),
    ItemKind.ACTION: frozenset(
        {
            ItemStatus.NOT_STARTED,
            ItemStatus.IN_PROGRESS,
            ItemStatus.ON_HOLD,
            ItemStatus.COMPLETE,
            ItemStatus.CANCELLED,
        }
    ),
}
"""The statuses each kind of item may have."""


@frozen
class ProgressUpdate:
    """A dated progress note on an action: when, the percentage complete then, and what
    was said."""

    on: dt.date
    progress: Decimal | None = None
    comment: str = ""


@frozen
class Link:
    """A further upward link: ``child`` contributes to ``parent``."""

    child: str
    parent: str
    kind: str = CONTRIBUTES


@frozen
class IndicatorLink:
    """Indicator ``indicator`` measures item ``item`` (usually an objective)."""

    indicator: str
    item: str


def _str_tuple(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


def _update_tuple(updates: Iterable[ProgressUpdate]) -> tuple[ProgressUpdate, ...]:
    return tuple(sorted(updates, key=lambda u: u.on))


@frozen
class Item:
    """A plan, objective or action in the thread.

    Attributes:
        id: unique id, e.g. ``RBC-O1``.
        kind: plan, objective or action.
        title: what it is called.
        level: the key of its level.
        plan: the id of the plan it belongs to (``None`` for a plan, or none given).
        parent: the id of the item it contributes to (its main upward link).
        owner: who owns it (a person, team, service or body).
        lead: key of the lead organisation of a shared objective.
        partners: keys of the contributing organisations.
        start: when it starts (a plan's period starts here).
        due: when it is due (a plan's period ends here).
        status: see :class:`ItemStatus`.
        progress: percentage complete, 0-100, for actions.
        classification: public, internal or personal.
        category: a finer description: priority, theme, outcome, objective, project,
            milestone...
        version: a plan's version (the annual refresh is a new version).
        supersedes: the id of the item this version replaces.
        weight: the item's weight in a weighted progress roll-up.
        updates: dated progress commentary, oldest first.
        extras: unknown columns, kept.
    """

    id: str
    kind: ItemKind
    title: str
    level: str
    plan: str | None = None
    parent: str | None = None
    owner: str | None = None
    lead: str | None = None
    partners: tuple[str, ...] = field(default=(), converter=_str_tuple)
    start: dt.date | None = None
    due: dt.date | None = None
    status: ItemStatus | None = None
    progress: Decimal | None = None
    classification: Classification = Classification.INTERNAL
    category: str | None = None
    version: str | None = None
    supersedes: str | None = None
    weight: Decimal = Decimal(1)
    updates: tuple[ProgressUpdate, ...] = field(default=(), converter=_update_tuple)
    extras: Mapping[str, str] = field(factory=dict, hash=False)

    @property
    def shared(self) -> bool:
        """Whether other organisations contribute to it."""
        return bool(self.partners)

    @property
    def last_update(self) -> dt.date | None:
        """The date of the latest progress update, if any."""
        return max((u.on for u in self.updates), default=None)

    @property
    def closed(self) -> bool:
        """Whether it needs no more work (complete, cancelled, superseded)."""
        return self.status is not None and self.status.closed
