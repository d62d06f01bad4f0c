"""Putting a whole :class:`~goldenthread.framework.Framework` into a store, and getting it
back as it is now or as it was at any earlier moment.

:func:`save_framework` writes one batch (who, when, why) holding one entity per object:

====================  ==============================  ===========  =================
kind                  key                             period       subject
====================  ==============================  ===========  =================
``indicator``         the code                        —            the code
``value``             ``code|period label``           the label    the code
``target``            ``code|period label``           the label    the code
``item``              the item id                     —            the id
``link``              ``child|parent|kind``           —            the child
``indicator_link``    ``indicator|item``              —            the indicator
``risk``              the risk id                     —            the id
``risk_review``       ``risk|reviewed on``            its period   the risk
``comparator``        ``group|valid from|valid to``   —            the group
``comparison``        ``code|period|organisation``    the label    the code
``spot_check``        ``code|year|checked on``        the year     the code
``return``            ``code|period label``           the label    the code
``presentation``      ``report|period label``         the label    the report
``budget_line``       the line's code                 —            the code
``budget``            ``line|year label``             the year     the line
``budget_profile``    ``line|month label``            the month    the line
``virement``          ``year|from|to|approved on``    the year     the from line
``actual``            ``line|month label``            the month    the line
``mtfp``              ``year|kind|item``              the year     the item
``saving``            ``code|year label``             the year     the code
``unit_cost``         the unit cost's code            —            the code
``settings``          ``framework``                   —            —
``sequence``          the kind it orders              —            —
====================  ==============================  ===========  =================

Each payload is the object unstructured by the one converter
(:func:`~goldenthread.serialise.make_converter`).  The ``settings`` entity holds the
organisation and the text of ``framework.toml``: the levels, partner organisations, risk
settings, planning cycle and branding are rebuilt from it by the same readers the bundle
loader uses, so a stored framework and a loaded bundle cannot drift apart.  ``sequence``
entities keep the order of the items, links, risks and reviews, and of the finance kinds
(a store lists entities by key).  A ``comparator`` payload holds the group version and
its members' names; an open validity date is written as an empty part of its key.  A key
that would repeat (two reviews of a risk on one day) gets ``#2``, ``#3`` ...

Every entity belongs to the framework's organisation: its revisions carry the
organisation's ``code`` (``[organisation] code`` in ``framework.toml``; ``""`` when the
framework has none), so one store holds many councils, each with its own history, and
:func:`load_framework` reads one of them (``organisation=``; required when the store
holds more than one, see :func:`stored_organisations`).

Saving again adds revisions only for the entities whose payload changed, and retires
(a revision with ``deleted=True``) the entities no longer present, so the store's history
is the framework's history: :func:`load_framework` with ``as_at`` rebuilds what was
current at that moment, and a value corrected after its period closed shows up in
:meth:`~goldenthread.storage.base.Store.restatements` for kind ``value`` (and a late
journal changing a month's actual for kind ``actual``, whose period is the month).

The finance (:attr:`~goldenthread.framework.Framework.finance`) is stored as the finance
kinds above; its default tolerance is ``[finance] tolerance`` in the stored settings.  The
indicators a framework derives from its unit costs are not stored as indicators or
values: :func:`load_framework` derives them again from the stored finance and activity
indicators (:func:`~goldenthread.io.finance.attach_unit_costs`).  Targets set for unit
costs are stored as targets like any other.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any, NamedTuple, TypeVar

import cattrs
import tomli_w
from attrs import field, frozen

from goldenthread.branding import Branding
from goldenthread.cycles.calendars import (
    EnglandAndWalesCalendar,
    WorkingDayCalendar,
    builtin_calendars,
)
from goldenthread.cycles.records import Presentation, ReturnRecord
from goldenthread.errors import InputError, Problem
from goldenthread.finance.book import Finance
from goldenthread.finance.budgets import Actual, AnnualBudget, MonthlyBudget, Virement
from goldenthread.finance.lines import BudgetLine
from goldenthread.finance.mtfp import MtfpEntry
from goldenthread.finance.savings import Saving
from goldenthread.finance.unit_costs import UnitCost
from goldenthread.framework import Authority, Framework, check_parts
from goldenthread.indicators.benchmarking import ComparatorGroup
from goldenthread.indicators.comparison import PublishedValue
from goldenthread.indicators.dataset import IndicatorSet
from goldenthread.indicators.definition import IndicatorDefinition
from goldenthread.indicators.numbers import ValueState
from goldenthread.indicators.polarity import DataStatus
from goldenthread.indicators.spotcheck import RecordedCheck
from goldenthread.indicators.targets import Target
from goldenthread.indicators.values import IndicatorValue
from goldenthread.io.cycles import CycleConfig, read_cycles
from goldenthread.io.finance import attach_unit_costs, finance_tolerance
from goldenthread.io.presets import (
    Presets,
    branding_from_settings,
    builtin_presets,
    thread_settings_from_toml,
)
from goldenthread.io.risks import risk_settings_from_toml
from goldenthread.io.stored_values import recorded_values
from goldenthread.io.tables import paused_collector
from goldenthread.io.thread import levels_from_toml, organisations_from_toml
from goldenthread.periods import FinancialYear, HalfYear, Month, Period, Quarter
from goldenthread.risk.register import Risk
from goldenthread.risk.settings import RiskSettings
from goldenthread.risk.trends import Review
from goldenthread.serialise import (
    _unstructure_date,
    _unstructure_decimal,
    _unstructure_enum,
    _unstructure_period,
    make_converter,
)
from goldenthread.storage.base import (
    Change,
    EncodedChange,
    Revision,
    Store,
    StoreError,
    _collector_paused,
    decode_payloads,
    encode_payload,
)
from goldenthread.thread.graph import Thread
from goldenthread.thread.items import IndicatorLink, Item, Link
from goldenthread.thread.levels import LevelScheme
from goldenthread.thread.organisations import Organisation
from goldenthread.thread.progress import RollupSettings

__all__ = [
    "FRAMEWORK_KINDS",
    "NoFrameworkError",
    "OrganisationError",
    "SettingsParts",
    "describe_codes",
    "load_framework",
    "save_framework",
    "settings_parts",
    "stored_organisations",
]

_FINANCE_KINDS = (
    "budget_line",
    "budget",
    "budget_profile",
    "virement",
    "actual",
    "mtfp",
    "saving",
    "unit_cost",
)
"""The kinds the finance is stored as."""

FRAMEWORK_KINDS = (
    "settings",
    "sequence",
    "indicator",
    "value",
    "target",
    "item",
    "link",
    "indicator_link",
    "risk",
    "risk_review",
    "comparator",
    "comparison",
    "spot_check",
    "return",
    "presentation",
    *_FINANCE_KINDS,
)
"""The entity kinds a framework is stored as (other kinds in the store are left alone)."""

_SETTINGS_KEY = "framework"
_SETTINGS_FILE = "framework.toml"
_ORDERED = tuple(k for k in FRAMEWORK_KINDS if k not in ("settings", "sequence", "value", "target"))

T = TypeVar("T")


class NoFrameworkError(StoreError):
    """The store holds no framework (or held none at the moment asked about)."""


class OrganisationError(StoreError):
    """Which council to read is unclear: the store holds several and none was chosen, or
    it holds none with the code asked for.  The message names the codes held.

    Attributes:
        held: the codes the store holds (at the moment asked about), sorted.
    """

    def __init__(self, message: str, held: list[str]) -> None:
        super().__init__(message)
        self.held = held


def describe_codes(codes: Iterable[str]) -> str:
    """Organisation codes as a reader sees them: ``poole, rossendale``; the empty code of
    a framework without one reads ``"" (no code)``."""
    return ", ".join(code if code else '"" (no code)' for code in codes)


def stored_organisations(store: Store, *, as_at: dt.datetime | None = None) -> list[str]:
    """The codes of the councils whose frameworks ``store`` holds (as at ``as_at`` if
    given), sorted; ``""`` for a framework saved without an organisation code."""
    return store.organisations("settings", as_at=as_at)


def _choose_organisation(store: Store, organisation: str | None, as_at: dt.datetime | None) -> str:
    """The code of the council to read: ``organisation`` when the store holds it, else
    the only council held; raise when that is unclear."""
    held = stored_organisations(store, as_at=as_at)
    when = "" if as_at is None else f" as at {as_at.isoformat()}"
    if not held:
        raise NoFrameworkError(f"the store holds no framework{when}; import a bundle first")
    if organisation is None:
        if len(held) == 1:
            return held[0]
        raise OrganisationError(
            f"the store holds {len(held)} councils{when} ({describe_codes(held)}); choose one "
            "with --organisation CODE",
            held,
        )
    if organisation not in held:
        raise OrganisationError(
            f"the store holds no council with the code {organisation!r}{when}; it holds "
            f"{describe_codes(held)}",
            held,
        )
    return organisation


@frozen
class SettingsParts:
    """The parts of a framework that ``framework.toml`` describes, read by the bundle
    loader's own readers.

    Attributes:
        levels: the level scheme (``[[levels]]``; the generic six when absent).
        organisations: the partner organisations (``[[organisations]]``).
        risk_settings: the risk matrix, appetite and escalation rules (``[risk]``).
        cycle: the planning and review cycle (``[cycle]``, ``[[meetings]]``,
            ``[[monitoring]]``).
        branding: the branding (``[branding]``).
        rollup: the roll-up rule and tolerance (``[thread]``).
    """

    levels: LevelScheme
    organisations: tuple[Organisation, ...]
    risk_settings: RiskSettings
    cycle: CycleConfig
    branding: Branding
    rollup: RollupSettings = field(factory=RollupSettings)


def settings_parts(
    settings: Mapping[str, Any],
    authority: Authority,
    *,
    file: str = _SETTINGS_FILE,
    calendars: Mapping[str, WorkingDayCalendar] | None = None,
    presets: Presets | None = None,
    cycle: bool = True,
) -> SettingsParts:
    """Read the parts of a framework that a parsed ``framework.toml`` describes.

    Args:
        settings: the parsed ``framework.toml`` (what :func:`tomllib.loads` returns).
        authority: the organisation the framework belongs to (its year start month reads
            the cycle's year labels; its name is the branding's default name).
        file: the settings file's name, used in problems.
        calendars: the working-day calendars ``[cycle] calendar`` may name (default:
            the built-in ones); see :func:`~goldenthread.io.cycles.read_cycles`.
        presets: the matrices, scoring formulas, level presets, terminology and branding
            presets the settings may name (default: the built-in ones); see
            :mod:`goldenthread.io.presets`.
        cycle: whether to read the cycle (``False``: the default cycle, and ``[cycle]``
            and ``[[monitoring]]`` are not checked; for a reader not asked for the
            cycle part).

    Raises:
        InputError: every problem of every section, each naming the file and key.
    """
    problems: list[Problem] = []
    data = dict(settings)
    with_cycle = cycle
    chosen = presets or builtin_presets()
    thread = _gather(problems, lambda: thread_settings_from_toml(data, file, chosen))
    levels = (
        thread.levels
        if thread is not None and thread.levels is not None
        else _gather(problems, lambda: levels_from_toml(data, file))
    )
    organisations = _gather(problems, lambda: organisations_from_toml(data, file))
    risk_settings = _gather(
        problems,
        lambda: risk_settings_from_toml(
            data, file, matrices=chosen.matrices, formulas=chosen.formulas
        ),
    )
    cycle_config = (
        _gather(
            problems,
            lambda: read_cycles(
                data, year_start_month=authority.year_start_month, file=file, calendars=calendars
            ),
        )
        if with_cycle
        else CycleConfig(EnglandAndWalesCalendar())
    )
    section = data.get("branding", {})
    branding = _gather(
        problems,
        lambda: branding_from_settings(
            section if isinstance(section, Mapping) else {},
            file=file,
            organisation_name=authority.name,
            presets=chosen,
        ),
    )
    if (
        problems
        or thread is None
        or levels is None
        or organisations is None
        or risk_settings is None
        or cycle_config is None
        or branding is None
    ):
        raise InputError(problems)
    return SettingsParts(
        levels, organisations, risk_settings, cycle_config, branding, thread.rollup
    )


def _gather(problems: list[Problem], read: Callable[[], T]) -> T | None:
    try:
        return read()
    except InputError as exc:
        problems.extend(exc.problems)
        return None


def _named(settings: Mapping[str, Any], section: str, key: str) -> str | None:
    table = settings.get(section)
    value = table.get(key) if isinstance(table, Mapping) else None
    return value if isinstance(value, str) else None


def _own_presets(framework: Framework) -> Presets:
    """The built-in presets, with each name the framework's settings select mapped to the
    framework's own object: a framework read with a plugin's preset is saved without the
    plugin (reading it back needs the plugin, as a bundle does)."""
    base = builtin_presets()
    settings = framework.settings
    matrix = framework.risk_settings.matrix

    def add(registry: Mapping[str, T], name: str | None, own: T) -> dict[str, T]:
        return {**registry, **({} if name is None else {name: own})}

    return Presets(
        matrices=add(base.matrices, _named(settings, "risk", "matrix"), matrix),
        formulas=add(base.formulas, matrix.formula.name, matrix.formula),
        levels=add(base.levels, _named(settings, "thread", "levels"), framework.thread.levels),
        terminology=add(
            base.terminology,
            _named(settings, "branding", "terminology"),
            framework.branding.terminology,
        ),
        brandings=add(base.brandings, _named(settings, "branding", "preset"), framework.branding),
    )


def _check_settings(framework: Framework) -> None:
    """Raise :class:`InputError` if the framework's parts disagree with its settings (a
    framework built in code with parts its ``settings`` do not describe could not be
    rebuilt)."""
    # The framework's own calendar may come from a plugin: its settings name it.
    calendar = framework.cycle.calendar
    calendars = {**builtin_calendars(), calendar.name: calendar}
    parts = settings_parts(
        framework.settings,
        framework.organisation,
        calendars=calendars,
        presets=_own_presets(framework),
    )
    mismatched = [
        name
        for name, stored, actual in (
            ("levels", parts.levels, framework.thread.levels),
            ("organisations", parts.organisations, framework.thread.organisations),
            ("risk_settings", parts.risk_settings, framework.risk_settings),
            ("cycle", parts.cycle, framework.cycle),
            ("branding", parts.branding, framework.branding),
            ("rollup", parts.rollup, framework.rollup),
        )
        if stored != actual
    ]
    try:
        tolerance = finance_tolerance(framework.settings)
    except InputError as exc:
        raise InputError(exc.problems) from None
    if tolerance != framework.finance.tolerance:
        mismatched.append("finance tolerance")
    if mismatched:
        raise InputError(
            [
                Problem(
                    f"the framework's {name} differ from what its settings describe; "
                    "put them in the settings (framework.toml) so they can be stored",
                    column=name,
                )
                for name in mismatched
            ]
        )


def _keyed(pairs: Iterable[tuple[str, T]]) -> list[tuple[str, T]]:
    """The pairs with every repeated key made unique by a ``#2``, ``#3`` ... suffix."""
    seen: dict[str, int] = {}
    result: list[tuple[str, T]] = []
    for key, obj in pairs:
        count = seen.get(key, 0) + 1
        seen[key] = count
        result.append((key if count == 1 else f"{key}#{count}", obj))
    return result


