"""Loading a bundle: the folder (or workbook) a council keeps its framework in.

A bundle is a folder holding ``framework.toml`` and CSV files (``indicators.csv``,
``values.csv``, ``targets.csv``, ``items.csv``, ``links.csv``, ``risks.csv``,
``risk_reviews.csv``, ``comparators.csv``, ``comparisons.csv``, ``spot_checks.csv``,
``returns.csv``, ``presentations.csv``, and the finance files ``budget_lines.csv``,
``budgets.csv``, ``virements.csv``, ``actuals.csv``, ``mtfp.csv``, ``savings.csv``,
``unit_costs.csv`` read by :mod:`goldenthread.io.finance`), or one ``.xlsx`` workbook
with a sheet per CSV file (sheet names as the file names, with or without ``.csv``).  A
workbook's settings are read from a TOML file beside it with the same stem
(``council.xlsx`` → ``council.toml``), or from ``framework.toml`` in the same folder.
Every file is optional.

:func:`load_bundle` reads every file, gathers every problem from all of them (file, row,
column, reason) and raises one :class:`~goldenthread.errors.BundleError` listing them all,
or returns a :class:`~goldenthread.framework.Framework`.

One bad row is reported once.  A rejected row of ``indicators.csv`` (or ``risks.csv``)
is reported with its own problems, the first of which says how many rows of the files
that depend on it (values, targets, links, comparisons, spot checks; risk reviews) are
skipped because of it; those rows are not reported again.  A table rejected as a whole
(a bad header) likewise silences the references to it.  A rejected budget line likewise
notes the rows of ``budgets.csv``, ``actuals.csv``, ``virements.csv`` and ``savings.csv``
naming it, which are skipped.

``[finance] tolerance`` in ``framework.toml`` (``"2%"`` or ``"5000"``) sets the default
tolerance of budget lines and of service and council totals
(:attr:`~goldenthread.finance.Finance.tolerance`).  Unit costs (``unit_costs.csv``) are
derived indicators: once the finance and the indicators are read they are added to
``framework.indicators`` (:func:`~goldenthread.io.finance.attach_unit_costs`), and
``targets.csv`` may set targets for their codes.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Collection, Container, Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from goldenthread.branding import Branding, default_branding
from goldenthread.cycles.calendars import EnglandAndWalesCalendar, WorkingDayCalendar
from goldenthread.cycles.records import Presentation, ReturnRecord
from goldenthread.errors import BundleError, InputError, Problem, text_problem
from goldenthread.finance.book import Finance
from goldenthread.framework import Authority, Framework, check_parts
from goldenthread.indicators.benchmarking import ComparatorGroup
from goldenthread.indicators.comparison import PublishedValue
from goldenthread.indicators.dataset import IndicatorSet
from goldenthread.indicators.numbers import check_figure
from goldenthread.indicators.rag import default_rules
from goldenthread.indicators.recorded import RecordedValues
from goldenthread.indicators.spotcheck import RecordedCheck, SpotCheckWeights
from goldenthread.indicators.targets import Target
from goldenthread.io.benchmarks import read_comparators, read_comparisons
from goldenthread.io.cycles import (
    CycleConfig,
    read_cycles,
    read_presentations,
    read_returns,
)
from goldenthread.io.finance import (
    FINANCE_FILES,
    attach_unit_costs,
    finance_tolerance,
    read_finance,
    unit_cost_codes,
    unit_cost_placeholder,
)
from goldenthread.io.indicators import (
    IndicatorDefaults,
    read_indicators,
    read_recorded,
    read_targets,
    unknown_rule_message,
)
from goldenthread.io.presets import (
    Presets,
    ThreadSettings,
    branding_from_settings,
    builtin_presets,
    thread_settings_from_toml,
)
from goldenthread.io.risks import read_risk_reviews, read_risks, risk_settings_from_toml
from goldenthread.io.spot_checks import read_spot_checks
from goldenthread.io.tables import (
    EVERY,
    Table,
    near_miss,
    normalise_column,
    paused_collector,
    read_csv,
    read_workbook,
    rejected_keys,
)
from goldenthread.io.thread import levels_from_toml, organisations_from_toml, read_items, read_links
from goldenthread.risk.register import Risk
from goldenthread.risk.settings import RiskSettings
from goldenthread.risk.trends import Review
from goldenthread.thread.graph import Thread
from goldenthread.thread.items import IndicatorLink, Item, Link
from goldenthread.thread.levels import LevelScheme
from goldenthread.thread.organisations import Organisation
from goldenthread.thread.presets import GENERIC

__all__ = ["BUNDLE_FILES", "FRAMEWORK_FILE", "IGNORED_SHEETS", "load_bundle", "read_bundle_files"]

FRAMEWORK_FILE = "framework.toml"
"""The settings file of a bundle folder."""

BUNDLE_FILES = (
    "indicators",
    "values",
    "targets",
    "items",
    "links",
    "risks",
    "risk_reviews",
    "comparators",
    "comparisons",
    "spot_checks",
    "returns",
    "presentations",
    *FINANCE_FILES,
)
"""The tables a bundle may hold, each ``NAME.csv`` in a folder or a sheet ``NAME``."""

IGNORED_SHEETS = ("guidance", "readme", "notes", "instructions")
"""Workbook sheets a bundle may hold for people, which the loader does not read."""

T = TypeVar("T")


def read_bundle_files(
    path: Path, names: Collection[str] | None = None
) -> tuple[dict[str, Any], dict[str, Table], str]:
    """The parsed settings, the tables by name, and the settings file's name.

    ``names``: only the tables of these :data:`BUNDLE_FILES` are read (default: all).
    Every file's name is checked all the same (a misspelt one is an error).

    Raises:
        BundleError: no bundle at ``path``, unreadable TOML, or broken CSV/workbook files
            (every problem of every file).
    """
    problems: list[Problem] = []
    tables: dict[str, Table] = {}
    if path.is_dir():
        settings_path = path / FRAMEWORK_FILE
        found: dict[str, Path] = {}
        others: list[Path] = []
        for csv_path in sorted(path.iterdir()):
            if csv_path.suffix.lower() != ".csv" or not csv_path.is_file():
                continue
            key = normalise_column(csv_path.stem)
            if key not in BUNDLE_FILES:
                others.append(csv_path)
            elif key in found:
                problems.append(
                    Problem(
                        f"both {found[key].name} and {csv_path.name} are {key}.csv; keep one",
                        csv_path.name,
                    )
                )
            else:
                found[key] = csv_path
        for name in BUNDLE_FILES:
            if name in found and (names is None or name in names):
                try:
                    tables[name] = read_csv(found[name])
                except BundleError as exc:
                    problems.extend(exc.problems)
        for other in others:
            meant = near_miss(normalise_column(other.stem), BUNDLE_FILES)
            if meant is not None and meant not in found:
                problems.append(
                    Problem(
                        f"{other.name} looks like {meant}.csv; rename it {meant}.csv (as "
                        "named it is not read)",
                        other.name,
                    )
                )
    elif path.is_file() and path.suffix.lower() == ".xlsx":
        settings_path = path.with_suffix(".toml")
        if not settings_path.is_file():
            settings_path = path.parent / FRAMEWORK_FILE
        try:
            unwanted = () if names is None else tuple(n for n in BUNDLE_FILES if n not in names)
            sheets = read_workbook(path, ignore=(*IGNORED_SHEETS, *unwanted))
        except BundleError as exc:
            problems.extend(exc.problems)
            sheets = {}
        tables = {
            name: table
            for name, table in sheets.items()
            if name in BUNDLE_FILES and (names is None or name in names)
        }
        unknown = sorted(set(sheets) - set(BUNDLE_FILES))
        for name in unknown:
            problems.append(
                Problem(
                    f"unknown sheet {name!r}; expected sheets named {', '.join(BUNDLE_FILES)}",
                    path.name,
                )
            )
    else:
        raise BundleError([Problem(f"no bundle at {path}: expected a folder or an .xlsx workbook")])
    settings: dict[str, Any] = {}
    if settings_path.is_file():
        try:
            settings = tomllib.loads(settings_path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            problems.append(Problem(f"not valid TOML: {exc}", settings_path.name))
        except UnicodeDecodeError as exc:
            problems.append(Problem(f"not UTF-8 text ({exc.reason})", settings_path.name))
    _check_text(settings, "", settings_path.name, problems)
    if problems:
        raise BundleError(problems)
    return settings, tables, settings_path.name


def _check_text(value: object, where: str, file: str, problems: list[Problem]) -> None:
    """A problem for every key and text of the settings holding a control character
    (a key, ``code``, ``key`` or ``id`` none at all; other text may run over several
    lines)."""
    if isinstance(value, Mapping):
        for key, inner in value.items():
            path = f"{where}.{key}" if where else str(key)
            reason = text_problem(str(key))
            if reason is not None:
                problems.append(Problem(f"the key {reason}", file, None, path))
                continue
            _check_text(inner, path, file, problems)
    elif isinstance(value, list):
        for inner in value:
            _check_text(inner, where, file, problems)
    elif isinstance(value, str):
        identifier = where.rpartition(".")[2] in {"code", "key", "id", "short_name"}
        reason = text_problem(value, multiline=not identifier)
        if reason is not None:
            problems.append(Problem(reason, file, None, where or None))


def _gather(problems: list[Problem], default: T, read: Callable[[], T]) -> T:
    try:
        return read()
    except InputError as exc:
        problems.extend(exc.problems)
        return default


def _organisation(settings: Mapping[str, Any], file: str, problems: list[Problem]) -> Authority:
    section = settings.get("organisation", {})
    if not isinstance(section, Mapping):
        problems.append(Problem("[organisation] must be a table", file, None, "organisation"))
        section = {}
    known = {"name", "short_name", "code", "year_start_month"}
    for key in sorted(set(section) - known):
        problems.append(
            Problem(
                f"unknown key {key!r}; expected one of {', '.join(sorted(known))}",
                file,
                None,
                f"organisation.{key}",
            )
        )
    texts: dict[str, str] = {}
    for key in ("name", "short_name", "code"):
        value = section.get(key, "")
        if not isinstance(value, str):
            problems.append(Problem("must be text", file, None, f"organisation.{key}"))
            value = ""
        texts[key] = value.strip()
    year_start = section.get("year_start_month", 4)
    if isinstance(year_start, bool) or not isinstance(year_start, int) or not 1 <= year_start <= 12:
        problems.append(
            Problem(
                f"must be a month number 1-12, not {year_start!r}",
                file,
                None,
                "organisation.year_start_month",
            )
        )
        year_start = 4
    return Authority(
        name=texts["name"] or "Unnamed council",
        short_name=texts["short_name"],
        code=texts["code"],
        year_start_month=year_start,
    )


def load_bundle(
    path: str | Path,
    *,
    calendars: Mapping[str, WorkingDayCalendar] | None = None,
    rag_rules: Iterable[str] | None = None,
    presets: Presets | None = None,
    parts: Iterable[str] | None = None,
) -> Framework:
    """Read a bundle (a folder of CSV files or one ``.xlsx`` workbook) into a
    :class:`~goldenthread.framework.Framework`.

    Every file is optional; absent parts take their defaults (April year start, the
    generic levels, the default 5×5 risk matrix).  Nothing is stored.  ``calendars`` is
    the registry ``[cycle] calendar`` is looked up in (default: the built-in working-day
    calendars; :func:`~goldenthread.io.source.load_source` passes every installed
    plugin's).  ``rag_rules`` names the RAG rules on offer (default: the built-in rules;
    :func:`~goldenthread.io.source.load_source` passes every installed plugin's): an
    indicator's ``rag_rule``, or ``[indicators] rag_rule``, naming another is refused.
    ``presets`` holds the risk matrices, scoring formulas, level presets, terminology and
    branding presets ``[risk]``, ``[thread]`` and ``[branding]`` may name (default:
    :func:`~goldenthread.io.presets.builtin_presets`;
    :func:`~goldenthread.io.source.load_source` passes every installed plugin's); an
    unknown name is a problem listing the names on offer.
    The settings reports use (``[spot_check]``, ``[reports.data-quality]``,
    ``[reports.publish]``) are checked here too, so a report never fails on them.
    ``parts`` names the :data:`~goldenthread.framework.PARTS` to read (default: all): the
    files of the others are neither read nor checked, and those parts keep their empty
    defaults (:attr:`~goldenthread.framework.Framework.parts` says which were read).

    Raises:
        BundleError: listing every problem in every file read, each with its file, row,
            column and reason.
        ValueError: ``parts`` names something that is not a part.
    """
    wanted = check_parts(parts)
    with paused_collector():
        return _load_bundle(Path(path), calendars, rag_rules, presets, wanted)


_PART_FILES = {
    "indicators": ("indicators", "values", "targets", *FINANCE_FILES),
    "thread": ("items", "links"),
    "risks": ("risks", "risk_reviews"),
    "cycle": ("returns", "presentations"),
    "comparisons": ("comparators", "comparisons"),
    "spot_checks": ("spot_checks",),
}
"""The bundle files each part is read from."""


def _load_bundle(
    path: Path,
    calendars: Mapping[str, WorkingDayCalendar] | None,
    rag_rules: Iterable[str] | None,
    presets: Presets | None,
    parts: frozenset[str],
) -> Framework:
    """:func:`load_bundle`, with the collector paused."""
    files = {name for part in parts for name in _PART_FILES[part]}
    settings, tables, settings_file = read_bundle_files(path, files)
    problems: list[Problem] = []
    organisation = _organisation(settings, settings_file, problems)
    ysm = organisation.year_start_month

    before = len(problems)
    chosen = presets or builtin_presets()
    thread_settings: ThreadSettings = _gather(
        problems,
        ThreadSettings(),
        lambda: thread_settings_from_toml(settings, settings_file, chosen),
    )
    levels: LevelScheme = (
        thread_settings.levels
        if thread_settings.levels is not None
        else _gather(problems, GENERIC, lambda: levels_from_toml(settings, settings_file))
    )
    levels_ok = len(problems) == before
    partners: tuple[Organisation, ...] = _gather(
        problems, (), lambda: organisations_from_toml(settings, settings_file)
    )

    rules = set(default_rules()) if rag_rules is None else set(rag_rules)
    indicators, rejected_codes, unit_targets, indicators_read = _load_indicators(
        settings, settings_file, tables, ysm, problems, rules
    )
    if "indicators" not in parts:
        indicators_read = False
    _check_report_settings(settings, settings_file, problems)
    codes = set(indicators.definitions)
    # Items are checked against the levels: with the levels rejected, every item would
    # be reported again for its level, so they wait until the levels are fixed.
    before_items = len(problems)
    items: tuple[Item, ...] = (
        _gather(problems, (), lambda: read_items(tables["items"], levels))
        if "items" in tables and levels_ok
        else ()
    )
    items_read = len(problems) == before_items and levels_ok and "thread" in parts
    no_links: tuple[tuple[Link, ...], tuple[IndicatorLink, ...]] = ((), ())
    found_links = (
        _gather(
            problems,
            no_links,
            lambda: read_links(tables["links"], codes, rejected=rejected_codes),
        )
        if "links" in tables
        else no_links
    )
    links, attached = found_links
    thread = Thread(items, levels, links, attached, partners)

    risk_settings = _gather(
        problems,
        RiskSettings(),
        lambda: risk_settings_from_toml(
            settings, settings_file, matrices=chosen.matrices, formulas=chosen.formulas
        ),
    )
    risks: tuple[Risk, ...] = ()
    rejected_risks: Container[str] = ()
    if "risks" in tables:
        row_problems: list[Problem] = []
        try:
            risks = read_risks(tables["risks"], risk_settings, problems=row_problems)
        except InputError as exc:  # the header: the whole table is rejected
            problems.extend(exc.problems)
            rejected_risks = EVERY
        else:
            rejected_risks = rejected_keys(tables["risks"], "id", {r.id for r in risks})
            if "risk_reviews" in tables:
                row_problems = _note_dependants(
                    row_problems,
                    tables["risks"],
                    "id",
                    rejected_risks,
                    [(tables["risk_reviews"], "risk")],
                )
            problems.extend(row_problems)
    risk_ids = {risk.id for risk in risks} if "risks" in tables else None
    reviews: tuple[Review, ...] = (
        _gather(
            problems,
            (),
            lambda: read_risk_reviews(
                tables["risk_reviews"],
                risk_settings,
                risk_ids,
                year_start_month=ysm,
                rejected=rejected_risks,
            ),
        )
        if "risk_reviews" in tables
        else ()
    )
    before_cycle = len(problems)
    cycle = (
        _gather(
            problems,
            CycleConfig(EnglandAndWalesCalendar()),
            lambda: read_cycles(
                settings, year_start_month=ysm, file=settings_file, calendars=calendars
            ),
        )
        if "cycle" in parts
        else CycleConfig(EnglandAndWalesCalendar())
    )
    cycle_read = len(problems) == before_cycle
    if "indicators" in tables and "cycle" in parts:
        for number, arrangement in enumerate(cycle.arrangements, start=1):
            for code in arrangement.returns:
                if code != "all" and code not in codes:
                    problems.append(
                        Problem(
                            f"arrangement {arrangement.key!r} collects the returns of "
                            f"{code!r}, which indicators.csv does not define",
                            settings_file,
                            None,
                            f"monitoring[{number}].returns",
                        )
                    )
    branding_section = _table(settings, "branding", settings_file, problems)
    branding: Branding = _gather(
        problems,
        default_branding(organisation.name),
        lambda: branding_from_settings(
            branding_section,
            file=settings_file,
            organisation_name=organisation.name,
            presets=chosen,
        ),
    )
    no_comparators: tuple[tuple[ComparatorGroup, ...], dict[str, str]] = ((), {})
    before = len(problems)
    groups, names = (
        _gather(problems, no_comparators, lambda: read_comparators(tables["comparators"]))
        if "comparators" in tables
        else no_comparators
    )
    # With comparators.csv rejected, membership cannot be checked: checking it against
    # no groups would report every comparison again.
    check_members = "comparators" in tables and len(problems) == before
    comparisons: tuple[PublishedValue, ...] = (
        _gather(
            problems,
            (),
            lambda: read_comparisons(
                tables["comparisons"],
                indicators.definitions,
                council=organisation.code,
                groups=groups if check_members else None,
                year_start_month=ysm,
                rejected=rejected_codes,
            ),
        )
        if "comparisons" in tables
        else ()
    )
    spot_checks: tuple[RecordedCheck, ...] = (
        _gather(
            problems,
            (),
            lambda: read_spot_checks(
                tables["spot_checks"],
                indicators.definitions,
                year_start_month=ysm,
                rejected=rejected_codes,
            ),
        )
        if "spot_checks" in tables
        else ()
    )
    returns: tuple[ReturnRecord, ...] = (
        _gather(
            problems,
            (),
            lambda: read_returns(
                tables["returns"], codes, year_start_month=ysm, rejected=rejected_codes
            ),
        )
        if "returns" in tables
        else ()
    )
    presentations: tuple[Presentation, ...] = (
        _gather(
            problems,
            (),
            lambda: read_presentations(
                tables["presentations"], cycle.arrangements, year_start_month=ysm
            ),
        )
        # a framework.toml whose cycle is refused is reported once, not once per row
        if "presentations" in tables and cycle_read
        else ()
    )
    finance = Finance()
    if "indicators" in parts:
        finance, indicators = _load_finance(
            settings,
            settings_file,
            tables,
            ysm,
            problems,
            indicators=indicators,
            indicators_read=indicators_read,
            rejected_codes=rejected_codes,
            unit_targets=unit_targets,
            items={item.id for item in items} if items_read else None,
        )
    if problems:
        raise BundleError(problems)
    return Framework(
        organisation=organisation,
        thread=thread,
        indicators=indicators,
        risk_settings=risk_settings,
        risks=risks,
        risk_reviews=reviews,
        cycle=cycle,
        branding=branding,
        settings=settings,
        source=str(path),
        comparators=groups,
        comparator_names=names,
        comparisons=comparisons,
        spot_checks=spot_checks,
        returns=returns,
        presentations=presentations,
        finance=finance,
        rollup=thread_settings.rollup,
        parts=parts,
    )


_LINE_DEPENDANTS = (
    ("budgets", "line"),
    ("actuals", "line"),
    ("virements", "from"),
    ("virements", "to"),
    ("savings", "line"),
)
"""The finance tables whose rows name a budget line, and the column they name it in."""


def _load_finance(
    settings: Mapping[str, Any],
    file: str,
    tables: Mapping[str, Table],
    year_start_month: int,
    problems: list[Problem],
    *,
    indicators: IndicatorSet,
    indicators_read: bool,
    rejected_codes: Container[str],
    unit_targets: Sequence[Target],
    items: Collection[str] | None,
) -> tuple[Finance, IndicatorSet]:
    """The finance files read, and the indicator set with the unit costs derived."""
    tolerance = _gather(problems, Finance().tolerance, lambda: finance_tolerance(settings, file))
    row_problems: list[Problem] = []
    finance = read_finance(
        tables,
        year_start_month=year_start_month,
        tolerance=tolerance,
        items=items,
        indicators=indicators.definitions if indicators_read else None,
        rejected_indicators=rejected_codes,
        problems=row_problems,
    )
    if "budget_lines" in tables:
        table = tables["budget_lines"]
        rejected = rejected_keys(table, "code", {line.code for line in finance.lines})
        dependants = [(tables[n], column) for n, column in _LINE_DEPENDANTS if n in tables]
        row_problems = _note_dependants(row_problems, table, "code", rejected, dependants)
    problems.extend(row_problems)
    if row_problems or (not finance.unit_costs and not unit_targets):
        return finance, indicators
    derived = _gather(
        problems,
        indicators,
        lambda: attach_unit_costs(
            indicators,
            finance,
            unit_targets,
            year_start_month=year_start_month,
            table=tables.get("unit_costs"),
        ),
    )
    return finance, derived


def _table(
    settings: Mapping[str, Any], key: str, file: str, problems: list[Problem]
) -> Mapping[str, Any]:
    value = settings.get(key, {})
    if isinstance(value, Mapping):
        return value
    problems.append(Problem(f"[{key}] must be a table", file, None, key))
    return {}


_INDICATOR_DEPENDANTS = (
    ("values", "indicator"),
    ("targets", "indicator"),
    ("links", "child"),
    ("comparisons", "indicator"),
    ("spot_checks", "indicator"),
    ("returns", "indicator"),
    ("unit_costs", "activity"),
)
"""The tables whose rows name an indicator, and the column they name it in."""


def _load_indicators(
    settings: Mapping[str, Any],
    file: str,
    tables: Mapping[str, Table],
    year_start_month: int,
    problems: list[Problem],
    rag_rules: Collection[str],
) -> tuple[IndicatorSet, Container[str], tuple[Target, ...], bool]:
    """The indicator set, the codes of rejected indicator rows (:data:`EVERY` when
    ``indicators.csv`` is rejected as a whole), the targets set for the unit costs of
    ``unit_costs.csv`` (kept aside until the unit costs are derived), and whether
    ``indicators.csv`` was read (its header accepted)."""
    empty = IndicatorSet.build((), (), (), year_start_month=year_start_month)
    section = _table(settings, "indicators", file, problems)
    defaults = _gather(problems, None, lambda: IndicatorDefaults.from_mapping(section, file))
    if defaults is not None and defaults.rag_rule not in rag_rules:
        problems.append(
            Problem(
                unknown_rule_message(defaults.rag_rule, rag_rules),
                file,
                None,
                "indicators.rag_rule",
            )
        )
    if "indicators" not in tables:
        for name in ("values", "targets"):
            if name in tables:
                problems.append(
                    Problem(
                        f"{name} are given but there is no indicators table defining the codes",
                        tables[name].file,
                    )
                )
        return empty, (), (), True
    table = tables["indicators"]
    row_problems: list[Problem] = []
    try:
        accepted = read_indicators(table, defaults, problems=row_problems, rag_rules=rag_rules)
    except InputError as exc:  # the header: values and targets cannot be checked
        problems.extend(exc.problems)
        return empty, EVERY, (), False
    definitions = {d.code: d for d in accepted}
    # A target may be set for a unit cost (a derived indicator), read with its unit.
    unit_costs = {
        code: unit_cost_placeholder(code, unit)
        for code, unit in unit_cost_codes(tables.get("unit_costs")).items()
        if code not in definitions
    }
    rejected = rejected_keys(table, "code", definitions)
    dependants = [(tables[n], column) for n, column in _INDICATOR_DEPENDANTS if n in tables]
    problems.extend(_note_dependants(row_problems, table, "code", rejected, dependants))
    no_values: dict[str, RecordedValues] = {}
    no_targets: tuple[Target, ...] = ()
    values = (
        _gather(
            problems,
            no_values,
            lambda: read_recorded(
                tables["values"],
                definitions,
                year_start_month=year_start_month,
                defaults=defaults,
                rejected=rejected,
            ),
        )
        if "values" in tables
        else no_values
    )
    targets = (
        _gather(
            problems,
            no_targets,
            lambda: read_targets(
                tables["targets"],
                {**unit_costs, **definitions},
                year_start_month=year_start_month,
                rejected=rejected,
            ),
        )
        if "targets" in tables
        else no_targets
    )
    unit_targets = tuple(t for t in targets if t.indicator in unit_costs)
    targets = tuple(t for t in targets if t.indicator not in unit_costs)
    return (
        _gather(
            problems,
            empty,
            lambda: IndicatorSet.from_recorded(
                definitions.values(), values, targets, year_start_month=year_start_month
            ),
        ),
        rejected,
        unit_targets,
        True,
    )


def _note_dependants(
    row_problems: Sequence[Problem],
    table: Table,
    column: str,
    rejected: Container[str],
    dependants: Sequence[tuple[Table, str]],
) -> list[Problem]:
    """``row_problems`` with the first problem of each rejected key's row saying how many
    rows of ``dependants`` (tables and the column naming the key) are skipped with it."""
    counts: dict[str, dict[str, int]] = {}
    if not rejected:
        return list(row_problems)
    for other, other_column in dependants:
        for key in other.column(other_column) or ():
            if key and key in rejected:
                per_file = counts.setdefault(key, {})
                per_file[other.file] = per_file.get(other.file, 0) + 1
    if not counts:
        return list(row_problems)
    key_of_row = dict(zip(table.numbers, table.column(column) or (), strict=False))
    noted: set[str] = set()
    result = []
    for problem in row_problems:
        key = ""
        if problem.file == table.file and problem.row is not None:
            key = key_of_row.get(problem.row, "")
        if key in counts and key not in noted:
            noted.add(key)
            skipped = ", ".join(
                f"{n} row{'s' if n != 1 else ''} of {name}" for name, n in counts[key].items()
            )
            problem = Problem(
                f"{problem.reason} (the row is rejected, and with it the {skipped} "
                f"that name {key!r}: they are read once this is fixed)",
                problem.file,
                problem.row,
                problem.column,
            )
        result.append(problem)
    return result


_SPOT_CHECK_KEYS = ("size", "seed", "weights")


def _whole(value: object, low: int, high: int) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
        return value
    return None


def _check_report_settings(settings: Mapping[str, Any], file: str, problems: list[Problem]) -> None:
    """Check the settings reports read, so that a report never fails on one: the
    ``[spot_check]`` table (``size``, ``seed``, ``[spot_check.weights]``) and
    ``[reports.data-quality]`` ``data_due_days`` and ``max_change_percent``."""
    spot = _table(settings, "spot_check", file, problems)
    for key in sorted(set(spot) - set(_SPOT_CHECK_KEYS)):
        problems.append(
            Problem(
                f"unknown key {key!r}; expected one of {', '.join(_SPOT_CHECK_KEYS)}",
                file,
                None,
                f"spot_check.{key}",
            )
        )
    if "size" in spot and _whole(spot["size"], 0, 10_000) is None:
        problems.append(
            Problem(
                f"must be a whole number 0-10000, not {spot['size']!r}",
                file,
                None,
                "spot_check.size",
            )
        )
    if "seed" in spot and _whole(spot["seed"], -(2**63), 2**63 - 1) is None:
        problems.append(
            Problem(f"must be a whole number, not {spot['seed']!r}", file, None, "spot_check.seed")
        )
    weights = spot.get("weights", {})
    if not isinstance(weights, Mapping):
        problems.append(Problem("[spot_check.weights] must be a table", file, None, "spot_check"))
        weights = {}
    known = tuple(SpotCheckWeights().to_dict())
    readable = True
    for key, raw in weights.items():
        where = f"spot_check.weights.{key}"
        if key not in known:
            problems.append(
                Problem(
                    f"unknown weight {key!r}; expected one of {', '.join(known)}", file, None, where
                )
            )
            readable = False
            continue
        reason = _figure_problem(raw, minimum=Decimal(0))
        if reason is not None:
            problems.append(Problem(reason, file, None, where))
            readable = False
    if readable and weights:
        try:
            SpotCheckWeights.from_dict(weights)
        except ValueError as exc:
            problems.append(Problem(str(exc), file, None, "spot_check.weights"))
    reports = _table(settings, "reports", file, problems)
    quality = reports.get("data-quality", {})
    if not isinstance(quality, Mapping):
        problems.append(
            Problem("[reports.data-quality] must be a table", file, None, "reports.data-quality")
        )
        quality = {}
    if "data_due_days" in quality and _whole(quality["data_due_days"], 0, 3660) is None:
        problems.append(
            Problem(
                f"must be a whole number of days 0-3660, not {quality['data_due_days']!r}",
                file,
                None,
                "reports.data-quality.data_due_days",
            )
        )
    if "max_change_percent" in quality:
        reason = _figure_problem(quality["max_change_percent"], minimum=Decimal(0))
        if reason is not None:
            problems.append(Problem(reason, file, None, "reports.data-quality.max_change_percent"))
    publish = reports.get("publish", {})
    if isinstance(publish, Mapping):
        for key in ("licence", "licence_title"):
            if key in publish and not isinstance(publish[key], str):
                problems.append(
                    Problem(
                        f"must be text, not {publish[key]!r}", file, None, f"reports.publish.{key}"
                    )
                )
    else:
        problems.append(Problem("[reports.publish] must be a table", file, None, "reports.publish"))


def _figure_problem(raw: object, *, minimum: Decimal) -> str | None:
    """Why the TOML value ``raw`` is not a figure of at least ``minimum`` (else ``None``)."""
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        return f"must be a number, not {raw!r}"
    try:
        number = check_figure(Decimal(str(raw)))
    except (ValueError, ArithmeticError) as exc:
        return str(exc)
    if number < minimum:
        return f"must be at least {minimum}, not {raw!r}"
    return None
