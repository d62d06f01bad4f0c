"""Reading the golden thread from a bundle: ``items.csv``, ``links.csv`` and the
``[[levels]]`` and ``[[organisations]]`` sections of ``framework.toml``.

``items.csv`` columns (names are case- and space-insensitive; only ``id``, ``kind`` and
``title`` are required):

==================  ==========================================================
column              meaning
==================  ==========================================================
``id``              unique id, e.g. ``RBC-O1``
``kind``            ``plan``, ``objective`` or ``action``
``title``           what it is called
``level``           a level key; blank: the level of the item's ``plan``
``plan``            the id of the plan the item belongs to
``parent``          the id of the item it contributes to
``owner``           the person, team, service or body that owns it
``lead``            key of the lead organisation (shared objectives)
``partners``        keys of contributing organisations, separated by ``;``
``start``, ``due``  dates, ``2024-04-01`` or ``01/04/2024`` (a plan's period)
``status``          see :class:`~goldenthread.thread.items.ItemStatus` (by kind)
``progress``        percentage complete, 0-100 (``45`` or ``45%``)
``classification``  ``public``, ``internal`` or ``personal``; blank: the level's
``category``        priority, theme, outcome, project, milestone...
``version``         a plan's version; ``supersedes``: the id it replaces
``weight``          weight in a weighted roll-up (default 1)
``updated``         date of the latest progress update; ``commentary``: its text
``publish_note``    ``yes`` when the commentary may appear in public reports (else
                    it stays inside the council); kept in ``extras``
==================  ==========================================================

Other columns are kept in the item's ``extras``.  ``links.csv`` has ``child``,
``parent`` and an optional ``kind`` (default ``contributes``); a link whose child is a
known indicator code, or whose kind is ``indicator``, attaches that indicator to the
parent.

``framework.toml``::

    [[levels]]              # from the top; absent: the generic six levels
    key = "corporate"       # required
    name = "Corporate Plan" # default: the key
    owner = "council"       # required: partnership|council|service|team|person
    span = "three-year"     # long-term|three-year|annual|in-year (default annual)
    classification = "public"   # public|internal|personal (default internal)
    skippable = false       # links may pass over it without a level-skip finding

    [[organisations]]
    key = "police"          # required
    name = "Lancashire Constabulary"   # required
    kind = "police"         # default "partner"
    members = []            # a partnership's member keys

Every reader collects all the problems in its input and raises one
:class:`~goldenthread.errors.BundleError` naming file, row, column and reason.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Collection, Container, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from goldenthread.errors import BundleError, Problem
from goldenthread.indicators.numbers import check_figure
from goldenthread.io.tables import Row, Table, parse_date, read_csv, read_workbook
from goldenthread.thread.graph import Thread
from goldenthread.thread.items import (
    ALLOWED_STATUSES,
    CONTRIBUTES,
    IndicatorLink,
    Item,
    ItemKind,
    ItemStatus,
    Link,
    ProgressUpdate,
)
from goldenthread.thread.levels import Classification, Level, LevelScheme, OwnerKind, Span
from goldenthread.thread.organisations import Organisation
from goldenthread.thread.presets import GENERIC

__all__ = [
    "ITEM_COLUMNS",
    "LINK_COLUMNS",
    "levels_from_toml",
    "load_thread",
    "organisations_from_toml",
    "parse_date",
    "read_items",
    "read_links",
]

ITEM_COLUMNS = (
    "id",
    "kind",
    "title",
    "level",
    "plan",
    "parent",
    "owner",
    "lead",
    "partners",
    "start",
    "due",
    "status",
    "progress",
    "classification",
    "category",
    "version",
    "supersedes",
    "weight",
    "updated",
    "commentary",
)
"""The columns of ``items.csv`` that have a meaning; others go to ``extras``."""

LINK_COLUMNS = ("child", "parent", "kind")
"""The columns of ``links.csv``."""

_INDICATOR_KINDS = ("indicator", "measures", "measure")


def _opt(row: Row, column: str) -> str | None:
    value = row.get(column)
    return value or None


def read_items(table: Table, levels: LevelScheme) -> tuple[Item, ...]:
    """The items of an ``items.csv`` table, checked against ``levels``.

    Raises:
        BundleError: every problem: missing columns, bad kinds, levels, dates,
            percentages, statuses or classifications, duplicate ids, and items whose
            level cannot be inherited from their plan.
    """
    table.check_columns(ITEM_COLUMNS, ("id", "kind", "title"))
    problems: list[Problem] = []
    first_row: dict[str, int] = {}
    plan_level: dict[str, str] = {}
    for row in table:
        iid = row.get("id")
        if iid and iid not in first_row:
            first_row[iid] = row.number
            if row.get("level"):
                plan_level[iid] = row.get("level")
    items: list[Item] = []
    for row in table:
        item = _item(row, levels, first_row, plan_level, problems)
        if item is not None:
            items.append(item)
    if problems:
        raise BundleError(problems)
    return tuple(items)


def _item(
    row: Row,
    levels: LevelScheme,
    first_row: Mapping[str, int],
    plan_level: Mapping[str, str],
    problems: list[Problem],
) -> Item | None:
    start_count = len(problems)
    iid = row.get("id")
    if not iid:
        problems.append(row.problem("id", "an id is required"))
    elif first_row[iid] != row.number:
        problems.append(
            row.problem("id", f"duplicate id {iid!r} (first used on row {first_row[iid]})")
        )
    kind: ItemKind | None = None
    try:
        kind = ItemKind.parse(row.get("kind"))
    except ValueError as exc:
        problems.append(row.problem("kind", str(exc)))
    title = row.get("title")
    if not title:
        problems.append(row.problem("title", "a title is required"))
    plan = _opt(row, "plan")
    level = row.get("level")
    column = "level"
    if not level and plan is not None:
        level = plan_level.get(plan, "")
        column = "plan"
        if not level:
            problems.append(
                row.problem(
                    "level",
                    f"no level given and plan {plan!r} has no level to inherit "
                    "(it is missing or has a blank level)",
                )
            )
    elif not level:
        problems.append(row.problem("level", "no level given and no plan to inherit it from"))
    if level and level not in levels:
        reason = f"unknown level {level!r}; expected one of {', '.join(levels.keys)}"
        if column == "plan":
            reason = f"plan {plan!r} has an {reason}"
        problems.append(row.problem(column, reason))
    start = _date(row, "start", problems)
    due = _date(row, "due", problems)
    if start is not None and due is not None and due < start:
        problems.append(row.problem("due", f"due {due} is before start {start}"))
    progress = _percent(row, problems)
    status: ItemStatus | None = None
    if row.get("status"):
        try:
            status = ItemStatus.parse(row.get("status"))
        except ValueError as exc:
            problems.append(row.problem("status", str(exc)))
        else:
            if kind is not None and status not in ALLOWED_STATUSES[kind]:
                allowed = sorted(s.value for s in ALLOWED_STATUSES[kind])
                problems.append(
                    row.problem(
                        "status",
                        f"status {status.value!r} does not apply to kind {kind.value!r}; "
                        f"expected one of {', '.join(allowed)}",
                    )
                )
    classification: Classification | None = None
    if row.get("classification"):
        try:
            classification = Classification.parse(row.get("classification"))
        except ValueError as exc:
            problems.append(row.problem("classification", str(exc)))
    weight = Decimal(1)
    if row.get("weight"):
        try:
            weight = check_figure(Decimal(row.get("weight")))
            if weight < 0:
                raise InvalidOperation
        except (InvalidOperation, ValueError):
            problems.append(
                row.problem("weight", f"weight {row.get('weight')!r} is not a number >= 0")
            )
    updated = _date(row, "updated", problems)
    if row.get("publish_note").lower() not in _FLAGS:  # kept in extras
        problems.append(
            row.problem("publish_note", f"expected yes or no, not {row.get('publish_note')!r}")
        )
    commentary = row.get("commentary")
    if commentary and updated is None and not row.get("updated"):
        problems.append(row.problem("updated", "commentary needs the date it was written"))
    if len(problems) > start_count or kind is None:
        return None
    if classification is None:
        classification = levels.get(level).classification
    updates = (ProgressUpdate(updated, progress, commentary),) if updated is not None else ()
    partners = tuple(p.strip() for p in row.get("partners").split(";") if p.strip())
    return Item(
        id=iid,
        kind=kind,
        title=title,
        level=level,
        plan=plan,
        parent=_opt(row, "parent"),
        owner=_opt(row, "owner"),
        lead=_opt(row, "lead"),
        partners=partners,
        start=start,
        due=due,
        status=status,
        progress=progress,
        classification=classification,
        category=_opt(row, "category"),
        version=_opt(row, "version"),
        supersedes=_opt(row, "supersedes"),
        weight=weight,
        updates=updates,
        extras=row.extras(ITEM_COLUMNS),
    )


_FLAGS = frozenset({"yes", "y", "true", "1", "no", "n", "false", "0", ""})


def _date(row: Row, column: str, problems: list[Problem]) -> dt.date | None:
    text = row.get(column)
    if not text:
        return None
    try:
        return parse_date(text)
    except ValueError as exc:
        problems.append(row.problem(column, str(exc)))
        return None


def _percent(row: Row, problems: list[Problem]) -> Decimal | None:
    text = row.get("progress")
    if not text:
        return None
    try:
        value = Decimal(text.removesuffix("%").strip())
        if not value.is_finite():
            raise InvalidOperation
    except InvalidOperation:
        problems.append(row.problem("progress", f"progress {text!r} is not a percentage"))
        return None
    if not 0 <= value <= 100:
        problems.append(row.problem("progress", f"progress {text!r} is not between 0 and 100"))
        return None
    return value


def read_links(
    table: Table, indicators: Collection[str] = (), *, rejected: Container[str] = ()
) -> tuple[tuple[Link, ...], tuple[IndicatorLink, ...]]:
    """The links of a ``links.csv`` table: ``(links, indicator attachments)``.

    A row whose ``child`` is one of ``indicators`` (known indicator codes), or whose
    ``kind`` is ``indicator``, attaches that indicator to ``parent``.  A row whose child
    or parent is ``rejected`` (an indicator or item whose own row was rejected and
    reported) is skipped.

    Raises:
        BundleError: missing ``child``/``parent`` columns or blank cells in them.
    """
    table.check_columns(LINK_COLUMNS, ("child", "parent"))
    problems: list[Problem] = []
    links: list[Link] = []
    attached: list[IndicatorLink] = []
    known = frozenset(indicators)
    for row in table:
        child, parent = row.get("child"), row.get("parent")
        for column, value in (("child", child), ("parent", parent)):
            if not value:
                problems.append(row.problem(column, f"a {column} id is required"))
        if not child or not parent or child in rejected or parent in rejected:
            continue
        kind = row.get("kind").lower() or CONTRIBUTES
        if kind in _INDICATOR_KINDS or child in known:
            attached.append(IndicatorLink(child, parent))
        else:
            links.append(Link(child, parent, kind))
    if problems:
        raise BundleError(problems)
    return tuple(links), tuple(attached)


def _toml_str(
    entry: Mapping[str, Any],
    key: str,
    where: str,
    file: str,
    problems: list[Problem],
    default: str | None = None,
) -> str | None:
    value = entry.get(key, default)
    if value is None:
        problems.append(Problem(f"{key!r} is required", file, None, f"{where}.{key}"))
        return None
    if not isinstance(value, str) or not value.strip():
        problems.append(Problem(f"{key!r} must be non-empty text", file, None, f"{where}.{key}"))
        return None
    return value.strip()


def _table_list(
    data: Mapping[str, Any], section: str, file: str, problems: list[Problem]
) -> list[Mapping[str, Any]]:
    entries = data.get(section, [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        problems.append(Problem(f"[[{section}]] must be an array of tables", file, None, section))
        return []
    return entries


def levels_from_toml(data: Mapping[str, Any], file: str) -> LevelScheme:
    """The level scheme from the ``[[levels]]`` of a parsed ``framework.toml``.

    Without ``[[levels]]`` the generic scheme
    (:data:`~goldenthread.thread.presets.GENERIC`).  Problems are located by
    ``file`` and a column such as ``levels[2].owner`` (levels counted from 1).

    Raises:
        BundleError: every problem with the levels.
    """
    if "levels" not in data:
        return GENERIC
    problems: list[Problem] = []
    entries = _table_list(data, "levels", file, problems)
    levels: list[Level] = []
    seen: set[str] = set()
    if not entries and not problems:
        problems.append(
            Problem("[[levels]] is empty: list at least one level", file, None, "levels")
        )
    for n, entry in enumerate(entries, start=1):
        where = f"levels[{n}]"
        before = len(problems)
        key = _toml_str(entry, "key", where, file, problems)
        if key is not None and key in seen:
            problems.append(Problem(f"level key {key!r} appears twice", file, None, f"{where}.key"))
        if key is not None:
            seen.add(key)
        name = _toml_str(entry, "name", where, file, problems, default=key or "")
        owner = _toml_choice(entry, "owner", OwnerKind, None, where, file, problems)
        span = _toml_choice(entry, "span", Span, "annual", where, file, problems)
        cls = _toml_choice(
            entry, "classification", Classification, "internal", where, file, problems
        )
        skippable = entry.get("skippable", False)
        if not isinstance(skippable, bool):
            problems.append(
                Problem("'skippable' must be true or false", file, None, f"{where}.skippable")
            )
        unknown = sorted(
            set(entry) - {"key", "name", "owner", "span", "classification", "skippable"}
        )
        if unknown:
            problems.append(
                Problem(f"unknown key(s) {', '.join(unknown)}", file, None, f"{where}.{unknown[0]}")
            )
        if (
            len(problems) == before
            and key is not None
            and name is not None
            and isinstance(owner, OwnerKind)
            and isinstance(span, Span)
            and isinstance(cls, Classification)
        ):
            levels.append(Level(key, name, owner, span, cls, skippable))
    if problems:
        raise BundleError(problems)
    return LevelScheme(levels)


def _toml_choice(
    entry: Mapping[str, Any],
    key: str,
    enum_type: type[OwnerKind] | type[Span] | type[Classification],
    default: str | None,
    where: str,
    file: str,
    problems: list[Problem],
) -> OwnerKind | Span | Classification | None:
    text = _toml_str(entry, key, where, file, problems, default=default)
    if text is None:
        return None
    try:
        return enum_type.parse(text)
    except ValueError as exc:
        problems.append(Problem(str(exc), file, None, f"{where}.{key}"))
        return None


def organisations_from_toml(data: Mapping[str, Any], file: str) -> tuple[Organisation, ...]:
    """The organisations from the ``[[organisations]]`` of a parsed ``framework.toml``
    (none when absent).

    Raises:
        BundleError: every problem, located like ``organisations[3].name``.
    """
    problems: list[Problem] = []
    orgs: list[Organisation] = []
    seen: set[str] = set()
    for n, entry in enumerate(_table_list(data, "organisations", file, problems), start=1):
        where = f"organisations[{n}]"
        before = len(problems)
        key = _toml_str(entry, "key", where, file, problems)
        if key is not None and key in seen:
            problems.append(
                Problem(f"organisation key {key!r} appears twice", file, None, f"{where}.key")
            )
        if key is not None:
            seen.add(key)
        name = _toml_str(entry, "name", where, file, problems)
        kind = _toml_str(entry, "kind", where, file, problems, default="partner")
        members = entry.get("members", [])
        if not isinstance(members, list) or not all(isinstance(m, str) for m in members):
            problems.append(
                Problem(
                    "'members' must be a list of organisation keys", file, None, f"{where}.members"
                )
            )
        if len(problems) == before and key is not None and name is not None and kind is not None:
            orgs.append(Organisation(key, name, kind, members))
    if problems:
        raise BundleError(problems)
    return tuple(orgs)


def load_thread(path: Path, indicators: Collection[str] | None = None) -> Thread:
    """Read the thread of a bundle: a folder or an ``.xlsx`` workbook.

    A folder gives ``framework.toml``, ``items.csv`` and ``links.csv`` (each optional); a
    workbook gives the sheets ``items`` and ``links`` and the generic levels.  Indicator
    codes for ``links.csv`` are ``indicators`` when given, otherwise the ``code`` column of
    the bundle's ``indicators`` table if there is one; that table's ``objective`` column
    (ids separated by ``;``) also attaches each indicator to the objectives it measures.

    Raises:
        BundleError: every problem in the bundle's thread files, or no bundle at ``path``.
    """
    tables: dict[str, Table] = {}
    data: dict[str, Any] = {}
    if path.is_dir():
        framework = path / "framework.toml"
        if framework.exists():
            try:
                data = tomllib.loads(framework.read_text(encoding="utf-8"))
            except tomllib.TOMLDecodeError as exc:
                raise BundleError([Problem(f"not valid TOML: {exc}", framework.name)]) from None
        for name in ("items", "links", "indicators"):
            csv_path = path / f"{name}.csv"
            if csv_path.exists():
                tables[name] = read_csv(csv_path)
    elif path.is_file() and path.suffix.lower() == ".xlsx":
        tables = read_workbook(path)
    else:
        raise BundleError([Problem(f"no bundle folder or .xlsx workbook at {path}")])
    problems: list[Problem] = []
    levels: LevelScheme = GENERIC
    organisations: tuple[Organisation, ...] = ()
    try:
        levels = levels_from_toml(data, "framework.toml")
    except BundleError as exc:
        problems.extend(exc.problems)
    try:
        organisations = organisations_from_toml(data, "framework.toml")
    except BundleError as exc:
        problems.extend(exc.problems)
    codes = tables.get("indicators")
    declared: list[IndicatorLink] = []
    if codes is not None and "code" in codes.columns:
        if indicators is None:
            indicators = {r.get("code") for r in codes if r.get("code")}
        for row in codes:
            for objective in row.get("objective").split(";"):
                if row.get("code") and objective.strip():
                    declared.append(IndicatorLink(row.get("code"), objective.strip()))
    if indicators is None:
        indicators = set()
    items: tuple[Item, ...] = ()
    links: tuple[Link, ...] = ()
    attached: tuple[IndicatorLink, ...] = ()
    if "items" in tables:
        try:
            items = read_items(tables["items"], levels)
        except BundleError as exc:
            problems.extend(exc.problems)
    if "links" in tables:
        try:
            links, attached = read_links(tables["links"], indicators)
        except BundleError as exc:
            problems.extend(exc.problems)
    if problems:
        raise BundleError(problems)
    return Thread(items, levels, links, declared + list(attached), organisations)