class _Entity(NamedTuple):
    key: str
    payload: dict[str, Any]
    period: str | None = None
    subject: str | None = None


def _figure(number: object) -> bool:
    """Whether ``number`` is ``None`` or a finite plain :class:`~decimal.Decimal` (what
    :func:`_value_payload` and :func:`_target_payload` write as the converter does)."""
    return number is None or (type(number) is Decimal and number.is_finite())


def _value_payload(value: IndicatorValue, label: str) -> dict[str, Any] | None:
    """``value`` unstructured exactly as goldenthread's converter does it (the same keys in
    the same order, the same text), given its period's ``label``; ``None`` when a field
    holds something other than its declared type, for the converter to deal with.

    :func:`_fast_payloads` uses it only after checking that the converter in hand
    unstructures indicator values like this."""
    state, status, extras, period = value.state, value.status, value.extras, value.period
    figure, numerator, denominator = value.value, value.numerator, value.denominator
    note_date = value.note_date
    if not (
        type(state) is ValueState
        and type(status) is DataStatus
        and type(extras) is dict
        and isinstance(period, Period)
        and (note_date is None or type(note_date) is dt.date)
        and _figure(figure)
        and _figure(numerator)
        and _figure(denominator)
    ):
        return None
    return {
        "indicator": value.indicator,
        "period": {"label": label, "year_start_month": period.year_start_month},
        "state": state.value,
        "value": None if figure is None else str(figure),
        "numerator": None if numerator is None else str(numerator),
        "denominator": None if denominator is None else str(denominator),
        "status": status.value,
        "note": value.note,
        "note_date": None if note_date is None else note_date.isoformat(),
        "entered_by": value.entered_by,
        "extras": dict(extras),
    }


