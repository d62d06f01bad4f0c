"""History you can see: every revision a store holds, with who, when and why, and the
differences between two recorded moments, for audit.

A store never overwrites anything (:mod:`goldenthread.storage.base`): each change to a
value, target, risk, risk review, plan or item, link, indicator definition ... is a new
revision recorded in a batch that says who made it, when and why.  This module turns those
revisions into something a person can read:

* :func:`history` lists every revision of a council's records, oldest first, each as a
  :class:`HistoryEntry` saying what happened (``added``, ``changed``, ``retired``,
  ``reinstated``, ``rewritten``) and, field by field, what changed from the revision
  before (:class:`FieldChange`: ``value: 81.5 → 82.0``).  It can be narrowed to one
  subject (an item id, risk id or indicator code) and to what was recorded since a
  moment.
* :func:`diff` compares the records as they stood at two moments: what was added,
  changed (old → new, field by field) and retired in between (:class:`Difference`).

The logic is pure over :class:`~goldenthread.storage.base.Revision` objects
(:func:`entries`, :func:`snapshot`, :func:`differences`, :func:`apply`,
:func:`field_changes`, :func:`patch`); only :func:`history`, :func:`diff` and
:func:`read_revisions` read a store.

**Kinds.**  By default every kind a framework is stored as
(:data:`~goldenthread.io.persist.FRAMEWORK_KINDS`, so kinds added there appear here
without change) except ``sequence``, which only records the order of the others
(:data:`HISTORY_KINDS`).  Pass ``kinds=`` to read others.

**Subjects.**  A revision is *about* a subject when its indexed ``subject`` is that text
(an indicator's values and targets carry its code, a risk's reviews the risk id) or when
one of the ``|``-separated parts of its key is (a link names both its child and its
parent).  A subject the store has never held gives an empty list; the command line
calls that bad input (exit 2) and names the subject.

**Fields.**  A payload is compared leaf by leaf: nested objects are walked (their path
written ``a.b``); lists, text, numbers, ``null`` and empty objects are leaves compared
whole.  :func:`patch` applies field changes to a payload, and :func:`apply` applies a
diff to a state: applying the diff from ``T1`` to ``T2`` to the state at ``T1`` gives
the state at ``T2``, exactly.

**Moments.**  As for :meth:`~goldenthread.storage.base.Store.as_at`, the state at a
moment is what the store held just after the last batch recorded on or before it
(recorded time, timezone-aware).
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

from attrs import field, frozen

from goldenthread.errors import InputError, Problem
from goldenthread.io.persist import (
    FRAMEWORK_KINDS,
    NoFrameworkError,
    OrganisationError,
    describe_codes,
    stored_organisations,
)
from goldenthread.reports.restatements import describe_target, describe_value
from goldenthread.storage.base import Revision, Store

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "ABSENT",
    "DIFFERENCE_COLUMNS",
    "HISTORY_COLUMNS",
    "HISTORY_KINDS",
    "Action",
    "DiffConflictError",
    "Difference",
    "EntityId",
    "FieldChange",
    "HistoryEntry",
    "about",
    "apply",
    "choose_organisation",
    "describe_payload",
    "diff",
    "diff_frame",
    "difference_rows",
    "differences",
    "entries",
    "field_changes",
    "history",
    "history_frame",
    "history_rows",
    "patch",
    "read_revisions",
    "snapshot",
]

HISTORY_KINDS: Final = tuple(kind for kind in FRAMEWORK_KINDS if kind != "sequence")
"""The kinds :func:`history` and :func:`diff` read by default: every kind a framework is
stored as, except ``sequence`` (the order of the others, not a record of its own)."""

EntityId = tuple[str, str]
"""An entity of one organisation: ``(kind, key)``."""


class _Absent(enum.Enum):
    ABSENT = "absent"

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT: Final = _Absent.ABSENT
"""The old side of a field that was not there before, or the new side of one removed."""


class Action(enum.Enum):
    """What a revision did to its entity, or what happened to an entity between two
    moments."""

    ADDED = "added"
    """The entity's first revision (or, in a diff, an entity not held at the start)."""
    CHANGED = "changed"
    """A revision whose payload differs from the one before."""
    RETIRED = "retired"
    """The entity left the records (its history is kept)."""
    REINSTATED = "reinstated"
    """A revision of an entity that had been retired: it is back."""
    REWRITTEN = "rewritten"
    """A revision with the same payload as the one before (nothing changed)."""


