"""The store interface: revisions written in batches, read now or as at any earlier moment.

A store keeps the full history of a framework.  It is generic: it knows nothing about
indicators, risks or plans, only about *entities*, each named by a ``(kind, key)`` pair
such as ``("value", "NI 157a|2024/25 Q2")`` or ``("risk", "CR01")``, and about *revisions*
of those entities, each carrying a JSON payload (the domain object unstructured by the
serialisation converter) and two optional indexed attributes, ``period`` and ``subject``,
for the lookups reports need ("every value for 2024/25 Q2", "every revision of CR01").

Semantics (the same for every backend; :mod:`goldenthread.testing.conformance` checks
them):

* **Batches.**  Changes are written in a batch: one transaction, all or nothing, with who
  (``by``), when (``at``, timezone-aware, stored as UTC) and why.  Batches are numbered
  1, 2, 3 ... in the order they are recorded.  ``at`` may not be earlier than the ``at`` of
  the latest batch already recorded (equal is allowed), so the batch number order and the
  ``at`` order agree and a batch never rewrites the past.  Without ``at`` the store stamps
  the batch with the store's clock inside its transaction (raised to 1 µs after the
  latest batch if that clock is behind), which is what concurrent writers should do.
* **Organisations.**  Every entity belongs to an organisation, named by its code (``""``
  for none): an entity is ``(organisation, kind, key)`` and every reading method reads one
  organisation's entities, so one store holds many councils that never meet.
  :meth:`Store.organisations` lists the codes held (as at a moment).
* **Nothing is overwritten.**  A change is a new revision; the latest revision of an entity
  supersedes the earlier ones, which stay readable through :meth:`Store.history`.  A
  retirement is a revision with ``deleted=True``; the entity then drops out of
  :meth:`Store.current` but keeps its history.  Nothing is ever updated or deleted in place.
* **As at** means *recorded* time: :meth:`Store.as_at` returns exactly what
  :meth:`Store.current` returned just after the last batch whose ``at`` is on or before the
  moment, so a report run "as at" a moment reproduces what was reported then.
* **Restatements.**  A revision recorded after its period closed is a late correction;
  :meth:`Store.restatements` lists each with what had been reported at the close,
  withdrawals (retirements) included.  A rewrite of the same payload, or the withdrawal
  of something never reported, is not a restatement.
* **Read-diff-write takes turns.**  :meth:`Store.write_planned` works out a batch's
  changes inside the write transaction, holding the write lock, so concurrent writers
  (threads, processes, machines) are serialised and each is diffed against the one
  before; a plan with no change writes nothing.
* **Bad input writes nothing.**  A batch with any bad change is rejected whole, with an
  :class:`~goldenthread.errors.InputError` listing every problem.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import json
import math
import operator
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, datetime, timedelta
from types import TracebackType
from typing import Any, NamedTuple, Protocol, Self

from attrs import field, frozen

from goldenthread.errors import GoldenthreadError, InputError, Problem

__all__ = [
    "CURRENT_SCHEMA_VERSION",
    "Batch",
    "BatchWriter",
    "Change",
    "EncodedChange",
    "LockingStore",
    "OutOfOrderError",
    "Restatement",
    "Revision",
    "SchemaError",
    "Store",
    "StoreBackend",
    "StoreError",
    "decode_payload",
    "decode_payloads",
    "encode_payload",
    "from_micros",
    "to_micros",
    "validate_changes",
]

CURRENT_SCHEMA_VERSION = 3
"""The storage schema version this release reads and writes (see :mod:`.migrations`)."""

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class StoreError(GoldenthreadError):
    """A store cannot do what was asked, for a reason other than bad input."""


class OutOfOrderError(StoreError):
    """A batch's ``at`` is earlier than the latest batch already recorded."""


class SchemaError(StoreError):
    """A store's schema is newer than this release understands, or is not a store at all."""


def _aware_utc(value: datetime) -> datetime:
    if not isinstance(value, datetime):
        raise TypeError(f"expected a datetime, got {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise InputError(
            [Problem(f"timestamp {value.isoformat()} is naive; give a timezone-aware datetime")]
        )
    return value.astimezone(UTC)


def to_micros(moment: datetime) -> int:
    """Microseconds since 1970-01-01 UTC of a timezone-aware ``moment`` (exact).

    Backends without a native timestamp type store this integer.

    Raises:
        InputError: ``moment`` is naive.
    """
    delta = _aware_utc(moment) - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def from_micros(micros: int) -> datetime:
    """The timezone-aware UTC datetime ``micros`` microseconds after the Unix epoch."""
    return _EPOCH + timedelta(microseconds=micros)