def _target_payload(target: Target, label: str) -> dict[str, Any] | None:
    """``target`` unstructured exactly as goldenthread's converter does it; see
    :func:`_value_payload`."""
    extras, period = target.extras, target.period
    figures = (target.target, target.lower, target.upper, target.floor, target.stretch)
    if not (type(extras) is dict and isinstance(period, Period) and all(map(_figure, figures))):
        return None
    figure, lower, upper, floor, stretch = figures
    return {
        "indicator": target.indicator,
        "period": {"label": label, "year_start_month": period.year_start_month},
        "target": None if figure is None else str(figure),
        "lower": None if lower is None else str(lower),
        "upper": None if upper is None else str(upper),
        "floor": None if floor is None else str(floor),
        "stretch": None if stretch is None else str(stretch),
        "note": target.note,
        "extras": dict(extras),
    }


def _probe_values() -> list[IndicatorValue]:
    """Indicator values with every state and status, figures, counts and none, notes,
    dates, extras and periods of every kind: what :func:`_fast_payloads` compares."""
    periods: list[Period] = [
        Month(2024, 5),
        Quarter(2024, 2, year_start_month=1),
        HalfYear(2023, 1),
        FinancialYear(2024),
    ]
    values = [
        IndicatorValue("PI 1", periods[0], value=Decimal("12.50")),
        IndicatorValue(
            'PI \u00e9 "2"',
            periods[1],
            value=Decimal("-1E+3"),
            numerator=Decimal("0.000"),
            denominator=Decimal("7"),
            status=DataStatus.PROVISIONAL,
            note="Late \u2013 see note",
            note_date=dt.date(2024, 7, 1),
            entered_by="j.smith",
            extras={"source": "HR", "owner": ""},
        ),
        IndicatorValue("PI 3", periods[2], numerator=Decimal(3), denominator=Decimal("4.0")),
    ]
    values.extend(
        IndicatorValue("PI 4", periods[3], state=state, note="why")
        for state in ValueState
        if state is not ValueState.PRESENT
    )
    values.extend(
        IndicatorValue("PI 5", periods[i % 4], value=Decimal(i), status=status)
        for i, status in enumerate(DataStatus)
    )
    return values


