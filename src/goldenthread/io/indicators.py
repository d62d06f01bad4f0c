"""Reading ``indicators.csv``, ``values.csv`` and ``targets.csv`` from a bundle.

Each reader takes a :class:`~goldenthread.io.tables.Table` (a CSV file or workbook sheet)
and returns domain objects, or raises :class:`~goldenthread.errors.BundleError` listing
every rejected cell with its file, row, column and reason.  Numeric cells follow the
rule of :mod:`goldenthread.indicators.numbers`; unknown columns are kept in ``extras``.

``indicators.csv``
    required ``code, title, polarity, aggregation, frequency``; optional ``unit,
    decimals, tolerance, factor, annualise, reporting_frequency, rag_rule, profile,
    definition, guidance, owner, service, statutory, source, comparator_group,
    classification, objective, minimum, maximum, max_change``.  ``minimum`` and
    ``maximum`` are numbers (the minimum not above the maximum); ``max_change`` is
    spelt like ``tolerance``: ``50%`` (relative) or ``10`` (absolute).  ``profile``
    (``even``, ``seasonal`` or weights such as ``20;30;25;25``) is only for ``sum``
    indicators that are not annualised and ``cumulative`` ones (blank for last year's
    shape, ``seasonal`` or weights, not ``even``); on any other it is an error.
``values.csv``
    required ``indicator, period`` and ``value`` or ``numerator`` and ``denominator``;
    optional ``status, note, note_date, entered_by``, ``received`` (the day the
    figure was received, kept in the value's extras as an ISO date; dates are
    ``2024-07-31`` or ``31/07/2024``, day first) and ``publish_note`` (``yes`` when the
    note may appear in public reports; kept in ``extras``).
``targets.csv``
    required ``indicator, period``; optional ``target, lower, upper, floor, stretch,
    note``.

A required column that is missing, or an unknown column that is a near miss of a known
one, is an error (:meth:`~goldenthread.io.tables.Table.check_columns`).  A rejected
indicator row is reported once: the values and targets of its code are not read (see
``rejected`` on the readers), so they add no further problems.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Container, Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs
from attrs import frozen

from goldenthread.errors import BundleError, Problem
from goldenthread.indicators.dataset import IndicatorSet
from goldenthread.indicators.definition import (
    DEFAULT_TOLERANCE,
    Aggregation,
    Classification,
    IndicatorDefinition,
    Tolerance,
)
from goldenthread.indicators.numbers import (
    MAX_DECIMALS,
    MAX_FACTOR,
    ValueState,
    check_decimals,
    check_figure,
    parse_number,
    round_half_up,
)
from goldenthread.indicators.polarity import DataStatus, Polarity
from goldenthread.indicators.recorded import PeriodKey, RecordedValues, ValueRow, value_of
from goldenthread.indicators.targets import Target
from goldenthread.indicators.values import IndicatorValue
from goldenthread.io.tables import Row, Table, parse_date, rejected_keys
from goldenthread.periods import Frequency, Period, parse_period

__all__ = [
    "INDICATOR_COLUMNS",
    "TARGET_COLUMNS",
    "VALUE_COLUMNS",
    "VALUE_EXTRA_COLUMNS",
    "IndicatorDefaults",
    "load_indicator_set",
    "read_indicators",
    "read_recorded",
    "read_targets",
    "read_values",
    "unknown_rule_message",
]

INDICATOR_COLUMNS = (
    "code",
    "title",
    "polarity",
    "aggregation",
    "frequency",
    "unit",
    "decimals",
    "tolerance",
    "factor",
    "annualise",
    "reporting_frequency",
    "rag_rule",
    "profile",
    "definition",
    "guidance",
    "owner",
    "service",
    "statutory",
    "source",
    "comparator_group",
    "classification",
    "objective",
    "minimum",
    "maximum",
    "max_change",
)
VALUE_COLUMNS = (
    "indicator",
    "period",
    "value",
    "numerator",
    "denominator",
    "status",
    "note",
    "note_date",
    "entered_by",
)
TARGET_COLUMNS = ("indicator", "period", "target", "lower", "upper", "floor", "stretch", "note")

VALUE_EXTRA_COLUMNS = ("received",)
"""Columns of ``values.csv`` with a meaning that are kept in a value's ``extras``
(``received``: the day the figure was received, read as a date)."""


_TRUE = {"yes", "y", "true", "1"}
_FALSE = {"no", "n", "false", "0", ""}


@frozen
class IndicatorDefaults:
    """Bundle-wide defaults for indicator columns left blank (``[indicators]`` in
    ``framework.toml``): ``tolerance`` (``"5%"``), ``rag_rule`` (``"tolerance"``),
    ``decimals`` (0) and ``status`` (the data status of a value with none, ``final``).
    """

    tolerance: Tolerance = DEFAULT_TOLERANCE
    rag_rule: str = "tolerance"
    decimals: int = 0
    status: DataStatus = DataStatus.FINAL

    @classmethod
    def from_mapping(
        cls, section: Mapping[str, object], file: str = "framework.toml"
    ) -> IndicatorDefaults:
        """Read the ``[indicators]`` section of ``framework.toml``.

        Sub-tables (``[indicators.quality]``, say) are left to their own readers.

        Raises:
            BundleError: an unknown key or a value of the wrong kind, each named.
        """
        problems: list[Problem] = []
        result = cls()
        tolerance, rag_rule, decimals, status = (
            result.tolerance,
            result.rag_rule,
            result.decimals,
            result.status,
        )
        for key, raw in section.items():
            if isinstance(raw, Mapping):
                continue  # a sub-table such as [indicators.quality] belongs to another reader
            where = f"indicators.{key}"
            try:
                if key == "tolerance":
                    tolerance = Tolerance.parse(str(raw))
                elif key == "rag_rule":
                    if not isinstance(raw, str) or not raw.strip():
                        raise ValueError("rag_rule must be a rule name")
                    rag_rule = raw.strip()
                elif key == "decimals":
                    if (
                        not isinstance(raw, int)
                        or isinstance(raw, bool)
                        or not 0 <= raw <= MAX_DECIMALS
                    ):
                        raise ValueError(
                            f"decimals must be a whole number 0-{MAX_DECIMALS}, not {raw!r}"
                        )
                    decimals = raw
                elif key == "status":
                    status = DataStatus.parse(str(raw))
                else:
                    raise ValueError(
                        f"unknown key {key!r}; expected tolerance, rag_rule, decimals, status"
                    )
            except ValueError as exc:
                problems.append(Problem(str(exc), file, None, where))
        if problems:
            raise BundleError(problems)
        return cls(tolerance, rag_rule, decimals, status)


def _flag(row: Row, column: str, problems: list[Problem]) -> bool:
    text = row.get(column).lower()
    if text in _TRUE:
        return True
    if text not in _FALSE:
        problems.append(row.problem(column, f"expected yes or no, not {row.get(column)!r}"))
    return False


def _profile(text: str) -> str | tuple[Decimal, ...]:
    key = text.strip().lower()
    if key in ("", "even"):
        return "even"
    if key == "seasonal":
        return "seasonal"
    try:
        return tuple(check_figure(Decimal(part)) for part in re.split(r"[;,\s]+", key) if part)
    except (InvalidOperation, ValueError):
        raise ValueError(
            f"cannot read profile {text!r}; expected even, seasonal or weights such as "
            "'20;30;25;25'"
        ) from None


def _check_profile(
    row: Row, aggregation: Aggregation, annualise: bool, problems: list[Problem]
) -> None:
    """A profile given where the aggregation cannot use it is an error, never ignored."""
    text = row.get("profile").strip().lower()
    if aggregation is Aggregation.CUMULATIVE:
        if text == "even":
            problems.append(
                row.problem(
                    "profile",
                    "a cumulative indicator's year target follows last year's cumulative "
                    "shape, else runs evenly; leave the profile blank for that, or give "
                    "weights such as '1;1;1;1' for a straight line",
                )
            )
        return
    if aggregation is Aggregation.SUM and not annualise:
        return
    kind = "an annualised 'sum'" if annualise else f"a {aggregation.value!r}"
    problems.append(
        row.problem(
            "profile",
            f"{kind} indicator applies a year's target to each period unchanged, so it "
            "has no use for a profile (only 'sum' and 'cumulative' indicators are "
            "profiled); leave the profile blank",
        )
    )


def _definition(
    row: Row,
    defaults: IndicatorDefaults,
    problems: list[Problem],
    rag_rules: Collection[str] | None = None,
) -> IndicatorDefinition | None:
    found = len(problems)
    rule = row.get("rag_rule")
    if rule and rag_rules is not None and rule not in rag_rules:
        problems.append(row.problem("rag_rule", unknown_rule_message(rule, rag_rules)))
    code = row.get("code")
    if not code:
        problems.append(row.problem("code", "an indicator needs a code"))
    title = row.get("title")
    if not title:
        problems.append(row.problem("title", "an indicator needs a title"))

    polarity = row.parsed("polarity", Polarity.parse, problems, required=True)
    aggregation = row.parsed("aggregation", Aggregation.parse, problems, required=True)
    frequency = row.parsed("frequency", Frequency.parse, problems, required=True)
    reporting = row.parsed("reporting_frequency", Frequency.parse, problems)
    tolerance = row.parsed("tolerance", Tolerance.parse, problems) or defaults.tolerance
    profile = row.parsed("profile", _profile, problems) or "even"
    classification = (
        row.parsed("classification", Classification.parse, problems) or Classification.PUBLIC
    )
    decimals = defaults.decimals
    if row.get("decimals"):
        try:
            decimals = check_decimals(row.get("decimals"))
        except ValueError as exc:
            problems.append(row.problem("decimals", str(exc)))
    factor = Decimal(1)
    if row.get("factor"):
        number = _plain_number(row, "factor", problems)
        if number is not None and number <= 0:
            problems.append(row.problem("factor", f"the factor must be positive, not {number}"))
        elif number is not None and number > MAX_FACTOR:
            problems.append(
                row.problem(
                    "factor",
                    f"the factor must be at most {MAX_FACTOR:,} (per million), not {number}",
                )
            )
        elif number is not None:
            factor = number
    annualise = _flag(row, "annualise", problems)
    statutory = _flag(row, "statutory", problems)
    minimum = _plain_number(row, "minimum", problems, row.get("unit"))
    maximum = _plain_number(row, "maximum", problems, row.get("unit"))
    if minimum is not None and maximum is not None and minimum > maximum:
        problems.append(
            row.problem("minimum", f"the minimum {minimum} is above the maximum {maximum}")
        )
    max_change = row.parsed("max_change", Tolerance.parse, problems)
    if row.get("profile") and aggregation is not None:
        _check_profile(row, aggregation, annualise, problems)
    if len(problems) > found:
        return None
    assert polarity is not None
    assert aggregation is not None
    assert frequency is not None
    try:
        return IndicatorDefinition(
            code=code,
            title=title,
            polarity=polarity,
            aggregation=aggregation,
            frequency=frequency,
            unit=row.get("unit"),
            decimals=decimals,
            tolerance=tolerance,
            factor=factor,
            annualise=annualise,
            reporting_frequency=reporting,
            rag_rule=row.get("rag_rule") or defaults.rag_rule,
            profile=profile,
            definition=row.get("definition"),
            guidance=row.get("guidance"),
            owner=row.get("owner"),
            service=row.get("service"),
            statutory=statutory,
            source=row.get("source"),
            comparator_group=row.get("comparator_group"),
            classification=classification,
            objective=row.get("objective"),
            minimum=minimum,
            maximum=maximum,
            max_change=max_change,
            extras=row.extras(INDICATOR_COLUMNS),
        )
    except ValueError as exc:
        column = "annualise" if "can be annualised" in str(exc) else "profile"
        problems.append(row.problem(column, str(exc)))
        return None


def unknown_rule_message(name: str, rag_rules: Collection[str]) -> str:
    """What to say about a ``rag_rule`` naming none of ``rag_rules``."""
    return f"unknown RAG rule {name!r}; known rules: {', '.join(sorted(rag_rules))}"


def read_indicators(
    table: Table,
    defaults: IndicatorDefaults | None = None,
    *,
    problems: list[Problem] | None = None,
    rag_rules: Collection[str] | None = None,
) -> tuple[IndicatorDefinition, ...]:
    """The indicator definitions of ``indicators.csv``, in file order.

    When ``problems`` is given, the problems of bad rows are appended to it and the
    good rows are returned (a bad header still raises); otherwise any problem raises.
    ``rag_rules`` are the names of the RAG rules on offer (the built-in ones and any
    plugin's); a ``rag_rule`` naming another is refused.  ``None`` accepts any name.

    Raises:
        BundleError: a required column missing or a near miss of a known one; without
            ``problems``, also every bad cell and every code given twice.
    """
    defaults = defaults or IndicatorDefaults()
    table.check_columns(
        INDICATOR_COLUMNS, ("code", "title", "polarity", "aggregation", "frequency")
    )
    collect = problems
    problems = []
    seen: dict[str, int] = {}
    result: list[IndicatorDefinition] = []
    for row in table:
        code = row.get("code")
        if code in seen:
            problems.append(row.problem("code", f"{code!r} is already defined in row {seen[code]}"))
            continue
        if code:
            seen[code] = row.number
        definition = _definition(row, defaults, problems, rag_rules)
        if definition is not None:
            result.append(definition)
    if collect is not None:
        collect.extend(problems)
    elif problems:
        raise BundleError(problems)
    return tuple(result)


def _plain_number(row: Row, column: str, problems: list[Problem], unit: str = "") -> Decimal | None:
    text = row.get(column)
    if not text:
        return None
    try:
        number = parse_number(text, unit)
    except ValueError as exc:
        problems.append(row.problem(column, str(exc)))
        return None
    if isinstance(number, ValueState):
        if number is not ValueState.MISSING:
            problems.append(row.problem(column, f"expected a number or nothing, not {text!r}"))
        return None
    return number


def _indicator_and_period(
    row: Row,
    definitions: Mapping[str, IndicatorDefinition],
    year_start_month: int,
    problems: list[Problem],
) -> tuple[IndicatorDefinition | None, Period | None]:
    code = row.get("indicator")
    definition = definitions.get(code)
    if not code:
        problems.append(row.problem("indicator", "the indicator code is empty"))
    elif definition is None:
        problems.append(
            row.problem("indicator", f"no indicator {code!r} is defined in indicators.csv")
        )
    period: Period | None = None
    try:
        period = parse_period(row.period(), year_start_month)
    except ValueError as exc:
        problems.append(row.problem("period", str(exc)))
    return definition, period


def _date(row: Row, column: str, problems: list[Problem]) -> dt.date | None:
    text = row.get(column)
    if not text:
        return None
    try:
        return parse_date(text)
    except ValueError as exc:
        problems.append(row.problem(column, str(exc)))
        return None


def _value(
    row: Row, definition: IndicatorDefinition, period: Period, status: DataStatus
) -> IndicatorValue | Problem:
    reading: Decimal | ValueState = ValueState.MISSING
    if row.get("value"):
        try:
            reading = parse_number(row.get("value"), definition.unit)
        except ValueError as exc:
            return row.problem("value", str(exc))
    counts: list[Decimal | None] = []
    for column in ("numerator", "denominator"):
        inner: list[Problem] = []
        counts.append(_plain_number(row, column, inner))
        if inner:
            return inner[0]
    numerator, denominator = counts
    if (numerator is None) != (denominator is None):
        column = "denominator" if denominator is None else "numerator"
        return row.problem(column, "a numerator needs a denominator and a denominator a numerator")
    if denominator is not None and denominator < 0:
        return row.problem(
            "denominator", f"the denominator must not be negative, not {denominator}"
        )
    has_counts = numerator is not None and denominator is not None
    if isinstance(reading, ValueState):
        if not has_counts:
            state = reading
            return IndicatorValue(
                definition.code,
                period,
                state,
                status=status,
                note=row.get("note"),
                entered_by=row.get("entered_by"),
                extras=row.extras(VALUE_COLUMNS),
            )
        if reading is not ValueState.MISSING:
            return row.problem("value", f"the value says {row.get('value')!r} but counts are given")
        figure = None
    else:
        figure = reading
        if has_counts:
            assert numerator is not None
            assert denominator is not None
            if denominator == 0:
                return row.problem(
                    "value", "a value is given with a zero denominator, which has no value"
                )
            implied = numerator / denominator * definition.factor
            shown = round_half_up(implied, definition.decimals)
            if round_half_up(figure, definition.decimals) != shown:
                return row.problem(
                    "value",
                    f"the value {row.get('value')} disagrees with numerator / denominator "
                    f"× {definition.factor} = {shown}",
                )
    return IndicatorValue(
        definition.code,
        period,
        ValueState.PRESENT,
        figure,
        numerator,
        denominator,
        status=status,
        note=row.get("note"),
        entered_by=row.get("entered_by"),
        extras=row.extras(VALUE_COLUMNS),
    )


def read_values(
    table: Table,
    definitions: Mapping[str, IndicatorDefinition],
    *,
    year_start_month: int = 4,
    defaults: IndicatorDefaults | None = None,
    rejected: Container[str] = (),
) -> tuple[IndicatorValue, ...]:
    """The values of ``values.csv``, in file order.

    Args:
        table: the table.
        definitions: the indicators by code (a value's unit and factor come from them).
        year_start_month: the month the financial year starts in.
        defaults: supplies the data status of a value whose ``status`` is blank.
        rejected: codes of indicators whose rows were rejected (and reported): their
            values are skipped, not reported again.

    Raises:
        BundleError: every bad cell: an unknown indicator, an unreadable period, number
            or status, a period shorter than the collection frequency, a numerator
            without a denominator, a value that disagrees with its counts, a value given
            twice.
    """
    recorded, order = _value_rows(
        table, definitions, year_start_month, defaults, rejected, ordered=True
    )
    return tuple(value_of(code, recorded[code][key]) for code, key in order)


def read_recorded(
    table: Table,
    definitions: Mapping[str, IndicatorDefinition],
    *,
    year_start_month: int = 4,
    defaults: IndicatorDefaults | None = None,
    rejected: Container[str] = (),
) -> dict[str, RecordedValues]:
    """:func:`read_values`, held by indicator as
    :meth:`IndicatorSet.from_recorded <goldenthread.indicators.dataset.IndicatorSet.from_recorded>`
    takes them: each value stays a plain row until it is read.

    Raises:
        BundleError: as :func:`read_values`.
    """
    recorded, _ = _value_rows(table, definitions, year_start_month, defaults, rejected)
    return {code: RecordedValues.of_entries(code, entries) for code, entries in recorded.items()}


_PLAIN = re.compile(r"-?[0-9]{1,12}(?:\.[0-9]{1,3})?", re.ASCII)
"""A number :func:`~goldenthread.indicators.numbers.parse_number` reads as itself: no
sign but ``-``, no separators, at most 12 whole digits and 3 decimals (so within the
size and significant digits of a figure)."""

_Entries = dict[PeriodKey, "ValueRow | IndicatorValue"]


def _plain_numbers(cells: tuple[str, ...], *, negative: bool = True) -> dict[str, Decimal]:
    """Each distinct plain number among ``cells`` (see :data:`_PLAIN`) as its Decimal.

    Equal texts share one Decimal (they are immutable), which saves memory as well as
    time; a cell not in the result is read by the row-by-row rule.
    """
    plain = _PLAIN.fullmatch
    return {
        text: Decimal(text)
        for text in set(cells)
        if text and plain(text) and (negative or text[0] != "-")
    }


def _value_rows(
    table: Table,
    definitions: Mapping[str, IndicatorDefinition],
    year_start_month: int,
    defaults: IndicatorDefaults | None,
    rejected: Container[str],
    *,
    ordered: bool = False,
) -> tuple[dict[str, _Entries], list[tuple[str, PeriodKey]]]:
    """Every value of ``values.csv`` by indicator and period key, each indicator's in
    file order, and (when ``ordered``) every (code, key) in file order.

    Rows of plain figures are read column by column into :data:`ValueRow` tuples (each
    distinct period, status and number is read once); any other row (a word such as
    ``tbc``, a percentage sign, a note date, a value with its counts, a cell Excel
    changed, a problem) is read by :func:`_value_of_row`, the one rule for every row, so
    both ways give the same value or the same problem.
    """
    defaults = defaults or IndicatorDefaults()
    table.check_columns((*VALUE_COLUMNS, *VALUE_EXTRA_COLUMNS), ("indicator", "period"))
    if "value" not in table.columns and not (
        "numerator" in table.columns and "denominator" in table.columns
    ):
        table.require("value")
    problems: list[Problem] = []
    count = len(table)
    blank = ("",) * count

    def cells(name: str) -> tuple[str, ...]:
        return table.column(name) or blank

    codes, labels, texts, tops, bottoms = (
        cells(c) for c in ("indicator", "period", "value", "numerator", "denominator")
    )
    states, notes, dates, bys = (cells(c) for c in ("status", "note", "note_date", "entered_by"))
    extra_columns = [c for c in table.columns if c not in VALUE_COLUMNS]
    special = {"received", "publish_note"}.intersection(extra_columns)
    extra_cells = [(c, cells(c)) for c in extra_columns]
    uniform = not (any(states) or any(notes) or any(dates) or any(bys) or extra_cells)
    uniform = uniform and not table.changed
    steps = {code: d.frequency.months for code, d in definitions.items()}
    periods = _read_periods(labels, year_start_month)
    figures = _plain_numbers(texts)
    numerators = _plain_numbers(tops)
    denominators = _plain_numbers(bottoms, negative=False)
    statuses: dict[str, DataStatus | None] = {"": defaults.status}
    missing = ValueState.MISSING
    present = ValueState.PRESENT
    status = defaults.status
    note = by = ""
    extras: dict[str, str] | None = None
    recorded: dict[str, _Entries] = {}
    order: list[tuple[str, PeriodKey]] = []
    # (code, months, start) -> row number of every value read so far: made only when a
    # row needs the row-by-row rule (which reports a value given twice by its row)
    seen: dict[tuple[str, int, int], int] | None = None
    numbers = table.numbers
    for position, (code, label, text, top, bottom) in enumerate(
        zip(codes, labels, texts, tops, bottoms, strict=True)
    ):
        if code in rejected:
            continue
        step = steps.get(code)
        known = periods.get(label)
        row: ValueRow | None = None
        if step is not None and known is not None and known[1] >= step:
            if not uniform:
                special_row = dates[position] or position in table.changed
                if extra_cells:
                    extras = {c: v[position] for c, v in extra_cells if v[position]} or None
                    special_row = special_row or bool(extras and special.intersection(extras))
                state_text = states[position]
                found = statuses.get(state_text, _SLOW)
                if found is _SLOW:
                    try:
                        found = statuses[state_text] = DataStatus.parse(state_text)
                    except ValueError:
                        found = statuses[state_text] = None
                if found is None or special_row:
                    known = None
                else:
                    status = found
                    note = notes[position]
                    by = bys[position]
            if known is not None:
                if top or bottom:
                    numerator = numerators.get(top)
                    denominator = denominators.get(bottom)
                    if not text and numerator is not None and denominator is not None:
                        row = (
                            known[0],
                            present,
                            None,
                            numerator,
                            denominator,
                            status,
                            note,
                            None,
                            by,
                            extras,
                        )
                elif text:
                    figure = figures.get(text)
                    if figure is not None:
                        row = (
                            known[0],
                            present,
                            figure,
                            None,
                            None,
                            status,
                            note,
                            None,
                            by,
                            extras,
                        )
                else:
                    row = (known[0], missing, None, None, None, status, note, None, by, extras)
        if row is not None and known is not None:
            assert step is not None
            entries = recorded.get(code)
            if entries is None:
                entries = recorded[code] = {}
            key = known[3]
            # once a row was read row by row, ``seen`` also holds the periods of rows
            # rejected after their period was taken (a second value is still a repeat)
            if key not in entries and (seen is None or (code, *key) not in seen):
                entries[key] = row
                if seen is not None:
                    seen[(code, *key)] = numbers[position]
                if ordered:
                    order.append((code, key))
                continue
        if seen is None:
            seen = _seen_so_far(recorded, codes, labels, periods, numbers, position)
        value = _value_of_row(
            table.row(position), definitions, year_start_month, defaults, seen, problems
        )
        if value is not None:
            key = (value.period.months, value.period.start_index)
            recorded.setdefault(value.indicator, {})[key] = value
            if ordered:
                order.append((value.indicator, key))
    if problems:
        raise BundleError(problems)
    return recorded, order


def _read_periods(
    labels: Iterable[str], year_start_month: int
) -> dict[str, tuple[Period, int, int, PeriodKey]]:
    """Each distinct readable period label of a column, read once, as (period, months,
    first month index, period key); a label that does not read is left out (its rows
    are read row by row, which says why)."""
    periods: dict[str, tuple[Period, int, int, PeriodKey]] = {}
    for label in set(labels):
        try:
            period = parse_period(label, year_start_month)
        except ValueError:
            continue
        key = (period.months, period.start_index)
        periods[label] = (period, *key, key)
    return periods


def _seen_so_far(
    recorded: Mapping[str, _Entries],
    codes: tuple[str, ...],
    labels: tuple[str, ...],
    periods: Mapping[str, tuple[Period, int, int, PeriodKey]],
    numbers: tuple[int, ...],
    stop: int,
) -> dict[tuple[str, int, int], int]:
    """The row number of each value read before ``stop``, by (code, months, start)."""
    seen: dict[tuple[str, int, int], int] = {}
    for position in range(stop):
        known = periods.get(labels[position])
        code = codes[position]
        if known is not None and known[3] in recorded.get(code, {}):
            seen.setdefault((code, *known[3]), numbers[position])
    return seen


def _value_of_row(
    row: Row,
    definitions: Mapping[str, IndicatorDefinition],
    year_start_month: int,
    defaults: IndicatorDefaults,
    seen: dict[tuple[str, int, int], int],
    problems: list[Problem],
) -> IndicatorValue | None:
    """The value of one row of ``values.csv``, or ``None`` with its problems added."""
    found = len(problems)
    definition, period = _indicator_and_period(row, definitions, year_start_month, problems)
    status = defaults.status
    if row.get("status"):
        try:
            status = DataStatus.parse(row.get("status"))
        except ValueError as exc:
            problems.append(row.problem("status", str(exc)))
    note_date = _date(row, "note_date", problems)
    received = _date(row, "received", problems)
    _flag(row, "publish_note", problems)  # kept in extras: may the note be published?
    if definition is None or period is None or len(problems) > found:
        return None
    if period.months < definition.frequency.months:
        problems.append(
            row.problem(
                "period",
                f"{definition.code} is collected {definition.frequency.value}, "
                f"so it has no value for {period.label}",
            )
        )
        return None
    key = (definition.code, period.months, period.start_index)
    if key in seen:
        problems.append(
            row.problem(
                "period",
                f"{definition.code} {period.label} already has a value in row {seen[key]}",
            )
        )
        return None
    seen[key] = row.number
    value = _value(row, definition, period, status)
    if isinstance(value, Problem):
        problems.append(value)
        return None
    if received is not None:
        extras = dict(value.extras)
        extras["received"] = received.isoformat()
        value = attrs.evolve(value, extras=extras)
    if note_date is not None:
        value = IndicatorValue(
            value.indicator,
            value.period,
            value.state,
            value.value,
            value.numerator,
            value.denominator,
            value.status,
            value.note,
            note_date,
            value.entered_by,
            value.extras,
        )
    return value


def read_targets(
    table: Table,
    definitions: Mapping[str, IndicatorDefinition],
    *,
    year_start_month: int = 4,
    rejected: Container[str] = (),
) -> tuple[Target, ...]:
    """The targets of ``targets.csv``, in file order.

    A blank, ``tbc`` or ``N/A`` figure means no figure of that kind.  Targets of the
    ``rejected`` indicator codes (rows already reported) are skipped.

    Raises:
        BundleError: every bad cell: an unknown indicator, an unreadable period or
            number, ``lower`` above ``upper``, a target given twice.
    """
    table.check_columns(TARGET_COLUMNS, ("indicator", "period"))
    problems: list[Problem] = []
    seen: dict[tuple[str, int, int], int] = {}
    result: list[Target] = []
    blank = ("",) * len(table)
    columns = [table.column(c) or blank for c in ("indicator", "period", *_TARGET_FIGURES)]
    codes, labels = columns[0], columns[1]
    plain = [_plain_numbers(cells) for cells in columns[2:]]
    notes = table.column("note") or blank
    others = [c for c in table.columns if c not in TARGET_COLUMNS]
    uniform = not others and not table.changed
    periods = _read_periods(labels, year_start_month)
    for position, code in enumerate(codes):
        if code in rejected:
            continue
        definition = definitions.get(code)
        label = labels[position]
        known = periods.get(label)
        if uniform and definition is not None and known is not None:
            period = known[0]
            figures = [
                number.get(cells[position], _SLOW) if cells[position] else None
                for number, cells in zip(plain, columns[2:], strict=True)
            ]
            target, lower, upper, floor, stretch = figures
            key = (code, known[1], known[2])
            if (
                _SLOW not in figures
                and key not in seen
                and (lower is None or upper is None or lower <= upper)
            ):
                seen[key] = table.numbers[position]
                result.append(
                    Target(code, period, target, lower, upper, floor, stretch, notes[position])
                )
                continue
        _target_of_row(table.row(position), definitions, year_start_month, seen, problems, result)
    if problems:
        raise BundleError(problems)
    return tuple(result)


_TARGET_FIGURES = ("target", "lower", "upper", "floor", "stretch")
_SLOW: Any = object()
"""A figure to read by the row-by-row rule."""


def _target_of_row(
    row: Row,
    definitions: Mapping[str, IndicatorDefinition],
    year_start_month: int,
    seen: dict[tuple[str, int, int], int],
    problems: list[Problem],
    result: list[Target],
) -> None:
    """Read one row of ``targets.csv`` into ``result``, or its problems into ``problems``."""
    found = len(problems)
    definition, period = _indicator_and_period(row, definitions, year_start_month, problems)
    unit = definition.unit if definition is not None else ""
    figures: dict[str, Decimal | None] = {}
    for column in ("target", "lower", "upper", "floor", "stretch"):
        figures[column] = None
        try:
            number = parse_number(row.get(column), unit)
        except ValueError as exc:
            problems.append(row.problem(column, str(exc)))
            continue
        if not isinstance(number, ValueState):
            figures[column] = number
    lower, upper = figures["lower"], figures["upper"]
    if lower is not None and upper is not None and lower > upper:
        problems.append(row.problem("lower", f"lower {lower} is above upper {upper}"))
    if definition is None or period is None or len(problems) > found:
        return
    key = (definition.code, period.months, period.start_index)
    if key in seen:
        problems.append(
            row.problem(
                "period",
                f"{definition.code} {period.label} already has a target in row {seen[key]}",
            )
        )
        return
    seen[key] = row.number
    result.append(
        Target(
            definition.code,
            period,
            figures["target"],
            lower,
            upper,
            figures["floor"],
            figures["stretch"],
            note=row.get("note"),
            extras=row.extras(TARGET_COLUMNS),
        )
    )


def load_indicator_set(
    indicators: Table,
    values: Table | None = None,
    targets: Table | None = None,
    *,
    year_start_month: int = 4,
    defaults: IndicatorDefaults | None = None,
    rag_rules: Collection[str] | None = None,
) -> IndicatorSet:
    """Read the three tables into one :class:`~goldenthread.indicators.dataset.IndicatorSet`.

    The indicators are read first; then the problems of the values and targets tables
    are gathered together and raised as one :class:`BundleError`.  A rejected indicator
    row is reported once: its values and targets are not read.
    """
    problems: list[Problem] = []
    accepted = read_indicators(indicators, defaults, problems=problems, rag_rules=rag_rules)
    definitions = {d.code: d for d in accepted}
    rejected = rejected_keys(indicators, "code", definitions)
    recorded: dict[str, RecordedValues] = {}
    read_tgts: tuple[Target, ...] = ()
    try:
        if values is not None:
            recorded = read_recorded(
                values,
                definitions,
                year_start_month=year_start_month,
                defaults=defaults,
                rejected=rejected,
            )
    except BundleError as exc:
        problems.extend(exc.problems)
    try:
        if targets is not None:
            read_tgts = read_targets(
                targets, definitions, year_start_month=year_start_month, rejected=rejected
            )
    except BundleError as exc:
        problems.extend(exc.problems)
    if problems:
        raise BundleError(problems)
    return IndicatorSet.from_recorded(
        definitions.values(), recorded, read_tgts, year_start_month=year_start_month
    )