def _check_json(value: object, path: str, inside: frozenset[int] = frozenset()) -> str | None:
    """Why ``value`` is not plain JSON data, or ``None`` when it is.

    ``inside`` holds the ids of the containers ``value`` is inside, to name a container
    that holds itself rather than recurse for ever.
    """
    if value is None or isinstance(value, bool | int | str):
        return None
    if isinstance(value, float):
        return None if math.isfinite(value) else f"{path} is {value!r}, not a finite number"
    if isinstance(value, list | tuple | dict) and id(value) in inside:
        return f"{path} holds itself (a circular reference), which is not JSON data"
    if isinstance(value, list | tuple):
        within = inside | {id(value)}
        for i, item in enumerate(value):
            reason = _check_json(item, f"{path}[{i}]", within)
            if reason:
                return reason
        return None
    if isinstance(value, dict):
        within = inside | {id(value)}
        for k, item in value.items():
            if not isinstance(k, str):
                return f"{path} has a key {k!r} that is not a string"
            reason = _check_json(item, f"{path}[{k!r}]", within)
            if reason:
                return reason
        return None
    return f"{path} holds a {type(value).__name__}, which is not JSON data"


def encode_payload(payload: Mapping[str, Any]) -> str:
    """The compact JSON text of a payload (no whitespace; key order kept).

    Raises:
        InputError: the payload is not plain JSON data (dicts with string keys, lists,
            strings, finite numbers, booleans and ``None``).
    """
    text, reason = _encode(payload)
    if reason is not None or text is None:
        raise InputError([Problem(reason or "payload is not JSON data", column="payload")])
    return text


def decode_payloads(texts: Iterable[str]) -> list[dict[str, Any]]:
    """The payload dicts stored as ``texts`` (each as :func:`decode_payload` reads it),
    decoded by one :func:`json.loads` call over the joined text, which costs much less
    than one call per text.

    Raises:
        SchemaError: a text is not a JSON object.
    """
    batch = list(texts)
    if not batch:
        return []
    try:
        payloads = json.loads("[" + ",".join(batch) + "]")
    except ValueError:
        payloads = None
    if type(payloads) is list and len(payloads) == len(batch) and _only(_DICT, payloads):
        return payloads
    # Some text is not one JSON object: read each alone, to name the one that is not.
    return [decode_payload(text) for text in batch]


def decode_payload(text: str) -> dict[str, Any]:
    """The payload dict stored as ``text`` by :func:`encode_payload`."""
    value = json.loads(text)
    if not isinstance(value, dict):
        raise SchemaError(f"stored payload is not a JSON object: {text[:80]!r}")
    return value


@frozen
class Change:
    """One change in a batch: a new revision of the entity ``(kind, key)``.

    Attributes:
        kind: the entity kind, e.g. ``value``, ``target``, ``risk``, ``item``.
        key: the entity's key within its kind, e.g. ``NI 157a|2024/25 Q2``.
        payload: the revision's content: plain JSON data (string-keyed dicts, lists,
            strings, finite numbers, booleans, ``None``).  Tuples are stored as lists.
        period: the period label the revision belongs to (indexed; used by
            :meth:`Store.restatements`), e.g. ``2024/25 Q2``.
        subject: what the revision is about (indexed), e.g. an indicator code or risk id.
        deleted: ``True`` for a retirement: the entity leaves the current state.
        organisation: the code of the organisation (council) the entity belongs to;
            ``""`` (the default) for none.  An entity is ``(organisation, kind, key)``:
            two organisations' entities never meet, so one store can hold many councils.
    """

    kind: str
    key: str
    payload: Mapping[str, Any] = field(factory=dict)
    period: str | None = None
    subject: str | None = None
    deleted: bool = False
    organisation: str = ""

    @classmethod
    def retire(
        cls,
        kind: str,
        key: str,
        *,
        period: str | None = None,
        subject: str | None = None,
        organisation: str = "",
    ) -> Change:
        """A change that retires the entity (a revision with ``deleted=True``)."""
        return cls(
            kind, key, {}, period=period, subject=subject, deleted=True, organisation=organisation
        )


@frozen
class Batch:
    """A recorded batch: one transaction of changes, with who, when and why.

    Attributes:
        id: the batch number, 1 for the first batch of a store, then 2, 3 ...
        at: when the batch was recorded (timezone-aware UTC).
        by: who recorded it.
        why: the reason given.
        size: how many revisions it holds.
    """

    id: int
    at: datetime
    by: str
    why: str
    size: int


@frozen
class Revision:
    """One stored revision of an entity, with the batch that recorded it.

    Attributes:
        kind, key, payload, period, subject, deleted: as in :class:`Change`.
        batch: the number of the batch that recorded it.
        at: when that batch was recorded (timezone-aware UTC).
        by: who recorded it.
        why: why.
        organisation: the code of the organisation the entity belongs to (``""``: none).
    """

    kind: str
    key: str
    payload: dict[str, Any]
    period: str | None
    subject: str | None
    deleted: bool
    batch: int
    at: datetime
    by: str
    why: str
    organisation: str = ""