def _probe_targets() -> list[Target]:
    """Targets with none, some and all of their figures, notes and extras."""
    return [
        Target("PI 1", Month(2024, 5)),
        Target("PI 2", FinancialYear(2024, year_start_month=1), target=Decimal("95.0")),
        Target(
            "PI \u00e9",
            Quarter(2025, 1),
            target=Decimal("10"),
            lower=Decimal("-2.5"),
            upper=Decimal("1E+2"),
            floor=Decimal("0"),
            stretch=Decimal("12.125"),
            note="stretch \u2264 upper",
            extras={"set by": "cabinet"},
        ),
    ]


def _fast_payloads(
    converter: cattrs.Converter,
) -> tuple[
    Callable[[IndicatorValue, str], dict[str, Any] | None] | None,
    Callable[[Target, str], dict[str, Any] | None] | None,
]:
    """:func:`_value_payload` and :func:`_target_payload` when ``converter`` unstructures
    indicator values and targets exactly as they do, else ``None`` in their place.

    A plugin may change how any type is unstructured, so each is used only when the
    converter's hooks for the types of its fields are goldenthread's own (whose output
    is known for every input) and the converter's output for a set of probes covering
    every field, state and kind of period is the same JSON text.
    """
    hooks = (
        (Decimal, _unstructure_decimal),
        (dt.date, _unstructure_date),
        (Period, _unstructure_period),
        (ValueState, _unstructure_enum),
        (DataStatus, _unstructure_enum),
    )
    if any(converter.get_unstructure_hook(cls) is not hook for cls, hook in hooks):
        return None, None

    def agrees(fast: Callable[[T, str], dict[str, Any] | None], probes: list[T]) -> bool:
        try:
            return all(
                encode_payload(fast(probe, probe.period.label) or {})  # type: ignore[attr-defined]
                == encode_payload(converter.unstructure(probe))
                for probe in probes
            )
        except (InputError, cattrs.BaseValidationError, ValueError, TypeError):
            return False

    return (
        _value_payload if agrees(_value_payload, _probe_values()) else None,
        _target_payload if agrees(_target_payload, _probe_targets()) else None,
    )


