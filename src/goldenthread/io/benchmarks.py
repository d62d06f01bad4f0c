"""Reading a bundle's benchmarking tables: ``comparators.csv`` and ``comparisons.csv``.

``comparators.csv`` lists the comparator groups, one row per member of a group version:

==============  ===============================================================
``group``       the group's name, as indicators name it in ``comparator_group``
``member``      the member organisation's code (the council itself is a member,
                under the ``code`` of its ``[organisation]``)
``name``        the member's name, for reports (optional)
``valid_from``  the first day the group version applies (blank: since always)
``valid_to``    the last day it applies (blank: until further notice)
==============  ===============================================================

The rows of one group with the same ``valid_from`` and ``valid_to`` make one version of
the group (:class:`~goldenthread.indicators.benchmarking.ComparatorGroup`).  Versions of
a group must not overlap, a member may be listed only once in a version, and a member
has one name throughout.  Dates are ``2024-04-01`` or ``01/04/2024``.

``comparisons.csv`` holds other organisations' published figures
(:class:`~goldenthread.indicators.comparison.PublishedValue`), one row per indicator,
period and organisation: ``indicator``, ``period``, ``organisation``, ``value``, and
optionally ``numerator`` and ``denominator`` (together), ``status`` (a data status,
``final`` when blank) and ``source``.  The indicator must be defined and name a
comparator group; when ``comparators.csv`` is given, the organisation must be a member
of some version of that group, and never the council itself (whose figures are in
``values.csv``).  The period may not be shorter than the indicator's collection
frequency.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container, Iterable, Mapping
from decimal import Decimal

from goldenthread.errors import BundleError, Problem
from goldenthread.indicators.benchmarking import ComparatorGroup
from goldenthread.indicators.comparison import PublishedValue
from goldenthread.indicators.definition import IndicatorDefinition
from goldenthread.indicators.numbers import ValueState, parse_number
from goldenthread.indicators.polarity import DataStatus
from goldenthread.io.tables import Row, Table
from goldenthread.io.thread import parse_date
from goldenthread.periods import Period, parse_period

__all__ = [
    "COMPARATOR_COLUMNS",
    "COMPARISON_COLUMNS",
    "Comparators",
    "read_comparators",
    "read_comparisons",
]

COMPARATOR_COLUMNS = ("group", "member", "name", "valid_from", "valid_to")
"""The columns of ``comparators.csv``."""

COMPARISON_COLUMNS = (
    "indicator",
    "period",
    "organisation",
    "value",
    "numerator",
    "denominator",
    "status",
    "source",
)
"""The columns of ``comparisons.csv``."""

Comparators = tuple[tuple[ComparatorGroup, ...], dict[str, str]]
"""What :func:`read_comparators` returns: the group versions and the members' names."""

_Version = tuple[str, dt.date | None, dt.date | None]


def _date(row: Row, column: str, problems: list[Problem]) -> dt.date | None:
    text = row.get(column)
    if not text:
        return None
    try:
        return parse_date(text)
    except ValueError:
        problems.append(
            row.problem(column, f"expected a date such as 2024-04-01 or 01/04/2024, not {text!r}")
        )
        return None


def _overlap(a: _Version, b: _Version) -> bool:
    starts_before_b_ends = a[1] is None or b[2] is None or a[1] <= b[2]
    return starts_before_b_ends and (b[1] is None or a[2] is None or b[1] <= a[2])


def _span(version: _Version) -> str:
    start = version[1].isoformat() if version[1] else "always"
    end = version[2].isoformat() if version[2] else "further notice"
    return f"{start} to {end}"


def read_comparators(table: Table) -> Comparators:
    """The comparator group versions of ``comparators.csv`` (in file order) and the
    members' names by code.

    Raises:
        BundleError: every bad cell: a blank group or member, an unreadable date,
            ``valid_to`` before ``valid_from``, a member listed twice in one version,
            versions of a group whose dates overlap, a member given two names.
    """
    table.check_columns(COMPARATOR_COLUMNS, ("group", "member"))
    problems: list[Problem] = []
    members: dict[_Version, list[str]] = {}
    first_row: dict[_Version, int] = {}
    names: dict[str, str] = {}
    named_in: dict[str, int] = {}
    for row in table:
        group, member, name = row.get("group"), row.get("member"), row.get("name")
        before = len(problems)
        if not group:
            problems.append(row.problem("group", "the group name is empty"))
        if not member:
            problems.append(row.problem("member", "the member code is empty"))
        start = _date(row, "valid_from", problems)
        end = _date(row, "valid_to", problems)
        if start is not None and end is not None and end < start:
            problems.append(row.problem("valid_to", f"valid_to {end} is before valid_from {start}"))
        bad = len(problems) > before
        if name and member:
            if member in names and names[member] != name:
                problems.append(
                    row.problem(
                        "name",
                        f"{member!r} is named {names[member]!r} in row {named_in[member]}, "
                        f"not {name!r}",
                    )
                )
            elif member not in names:
                names[member], named_in[member] = name, row.number
        if bad:
            continue
        version = (group, start, end)
        listed = members.setdefault(version, [])
        if member in listed:
            problems.append(
                row.problem(
                    "member",
                    f"{member!r} is already a member of {group!r} from {_span(version)}",
                )
            )
            continue
        first_row.setdefault(version, row.number)
        listed.append(member)
    versions = list(members)
    for i, later in enumerate(versions):
        for earlier in versions[:i]:
            if earlier[0] == later[0] and _overlap(earlier, later):
                problems.append(
                    Problem(
                        f"group {later[0]!r} from {_span(later)} overlaps its version from "
                        f"{_span(earlier)} (row {first_row[earlier]}); versions of a group "
                        "must not overlap",
                        table.file,
                        first_row[later],
                        "valid_from",
                    )
                )
                break
    if problems:
        raise BundleError(problems)
    groups = tuple(
        ComparatorGroup(group, tuple(listed), valid_from=start, valid_to=end)
        for (group, start, end), listed in members.items()
    )
    return groups, names