@frozen
class Restatement:
    """A late correction: a revision recorded after its period had closed.

    Attributes:
        revision: the late revision.
        closed_at: when its period closed.
        reported: the entity's revision that was current at the close (what had been
            reported), or ``None`` when nothing had been reported for it by then.
    """

    revision: Revision
    closed_at: datetime
    reported: Revision | None


class EncodedChange(NamedTuple):
    """A validated change as a backend stores it: the payload is compact JSON text.

    A plain tuple, in column order, so a backend can hand it straight to its driver.
    """

    kind: str
    key: str
    period: str | None
    subject: str | None
    deleted: bool
    payload: str
    organisation: str = ""


_dumps = json.JSONEncoder(separators=(",", ":"), allow_nan=False).encode


def _refuse(value: object) -> object:
    """What the C encoder calls for an object it cannot write: refuse it, as
    :class:`json.JSONEncoder` does."""
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _make_fast_dumps() -> Callable[[object], str]:
    """:data:`_dumps` without its per-call set-up: one C encoder made once, with the same
    settings (compact separators, ASCII output, no ``NaN``), so the text is identical.

    It keeps no record of the containers it is inside (``check_circular`` off), so one
    encoder serves every call and thread; a circular payload recurses until
    :class:`RecursionError`, which callers treat like any other unwritable payload.
    Without the C accelerator (another Python implementation) it is :data:`_dumps`.
    """
    make = getattr(json.encoder, "c_make_encoder", None)
    escape = getattr(json.encoder, "c_encode_basestring_ascii", None)
    if make is None or escape is None:
        return _dumps
    encoder = make(None, _refuse, escape, None, ":", ",", False, False, False)
    join = "".join

    def dumps(value: object) -> str:
        return join(encoder(value, 0))

    return dumps


_fast_dumps = _make_fast_dumps()


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _keys_are_text(value: object) -> bool:
    """Whether every dict key inside ``value`` is a string (the JSON encoder would silently
    turn a number key into text)."""
    if type(value) is dict:
        for k, item in value.items():
            if type(k) is not str and not isinstance(k, str):
                return False
            if type(item) not in _SCALARS and not _keys_are_text(item):
                return False
        return True
    if isinstance(value, dict):
        return _keys_are_text(dict(value))
    if isinstance(value, list | tuple):
        return all(type(v) in _SCALARS or _keys_are_text(v) for v in value)
    return True


def _encode(payload: object) -> tuple[str | None, str | None]:
    """``(json_text, None)`` for plain JSON data, else ``(None, reason)``."""
    if not isinstance(payload, Mapping):
        return None, f"payload must be a mapping, not {type(payload).__name__}"
    data = payload if type(payload) is dict else dict(payload)
    try:
        text = _fast_dumps(data)
    except (TypeError, ValueError, RecursionError):
        text = None
    if text is not None and _keys_are_text(data):
        return text, None
    try:
        reason = _check_json(data, "payload")
    except RecursionError:
        reason = "payload is nested too deeply to be written as JSON"
    return None, reason or "payload is not JSON data"


def _is_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


_STR: frozenset[type] = frozenset({str})
_OPTIONAL_STR: frozenset[type] = frozenset({str, type(None)})
_DICT: frozenset[type] = frozenset({dict})
_CHANGE: frozenset[type] = frozenset({Change})
_CONTAINERS: frozenset[type] = frozenset({dict, list, tuple})
_JSON_TYPES = _SCALARS | _CONTAINERS
_columns = (
    operator.attrgetter("kind"),
    operator.attrgetter("key"),
    operator.attrgetter("period"),
    operator.attrgetter("subject"),
    operator.attrgetter("deleted"),
    operator.attrgetter("payload"),
    operator.attrgetter("organisation"),
)


_PAUSE_FROM = 10_000
_pause_lock = threading.Lock()
_pauses = 0
_resume = False


@contextlib.contextmanager
def _collector_paused(size: int) -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a batch of ``size`` changes (at least
    :data:`_PAUSE_FROM`) is encoded, and restore it afterwards.

    An encoded change is a named tuple, which the collector keeps tracking (it stops
    tracking only plain tuples of strings), so a million of them set off several full
    collections, each walking every object of the process: more time than the encoding
    itself.  Nothing made here can form a cycle, so pausing frees nothing late.  The pause
    is counted, so overlapping batches on several threads resume the collector once, when
    the last ends, and only if it was running when the first began.
    """
    global _pauses, _resume
    if size < _PAUSE_FROM:
        yield
        return
    with _pause_lock:
        if _pauses == 0:
            _resume = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _pause_lock:
            _pauses -= 1
            if _pauses == 0 and _resume:
                gc.enable()


def _only(types: frozenset[type], values: Iterable[object]) -> bool:
    """Whether every value's type is exactly one of ``types`` (no subclasses)."""
    return types.issuperset(map(type, values))


def _inside(dicts: list[dict[Any, Any]], sequences: list[Any]) -> Iterator[Any]:
    """The values of ``dicts`` and the items of ``sequences``."""
    return itertools.chain(
        itertools.chain.from_iterable(map(dict.values, dicts)),
        itertools.chain.from_iterable(sequences),
    )