def _plain(value: Any, limit: int | None = None) -> str:
    """A field's value in plain words: text as it is, ``(none)`` for nothing."""
    if value is ABSENT or value is None:
        return "(none)"
    if isinstance(value, str):
        text = value if value.strip() else "(blank)"
    elif isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, int | float):
        text = str(value)
    elif isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        text = "; ".join(str(v) for v in value) if value else "(none)"
    else:
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    text = " ".join(text.split()) if "\n" in text else text
    if limit is not None and len(text) > limit:
        return text[: limit - 1] + "…"
    return text


def _json_value(value: Any) -> Any:
    return None if value is ABSENT else value


@frozen
class FieldChange:
    """One field of a payload that differs between two revisions.

    Attributes:
        path: the field's path in the payload, outermost first (``("value",)``,
            ``("organisation", "name")``).
        old: the value before, or :data:`ABSENT` when the field was not there.
        new: the value after, or :data:`ABSENT` when the field was removed.
    """

    path: tuple[str, ...]
    old: Any = ABSENT
    new: Any = ABSENT

    @property
    def name(self) -> str:
        """The field's path written ``a.b``."""
        return ".".join(self.path)

    def describe(self, limit: int | None = None) -> str:
        """The change in plain words: ``value: 81.5 → 82.0``; ``note: (none) → late``.

        ``limit`` shortens each side to that many characters (with ``…``).
        """
        return f"{self.name}: {_plain(self.old, limit)} → {_plain(self.new, limit)}"

    def to_dict(self) -> dict[str, Any]:
        """``{"field", "old", "new"}`` (JSON data; a side that was not there is ``null``,
        ``had_old``/``has_new`` say whether it was)."""
        return {
            "field": self.name,
            "old": _json_value(self.old),
            "new": _json_value(self.new),
            "had_old": self.old is not ABSENT,
            "has_new": self.new is not ABSENT,
        }


def _rating(payload: Mapping[str, Any]) -> str:
    current = payload.get("current")
    rating = ""
    if isinstance(current, Mapping) and {"likelihood", "impact"} <= set(current):
        rating = f"current {current['likelihood']}×{current['impact']}"
    status = payload.get("status")
    if isinstance(status, str) and status:
        return f"{rating} ({status})" if rating else status
    return rating


def _said(*parts: tuple[str, object]) -> str:
    return " ".join(f"{word} {value}" for word, value in parts if value not in (None, ""))


def describe_payload(kind: str, payload: Mapping[str, Any] | None) -> str:
    """An entity's revision in a few plain words: a value's or comparator figure
    (``12.5``, ``45 / 50``), a target's (``76.0 (floor 60)``), a risk review's rating
    (``current 5×4 (open)``), a link (``COM-3 → RBC-O1 (contributes)``), a return's or
    presentation's date, else its title or name."""
    if payload is None:
        return ""
    if kind in ("value", "comparison"):
        return describe_value(payload)
    if kind == "target":
        return describe_target(payload)
    if kind == "risk_review":
        return _rating(payload)
    if kind in ("link", "indicator_link"):
        ends = [payload.get(k) for k in ("child", "parent", "indicator", "item")]
        named = [str(end) for end in ends if end]
        link = " → ".join(named)
        return f"{link} ({payload['kind']})" if payload.get("kind") and link else link
    if kind == "return":
        return _said(("received", payload.get("received")), ("from", payload.get("by")))
    if kind == "presentation":
        return _said(("presented", payload.get("presented")), ("to", payload.get("meeting")))
    for name in ("title", "name", "action", "label"):
        found = payload.get(name)
        if isinstance(found, str) and found.strip():
            return found
    return ""