def _day(day: dt.date | None) -> str:
    return "" if day is None else day.isoformat()


def _entities(framework: Framework, converter: cattrs.Converter) -> dict[str, list[_Entity]]:
    """Every entity of ``framework``, by kind, in the framework's order."""
    unstructure = converter.unstructure
    indicators = framework.indicators
    result: dict[str, list[_Entity]] = {kind: [] for kind in FRAMEWORK_KINDS}
    try:
        toml = tomli_w.dumps(dict(framework.settings))
    except (TypeError, ValueError) as exc:
        raise InputError(
            [Problem(f"the framework's settings cannot be written as TOML: {exc}", "settings")]
        ) from None
    result["settings"].append(
        _Entity(
            _SETTINGS_KEY,
            {"organisation": unstructure(framework.organisation), "toml": toml},
        )
    )
    finance = framework.finance
    derived = {unit_cost.code for unit_cost in finance.unit_costs}
    for code, definition in indicators.definitions.items():
        if code in derived:
            continue  # derived again from the finance when loaded
        result["indicator"].append(_Entity(code, unstructure(definition), subject=code))
    fast_value, fast_target = _fast_payloads(converter)
    values = result["value"]
    for code, recorded in indicators.recorded.items():
        if code in derived:
            continue
        for value in recorded.values():
            label = value.period.label
            payload = None if fast_value is None else fast_value(value, label)
            values.append(_Entity(f"{code}|{label}", payload or unstructure(value), label, code))
    targets = result["target"]
    for code, by_period in indicators.targets.items():
        for target in by_period.values():
            label = target.period.label
            payload = None if fast_target is None else fast_target(target, label)
            targets.append(_Entity(f"{code}|{label}", payload or unstructure(target), label, code))
    thread = framework.thread
    for key, item in _keyed((item.id, item) for item in thread.items):
        result["item"].append(_Entity(key, unstructure(item), subject=item.id))
    for key, link in _keyed((f"{ln.child}|{ln.parent}|{ln.kind}", ln) for ln in thread.links):
        result["link"].append(_Entity(key, unstructure(link), subject=link.child))
    for key, attached in _keyed((f"{ln.indicator}|{ln.item}", ln) for ln in thread.indicators):
        result["indicator_link"].append(
            _Entity(key, unstructure(attached), subject=attached.indicator)
        )
    for key, risk in _keyed((risk.id, risk) for risk in framework.risks):
        result["risk"].append(_Entity(key, unstructure(risk), subject=risk.id))
    for key, review in _keyed(
        (f"{r.risk}|{r.reviewed_on.isoformat()}", r) for r in framework.risk_reviews
    ):
        result["risk_review"].append(
            _Entity(key, unstructure(review), period=review.period or None, subject=review.risk)
        )
    for key, group in _keyed(
        (f"{g.name}|{_day(g.valid_from)}|{_day(g.valid_to)}", g) for g in framework.comparators
    ):
        known = framework.comparator_names
        names = {m: known[m] for m in group.members if m in known}
        result["comparator"].append(
            _Entity(
                key,
                {"group": unstructure(group), "names": names},
                subject=group.name,
            )
        )
    for key, published in _keyed(
        (f"{p.indicator}|{p.period.label}|{p.organisation}", p) for p in framework.comparisons
    ):
        result["comparison"].append(
            _Entity(
                key,
                unstructure(published),
                period=published.period.label,
                subject=published.indicator,
            )
        )
    for key, check in _keyed((c.key, c) for c in framework.spot_checks):
        result["spot_check"].append(
            _Entity(key, unstructure(check), period=check.year.label, subject=check.code)
        )
    for key, received in _keyed((r.key, r) for r in framework.returns):
        result["return"].append(
            _Entity(
                key, unstructure(received), period=received.period.label, subject=received.indicator
            )
        )
    for key, shown in _keyed((p.key, p) for p in framework.presentations):
        result["presentation"].append(
            _Entity(key, unstructure(shown), period=shown.period.label, subject=shown.report)
        )
    for line in finance.lines:
        result["budget_line"].append(_Entity(line.code, unstructure(line), subject=line.code))
    for budget in finance.budgets:
        result["budget"].append(
            _Entity(budget.key, unstructure(budget), period=budget.year.label, subject=budget.line)
        )
    for profile in finance.profiles:
        result["budget_profile"].append(
            _Entity(
                profile.key, unstructure(profile), period=profile.month.label, subject=profile.line
            )
        )
    for key, virement in _keyed((v.key, v) for v in finance.virements):
        result["virement"].append(
            _Entity(key, unstructure(virement), period=virement.year.label, subject=virement.source)
        )
    for actual in finance.actuals:
        result["actual"].append(
            _Entity(actual.key, unstructure(actual), period=actual.month.label, subject=actual.line)
        )
    for key, entry in _keyed((e.key, e) for e in finance.mtfp):
        result["mtfp"].append(
            _Entity(key, unstructure(entry), period=entry.year.label, subject=entry.item)
        )
    for key, saving in _keyed((s.key, s) for s in finance.savings):
        result["saving"].append(
            _Entity(key, unstructure(saving), period=saving.year.label, subject=saving.code)
        )
    for key, unit_cost in _keyed((u.code, u) for u in finance.unit_costs):
        result["unit_cost"].append(_Entity(key, unstructure(unit_cost), subject=unit_cost.code))
    for kind in _ORDERED:
        result["sequence"].append(_Entity(kind, {"keys": [e.key for e in result[kind]]}))
    return result


