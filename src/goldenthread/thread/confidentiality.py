"""Who may see each item of the thread, and the checks that keep personal data in.

**Personal levels.**  A level holds personal data when its plans belong to a person
(``owner = "person"``) *or* its default classification is ``personal``
(:attr:`~goldenthread.thread.levels.Level.personal`): protection rests on both, so a
level of individual plans configured with another owner is still protected.

**Inheritance.**  An item is at least as restricted as anything it is attached to or
contributes to: its plan, and every item it contributes to, directly or through others
(its ``parent`` and further links).  So an item beneath a personal item is personal, and
an item at a personal level is personal whatever it is marked.  An indicator is at least
as restricted as every item it measures (:func:`indicator_classifications`).  The
*effective* classification (:func:`effective_classifications`) is the strictest of an
item's own and these; reports and open data judge items and indicators by it, never by
the classification written in the bundle alone.

**Checks** (:func:`check_confidentiality`, run by
:func:`~goldenthread.thread.checks.check_thread`):

===========================  ========  =============================================================
code                         severity  found when
===========================  ========  =============================================================
``classification-conflict``  error     an item is classified less strictly than what it is attached
                                       to or contributes to requires (a public item at a personal
                                       level is ``personal-public`` instead)
``classification-conflict``  error     an indicator is classified less strictly than an item it
                                       measures (:func:`check_indicator_classifications`, run by
                                       :func:`goldenthread.checks.check_framework`)
``personal-level-owner``     error     a level holds personal items (its classification is personal,
                                       or an item at it is classified personal) but its owner is not
                                       ``person``
===========================  ========  =============================================================

**Withholding.**  :func:`withhold` gives a copy of a thread in which the items a reader
may not see keep their place but lose their id, title, owner and commentary, so checks
run on it (the integrity findings of a public report) never name them.

Every traversal is iterative and visits each item and link a bounded number of times, so
deep threads and cycles are safe.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence

from attrs import evolve

from goldenthread.findings import Finding, Severity
from goldenthread.thread.graph import Thread
from goldenthread.thread.items import IndicatorLink, Link
from goldenthread.thread.levels import Classification

__all__ = [
    "CONFIDENTIALITY_CODES",
    "STRICTNESS",
    "check_confidentiality",
    "check_indicator_classifications",
    "effective_classifications",
    "indicator_classifications",
    "measured_items",
    "required_classifications",
    "stricter",
    "withhold",
]

STRICTNESS: Sequence[Classification] = (
    Classification.PUBLIC,
    Classification.INTERNAL,
    Classification.PERSONAL,
)
"""The classifications from the least to the most restricted."""

_RANK = {c: n for n, c in enumerate(STRICTNESS)}

CONFIDENTIALITY_CODES: Mapping[str, Severity] = {
    "classification-conflict": Severity.ERROR,
    "personal-level-owner": Severity.ERROR,
}
"""The codes of :func:`check_confidentiality` and their severity."""


def stricter(a: Classification, b: Classification) -> Classification:
    """The more restricted of ``a`` and ``b``."""
    return a if _RANK[a] >= _RANK[b] else b


def _below(thread: Thread) -> dict[str, list[str]]:
    """Each item to the items directly beneath it: what contributes to it and, for a
    plan, the items that belong to it."""
    below: dict[str, list[str]] = {iid: list(kids) for iid, kids in thread.child_map.items()}
    by_id = thread.by_id
    for iid, item in by_id.items():
        plan = item.plan
        if plan is not None and plan != iid and plan in by_id:
            below.setdefault(plan, []).append(iid)
    return below


def _personal_level(thread: Thread, level: str) -> bool:
    levels = thread.levels
    return level in levels and levels.get(level).personal


def effective_classifications(thread: Thread) -> dict[str, Classification]:
    """Each item's effective classification, by id: the strictest of its own, personal
    when it is at a personal level, and the effective classification of its plan and of
    every item it contributes to (see the module notes)."""
    by_id = thread.by_id
    below = _below(thread)
    result = dict.fromkeys(by_id, Classification.PUBLIC)
    for threshold in (Classification.INTERNAL, Classification.PERSONAL):
        rank = _RANK[threshold]
        stack = [
            iid
            for iid, item in by_id.items()
            if _RANK[item.classification] >= rank or _personal_level(thread, item.level)
        ]
        seen: set[str] = set()
        while stack:
            node = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            result[node] = threshold
            stack.extend(n for n in below.get(node, ()) if n not in seen)
    return result


def required_classifications(
    thread: Thread, effective: Mapping[str, Classification] | None = None
) -> dict[str, tuple[Classification, str]]:
    """For each item more restricted than public by what it is attached to, the
    classification required of it and why (a phrase naming the level, plan or item that
    requires it).  Items nothing restricts are absent.

    ``effective`` is :func:`effective_classifications` of ``thread`` when already known.
    """
    eff = effective_classifications(thread) if effective is None else effective
    out: dict[str, tuple[Classification, str]] = {}
    for iid, item in thread.by_id.items():
        best = Classification.PUBLIC
        why = ""
        if _personal_level(thread, item.level):
            best, why = Classification.PERSONAL, f"it is at the personal level {item.level!r}"
        sources = ([item.plan] if item.plan is not None and item.plan != iid else []) + [
            p for p in thread.parents(iid) if p != iid
        ]
        for source in sources:
            found = eff.get(source)
            if found is not None and _RANK[found] > _RANK[best]:
                relation = "belongs to" if source == item.plan else "contributes to"
                best, why = found, f"it {relation} {source}, which is {found.value}"
        if best is not Classification.PUBLIC:
            out[iid] = (best, why)
    return out


def indicator_classifications(
    own: Mapping[str, Classification],
    measures: Mapping[str, Iterable[str]],
    effective: Mapping[str, Classification],
) -> dict[str, Classification]:
    """Each indicator's effective classification, by code: the strictest of its own
    (``own``) and the effective classification (``effective``, by item id) of every item
    it measures (``measures``: item ids by indicator code; unknown items are ignored)."""
    result = dict(own)
    for code, items in measures.items():
        if code not in result:
            continue
        for iid in items:
            found = effective.get(iid)
            if found is not None:
                result[code] = stricter(result[code], found)
    return result


def measured_items(
    thread: Thread, objectives: Mapping[str, str] | None = None
) -> dict[str, list[str]]:
    """The ids of the items of ``thread`` each indicator measures, by code: from the
    thread's indicator attachments and ``objectives`` (an indicator definition's
    ``objective``, by code).  Items the thread does not hold are left out."""
    found: dict[str, list[str]] = {}
    for link in thread.indicators:
        if link.item in thread:
            found.setdefault(link.indicator, []).append(link.item)
    for code, objective in (objectives or {}).items():
        if objective and objective in thread:
            found.setdefault(code, []).append(objective)
    return found


def check_indicator_classifications(
    thread: Thread, indicators: Iterable[tuple[str, str, str]]
) -> list[Finding]:
    """``classification-conflict`` findings for indicators: one classified less strictly
    than an item it measures.  ``indicators`` are ``(code, classification, objective)``
    triples (the classification's value, the ``objective`` column or ``""``).  A blank
    classification is read as public, so an indicator measuring an individual's
    objective must be classified personal in the bundle (it is treated as personal
    either way)."""
    rows = list(indicators)
    own = {code: Classification.parse(value) for code, value, _ in rows}
    measures = measured_items(thread, {code: objective for code, _, objective in rows})
    effective = effective_classifications(thread)
    out: list[Finding] = []
    for code, _, _ in rows:
        mine = own[code]
        worst = max(
            (i for i in measures.get(code, ()) if _RANK[effective[i]] > _RANK[mine]),
            key=lambda i: _RANK[effective[i]],
            default=None,
        )
        if worst is not None:
            need = effective[worst].value
            out.append(
                _finding(
                    "classification-conflict",
                    code,
                    f"indicator {code} is classified {mine.value}, but it measures {worst}, "
                    f"which is {need}; it is treated as {need}: classify it {need}",
                )
            )
    return out


def _finding(code: str, item: str | None, message: str) -> Finding:
    return Finding(code, CONFIDENTIALITY_CODES[code], item, message)


def check_confidentiality(thread: Thread) -> list[Finding]:
    """The ``classification-conflict`` and ``personal-level-owner`` findings of
    ``thread`` (see the module notes), in item and level order."""
    out: list[Finding] = []
    levels = thread.levels
    required = required_classifications(thread)
    for iid, item in thread.by_id.items():
        need = required.get(iid)
        if need is None or _RANK[item.classification] >= _RANK[need[0]]:
            continue
        at_personal = _personal_level(thread, item.level)
        if at_personal and item.classification is Classification.PUBLIC:
            continue  # reported as personal-public
        out.append(
            _finding(
                "classification-conflict",
                iid,
                f"{iid} is classified {item.classification.value}, but {need[1]}; it is "
                f"treated as {need[0].value}: classify it {need[0].value}",
            )
        )
    personal_at: dict[str, list[str]] = {}
    for iid, item in thread.by_id.items():
        if item.classification is Classification.PERSONAL:
            personal_at.setdefault(item.level, []).append(iid)
    held = {item.level for item in thread.by_id.values()}
    for level in levels:
        if level.individual or level.key not in held:
            continue
        marked = personal_at.get(level.key, [])
        if level.classification is Classification.PERSONAL:
            why = "its classification is personal"
        elif marked:
            shown = ", ".join(marked[:3]) + (" ..." if len(marked) > 3 else "")
            why = f"{len(marked)} item(s) at it are classified personal ({shown})"
        else:
            continue
        out.append(
            _finding(
                "personal-level-owner",
                None,
                f"level {level.key!r} holds personal data ({why}) but its owner is "
                f'{level.owner.value!r}: set owner = "person" for a level of individual plans',
            )
        )
    return out


WITHHELD = "(withheld)"
"""The title and owner a withheld item is given."""


def withhold(thread: Thread, shown: Collection[str]) -> Thread:
    """``thread`` with every item not in ``shown`` withheld: its id replaced by
    ``(withheld N)`` (unique, numbered in item order), its title and owner by
    ``(withheld)``, its progress commentary dropped; every reference to it (parents,
    plans, links, ``supersedes``, indicator attachments) follows the new id.  The shape
    of the thread is unchanged, so every check finds the same problems, but a message
    can name only shown items.  References to items that do not exist are kept."""
    taken = set(thread.by_id)
    renamed: dict[str, str] = {}
    n = 0
    for iid in thread.by_id:
        if iid in shown:
            continue
        n += 1
        new = f"(withheld {n})"
        while new in taken:
            new += "'"
        renamed[iid] = new

    def name(ref: str | None) -> str | None:
        return None if ref is None else renamed.get(ref, ref)

    items = []
    for item in thread.items:
        if item.id in renamed:
            item = evolve(
                item,
                id=renamed[item.id],
                title=WITHHELD,
                owner=None if item.owner is None else WITHHELD,
                updates=[evolve(u, comment="") for u in item.updates],
                extras={},
            )
        items.append(
            evolve(
                item,
                parent=name(item.parent),
                plan=name(item.plan),
                supersedes=name(item.supersedes),
            )
        )
    links = [
        Link(renamed.get(k.child, k.child), renamed.get(k.parent, k.parent), k.kind)
        for k in thread.links
    ]
    attached = [IndicatorLink(a.indicator, renamed.get(a.item, a.item)) for a in thread.indicators]
    return Thread(items, thread.levels, links, attached, thread.organisations)