@frozen
class HistoryEntry:
    """One revision of one entity, with who recorded it, when and why, and what it
    changed.

    Attributes:
        batch: the number of the batch that recorded it.
        at: when (timezone-aware UTC).
        by: who.
        why: why.
        organisation: the council's code.
        kind: the entity kind (``value``, ``item``, ``risk`` ...).
        key: the entity's key within its kind.
        subject: what the revision is about (an indicator code, risk id, item id), if
            recorded.
        period: the period label the revision belongs to, if any.
        action: what the revision did (:class:`Action`).
        changes: field by field, what differs from the entity's revision before
            (for ``added`` and ``reinstated``: every field, from nothing; for
            ``retired`` and ``rewritten``: none).
        payload: the revision's content (``{}`` for a retirement).
        before: the entity's revision before, as it was (``None`` when it had none or
            had been retired).
    """

    batch: int
    at: dt.datetime
    by: str
    why: str
    organisation: str
    kind: str
    key: str
    subject: str | None
    period: str | None
    action: Action
    changes: tuple[FieldChange, ...] = ()
    payload: Mapping[str, Any] = field(factory=dict)
    before: Mapping[str, Any] | None = None

    def summary(self) -> str:
        """What the entity now holds in a few words (for a retirement: what it held)."""
        if self.action is Action.RETIRED:
            return describe_payload(self.kind, self.before)
        return describe_payload(self.kind, self.payload)

    def describe(self) -> str:
        """The entry in one plain sentence: ``2025-02-03 10:15 UTC, batch 2, j.smith
        (late correction): value NI 157a|2024/25 Q2 changed: value: 81.5 → 82.0``."""
        head = (
            f"{_when(self.at)}, batch {self.batch}, {self.by} ({self.why}): "
            f"{self.kind} {self.key} {self.action.value}"
        )
        if self.action is Action.CHANGED and self.changes:
            return head + ": " + "; ".join(c.describe(60) for c in self.changes)
        summary = self.summary()
        return f"{head} ({summary})" if summary else head

    def to_dict(self) -> dict[str, Any]:
        """The entry as JSON data (``at`` in ISO 8601)."""
        return {
            "batch": self.batch,
            "at": self.at.isoformat(),
            "by": self.by,
            "why": self.why,
            "organisation": self.organisation,
            "kind": self.kind,
            "key": self.key,
            "subject": self.subject,
            "period": self.period,
            "action": self.action.value,
            "summary": self.summary(),
            "changes": [c.to_dict() for c in self.changes],
        }


@frozen
class Difference:
    """How one entity differs between two moments.

    Attributes:
        kind, key: the entity.
        subject, period: as recorded on its latest revision of the two.
        change: ``added`` (not held at the start), ``changed`` or ``retired`` (not held
            at the end).
        changes: field by field, old → new (for ``added``: every field, from nothing;
            for ``retired``: every field, to nothing).
        before: the payload at the start (``None`` when not held).
        after: the payload at the end (``None`` when not held).
    """

    kind: str
    key: str
    subject: str | None
    period: str | None
    change: Action
    changes: tuple[FieldChange, ...]
    before: Mapping[str, Any] | None
    after: Mapping[str, Any] | None

    @property
    def entity(self) -> EntityId:
        """``(kind, key)``."""
        return (self.kind, self.key)

    def summary(self) -> str:
        """What the entity holds at the end in a few words (retired: what it held)."""
        return describe_payload(self.kind, self.after if self.after is not None else self.before)

    def describe(self) -> str:
        """The difference in plain words: ``value NI 157a|2024/25 Q2 changed: value:
        81.5 → 82.0``; ``item CP1.2 retired (was: Improve recycling)``."""
        head = f"{self.kind} {self.key} {self.change.value}"
        if self.change is Action.CHANGED:
            return head + ": " + "; ".join(c.describe(60) for c in self.changes)
        summary = self.summary()
        if not summary:
            return head
        return (
            f"{head} (was: {summary})" if self.change is Action.RETIRED else f"{head} ({summary})"
        )

    def to_dict(self) -> dict[str, Any]:
        """The difference as JSON data."""
        return {
            "kind": self.kind,
            "key": self.key,
            "subject": self.subject,
            "period": self.period,
            "change": self.change.value,
            "summary": self.summary(),
            "changes": [c.to_dict() for c in self.changes],
            "before": None if self.before is None else dict(self.before),
            "after": None if self.after is None else dict(self.after),
        }