_DECODE_CHUNK = 10_000


def _unchanged(entities: list[_Entity], stored: list[EncodedChange | None]) -> list[bool]:
    """For each entity, whether its stored revision (``None``: there is none) holds an
    equal payload.  The stored text is decoded a chunk at a time, so a large kind is never
    held decoded all at once."""
    result = [False] * len(entities)
    held = [i for i, revision in enumerate(stored) if revision is not None]
    for start in range(0, len(held), _DECODE_CHUNK):
        chunk = held[start : start + _DECODE_CHUNK]
        texts = [stored[i].payload for i in chunk]  # type: ignore[union-attr]
        for i, payload in zip(chunk, decode_payloads(texts), strict=True):
            result[i] = payload == entities[i].payload
    return result


def save_framework(
    store: Store,
    framework: Framework,
    *,
    by: str,
    at: dt.datetime | None,
    why: str,
    converter: cattrs.Converter | None = None,
) -> int | None:
    """Write ``framework`` into ``store`` as one batch, and return the batch's number
    (``None`` when nothing changed, so nothing was written).

    Every entity is the council's own: keyed by the organisation's ``code``
    (``[organisation] code`` in ``framework.toml``), so saving one council never changes
    another's records, history or state as at any moment.  A framework without a code is
    kept under the empty code ``""`` (a store can hold one such framework beside any
    number of coded ones; give every council a code to share a store).

    Only entities whose payload differs from the store's current revision of the council
    get a new revision; entities of the council's framework kinds that the framework no
    longer holds are retired (the retirement keeps the entity's period and subject, so a
    withdrawn value is listed among the restatements of its period).  Saving an unchanged
    framework writes nothing and returns ``None``.  Nothing is written if anything is wrong.

    The changes are worked out inside the store's write transaction, holding its write
    lock (:meth:`~goldenthread.storage.base.Store.write_planned`): two processes saving
    into one store at once take turns, the later one diffed against the earlier one's
    result, so the store ends in exactly the state of the framework saved last, and the
    same framework saved twice at once writes one batch.

    Args:
        store: the store to write to.
        framework: the framework (its ``source`` is not stored).
        by: who is saving it.
        at: when (timezone-aware); ``None`` (what concurrent writers should pass) lets the
            store stamp the batch under its write lock, with its own clock, never earlier
            than its latest batch, so a client's skewed clock does not matter.
        why: the reason, e.g. ``Q2 returns``.
        converter: the converter to use (default: a new
            :func:`~goldenthread.serialise.make_converter`).

    Raises:
        InputError: the framework's levels, organisations, risk settings, cycle or
            branding differ from what its ``settings`` describe (they could not be
            rebuilt), or the batch is bad (a blank ``by``, a naive ``at`` ...).
        OutOfOrderError: ``at`` is earlier than the store's latest batch.
    """
    _check_settings(framework)
    converter = converter or make_converter()
    indicators = framework.indicators
    size = sum(map(len, indicators.recorded.values())) + sum(map(len, indicators.targets.values()))
    # A large framework is turned into hundreds of thousands of payloads, none of which
    # can form a cycle: the collector is paused meanwhile (see _collector_paused).
    with _collector_paused(size):
        return _save(store, framework, by=by, at=at, why=why, converter=converter)


