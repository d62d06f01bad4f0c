"""Bundle readers for risks: the ``[risk]`` section, ``risks.csv`` and ``risk_reviews.csv``.

``framework.toml``'s ``[risk]`` section (every key optional)::

    [risk]
    matrix = "default-5x5"        # a preset name; or a [risk.matrix] table in our format
    review_frequency = "quarterly"

    [risk.appetite]
    default = "cautious"          # averse | minimal | cautious | open | eager
    categories = { financial = "cautious", "health and safety" = "averse" }
    tolerances = { averse = 4, minimal = 6, cautious = 12, open = 16, eager = 25 }

    [[risk.escalation]]
    name = "service-to-corporate"
    registers = ["service"]       # registers the rule watches (default: all)
    min_score = 15                # and/or min_level = "High", outside_appetite = true
    outside_appetite = true
    escalate_to = "corporate"
    report_to = ["Management Team", "Audit Committee"]

``risks.csv`` columns (only ``id`` and ``title`` are required; unknown columns are kept):
``id, title, owner, category, register, cause, event, consequence, objectives``
(``;``-separated item ids), ``inherent_likelihood, inherent_impact, current_likelihood,
current_impact, target_likelihood, target_impact`` (1-based; give both of a pair or
neither), ``controls`` (``;``-separated, each ``description | owner | effectiveness``),
``mitigations`` (``;``-separated, each ``action | owner | due | status``), ``treatment``
(treat, tolerate, transfer, terminate), ``nature`` (threat, opportunity), ``appetite``
(an Orange Book level for this risk alone), ``review_frequency``, ``next_review``
(``2024-09-30`` or ``30/09/2024``), ``status`` (open, closed).

``risk_reviews.csv`` has one row per risk per review: ``risk, reviewed_on, period,
current_likelihood, current_impact, status, note``.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable, Collection, Container, Mapping
from typing import Any, TypeVar

import attrs

from goldenthread.errors import BundleError, InputError, PeriodError, Problem
from goldenthread.io.risk_matrix import matrix_from_dict
from goldenthread.io.tables import Row, Table, parse_date
from goldenthread.periods import Frequency, parse_period
from goldenthread.risk.appetite import Appetite, AppetiteLevel
from goldenthread.risk.escalation import EscalationRule
from goldenthread.risk.matrix import RiskMatrix
from goldenthread.risk.presets import preset
from goldenthread.risk.register import (
    ActionStatus,
    Assessment,
    Control,
    Effectiveness,
    Mitigation,
    Nature,
    RegisterKind,
    Risk,
    RiskStatus,
    Treatment,
    parse_choice,
)
from goldenthread.risk.scoring import BUILTIN_FORMULAS, Formula
from goldenthread.risk.settings import RiskSettings
from goldenthread.risk.trends import Review

__all__ = [
    "REVIEW_COLUMNS",
    "RISK_COLUMNS",
    "read_risk_reviews",
    "read_risks",
    "risk_settings_from_toml",
]

RISK_COLUMNS = (
    "id", "title", "owner", "category", "register", "cause", "event", "consequence",
    "objectives", "inherent_likelihood", "inherent_impact", "current_likelihood",
    "current_impact", "target_likelihood", "target_impact", "controls", "mitigations",
    "treatment", "nature", "appetite", "review_frequency", "next_review", "status",
)  # fmt: skip
"""The columns of ``risks.csv`` that :func:`read_risks` reads (others are kept as extras)."""

REVIEW_COLUMNS = (
    "risk", "reviewed_on", "period", "current_likelihood", "current_impact", "status", "note",
)  # fmt: skip
"""The columns of ``risk_reviews.csv``."""

E = TypeVar("E", bound=enum.Enum)


# --- framework.toml -------------------------------------------------------------------


def _section(
    data: Mapping[str, Any], key: str, where: str, problems: list[Problem], file: str
) -> Mapping[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, Mapping):
        problems.append(Problem(f"{where} must be a table", file, None, where))
        return {}
    return value


def risk_settings_from_toml(
    data: dict[str, Any],
    file: str,
    *,
    matrices: Mapping[str, RiskMatrix] | None = None,
    formulas: Mapping[str, Formula] | None = None,
) -> RiskSettings:
    """The :class:`RiskSettings` of a parsed ``framework.toml`` (its ``[risk]`` section).

    ``data`` is the whole parsed file; a missing section gives the defaults (the 5×5
    preset, cautious appetite, no escalation rules, quarterly reviews).  ``matrix`` is a
    table, or the name of one of ``matrices`` (default: the built-in presets);
    ``scoring`` names one of ``formulas`` (default: the built-in formulas) to score the
    matrix by, as ``[risk.matrix] formula`` does for a matrix given as a table.  Raises
    :class:`BundleError` listing every problem, each naming ``file`` and the key path
    (an unknown name lists the names on offer).
    """
    problems: list[Problem] = []
    risk = _section(data, "risk", "risk", problems, file)
    if problems:
        raise BundleError(problems)
    known_formulas = BUILTIN_FORMULAS if formulas is None else formulas
    matrix: RiskMatrix | None = None
    raw_matrix = risk.get("matrix", "default-5x5")
    try:
        if isinstance(raw_matrix, str):
            if matrices is None:
                matrix = preset(raw_matrix)
            elif raw_matrix in matrices:
                matrix = matrices[raw_matrix]
            else:
                known = ", ".join(sorted(matrices))
                problems.append(
                    Problem(
                        f"unknown risk matrix {raw_matrix!r}; the names on offer are: {known}",
                        file,
                        None,
                        "risk.matrix",
                    )
                )
        elif isinstance(raw_matrix, Mapping):
            matrix = matrix_from_dict(
                raw_matrix, file, prefix="risk.matrix", formulas=known_formulas
            )
        else:
            problems.append(
                Problem("risk.matrix must be a preset name or a table", file, None, "risk.matrix")
            )
    except BundleError as exc:
        problems.extend(exc.problems)
    except InputError as exc:
        problems.extend(Problem(p.reason, file, None, "risk.matrix") for p in exc.problems)
    if "scoring" in risk:
        name = risk["scoring"]
        if isinstance(raw_matrix, Mapping) and "formula" in raw_matrix:
            problems.append(
                Problem(
                    "[risk] scoring and [risk.matrix] formula both name a formula; keep one",
                    file,
                    None,
                    "risk.scoring",
                )
            )
        elif not isinstance(name, str) or name not in known_formulas:
            known = ", ".join(sorted(known_formulas))
            problems.append(
                Problem(
                    f"unknown risk scoring formula {name!r}; the names on offer are: {known}",
                    file,
                    None,
                    "risk.scoring",
                )
            )
        elif matrix is not None:
            try:
                matrix = attrs.evolve(matrix, formula=known_formulas[name])
            except InputError as exc:
                problems.extend(Problem(p.reason, file, None, "risk.scoring") for p in exc.problems)
                matrix = None
    frequency = Frequency.QUARTERLY
    if "review_frequency" in risk:
        try:
            frequency = Frequency.parse(str(risk["review_frequency"]))
        except ValueError as exc:
            problems.append(Problem(str(exc), file, None, "risk.review_frequency"))
    appetite = _appetite(
        _section(risk, "appetite", "risk.appetite", problems, file), file, problems
    )
    rules = _rules(risk.get("escalation", []), file, problems)
    if matrix is not None:
        names = {level.name.casefold() for level in matrix.levels}
        for i, rule in enumerate(rules):
            if rule.min_level is not None and rule.min_level.casefold() not in names:
                known = ", ".join(level.name for level in matrix.levels)
                problems.append(
                    Problem(
                        f"min_level {rule.min_level!r} is not a level of matrix "
                        f"{matrix.name!r} (levels: {known})",
                        file,
                        None,
                        f"risk.escalation[{i}].min_level",
                    )
                )
    if problems or matrix is None:
        raise BundleError(problems)
    try:
        return RiskSettings(matrix, appetite or Appetite(), rules, frequency)
    except InputError as exc:  # tolerances that do not fit the matrix's scaled defaults
        raise BundleError(
            Problem(p.reason, file, None, "risk.appetite.tolerances") for p in exc.problems
        ) from None


def _level(value: object, where: str, file: str, problems: list[Problem]) -> AppetiteLevel | None:
    try:
        return AppetiteLevel.parse(str(value))
    except InputError as exc:
        problems.append(Problem(str(exc), file, None, where))
        return None


def _appetite(section: Mapping[str, Any], file: str, problems: list[Problem]) -> Appetite | None:
    before = len(problems)
    default = _level(section.get("default", "cautious"), "risk.appetite.default", file, problems)
    categories: dict[str, AppetiteLevel] = {}
    for name, value in _section(
        section, "categories", "risk.appetite.categories", problems, file
    ).items():
        level = _level(value, f"risk.appetite.categories.{name}", file, problems)
        if level is not None:
            categories[name] = level
    tolerances: dict[AppetiteLevel, int] = {}
    for name, value in _section(
        section, "tolerances", "risk.appetite.tolerances", problems, file
    ).items():
        where = f"risk.appetite.tolerances.{name}"
        level = _level(name, where, file, problems)
        if type(value) is not int:
            problems.append(
                Problem(f"a tolerance must be a whole number, not {value!r}", file, None, where)
            )
        elif level is not None:
            tolerances[level] = value
    if len(problems) > before or default is None:
        return None
    try:
        return Appetite(default, categories, tolerances)
    except InputError as exc:
        problems.append(Problem(str(exc), file, None, "risk.appetite.tolerances"))
        return None


def _rules(raw: object, file: str, problems: list[Problem]) -> tuple[EscalationRule, ...]:
    if not isinstance(raw, list) or not all(isinstance(r, Mapping) for r in raw):
        problems.append(
            Problem(
                "risk.escalation must be a list of tables ([[risk.escalation]])",
                file,
                None,
                "risk.escalation",
            )
        )
        return ()
    rules = []
    for i, entry in enumerate(raw):
        where = f"risk.escalation[{i}]"
        before = len(problems)

        def choice(kind: type[E], value: object, key: str, where: str = where) -> E | None:
            try:
                return parse_choice(kind, str(value))
            except InputError as exc:
                problems.append(Problem(str(exc), file, None, f"{where}.{key}"))
                return None

        escalate_to = choice(RegisterKind, entry.get("escalate_to", ""), "escalate_to")
        registers = [choice(RegisterKind, r, "registers") for r in _list(entry, "registers")]
        min_score = entry.get("min_score")
        if min_score is not None and type(min_score) is not int:
            problems.append(
                Problem(
                    f"min_score must be a whole number, not {min_score!r}",
                    file,
                    None,
                    f"{where}.min_score",
                )
            )
        outside = entry.get("outside_appetite", False)
        if not isinstance(outside, bool):
            problems.append(
                Problem(
                    f"outside_appetite must be true or false, not {outside!r}",
                    file,
                    None,
                    f"{where}.outside_appetite",
                )
            )
        min_level = entry.get("min_level")
        if len(problems) > before or escalate_to is None:
            continue
        try:
            rules.append(
                EscalationRule(
                    name=str(entry.get("name", f"rule-{i + 1}")),
                    escalate_to=escalate_to,
                    registers=tuple(r for r in registers if r is not None),
                    min_score=min_score,
                    min_level=None if min_level is None else str(min_level),
                    outside_appetite=bool(outside),
                    report_to=tuple(str(x) for x in _list(entry, "report_to")),
                )
            )
        except InputError as exc:
            problems.append(Problem(str(exc), file, None, where))
    return tuple(rules)


def _list(entry: Mapping[str, Any], key: str) -> list[object]:
    value = entry.get(key, [])
    return list(value) if isinstance(value, list) else [value]


# --- risks.csv ------------------------------------------------------------------------


def _date(text: str) -> dt.date:
    try:
        return parse_date(text)
    except ValueError as exc:
        raise InputError(str(exc)) from None


def _int(text: str) -> int:
    try:
        if not re.fullmatch(r"[+-]?[0-9]+", text.strip()):
            raise ValueError(text)
        return int(text)
    except ValueError:
        raise InputError(f"{text!r} is not a whole number") from None


_TIER_COLUMNS = {
    tier: (f"{tier}_likelihood", f"{tier}_impact") for tier in ("inherent", "current", "target")
}

_RISK_COLUMN_SET = frozenset(RISK_COLUMNS)


class _RowReader:
    """Reads the cells of one row into domain values, appending problems to ``problems``.

    ``choices`` memoises :func:`parse_choice` by ``(kind, text)`` across the rows of one
    file, where the same few spellings repeat on every row.
    """

    __slots__ = ("choices", "get", "problems", "row")

    def __init__(
        self, row: Row, problems: list[Problem], choices: dict[tuple[type, str], enum.Enum]
    ) -> None:
        self.row = row
        self.problems = problems
        self.choices = choices
        cells = row.cells
        self.get: Callable[[str, str], str] = cells.get if type(cells) is dict else row.get

    def _parse(self, kind: type[E], column: str, text: str) -> E | None:
        found = self.choices.get((kind, text))
        if found is not None:
            return found  # type: ignore[return-value]
        try:
            member = parse_choice(kind, text)
        except InputError as exc:
            self.problems.append(self.row.problem(column, str(exc)))
            return None
        self.choices[kind, text] = member
        return member

    def choice(self, kind: type[E], column: str, default: E) -> E:
        text = self.get(column, "")
        if not text:
            return default
        member = self._parse(kind, column, text)
        return default if member is None else member

    def optional_choice(self, kind: type[E], column: str) -> E | None:
        text = self.get(column, "")
        return self._parse(kind, column, text) if text else None

    def date(self, column: str, text: str | None = None) -> dt.date | None:
        value = self.get(column, "") if text is None else text
        if not value:
            return None
        try:
            return _date(value)
        except InputError as exc:
            self.problems.append(self.row.problem(column, str(exc)))
            return None

    def assessment(self, tier: str, matrix: RiskMatrix) -> Assessment | None:
        lk_col, im_col = _TIER_COLUMNS[tier]
        lk_text, im_text = self.get(lk_col, ""), self.get(im_col, "")
        if not lk_text and not im_text:
            return None
        # The common case: two plain numbers on the scale.
        if lk_text.isascii() and lk_text.isdecimal() and im_text.isascii() and im_text.isdecimal():
            likelihood, impact = int(lk_text), int(im_text)
            if 1 <= likelihood <= len(matrix.likelihood) and 1 <= impact <= len(matrix.impact):
                return Assessment(likelihood, impact)
        if not lk_text or not im_text:
            missing, given = (lk_col, im_col) if not lk_text else (im_col, lk_col)
            self.problems.append(
                self.row.problem(
                    missing, f"{given} is given but {missing} is not: give both or neither"
                )
            )
            return None
        values = []
        for column, text, size in (
            (lk_col, lk_text, len(matrix.likelihood)),
            (im_col, im_text, len(matrix.impact)),
        ):
            try:
                value = _int(text)
            except InputError as exc:
                self.problems.append(self.row.problem(column, str(exc)))
                continue
            if not 1 <= value <= size:
                axis = column.split("_", 1)[1]
                self.problems.append(
                    self.row.problem(
                        column,
                        f"{axis} {value} is outside the scale 1–{size} of matrix {matrix.name!r}",
                    )
                )
                continue
            values.append(value)
        if len(values) != 2:
            return None
        return Assessment(values[0], values[1])


def _parts(text: str) -> list[list[str]]:
    return [[p.strip() for p in entry.split("|")] for entry in text.split(";") if entry.strip()]


def _controls(reader: _RowReader) -> tuple[Control, ...]:
    out = []
    text = reader.get("controls", "")
    for parts in _parts(text) if text else ():
        if len(parts) > 3:
            reader.problems.append(
                reader.row.problem(
                    "controls",
                    f"a control has at most 3 parts (description | owner | "
                    f"effectiveness), not {len(parts)}: {' | '.join(parts)!r}",
                )
            )
            continue
        parts += [""] * (3 - len(parts))
        effectiveness = Effectiveness.NOT_ASSESSED
        if parts[2]:
            try:
                effectiveness = parse_choice(Effectiveness, parts[2])
            except InputError as exc:
                reader.problems.append(reader.row.problem("controls", f"effectiveness: {exc}"))
        out.append(Control(parts[0], parts[1], effectiveness))
    return tuple(out)


def _mitigations(reader: _RowReader) -> tuple[Mitigation, ...]:
    out = []
    text = reader.get("mitigations", "")
    for parts in _parts(text) if text else ():
        if len(parts) > 4:
            reader.problems.append(
                reader.row.problem(
                    "mitigations",
                    f"a mitigating action has at most 4 parts (action | owner | due "
                    f"| status), not {len(parts)}: {' | '.join(parts)!r}",
                )
            )
            continue
        parts += [""] * (4 - len(parts))
        status = ActionStatus.NOT_STARTED
        if parts[3]:
            try:
                status = parse_choice(ActionStatus, parts[3])
            except InputError as exc:
                reader.problems.append(reader.row.problem("mitigations", f"status: {exc}"))
        out.append(Mitigation(parts[0], parts[1], reader.date("mitigations", parts[2]), status))
    return tuple(out)


def read_risks(
    table: Table, settings: RiskSettings, *, problems: list[Problem] | None = None
) -> tuple[Risk, ...]:
    """The risks of ``risks.csv`` (or a ``risks`` sheet), in file order.

    Ratings are checked against ``settings.matrix``.  Raises :class:`BundleError` listing
    every problem (file, row, column, reason); a repeated id is a problem.  When
    ``problems`` is given, the problems of bad rows are appended to it and the good
    rows returned instead (a bad header still raises).
    """
    table.check_columns(RISK_COLUMNS, ("id", "title"))
    collect = problems
    problems = []
    risks = []
    seen: dict[str, int] = {}
    choices: dict[tuple[type, str], enum.Enum] = {}
    matrix = settings.matrix
    for row in table:
        found = len(problems)
        reader = _RowReader(row, problems, choices)
        get = reader.get
        risk_id = get("id", "")
        if not risk_id:
            problems.append(row.problem("id", "the risk has no id"))
        elif risk_id in seen:
            problems.append(
                row.problem("id", f"risk id {risk_id!r} is already used on row {seen[risk_id]}")
            )
        else:
            seen[risk_id] = row.number
        title = get("title", "")
        if not title:
            problems.append(row.problem("title", "the risk has no title"))
        review_frequency = None
        if frequency_text := get("review_frequency", ""):
            try:
                review_frequency = Frequency.parse(frequency_text)
            except ValueError as exc:
                problems.append(row.problem("review_frequency", str(exc)))
        appetite = None
        if appetite_text := get("appetite", ""):
            try:
                appetite = AppetiteLevel.parse(appetite_text)
            except InputError as exc:
                problems.append(row.problem("appetite", str(exc)))
        objectives = get("objectives", "")
        risk = Risk(
            id=risk_id,
            title=title,
            owner=get("owner", ""),
            category=get("category", ""),
            register=reader.choice(RegisterKind, "register", RegisterKind.CORPORATE),
            cause=get("cause", ""),
            event=get("event", ""),
            consequence=get("consequence", ""),
            objectives=(
                tuple(o.strip() for o in objectives.split(";") if o.strip()) if objectives else ()
            ),
            inherent=reader.assessment("inherent", matrix),
            current=reader.assessment("current", matrix),
            target=reader.assessment("target", matrix),
            controls=_controls(reader),
            mitigations=_mitigations(reader),
            treatment=reader.optional_choice(Treatment, "treatment"),
            nature=reader.choice(Nature, "nature", Nature.THREAT),
            appetite=appetite,
            review_frequency=review_frequency,
            next_review=reader.date("next_review"),
            status=reader.choice(RiskStatus, "status", RiskStatus.OPEN),
            extras={k: v for k, v in row.cells.items() if v != "" and k not in _RISK_COLUMN_SET},
        )
        if len(problems) == found:
            risks.append(risk)
    if collect is not None:
        collect.extend(problems)
    elif problems:
        raise BundleError(problems)
    return tuple(risks)


def read_risk_reviews(
    table: Table,
    settings: RiskSettings,
    risk_ids: Collection[str] | None = None,
    *,
    year_start_month: int = 4,
    rejected: Container[str] = (),
) -> tuple[Review, ...]:
    """The reviews of ``risk_reviews.csv``, in file order.

    When ``risk_ids`` is given, a review of any other risk is a problem.  A ``period`` must
    be a period label (``2024/25 Q2``).  Reviews of the ``rejected`` risk ids (whose rows
    in ``risks.csv`` were rejected and reported) are skipped.  Raises
    :class:`BundleError` listing every problem.
    """
    table.check_columns(REVIEW_COLUMNS, ("risk", "reviewed_on"))
    problems: list[Problem] = []
    reviews = []
    choices: dict[tuple[type, str], enum.Enum] = {}
    for row in table:
        risk_id = row.get("risk")
        if risk_id in rejected:
            continue
        reader = _RowReader(row, problems, choices)
        if not risk_id:
            problems.append(row.problem("risk", "the review names no risk"))
        elif risk_ids is not None and risk_id not in risk_ids:
            problems.append(row.problem("risk", f"no risk with id {risk_id!r} in risks.csv"))
        reviewed_on = reader.date("reviewed_on")
        if reviewed_on is None and not row.get("reviewed_on"):
            problems.append(row.problem("reviewed_on", "the review has no date"))
        period = row.get("period")
        if period:
            try:
                period = row.period()
                parse_period(period, year_start_month=year_start_month)
            except (PeriodError, ValueError) as exc:
                problems.append(row.problem("period", str(exc)))
        current = reader.assessment("current", settings.matrix)
        status = reader.choice(RiskStatus, "status", RiskStatus.OPEN)
        if reviewed_on is not None:
            reviews.append(Review(risk_id, reviewed_on, current, status, period, row.get("note")))
    if problems:
        raise BundleError(problems)
    return tuple(reviews)