def _plain_keys(payloads: list[dict[Any, Any]]) -> bool:
    """Whether every dict key inside ``payloads`` (dicts already written as JSON, so
    finite and free of cycles) is a ``str``, and every value inside is of a plain JSON
    type (no subclass): checked a level at a time across the whole batch.  ``False``
    sends the batch to the change-by-change path, which names any problem."""
    dicts: list[Any] = payloads
    sequences: list[Any] = []
    while dicts or sequences:
        if not _only(_STR, itertools.chain.from_iterable(dicts)):
            return False
        found = set(map(type, _inside(dicts, sequences)))
        if found.isdisjoint(_CONTAINERS):
            return found <= _SCALARS
        if not found <= _JSON_TYPES:
            return False
        inner = list(_inside(dicts, sequences))
        dicts = _of_type(inner, dict) if dict in found else []
        sequences = _of_type(inner, list) if list in found else []
        if tuple in found:
            sequences.extend(_of_type(inner, tuple))
    return True


def _of_type(values: list[Any], cls: type) -> list[Any]:
    """The values whose type is exactly ``cls``, in order (picked out without a Python
    loop)."""
    return list(
        itertools.compress(values, map(operator.is_, map(type, values), itertools.repeat(cls)))
    )


def _encode_batch(payloads: list[Any]) -> list[str] | None:
    """The JSON text of each ``dict`` payload, or ``None`` unless all are plain JSON data
    of plain types (then the change-by-change path decides, and names any problem)."""
    try:
        texts = list(map(_fast_dumps, payloads))
    except (TypeError, ValueError, RecursionError):
        return None
    return texts if _plain_keys(payloads) else None


def _validate_batch(changes: list[Any]) -> list[EncodedChange] | None:
    """The encoded changes when every change of the batch is well formed and plain (a
    :class:`Change` of text, a ``dict`` payload of plain JSON types, no entity twice),
    checked a column at a time; ``None`` when any is not, for the change-by-change path.

    The same checks as that path's fast branch, so the same batches pass and give the
    same text; only the order of the work differs.
    """
    if not _only(_CHANGE, changes):
        return None
    kinds, keys, periods, subjects, deleted, payloads, organisations = (
        list(map(column, changes)) for column in _columns
    )
    if not (
        _only(_STR, kinds)
        and _only(_STR, keys)
        and _only(_STR, organisations)
        and _only(_OPTIONAL_STR, periods)
        and _only(_OPTIONAL_STR, subjects)
        and _only(_DICT, payloads)
        and all(kinds)
        and all(keys)
        and not any(map(str.isspace, kinds))
        and not any(map(str.isspace, keys))
        and (
            len(set(keys)) == len(changes)
            or len(set(zip(organisations, kinds, keys, strict=True))) == len(changes)
        )
    ):
        return None
    texts = _encode_batch(payloads)
    if texts is None:
        return None
    rows = zip(
        kinds, keys, periods, subjects, map(bool, deleted), texts, organisations, strict=True
    )
    # tuple.__new__ is what the named tuple's own constructor calls, without its frame.
    return list(map(tuple.__new__, itertools.repeat(EncodedChange), rows))


def validate_changes(changes: Iterable[Change]) -> list[EncodedChange]:
    """Check and encode a batch's changes, raising one :class:`InputError` listing every
    problem.

    Each problem's ``row`` is the change's 1-based position in the batch and its
    ``column`` the offending field.  A batch may change each entity at most once.
    """
    batch = changes if type(changes) is list else list(changes)
    with _collector_paused(len(batch)):
        quick = _validate_batch(batch)
    if quick is not None:
        return quick
    encoded: list[EncodedChange] = []
    problems: list[Problem] = []
    seen: dict[tuple[str, str, str], int] = {}
    for row, change in enumerate(batch, start=1):
        # The fast path: a well-formed change is checked and encoded in one go.
        if type(change) is Change:
            kind, key, period, subject = change.kind, change.key, change.period, change.subject
            payload, organisation = change.payload, change.organisation
            if (
                type(organisation) is str
                and type(kind) is str
                and type(key) is str
                and kind
                and key
                and not kind.isspace()
                and not key.isspace()
                and (period is None or type(period) is str)
                and (subject is None or type(subject) is str)
                and type(payload) is dict
            ):
                text: str | None
                try:
                    text = _fast_dumps(payload)
                except (TypeError, ValueError, RecursionError):
                    text = None
                if (
                    text is not None
                    and _keys_are_text(payload)
                    and seen.setdefault((organisation, kind, key), row) == row
                ):
                    encoded.append(
                        EncodedChange(
                            kind, key, period, subject, bool(change.deleted), text, organisation
                        )
                    )
                    continue
        # The slow path names every problem, or encodes a change the fast path could not
        # (a payload that is a mapping but not a dict, a subclass of Change).
        found, slow = _slow_path(change, row, seen)
        problems.extend(found)
        if slow is not None:
            encoded.append(slow)
    if problems:
        raise InputError(problems)
    return encoded