def _save(
    store: Store,
    framework: Framework,
    *,
    by: str,
    at: dt.datetime | None,
    why: str,
    converter: cattrs.Converter,
) -> int | None:
    """What :func:`save_framework` does once the framework's settings are checked."""
    wanted = _entities(framework, converter)
    code = framework.organisation.code

    def plan() -> list[Change]:
        # Run by the store inside its write transaction, holding the write lock.
        changes: list[Change] = []
        for kind, entities in wanted.items():
            stored = {e.key: e for e in store.current_encoded(kind, organisation=code)}
            before = [stored.pop(entity.key, None) for entity in entities]
            unchanged = _unchanged(entities, before)
            changes.extend(
                Change(kind, entity.key, entity.payload, entity.period, entity.subject, False, code)
                for entity, same in zip(entities, unchanged, strict=True)
                if not same
            )
            changes.extend(
                Change.retire(kind, key, period=old.period, subject=old.subject, organisation=code)
                for key, old in stored.items()
            )
        return changes

    return store.write_planned(plan, by=by, at=at, why=why)


def load_framework(
    store: Store,
    *,
    as_at: dt.datetime | None = None,
    source: str = "",
    converter: cattrs.Converter | None = None,
    calendars: Mapping[str, WorkingDayCalendar] | None = None,
    organisation: str | None = None,
    presets: Presets | None = None,
    parts: Iterable[str] | None = None,
) -> Framework:
    """Rebuild a council's framework held in ``store``, now or as at an earlier moment.

    Args:
        store: the store to read.
        as_at: a timezone-aware moment: the framework as it stood just after the last batch
            recorded on or before it.  ``None``: the current framework.
        source: what to record as the framework's ``source`` (e.g. the store's URL).
        converter: the converter to use (default: a new
            :func:`~goldenthread.serialise.make_converter`).
        calendars: the working-day calendars the stored settings may name (default:
            the built-in ones; :func:`~goldenthread.io.source.load_source` passes the
            installed plugins').
        presets: the matrices, scoring formulas, level presets, terminology and
            branding presets the stored settings may name (default: the built-in ones;
            :func:`~goldenthread.io.source.load_source` passes the installed plugins').
        organisation: the code of the council to read (``""`` for a framework saved
            without one).  ``None`` (the default) reads the only council the store held
            at that moment.
        parts: the :data:`~goldenthread.framework.PARTS` to read (default: all); the
            others are not read and keep their empty defaults.

    Raises:
        NoFrameworkError: the store held no framework at that moment.
        OrganisationError: ``organisation`` is ``None`` and the store held more than one
            council, or the store held no council with that code; the message names the
            codes held.
        InputError: ``as_at`` is naive, or a stored revision no longer reads (every
            problem is listed).
    """
    wanted = check_parts(parts)
    with paused_collector():
        return _load_framework(
            store,
            as_at,
            source,
            converter or make_converter(),
            calendars,
            organisation,
            presets,
            wanted,
        )


_PART_KINDS = {
    "indicators": ("indicator", "value", "target", *_FINANCE_KINDS),
    "thread": ("item", "link", "indicator_link"),
    "risks": ("risk", "risk_review"),
    "cycle": ("return", "presentation"),
    "comparisons": ("comparator", "comparison"),
    "spot_checks": ("spot_check",),
}
"""The stored kinds each part is read from."""