class DiffConflictError(ValueError):
    """A difference does not fit the state it is applied to (an entity added that is
    already there, or changed or retired that is not, or a field whose old value is not
    what the state holds)."""


def _when(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


# -- fields ------------------------------------------------------------------------------


def _leaves(
    value: Mapping[str, Any], prefix: tuple[str, ...]
) -> Iterable[tuple[tuple[str, ...], Any]]:
    for name, item in value.items():
        path = (*prefix, name)
        if isinstance(item, Mapping) and item:
            yield from _leaves(item, path)
        else:
            yield path, item


def field_changes(
    old: Mapping[str, Any] | None, new: Mapping[str, Any] | None
) -> tuple[FieldChange, ...]:
    """Field by field, how ``new`` differs from ``old`` (``None``: no payload), in the
    order of ``old``'s fields then the new ones.

    Nested objects are walked; lists, scalars and empty objects are compared whole.
    """
    before = dict(_leaves(old or {}, ()))
    after = dict(_leaves(new or {}, ()))
    found: list[FieldChange] = []
    for path, value in before.items():
        if path not in after:
            found.append(FieldChange(path, value, ABSENT))
        elif not _same(after[path], value):
            found.append(FieldChange(path, value, after[path]))
    found.extend(
        FieldChange(path, ABSENT, value) for path, value in after.items() if path not in before
    )
    return tuple(found)


def _same(a: Any, b: Any) -> bool:
    """Equal as JSON data (``1`` and ``true`` differ, as do ``1`` and ``1.0``; the order of
    an object's keys does not count)."""
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def _copy(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def patch(payload: Mapping[str, Any], changes: Iterable[FieldChange]) -> dict[str, Any]:
    """``payload`` with ``changes`` applied: removals first (an object left empty by a
    removal is removed too), then every new value (creating the objects on its path).

    Raises:
        DiffConflictError: a removed or changed field is not in ``payload``.
    """
    result: dict[str, Any] = _copy(payload)
    ordered = list(changes)
    for change in ordered:
        if change.old is ABSENT:
            continue
        trail: list[dict[str, Any]] = [result]
        for name in change.path[:-1]:
            inner = trail[-1].get(name)
            if not isinstance(inner, dict):
                raise DiffConflictError(f"field {change.name} is not in the payload")
            trail.append(inner)
        if change.path[-1] not in trail[-1]:
            raise DiffConflictError(f"field {change.name} is not in the payload")
        del trail[-1][change.path[-1]]
        for depth in range(len(trail) - 1, 0, -1):
            if trail[depth]:
                break
            del trail[depth - 1][change.path[depth - 1]]
    for change in ordered:
        if change.new is ABSENT:
            continue
        target = result
        for name in change.path[:-1]:
            inner = target.get(name)
            if not isinstance(inner, dict):
                inner = {}
                target[name] = inner
            target = inner
        target[change.path[-1]] = _copy(change.new)
    return result


# -- revisions ---------------------------------------------------------------------------


def about(revision: Revision, subject: str) -> bool:
    """Whether ``revision`` is about ``subject``: its subject is ``subject``, or one of the
    ``|``-separated parts of its key is (a repeat's ``#2`` suffix ignored)."""
    if revision.subject == subject:
        return True
    return any(
        part.partition("#")[0] == subject or part == subject for part in revision.key.split("|")
    )


def entries(revisions: Iterable[Revision]) -> list[HistoryEntry]:
    """Every revision as a :class:`HistoryEntry`, in recorded order (by batch; within a
    batch in the order given), each compared with its entity's revision before.

    ``revisions`` must hold every revision of the entities concerned (one organisation's),
    so the revision before each is known.
    """
    ordered = sorted(revisions, key=lambda r: r.batch)
    last: dict[tuple[str, str, str], Revision] = {}
    found: list[HistoryEntry] = []
    for revision in ordered:
        entity = (revision.organisation, revision.kind, revision.key)
        previous = last.get(entity)
        last[entity] = revision
        live = None if previous is None or previous.deleted else previous.payload
        if revision.deleted:
            action = Action.RETIRED
            changes: tuple[FieldChange, ...] = ()
        elif previous is None:
            action, changes = Action.ADDED, field_changes(None, revision.payload)
        elif previous.deleted:
            action, changes = Action.REINSTATED, field_changes(None, revision.payload)
        else:
            changes = field_changes(previous.payload, revision.payload)
            action = Action.CHANGED if changes else Action.REWRITTEN
        found.append(
            HistoryEntry(
                batch=revision.batch,
                at=revision.at,
                by=revision.by,
                why=revision.why,
                organisation=revision.organisation,
                kind=revision.kind,
                key=revision.key,
                subject=revision.subject,
                period=revision.period,
                action=action,
                changes=changes,
                payload=revision.payload,
                before=live,
            )
        )
    return found


def snapshot(revisions: Iterable[Revision], moment: dt.datetime | None) -> dict[EntityId, Revision]:
    """The state at ``moment`` (``None``: after every revision): for each entity, its
    latest revision recorded on or before ``moment``, if that is not a retirement.

    ``revisions`` are one organisation's.

    Raises:
        InputError: ``moment`` is naive.
    """
    bound = None if moment is None else _aware(moment, "moment")
    latest: dict[EntityId, Revision] = {}
    for revision in sorted(revisions, key=lambda r: r.batch):
        if bound is not None and revision.at > bound:
            continue
        latest[(revision.kind, revision.key)] = revision
    return {entity: rev for entity, rev in latest.items() if not rev.deleted}


def differences(
    before: Mapping[EntityId, Revision], after: Mapping[EntityId, Revision]
) -> list[Difference]:
    """What was added, changed and retired between two states (:func:`snapshot`), sorted
    by kind then key.  An entity whose payload is the same in both is not listed."""
    found: list[Difference] = []
    for entity in sorted(set(before) | set(after)):
        old, new = before.get(entity), after.get(entity)
        if old is not None and new is not None:
            changes = field_changes(old.payload, new.payload)
            if not changes:
                continue
            change = Action.CHANGED
        elif new is not None:
            change, changes = Action.ADDED, field_changes(None, new.payload)
        else:
            assert old is not None
            change, changes = Action.RETIRED, field_changes(old.payload, None)
        latest = new if new is not None else old
        assert latest is not None
        found.append(
            Difference(
                kind=entity[0],
                key=entity[1],
                subject=latest.subject,
                period=latest.period,
                change=change,
                changes=changes,
                before=None if old is None else old.payload,
                after=None if new is None else new.payload,
            )
        )
    return found


def apply(
    state: Mapping[EntityId, Mapping[str, Any]], diffs: Iterable[Difference]
) -> dict[EntityId, dict[str, Any]]:
    """The payloads of ``state`` with ``diffs`` applied, field by field (:func:`patch`).

    Raises:
        DiffConflictError: a difference does not fit ``state``.
    """
    result = {entity: _copy(payload) for entity, payload in state.items()}
    for difference in diffs:
        entity = difference.entity
        held = result.get(entity)
        if difference.change is Action.ADDED:
            if held is not None:
                raise DiffConflictError(f"{entity[0]} {entity[1]} is added but already held")
            result[entity] = patch({}, difference.changes)
            continue
        if held is None:
            raise DiffConflictError(
                f"{entity[0]} {entity[1]} is {difference.change.value} but not held"
            )
        if difference.change is Action.RETIRED:
            del result[entity]
        else:
            result[entity] = patch(held, difference.changes)
    return result


# -- reading a store ---------------------------------------------------------------------


def _aware(moment: dt.datetime, name: str) -> dt.datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise InputError(
            [
                Problem(
                    f"{name} {moment.isoformat()} has no time zone; give an aware datetime",
                    column=name,
                )
            ]
        )
    return moment.astimezone(dt.UTC)


def choose_organisation(store: Store, organisation: str | None) -> str:
    """The code of the council to read: ``organisation`` when the store holds it, else
    the only council the store holds.

    Raises:
        NoFrameworkError: the store holds no framework.
        OrganisationError: the store holds several councils and none was chosen, or none
            with that code (the message names the codes held).
    """
    held = stored_organisations(store)
    if not held:
        raise NoFrameworkError("the store holds no framework; import a bundle first")
    if organisation is None:
        if len(held) == 1:
            return held[0]
        raise OrganisationError(
            f"the store holds {len(held)} councils ({describe_codes(held)}); choose one with "
            "--organisation CODE",
            held,
        )
    if organisation not in held:
        raise OrganisationError(
            f"the store holds no council with the code {organisation!r}; it holds "
            f"{describe_codes(held)}",
            held,
        )
    return organisation


def read_revisions(
    store: Store, *, organisation: str, kinds: Sequence[str] = HISTORY_KINDS
) -> list[Revision]:
    """Every revision of ``organisation``'s entities of ``kinds`` in ``store``, in
    recorded order (by batch, then in the order of ``kinds``)."""
    found = [rev for kind in kinds for rev in store.revisions(kind, organisation=organisation)]
    found.sort(key=lambda r: r.batch)
    return found


def history(
    store: Store,
    subject: str | None = None,
    *,
    since: dt.datetime | None = None,
    organisation: str | None = None,
    kinds: Sequence[str] = HISTORY_KINDS,
) -> list[HistoryEntry]:
    """Every revision of a council's records in ``store``, oldest first, with who, when,
    why and what changed field by field.

    Args:
        store: the store to read.
        subject: only revisions about this item id, risk id or indicator code
            (:func:`about`); an unknown subject gives an empty list.
        since: only revisions recorded on or after this timezone-aware moment (each still
            compared with the revision before it, however old).
        organisation: the council's code; ``None`` reads the only council held.
        kinds: the entity kinds to read (default :data:`HISTORY_KINDS`).

    Raises:
        InputError: ``since`` is naive.
        NoFrameworkError: the store holds no framework.
        OrganisationError: which council to read is unclear (see
            :func:`choose_organisation`).
    """
    bound = None if since is None else _aware(since, "since")
    code = choose_organisation(store, organisation)
    revisions = read_revisions(store, organisation=code, kinds=kinds)
    if subject is not None:
        revisions = [rev for rev in revisions if about(rev, subject)]
    return [entry for entry in entries(revisions) if bound is None or entry.at >= bound]


def diff(
    store: Store,
    from_: dt.datetime,
    to: dt.datetime | None = None,
    *,
    subject: str | None = None,
    organisation: str | None = None,
    kinds: Sequence[str] = HISTORY_KINDS,
) -> list[Difference]:
    """What was added, changed and retired in a council's records between the state at
    ``from_`` and the state at ``to`` (``None``: now), sorted by kind then key.

    Args:
        store: the store to read.
        from_: the earlier moment (timezone-aware).
        to: the later moment (timezone-aware), or ``None`` for the current state.
        subject: only entities about this item id, risk id or indicator code.
        organisation: the council's code; ``None`` reads the only council held.
        kinds: the entity kinds to compare (default :data:`HISTORY_KINDS`).

    Raises:
        InputError: a moment is naive, or ``from_`` is after ``to``.
        NoFrameworkError: the store holds no framework.
        OrganisationError: which council to read is unclear.
    """
    start = _aware(from_, "from")
    end = None if to is None else _aware(to, "to")
    if end is not None and start > end:
        raise InputError(
            [
                Problem(
                    f"--from {start.isoformat()} is after --to {end.isoformat()}; give the "
                    "earlier moment first",
                    column="from",
                )
            ]
        )
    code = choose_organisation(store, organisation)
    revisions = read_revisions(store, organisation=code, kinds=kinds)
    if subject is not None:
        revisions = [rev for rev in revisions if about(rev, subject)]
    return differences(snapshot(revisions, start), snapshot(revisions, end))


# -- frames ------------------------------------------------------------------------------

HISTORY_COLUMNS: Final = (
    "batch",
    "at",
    "by",
    "why",
    "organisation",
    "kind",
    "key",
    "subject",
    "period",
    "action",
    "summary",
    "field",
    "old",
    "new",
)
"""The columns of :func:`history_frame` (and of ``goldenthread history --format csv``):
one row per field change, or one row with blank ``field``, ``old`` and ``new`` for an
entry that changed no field (a retirement, a rewrite)."""

DIFFERENCE_COLUMNS: Final = (
    "kind",
    "key",
    "subject",
    "period",
    "change",
    "summary",
    "field",
    "old",
    "new",
)
"""The columns of :func:`diff_frame` (and of ``goldenthread history --from … --format
csv``): one row per field change."""


def _cell(value: Any) -> Any:
    """A field's value for a table cell: text and numbers as they are, other JSON data as
    JSON text, nothing as ``None``."""
    if value is ABSENT or value is None:
        return None
    if isinstance(value, str | int | float | bool):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def history_rows(found: Iterable[HistoryEntry]) -> list[tuple[Any, ...]]:
    """The rows of :data:`HISTORY_COLUMNS` for ``found``."""
    rows: list[tuple[Any, ...]] = []
    for entry in found:
        head = (
            entry.batch,
            entry.at,
            entry.by,
            entry.why,
            entry.organisation,
            entry.kind,
            entry.key,
            entry.subject,
            entry.period,
            entry.action.value,
            entry.summary(),
        )
        if not entry.changes:
            rows.append((*head, None, None, None))
        rows.extend((*head, c.name, _cell(c.old), _cell(c.new)) for c in entry.changes)
    return rows


def difference_rows(found: Iterable[Difference]) -> list[tuple[Any, ...]]:
    """The rows of :data:`DIFFERENCE_COLUMNS` for ``found``."""
    rows: list[tuple[Any, ...]] = []
    for difference in found:
        head = (
            difference.kind,
            difference.key,
            difference.subject,
            difference.period,
            difference.change.value,
            difference.summary(),
        )
        if not difference.changes:
            rows.append((*head, None, None, None))
        rows.extend((*head, c.name, _cell(c.old), _cell(c.new)) for c in difference.changes)
    return rows


def _frame(columns: Sequence[str], rows: list[tuple[Any, ...]]) -> pd.DataFrame:
    from goldenthread.frames import PANDAS_MISSING

    try:
        import pandas as pd
    except ImportError:
        raise ImportError(PANDAS_MISSING) from None
    return pd.DataFrame(rows, columns=list(columns))


def history_frame(found: Iterable[HistoryEntry]) -> pd.DataFrame:
    """A pandas DataFrame of :data:`HISTORY_COLUMNS`, one row per field change (needs the
    optional ``pandas`` extra)."""
    return _frame(HISTORY_COLUMNS, history_rows(found))


def diff_frame(found: Iterable[Difference]) -> pd.DataFrame:
    """A pandas DataFrame of :data:`DIFFERENCE_COLUMNS`, one row per field change (needs
    the optional ``pandas`` extra)."""
    return _frame(DIFFERENCE_COLUMNS, difference_rows(found))