def _number(row: Row, column: str, unit: str, problems: list[Problem]) -> Decimal | None:
    text = row.get(column)
    if not text:
        return None
    try:
        number = parse_number(text, unit)
    except ValueError as exc:
        problems.append(row.problem(column, str(exc)))
        return None
    if isinstance(number, ValueState):
        problems.append(row.problem(column, f"expected a number, not {text!r}"))
        return None
    return number


def _members(groups: Iterable[ComparatorGroup]) -> dict[str, set[str]]:
    result: dict[str, set[str]] = {}
    for group in groups:
        result.setdefault(group.name, set()).update(group.members)
    return result


def read_comparisons(
    table: Table,
    definitions: Mapping[str, IndicatorDefinition],
    *,
    council: str = "",
    groups: Iterable[ComparatorGroup] | None = None,
    year_start_month: int = 4,
    rejected: Container[str] = (),
) -> tuple[PublishedValue, ...]:
    """The published figures of ``comparisons.csv``, in file order.

    Args:
        table: the table.
        definitions: the indicators by code.
        council: the council's own code (its figures belong in ``values.csv``).
        groups: the comparator groups; when given, each organisation must be a member of
            some version of the indicator's group.
        year_start_month: the month the council's financial year starts in.
        rejected: indicator codes whose rows in ``indicators.csv`` were rejected (and
            reported); their figures are skipped, not reported again.

    Raises:
        BundleError: every bad cell: an unknown indicator or one with no comparator
            group, a bad period or one shorter than the indicator's frequency, a blank
            organisation or one outside the group, the council itself, a missing or bad
            number, a numerator without a denominator (or the reverse), a negative
            denominator, an unknown status, and a figure given twice.
    """
    table.check_columns(COMPARISON_COLUMNS, ("indicator", "period", "organisation", "value"))
    members = None if groups is None else _members(groups)
    problems: list[Problem] = []
    seen: dict[tuple[str, str, str], int] = {}
    result: list[PublishedValue] = []
    for row in table:
        code = row.get("indicator")
        if code in rejected:
            continue
        before = len(problems)
        definition = definitions.get(code)
        if not code:
            problems.append(row.problem("indicator", "the indicator code is empty"))
        elif definition is None:
            problems.append(
                row.problem("indicator", f"no indicator {code!r} is defined in indicators.csv")
            )
        elif not definition.comparator_group:
            problems.append(
                row.problem("indicator", f"indicator {code!r} names no comparator_group")
            )
        period: Period | None = None
        try:
            period = parse_period(row.period(), year_start_month)
        except ValueError as exc:
            problems.append(row.problem("period", str(exc)))
        if (
            period is not None
            and definition is not None
            and period.months < definition.frequency.months
        ):
            problems.append(
                row.problem(
                    "period",
                    f"{period.label} is shorter than the collection frequency of {code} "
                    f"({definition.frequency.value})",
                )
            )
        organisation = row.get("organisation")
        if not organisation:
            problems.append(row.problem("organisation", "the organisation code is empty"))
        elif organisation == council:
            problems.append(
                row.problem(
                    "organisation",
                    f"{organisation!r} is this council; its own figures belong in values.csv",
                )
            )
        elif (
            members is not None
            and definition is not None
            and definition.comparator_group
            and organisation not in members.get(definition.comparator_group, set())
        ):
            problems.append(
                row.problem(
                    "organisation",
                    f"{organisation!r} is not a member of comparator group "
                    f"{definition.comparator_group!r} in comparators.csv",
                )
            )
        unit = definition.unit if definition is not None else ""
        value = _number(row, "value", unit, problems)
        if value is None and not row.get("value"):
            problems.append(row.problem("value", "the value is empty"))
        numerator = _number(row, "numerator", "", problems)
        denominator = _number(row, "denominator", "", problems)
        if bool(row.get("numerator")) != bool(row.get("denominator")):
            column = "denominator" if not row.get("denominator") else "numerator"
            problems.append(
                row.problem(column, "a numerator needs a denominator and a denominator a numerator")
            )
        if denominator is not None and denominator < 0:
            problems.append(
                row.problem(
                    "denominator", f"the denominator must not be negative, not {denominator}"
                )
            )
        status = DataStatus.FINAL
        if row.get("status"):
            try:
                status = DataStatus.parse(row.get("status"))
            except ValueError as exc:
                problems.append(row.problem("status", str(exc)))
        if period is not None and code and organisation:
            key = (code, period.label, organisation)
            if key in seen:
                problems.append(
                    row.problem(
                        "organisation",
                        f"{organisation!r}'s {code} for {period.label} is already given in "
                        f"row {seen[key]}",
                    )
                )
            else:
                seen[key] = row.number
        if len(problems) > before or period is None or value is None:
            continue
        result.append(
            PublishedValue(
                code,
                period,
                organisation,
                value,
                numerator,
                denominator,
                status,
                row.get("source"),
            )
        )
    if problems:
        raise BundleError(problems)
    return tuple(result)