def _load_framework(
    store: Store,
    as_at: dt.datetime | None,
    source: str,
    converter: cattrs.Converter,
    calendars: Mapping[str, WorkingDayCalendar] | None,
    organisation: str | None,
    presets: Presets | None,
    wanted: frozenset[str],
) -> Framework:
    """:func:`load_framework`, with the collector paused."""
    code = _choose_organisation(store, organisation, as_at)
    kinds = {"settings", "sequence"}.union(*(_PART_KINDS[part] for part in wanted))

    def revisions(kind: str) -> list[Revision]:
        if kind not in kinds:
            return []
        if as_at is None:
            return store.current(kind, organisation=code)
        return store.as_at(as_at, kind, organisation=code)

    found = revisions("settings")
    if not found:
        when = "" if as_at is None else f" as at {as_at.isoformat()}"
        raise NoFrameworkError(f"the store holds no framework{when}; import a bundle first")
    problems: list[Problem] = []
    stored = found[0].payload
    authority = _structure(converter, stored.get("organisation"), Authority, found[0], problems)
    try:
        settings: dict[str, Any] = tomllib.loads(str(stored.get("toml", "")))
    except tomllib.TOMLDecodeError as exc:
        raise InputError([Problem(f"stored settings are not TOML: {exc}", "settings")]) from None
    if authority is None:
        raise InputError(problems)
    parts = settings_parts(
        settings, authority, calendars=calendars, presets=presets, cycle="cycle" in wanted
    )
    order = {rev.key: rev.payload.get("keys", []) for rev in revisions("sequence")}

    def ordered(kind: str) -> list[Revision]:
        by_key = {rev.key: rev for rev in revisions(kind)}
        keys = [key for key in order.get(kind, []) if key in by_key]
        keys.extend(sorted(set(by_key) - set(keys)))
        return [by_key[key] for key in keys]

    def read(kind: str, cls: type[T]) -> list[T]:
        # The class's hook is looked up once; a revision that fails is read again through
        # _structure, which reports its problems.
        structure = converter.get_structure_hook(cls)
        result: list[T] = []
        for revision in ordered(kind):
            try:
                result.append(structure(revision.payload, cls))
            except Exception:
                obj = _structure(converter, revision.payload, cls, revision, problems)
                if obj is not None:
                    result.append(obj)
        return result

    definitions = read("indicator", IndicatorDefinition)
    recorded = recorded_values(
        _value_payloads(store, code, as_at, order.get("value", [])) if "value" in kinds else (),
        {d.code: d for d in definitions},
        converter,
        year_start_month=authority.year_start_month,
    )
    values = read("value", IndicatorValue) if recorded is None else []
    targets = read("target", Target)
    items = read("item", Item)
    links = read("link", Link)
    attached = read("indicator_link", IndicatorLink)
    risks = read("risk", Risk)
    reviews = read("risk_review", Review)
    groups: list[ComparatorGroup] = []
    names: dict[str, str] = {}
    for revision in ordered("comparator"):
        group = _structure(
            converter, revision.payload.get("group"), ComparatorGroup, revision, problems
        )
        named = _structure(
            converter, revision.payload.get("names", {}), dict[str, str], revision, problems
        )
        if group is not None and named is not None:
            groups.append(group)
            names.update(named)
    comparisons = read("comparison", PublishedValue)
    spot_checks = read("spot_check", RecordedCheck)
    returns = read("return", ReturnRecord)
    presentations = read("presentation", Presentation)
    finance = Finance(
        lines=tuple(read("budget_line", BudgetLine)),
        budgets=tuple(read("budget", AnnualBudget)),
        profiles=tuple(read("budget_profile", MonthlyBudget)),
        virements=tuple(read("virement", Virement)),
        actuals=tuple(read("actual", Actual)),
        mtfp=tuple(read("mtfp", MtfpEntry)),
        savings=tuple(read("saving", Saving)),
        unit_costs=tuple(read("unit_cost", UnitCost)),
        tolerance=finance_tolerance(settings),
    )
    if problems:
        raise InputError(problems)
    ysm = authority.year_start_month
    derived = {unit_cost.code for unit_cost in finance.unit_costs}
    own_targets = [t for t in targets if t.indicator not in derived]
    indicators = (
        IndicatorSet.build(definitions, values, own_targets, year_start_month=ysm)
        if recorded is None
        else IndicatorSet.from_recorded(definitions, recorded, own_targets, year_start_month=ysm)
    )
    if derived:
        indicators = attach_unit_costs(
            indicators,
            finance,
            [t for t in targets if t.indicator in derived],
            year_start_month=ysm,
        )
    return Framework(
        organisation=authority,
        thread=Thread(items, parts.levels, links, attached, parts.organisations),
        indicators=indicators,
        risk_settings=parts.risk_settings,
        risks=tuple(risks),
        risk_reviews=tuple(reviews),
        cycle=parts.cycle,
        branding=parts.branding,
        settings=settings,
        source=source,
        rollup=parts.rollup,
        comparators=tuple(groups),
        comparator_names=names,
        comparisons=tuple(comparisons),
        spot_checks=tuple(spot_checks),
        returns=tuple(returns),
        presentations=tuple(presentations),
        finance=finance,
        parts=wanted,
    )


_PAYLOAD_CHUNK = 10_000
"""How many stored value payloads are decoded at a time while a framework loads."""


def _value_payloads(
    store: Store, organisation: str, as_at: dt.datetime | None, order: Iterable[str]
) -> Iterator[Any]:
    """The payloads of the council's current ``value`` entities, in the stored sequence
    (then by key), decoded :data:`_PAYLOAD_CHUNK` at a time, so that no more than a
    chunk is held decoded at once.  The current state is read as text
    (:meth:`~goldenthread.storage.base.Store.current_encoded`); a store as at an earlier
    moment is read revision by revision."""
    if as_at is not None:
        held = {
            rev.key: rev.payload for rev in store.as_at(as_at, "value", organisation=organisation)
        }
        keys = [key for key in order if key in held]
        keys.extend(sorted(set(held) - set(keys)))
        yield from (held[key] for key in keys)
        return
    texts = {
        change.key: change.payload
        for change in store.current_encoded("value", organisation=organisation)
    }
    keys = [key for key in order if key in texts]
    keys.extend(sorted(set(texts) - set(keys)))
    for start in range(0, len(keys), _PAYLOAD_CHUNK):
        yield from decode_payloads(texts[key] for key in keys[start : start + _PAYLOAD_CHUNK])


def _structure(
    converter: cattrs.Converter,
    data: object,
    cls: type[T],
    revision: Revision,
    problems: list[Problem],
) -> T | None:
    try:
        obj: T = converter.structure(data, cls)
    except (cattrs.BaseValidationError, ValueError, TypeError, KeyError) as exc:
        reasons = cattrs.transform_error(exc)
        problems.extend(
            Problem(
                f"stored {revision.kind} {revision.key!r} (batch {revision.batch}) does not "
                f"read as a {cls.__name__}: {reason}",
                revision.kind,
            )
            for reason in reasons
        )
        return None
    return obj