def _slow_path(
    change: object, row: int, seen: dict[tuple[str, str, str], int]
) -> tuple[list[Problem], EncodedChange | None]:
    """Every problem of one change, or the encoded change when it has none."""
    if not isinstance(change, Change):
        return [Problem(f"not a Change: {type(change).__name__}", row=row)], None
    problems: list[Problem] = []
    for column, value in (("kind", change.kind), ("key", change.key)):
        if not _is_text(value):
            reason = (
                f"{column} is blank"
                if isinstance(value, str)
                else f"{column} must be text, not {type(value).__name__}"
            )
            problems.append(Problem(reason, row=row, column=column))
    for column, optional in (("period", change.period), ("subject", change.subject)):
        if optional is not None and not isinstance(optional, str):
            problems.append(
                Problem(
                    f"{column} must be text or None, not {type(optional).__name__}",
                    row=row,
                    column=column,
                )
            )
    organisation = change.organisation
    if not isinstance(organisation, str):
        problems.append(
            Problem(
                f"organisation must be text, not {type(organisation).__name__}",
                row=row,
                column="organisation",
            )
        )
    text, why = _encode(change.payload)
    if why is not None:
        problems.append(Problem(why, row=row, column="payload"))
    if _is_text(change.kind) and _is_text(change.key) and isinstance(organisation, str):
        first = seen.setdefault((organisation, change.kind, change.key), row)
        if first != row:
            problems.append(
                Problem(
                    f"{change.kind} {change.key!r} is changed twice in one batch "
                    f"(first at row {first})",
                    row=row,
                    column="key",
                )
            )
    if problems or text is None:
        return problems, None
    kind, key = change.kind, change.key
    return [], EncodedChange(
        kind, key, change.period, change.subject, bool(change.deleted), text, organisation
    )


def _check_organisation(organisation: object) -> None:
    if not isinstance(organisation, str):
        raise TypeError(f"organisation must be text, not {type(organisation).__name__}")


def _batch_problems(by: object, at: object, why: object) -> list[Problem]:
    """The problems of a batch's who, when and why."""
    problems: list[Problem] = []
    for column, value in (("by", by), ("why", why)):
        if not isinstance(value, str) or not value.strip():
            problems.append(Problem(f"{column} must be non-blank text", column=column))
    if at is not None and not isinstance(at, datetime):
        problems.append(Problem(f"at must be a datetime, not {type(at).__name__}", column="at"))
    elif isinstance(at, datetime) and (at.tzinfo is None or at.utcoffset() is None):
        problems.append(
            Problem(f"at {at.isoformat()} is naive; give a timezone-aware time", column="at")
        )
    return problems


class BatchWriter:
    """Collects changes inside ``with store.batch(...) as b:``; written on a clean exit.

    If the ``with`` block raises, nothing is written and the exception propagates.  After a
    clean exit, :attr:`id` is the recorded batch's number.
    """

    def __init__(self, store: Store, *, by: str, at: datetime | None, why: str) -> None:
        self._store = store
        self._by = by
        self._at = at
        self._why = why
        self._changes: list[Change] = []
        self.id: int | None = None

    def add(self, change: Change) -> None:
        """Add a prepared :class:`Change` to the batch."""
        self._changes.append(change)

    def put(
        self,
        kind: str,
        key: str,
        payload: Mapping[str, Any],
        *,
        period: str | None = None,
        subject: str | None = None,
        organisation: str = "",
    ) -> None:
        """Add a new revision of ``(kind, key)`` with ``payload`` to the batch."""
        self._changes.append(
            Change(kind, key, payload, period=period, subject=subject, organisation=organisation)
        )

    def retire(
        self,
        kind: str,
        key: str,
        *,
        period: str | None = None,
        subject: str | None = None,
        organisation: str = "",
    ) -> None:
        """Add the retirement of ``(kind, key)`` to the batch."""
        self._changes.append(
            Change.retire(kind, key, period=period, subject=subject, organisation=organisation)
        )

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.id = self._store.write(self._changes, by=self._by, at=self._at, why=self._why)


class Store(ABC):
    """A store of revisions.  Backends implement the ``_``-prefixed primitives.

    The public methods validate their arguments and define the semantics described in the
    module documentation; a backend only stores and fetches.  A store is a context manager
    that closes itself.  Results are sorted: entities by ``key``, revisions by batch.
    """

    # -- writing ---------------------------------------------------------------------------

    def write(
        self, changes: Iterable[Change], *, by: str, at: datetime | None = None, why: str
    ) -> int:
        """Record ``changes`` as one batch (one transaction: all or nothing).

        Args:
            changes: the changes; at most one per entity.  An empty batch is allowed (it
                records who, when and why, e.g. for a sign-off).
            by: who is making the changes (non-blank).
            at: when, timezone-aware (stored as UTC); not earlier than the latest batch.
                ``None`` (the default) means now: the store reads the clock inside the
                transaction and never goes earlier than 1 µs after the latest batch, so
                concurrent writers cannot fall out of order.
            why: the reason (non-blank).

        Returns:
            The new batch's number.

        Raises:
            InputError: ``at`` is naive, ``by`` or ``why`` is blank, or any change is bad
                (every problem is listed); nothing is written.
            OutOfOrderError: ``at`` is earlier than the latest recorded batch.
        """
        problems = _batch_problems(by, at, why)
        batch = changes if type(changes) is list else list(changes)
        # Paused until the encoded changes are written and dropped (_collector_paused).
        with _collector_paused(len(batch)):
            try:
                checked = validate_changes(batch)
            except InputError as error:
                problems.extend(error.problems)
                checked = []
            if problems:
                raise InputError(problems)
            moment = None if at is None else at.astimezone(UTC)
            number = self._write(checked, by=by, at=moment, why=why)
            del checked  # dropped before the collector resumes, so it never walks them
        return number

    def write_planned(
        self,
        plan: Callable[[], Iterable[Change]],
        *,
        by: str,
        at: datetime | None = None,
        why: str,
        skip_empty: bool = True,
    ) -> int | None:
        """Record the changes ``plan`` works out, reading and writing in one transaction
        that holds the store's write lock: a read-diff-write that takes turns.

        The store takes its write lock (SQLite ``BEGIN IMMEDIATE``, PostgreSQL a lock on
        the batch table, a file lock, a mutex), then calls ``plan()``; whatever ``plan``
        reads through this store's reading methods (:meth:`current`, :meth:`get` ...) is
        the latest recorded state, and no other writer can record a batch until this one
        is written or abandoned.  So two processes saving into one store at once are
        serialised: the later one's plan sees the earlier one's batch.

        Args:
            plan: called once, inside the transaction, with no arguments; returns the
                changes to record.  If it raises, nothing is written and the exception
                propagates.
            by, why: who and why, as for :meth:`write`.
            at: as for :meth:`write`; ``None`` (the default, and what concurrent writers
                should pass) stamps the batch under the lock with the store's clock, never
                earlier than 1 µs after the latest batch.
            skip_empty: when ``plan`` returns no change, write nothing and return ``None``
                (the default); ``False`` records an empty batch instead.

        Returns:
            The new batch's number, or ``None`` when nothing was written.

        Raises:
            InputError: ``by``, ``why`` or ``at`` is bad, or any planned change is bad
                (every problem is listed); nothing is written.
            OutOfOrderError: ``at`` is earlier than the latest recorded batch.
        """
        problems = _batch_problems(by, at, why)
        if problems:
            raise InputError(problems)
        moment = None if at is None else at.astimezone(UTC)

        paused = contextlib.ExitStack()

        def planned() -> list[EncodedChange] | None:
            changes = list(plan())
            if not changes and skip_empty:
                return None
            # Paused until the encoded changes are written and dropped.
            paused.enter_context(_collector_paused(len(changes)))
            return validate_changes(changes)

        with paused:
            return self._write_planned(planned, by=by, at=moment, why=why)

    def batch(self, *, by: str, at: datetime | None = None, why: str) -> BatchWriter:
        """A context manager collecting changes, written as one batch on a clean exit.

        For example::

            with store.batch(by="j.smith", at=now, why="Q2 returns") as b:
                b.put("value", "NI 157a|2024/25 Q2", {"value": "81.5"}, period="2024/25 Q2")
        """
        return BatchWriter(self, by=by, at=at, why=why)

    # -- reading ---------------------------------------------------------------------------

    def current(
        self,
        kind: str,
        *,
        period: str | None = None,
        subject: str | None = None,
        organisation: str = "",
    ) -> list[Revision]:
        """The latest revision of every live entity of ``kind`` of ``organisation``,
        sorted by key.

        ``period`` and ``subject``, when given, keep only entities whose latest revision has
        that period / subject.  Retired entities are left out.  Every reading method reads
        one organisation's entities (``""``, the default, is the entities of none).
        """
        _check_organisation(organisation)
        return self._latest(
            kind, None, period=period, subject=subject, key=None, organisation=organisation
        )

    def current_encoded(self, kind: str, *, organisation: str = "") -> list[EncodedChange]:
        """What :meth:`current` returns, with each payload as JSON text rather than a
        dict: one :class:`EncodedChange` per live entity (``deleted`` is ``False``),
        sorted by key.

        For a writer diffing what it plans against what is stored (as
        :func:`~goldenthread.io.persist.save_framework` does inside
        :meth:`write_planned`): reading the text and decoding it all at once with
        :func:`decode_payloads` costs much less than :meth:`current`.  The text is JSON
        for the stored payload, not necessarily the text it was written as (a backend may
        keep JSON in its own spacing and key order): compare decoded payloads.
        """
        _check_organisation(organisation)
        return self._current_encoded(kind, organisation)

    def as_at(
        self,
        moment: datetime,
        kind: str,
        *,
        period: str | None = None,
        subject: str | None = None,
        organisation: str = "",
    ) -> list[Revision]:
        """What :meth:`current` returned as at ``moment`` (recorded time).

        Only batches whose ``at`` is on or before ``moment`` count.

        Raises:
            InputError: ``moment`` is naive.
        """
        _check_organisation(organisation)
        bound = self._bound(to_micros(moment))
        return self._latest(
            kind, bound, period=period, subject=subject, key=None, organisation=organisation
        )

    def get(
        self, kind: str, key: str, *, as_at: datetime | None = None, organisation: str = ""
    ) -> Revision | None:
        """The entity's latest revision (as at ``as_at`` if given), or ``None`` if it has none
        or is retired."""
        _check_organisation(organisation)
        bound = None if as_at is None else self._bound(to_micros(as_at))
        found = self._latest(
            kind, bound, period=None, subject=None, key=key, organisation=organisation
        )
        return found[0] if found else None

    def history(self, kind: str, key: str, *, organisation: str = "") -> list[Revision]:
        """Every revision of ``(kind, key)``, oldest first, retirements included."""
        _check_organisation(organisation)
        return self._history(kind, key, organisation)

    def revisions(
        self, kind: str, *, since: datetime | None = None, organisation: str = ""
    ) -> list[Revision]:
        """Every revision of every entity of ``kind`` of ``organisation``, retirements
        included, in recorded (batch) order; only those in batches recorded after
        ``since`` when it is given.  What :mod:`goldenthread.history` reads.

        Raises:
            InputError: ``since`` is naive.
        """
        _check_organisation(organisation)
        after = None if since is None else to_micros(since)
        return list(self._recorded_after(kind, after, organisation))

    def organisations(self, kind: str, *, as_at: datetime | None = None) -> list[str]:
        """The codes of the organisations holding at least one live entity of ``kind``
        (as at ``as_at`` if given), sorted.  ``""`` stands for entities of no
        organisation."""
        bound = None if as_at is None else self._bound(to_micros(as_at))
        return self._organisations(kind, bound)

    def batches(self) -> list[Batch]:
        """Every recorded batch, oldest first."""
        return self._batches()

    def restatements(
        self,
        kind: str,
        *,
        period_closes: Mapping[str, datetime] | Callable[[str], datetime | None],
        since: datetime | None = None,
        organisation: str = "",
    ) -> list[Restatement]:
        """Late corrections: revisions of ``kind`` recorded after their period had closed.

        Args:
            kind: the entity kind.
            period_closes: when each period closed: a mapping from period label to a
                timezone-aware moment, or a function returning the moment (or ``None`` for
                a period that has not closed).  Revisions without a period, or whose period
                has not closed, are never restatements.
            since: only revisions recorded after this moment.
            organisation: whose revisions (``""``: those of no organisation).

        Returns:
            One :class:`Restatement` per late revision, in recorded order, each with the
            revision that was current when the period closed.  A retirement (a value
            withdrawn) is listed when something had been reported; a revision whose
            payload equals what had been reported is not a change and is left out.
        """
        lookup: Callable[[str], datetime | None]
        if callable(period_closes):
            lookup = period_closes
        else:
            closes = period_closes
            lookup = closes.get
        _check_organisation(organisation)
        after = None if since is None else to_micros(since)
        found: list[Restatement] = []
        for revision in self._recorded_after(kind, after, organisation):
            if revision.period is None:
                continue
            closed = lookup(revision.period)
            if closed is None or revision.at <= _aware_utc(closed):
                continue
            reported = self.get(kind, revision.key, as_at=closed, organisation=organisation)
            if reported is None and revision.deleted:
                continue  # withdrawn before anything was reported: nothing is restated
            if (
                reported is not None
                and not revision.deleted
                and reported.payload == revision.payload
            ):
                continue  # the same content rewritten: a restatement is a change
            found.append(Restatement(revision, closed.astimezone(UTC), reported))
        return found

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- what a backend implements ---------------------------------------------------------

    @abstractmethod
    def schema_version(self) -> int:
        """The schema version of the open store (after forward migrations on open)."""

    @abstractmethod
    def close(self) -> None:
        """Release the store's connection; the store cannot be used afterwards."""

    @abstractmethod
    def _write(
        self, changes: list[EncodedChange], *, by: str, at: datetime | None, why: str
    ) -> int:
        """Record validated ``changes`` in one transaction; ``at`` is aware UTC or ``None``.

        Inside the transaction, pass ``at`` and the latest batch's time to
        :meth:`_batch_time`, which gives the time to record or raises
        :class:`OutOfOrderError` (then write nothing).  Returns the batch number.
        """

    def _write_planned(
        self,
        plan: Callable[[], list[EncodedChange] | None],
        *,
        by: str,
        at: datetime | None,
        why: str,
    ) -> int | None:
        """Take the write lock, call ``plan()`` inside the write transaction and record
        what it returns as one batch (``None``: write nothing, return ``None``).

        While ``plan`` runs, this store's reading primitives must read the latest recorded
        state (inside the transaction) and no other writer may record a batch.  Stamp the
        batch with :meth:`_batch_time` under the lock.  If ``plan`` raises, write nothing.

        The default implementation calls ``plan()`` and then :meth:`_write`, which does not
        hold a lock between the read and the write: a backend shared by several writers
        must override it (the conformance suite's concurrency checks fail otherwise).
        """
        changes = plan()
        if changes is None:
            return None
        return self._write(changes, by=by, at=at, why=why)

    @staticmethod
    def _batch_time(
        at: datetime | None, latest: datetime | None, *, now: datetime | None = None
    ) -> datetime:
        """The time to record for a batch, given the latest recorded batch's time.

        ``at`` itself when it is not earlier than ``latest``; for ``None``, the store's
        clock (``now``, default this machine's UTC time), or 1 µs after ``latest`` if the
        clock does not read later (so batches stay in order whatever a client's clock says).

        Raises:
            OutOfOrderError: ``at`` is earlier than ``latest``.
        """
        if at is None:
            clock = (now or datetime.now(UTC)).astimezone(UTC)
            if latest is None or clock > latest:
                return clock
            return latest.astimezone(UTC) + timedelta(microseconds=1)
        if latest is not None and at < latest:
            raise OutOfOrderError(
                f"batch at {at.isoformat()} is earlier than the latest batch "
                f"({latest.astimezone(UTC).isoformat()})"
            )
        return at

    @abstractmethod
    def _bound(self, micros: int) -> int:
        """The number of the last batch recorded at or before ``micros`` (0 if none)."""

    @abstractmethod
    def _latest(
        self,
        kind: str,
        bound: int | None,
        *,
        period: str | None,
        subject: str | None,
        key: str | None,
        organisation: str,
    ) -> list[Revision]:
        """For each entity of ``organisation`` and ``kind`` (only ``key`` if given), its
        latest revision in batches up to ``bound`` (all if ``None``), if not retired and
        matching ``period`` and ``subject`` when given; sorted by key."""

    def _current_encoded(self, kind: str, organisation: str) -> list[EncodedChange]:
        """The latest revision of each live entity of ``organisation`` and ``kind``,
        sorted by key, its payload as JSON text.  By default the payloads :meth:`_latest`
        decodes, encoded again; a backend holding the text overrides this to return it
        as stored."""
        return [
            EncodedChange(
                r.kind, r.key, r.period, r.subject, False, encode_payload(r.payload), r.organisation
            )
            for r in self._latest(
                kind, None, period=None, subject=None, key=None, organisation=organisation
            )
        ]

    @abstractmethod
    def _history(self, kind: str, key: str, organisation: str) -> list[Revision]:
        """Every revision of the entity ``(organisation, kind, key)``, oldest first."""

    @abstractmethod
    def _organisations(self, kind: str, bound: int | None) -> list[str]:
        """The organisations with a live (latest revision not retired) entity of ``kind``
        in batches up to ``bound`` (all if ``None``), sorted."""

    @abstractmethod
    def _batches(self) -> list[Batch]:
        """Every batch, oldest first."""

    @abstractmethod
    def _recorded_after(
        self, kind: str, micros: int | None, organisation: str
    ) -> Iterator[Revision]:
        """Revisions of ``organisation``'s entities of ``kind`` in batches recorded after
        ``micros`` (all if ``None``), in batch order."""


class LockingStore(Store):
    """A store whose every write takes its write lock: it implements
    :meth:`~Store._write_planned` (lock, plan, record), and a plain write is a planned
    write of changes known in advance.  Subclass this rather than :class:`Store` when the
    store is shared by several writers."""

    def _write(
        self, changes: list[EncodedChange], *, by: str, at: datetime | None, why: str
    ) -> int:
        number = self._write_planned(lambda: changes, by=by, at=at, why=why)
        assert number is not None  # a plan that returns changes always records a batch
        return number

    @abstractmethod
    def _write_planned(
        self,
        plan: Callable[[], list[EncodedChange] | None],
        *,
        by: str,
        at: datetime | None,
        why: str,
    ) -> int | None:
        """As :meth:`Store._write_planned`, holding the store's write lock from before
        ``plan()`` is called until its batch is recorded or abandoned."""


class StoreBackend(Protocol):
    """A store backend for one URL scheme, as the ``goldenthread_store_backends`` hook
    returns it: a ``scheme`` (without ``://``: ``memory``, ``sqlite``, ``postgresql``) and
    an ``open(url)`` method."""

    @property
    def scheme(self) -> str:
        """The URL scheme served."""
        ...

    def open(self, url: str) -> Store:
        """Open (creating and migrating if need be) the store at ``url``."""
        ...
