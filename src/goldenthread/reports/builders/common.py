"""What the report builders share: who may see what, and indicator tables.

**Classification.**  Every report carries a classification (``public``, ``internal`` or
``personal``).  An item or indicator appears in a report only when its own
classification is no more restricted than the report's (:func:`visible`), and never
when it is personal data: items at an individual level (a level whose plans belong to a
person, or whose classification is personal) and items classified ``personal`` are left
out of every report the built-in builders make.  A public report also leaves out items
that are not approved (status ``draft``).  Every built-in builder and the open data
first call :func:`protect`: each item and indicator is judged by its *effective*
classification, the strictest of its own and of everything it is attached to or
contributes to (:mod:`goldenthread.thread.confidentiality`), so an indicator with a blank
classification measuring an individual's objective is personal.

**Commentary and names.**  Officers' commentary (a value's ``note``, an action's
progress comment) appears in a public report only when it is marked for publication
(:func:`note_published`: ``publish_note = yes`` in ``values.csv`` or ``items.csv``); who
entered a value never appears in a public report.

**Provisional values.**  Every indicator table has a *Data status* column; a value whose
data status is provisional, estimated or qualified is labelled with it, so a reader
never takes an unverified figure for a final one.

**Dates.**  Builders read no clock: ``today`` is passed in, and ``as_at`` (a
timezone-aware moment) when given fixes the day the data is judged on
(:func:`effective_day`).

**Terminology.**  Wherever a report names a level or a plan it uses the council's own
words: the framework's branding terminology first (``[branding.terminology]`` in
``framework.toml``), then the names of the framework's level scheme, then generic words
(:func:`level_name`, :func:`plan_term`, :func:`plan_name`).

**Assembly.**  Every built-in kind wraps its sections the same way
(:func:`assemble_report`): titled with the kind's title and the period, about the
framework's organisation, for the kind's audience, with the ``as_at`` moment and the
report's classification.  The kinds that judge indicators and progress share
:func:`visible_assessments`, :func:`thread_progress`, :func:`scored_open_risks` and
:func:`risk_table`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Protocol

from attrs import evolve

from goldenthread.errors import InputError
from goldenthread.framework import PARTS, Framework
from goldenthread.indicators.assess import Assessment, assess_all
from goldenthread.indicators.definition import Classification as IndicatorClassification
from goldenthread.indicators.definition import IndicatorDefinition, ToleranceKind
from goldenthread.indicators.direction import Direction as IndicatorDirection
from goldenthread.indicators.numbers import is_percent_unit, round_half_up
from goldenthread.indicators.polarity import DataStatus, Polarity
from goldenthread.indicators.rag import (
    UnknownRuleError,
    describe_figure,
    describe_rule,
    kent_rule,
    medway_rule,
)
from goldenthread.periods import Period
from goldenthread.reports.model import (
    CLASSIFICATIONS,
    Block,
    Cell,
    Column,
    ColumnKind,
    Commentary,
    Direction,
    Findings,
    KeyValues,
    Paragraph,
    Report,
    Section,
    Status,
    Table,
)
from goldenthread.risk.assessment import ScoredRisk, assess_register
from goldenthread.thread.confidentiality import (
    effective_classifications,
    indicator_classifications,
    measured_items,
)
from goldenthread.thread.graph import Thread
from goldenthread.thread.items import IndicatorLink, Item, ItemStatus
from goldenthread.thread.levels import Classification
from goldenthread.thread.progress import Assessment as Progress
from goldenthread.thread.progress import RollupSettings, RollupStatus, rollup

__all__ = [
    "EMPTY_SECTIONS",
    "STATUS_NOTES",
    "UNVERIFIED",
    "KindDetails",
    "about_statuses",
    "as_at_moment",
    "assemble_report",
    "effective_day",
    "empty_sections_choice",
    "indicator_columns",
    "indicator_commentary",
    "indicator_links",
    "indicator_links_by_code",
    "indicator_owners",
    "indicator_row",
    "indicator_table",
    "item_visible",
    "latest_update",
    "lead_and_contributors",
    "level_name",
    "note_published",
    "or_note",
    "organisation_names",
    "plan_name",
    "plan_term",
    "progress_reason",
    "protect",
    "report_settings",
    "require_whole",
    "risk_table",
    "rounded",
    "scored_open_risks",
    "shown_section",
    "thread_progress",
    "visible",
    "visible_assessments",
    "visible_thread",
    "within_appetite_text",
    "year_is_over",
]

UNVERIFIED = frozenset({DataStatus.PROVISIONAL, DataStatus.ESTIMATED, DataStatus.QUALIFIED})
"""Data statuses a report labels beside the value."""

_RANK = {name: rank for rank, name in enumerate(CLASSIFICATIONS)}


def visible(classification: str, report_classification: str) -> bool:
    """Whether something classified ``classification`` may appear in a report classified
    ``report_classification`` (``personal`` never does, except in a personal report).

    Raises:
        ValueError: an unknown classification.
    """
    for name in (classification, report_classification):
        if name not in _RANK:
            raise ValueError(f"classification {name!r} must be one of {', '.join(CLASSIFICATIONS)}")
    return _RANK[classification] <= _RANK[report_classification]


def item_visible(thread: Thread, item: Item, report_classification: str) -> bool:
    """Whether a thread item may appear in a report (see the module notes).

    Items at an individual level, and personal items, appear only in a personal report;
    a public report shows only approved (non-draft) public items.
    """
    level = thread.levels.get(item.level) if item.level in thread.levels else None
    personal = item.classification.value == "personal" or (level is not None and level.personal)
    if personal and report_classification != "personal":
        return False
    if report_classification == "public" and item.status is ItemStatus.DRAFT:
        return False
    return visible(item.classification.value, report_classification)


def require_whole(framework: Framework) -> None:
    """Refuse a framework read for some of its parts only (``parts`` of the readers): a
    report of it would leave out what was not read without a word, and could not raise
    an indicator's classification through a thread it does not hold.

    Raises:
        ValueError: naming the parts not read.
    """
    missing = [part for part in PARTS if part not in framework.parts]
    if missing:
        raise ValueError(
            f"the framework was read without its {', '.join(missing)} "
            f"(parts={sorted(framework.parts)}); a report needs the whole framework: "
            "read it without parts"
        )


def protect(framework: Framework) -> Framework:
    """``framework`` with every item's and indicator's classification raised to its
    effective classification (see the module notes); ``framework`` itself when nothing
    needs raising.  Applying it twice changes nothing.

    Raises:
        ValueError: the framework was read for some of its parts only
            (:func:`require_whole`).
    """
    require_whole(framework)
    thread = framework.thread
    effective = effective_classifications(thread)
    changed = False
    items = []
    for item in thread.items:
        wanted = effective.get(item.id, item.classification)
        if wanted is not item.classification:
            item = evolve(item, classification=wanted)
            changed = True
        items.append(item)
    definitions = framework.indicators.definitions
    own = {code: Classification(d.classification.value) for code, d in definitions.items()}
    raised = indicator_classifications(own, indicator_links_by_code(framework), effective)
    new_definitions = dict(definitions)
    for code, wanted in raised.items():
        if wanted is not own[code]:
            new_definitions[code] = evolve(
                definitions[code], classification=IndicatorClassification(wanted.value)
            )
            changed = True
    if not changed:
        return framework
    return evolve(
        framework,
        thread=Thread(items, thread.levels, thread.links, thread.indicators, thread.organisations),
        indicators=evolve(framework.indicators, definitions=new_definitions),
    )


def indicator_links_by_code(framework: Framework) -> dict[str, list[str]]:
    """The ids of the thread items each indicator measures, by code: from the thread's
    indicator links and each definition's ``objective`` (unknown items are ignored)."""
    definitions = framework.indicators.definitions
    return measured_items(framework.thread, {c: d.objective for c, d in definitions.items()})


_YES = frozenset({"yes", "y", "true", "1"})


def note_published(extras: Mapping[str, str]) -> bool:
    """Whether commentary is marked for publication: its row's ``publish_note`` column
    (kept in ``extras``) says ``yes`` (also ``y``, ``true`` or ``1``, in any case)."""
    return extras.get("publish_note", "").strip().lower() in _YES


def latest_update(item: Item, report_classification: str) -> str:
    """An item's latest progress comment as a report may show it: in a public report only
    when the item's row marks it for publication (:func:`note_published`), else empty."""
    if not item.updates:
        return ""
    if report_classification == "public" and not note_published(item.extras):
        return ""
    return item.updates[-1].comment


def effective_day(as_at: dt.datetime | None, today: dt.date) -> dt.date:
    """The day the data is judged on: ``as_at``'s UTC date when given, else ``today``.

    Raises:
        ValueError: ``as_at`` is naive.
    """
    moment = as_at_moment(as_at)
    return today if moment is None else moment.astimezone(dt.UTC).date()


def as_at_moment(as_at: dt.datetime | None) -> dt.datetime | None:
    """``as_at`` checked to be timezone-aware (``None`` stays ``None``).

    Raises:
        ValueError: a naive timestamp.
    """
    if as_at is not None and as_at.tzinfo is None:
        raise ValueError(f"as_at {as_at.isoformat()} must be timezone-aware (UTC)")
    return as_at


def level_name(framework: Framework, level_key: str) -> str:
    """What the council calls the plans at level ``level_key``.

    The branding's ``terminology.levels`` entry when the council set one, else the name of
    the level in the framework's level scheme (``Business Plans``), else the generic name
    (``Service plan``), else the key itself.
    """
    terminology = framework.branding.terminology
    own = dict(terminology.levels).get(level_key)
    if own:
        return own
    levels = framework.thread.levels
    if level_key in levels:
        return levels.get(level_key).name
    return terminology.level(level_key)


def plan_term(framework: Framework, key: str, default: str) -> str:
    """The council's word for the generic term ``key`` (such as ``service_plan``) from the
    branding's ``terminology.terms``, else ``default``."""
    return framework.branding.terminology.term(key, default)


def plan_name(framework: Framework, level_key: str) -> str:
    """What the council calls one plan at level ``level_key``: its ``<level>_plan`` term
    (``service_plan = "Service Unit Business Plan"``), else :func:`level_name`."""
    return plan_term(framework, f"{level_key}_plan", level_name(framework, level_key))


def report_settings(framework: Framework, kind: str) -> Mapping[str, Any]:
    """The ``[reports.<kind>]`` table of ``framework.toml`` (empty when absent)."""
    reports = framework.settings.get("reports", {})
    section = reports.get(kind, {}) if isinstance(reports, Mapping) else {}
    return section if isinstance(section, Mapping) else {}


def indicator_links(framework: Framework) -> dict[str, tuple[str, ...]]:
    """Indicator codes by the thread item they measure.

    From the thread's indicator links and each indicator definition's ``objective``
    (items the thread does not hold are ignored); codes in definition order.
    """
    order = {code: n for n, code in enumerate(framework.indicators.definitions)}
    found: dict[str, set[str]] = {}
    for link in framework.thread.indicators:
        if link.indicator in order and link.item in framework.thread:
            found.setdefault(link.item, set()).add(link.indicator)
    for code, definition in framework.indicators.definitions.items():
        if definition.objective and definition.objective in framework.thread:
            found.setdefault(definition.objective, set()).add(code)
    return {item: tuple(sorted(codes, key=order.__getitem__)) for item, codes in found.items()}


def visible_thread(framework: Framework, report_classification: str) -> Thread:
    """The thread holding only the items a report may show, with every indicator that
    may appear attached to the items it measures (:func:`indicator_links`).

    Progress rolled up on it never draws on what the report cannot show.
    """
    thread = framework.thread
    items = [i for i in thread.items if item_visible(thread, i, report_classification)]
    shown = {i.id for i in items}
    definitions = framework.indicators.definitions
    attached = [
        IndicatorLink(code, item)
        for item, codes in indicator_links(framework).items()
        if item in shown
        for code in codes
        if visible(definitions[code].classification.value, report_classification)
    ]
    links = [link for link in thread.links if link.child in shown and link.parent in shown]
    return Thread(items, thread.levels, links, attached, thread.organisations)


def rounded(value: Decimal | None, decimals: int) -> Decimal | None:
    """``value`` rounded half-up to ``decimals`` places, as a reader sees it."""
    return None if value is None else round_half_up(value, decimals)


def _direction(direction: IndicatorDirection | None) -> Cell:
    return Cell(direction=None if direction is None else Direction(direction.value))


_STATE_TEXT = {
    "missing": "missing",
    "not-yet-due": "not yet due",
    "not-applicable": "n/a",
    "undefined": "no value",
}


def indicator_columns() -> tuple[Column, ...]:
    """The columns of an indicator table."""
    return (
        Column("indicator", "Indicator"),
        Column("code", "Code"),
        Column("value", "Value", ColumnKind.NUMBER),
        Column("target", "Target", ColumnKind.NUMBER),
        Column("unit", "Unit"),
        Column("status", "Status", ColumnKind.STATUS),
        Column("status_reason", "Why this status"),
        Column("direction", "Short term", ColumnKind.DIRECTION),
        Column("direction_last_year", "Long term", ColumnKind.DIRECTION),
        Column("data_status", "Data status"),
    )


def indicator_row(assessment: Assessment) -> tuple[Cell, ...]:
    """One row of an indicator table: figures at the indicator's precision, status and
    its reason in words, short- and long-term direction, and the data status (labelled
    when unverified)."""
    decimals = assessment.decimals
    value = rounded(assessment.value, decimals)
    state = assessment.value_state
    value_cell = Cell(value) if value is not None else Cell(None, _STATE_TEXT.get(state, state))
    target = assessment.target.target if assessment.target is not None else None
    data = assessment.data_status
    label = "" if data is None else data.value
    return (
        Cell(assessment.title),
        Cell(assessment.indicator),
        value_cell,
        Cell(rounded(target, decimals)),
        Cell(assessment.unit),
        Cell(status=Status(assessment.status.value)),
        Cell(assessment.status_reason),
        _direction(assessment.direction),
        _direction(assessment.direction_last_year),
        Cell(label),
    )


def indicator_table(
    caption: str,
    assessments: Iterable[Assessment],
    owners: Mapping[str, str] | None = None,
) -> Table:
    """A table of indicators with value, target, RAG and why, directions and data status.

    With ``owners`` (indicator codes to the officer or team that owns each, as
    :func:`indicator_owners` gives them) an *Owner* column follows the code.
    """
    columns = indicator_columns()
    rows = [indicator_row(a) for a in assessments]
    if owners is None:
        return Table(caption, columns, rows)
    at = [c.key for c in columns].index("code") + 1
    with_owner = (*columns[:at], Column("owner", "Owner"), *columns[at:])
    return Table(
        caption,
        with_owner,
        [(*row[:at], Cell(owners.get(str(row[at - 1].value), "")), *row[at:]) for row in rows],
    )


def indicator_owners(framework: Framework) -> dict[str, str]:
    """Each indicator's owner (its definition's ``owner``, else its ``service``), by code."""
    return {code: d.owner or d.service for code, d in framework.indicators.definitions.items()}


def indicator_commentary(
    framework: Framework,
    assessments: Sequence[Assessment],
    report_classification: str = "internal",
) -> list[Commentary]:
    """The officers' commentary recorded with each indicator's value for its period.

    In a public report only commentary marked for publication (:func:`note_published`)
    appears, and never who entered it.  Commentary is text entered by people: renderers
    always show it as text.
    """
    public = report_classification == "public"
    notes: list[Commentary] = []
    for assessment in assessments:
        recorded = framework.indicators.recorded.get(assessment.indicator)
        # the values with a note the report may show, in the order of their periods
        noted = [
            v
            for v in (() if recorded is None else recorded.noted())
            if not public or note_published(v.extras)
        ]
        if not noted:
            continue
        start, end = assessment.period.start, assessment.period.end
        for value in sorted(noted, key=lambda v: (v.period.start, v.period.end)):
            if value.period.start >= start and value.period.end <= end:
                notes.append(
                    Commentary(
                        f"{assessment.title} ({value.period.label}): {value.note}",
                        None if public else (value.entered_by or None),
                        value.note_date,
                    )
                )
    return notes


def visible_assessments(
    framework: Framework, period: Period, day: dt.date, report_classification: str
) -> list[Assessment]:
    """Each indicator's assessment for ``period`` with data as at ``day``, leaving out
    the indicators a report classified ``report_classification`` may not show.

    Raises:
        InputError: the period's year start differs from the framework's.
        ValueError: an unknown classification.
    """
    definitions = framework.indicators.definitions
    return [
        a
        for a in assess_all(framework.indicators, period, rules=framework.rag_rules, as_at=day)
        if visible(definitions[a.indicator].classification.value, report_classification)
    ]


def thread_progress(
    thread: Thread,
    day: dt.date,
    assessments: Iterable[Assessment],
    settings: RollupSettings | None = None,
) -> dict[str, Progress]:
    """The progress of every item of ``thread`` on ``day``, by id, rolled up with the
    attached indicators' statuses taken from ``assessments``, by the council's roll-up
    rule and tolerance (``settings``, the framework's
    :attr:`~goldenthread.framework.Framework.rollup`; default worst-of)."""
    chosen = settings or RollupSettings()
    return rollup(
        thread,
        day,
        chosen.rule,
        indicator_status={
            a.indicator: RollupStatus.from_indicator(a.status.value) for a in assessments
        },
        tolerance=chosen.tolerance,
    )


def scored_open_risks(framework: Framework) -> tuple[ScoredRisk, ...]:
    """The register's open risks scored by the framework's risk settings, in order."""
    return assess_register([r for r in framework.risks if r.is_open], framework.risk_settings)


def within_appetite_text(within: bool | None) -> str:
    """How a table says whether a risk is within appetite: ``yes``, ``no`` or
    ``not rated`` (``None``: the risk has no current rating)."""
    return "not rated" if within is None else ("yes" if within else "no")


_RISK_COLUMNS = (
    Column("risk", "Risk"),
    Column("id", "Reference"),
    Column("owner", "Owner"),
    Column("score", "Current score", ColumnKind.NUMBER),
    Column("level", "Current level"),
    Column("appetite", "Within appetite"),
)


def risk_table(caption: str, scored: Iterable[ScoredRisk]) -> Table:
    """A table of risks: title, reference, owner, current score and level, and whether
    each is within appetite (unrated risks say ``not rated``)."""
    rows = [
        (
            Cell(s.risk.title),
            Cell(s.risk.id),
            Cell(s.risk.owner),
            Cell(s.current.score if s.current else None),
            Cell(s.current.level if s.current else "not rated"),
            Cell(within_appetite_text(s.within_appetite)),
        )
        for s in scored
    ]
    return Table(caption, _RISK_COLUMNS, rows)


class KindDetails(Protocol):
    """What :func:`assemble_report` reads from a report kind."""

    @property
    def name(self) -> str:
        """The kind's name (``performance``)."""

    @property
    def title(self) -> str:
        """What the report is called."""

    @property
    def audience(self) -> str:
        """Who the report is for (``Cabinet``)."""


def assemble_report(
    kind: KindDetails,
    framework: Framework,
    period: Period,
    sections: Iterable[Section],
    *,
    as_at: dt.datetime | None,
    classification: str,
    title: str | None = None,
) -> Report:
    """The report of ``kind`` made of ``sections``.

    It is titled ``title``, by default the kind's title and the period's label
    (``Corporate performance report, 2025/26 Q2``); it is about the framework's
    organisation, for the kind's audience, labelled with the period, as at ``as_at``
    (when given) and classified ``classification``.

    Raises:
        ValueError: a naive ``as_at``, an unknown classification or two sections with
            the same id.
    """
    return Report(
        kind=kind.name,
        title=f"{kind.title}, {period.label}" if title is None else title,
        organisation=framework.organisation.name,
        sections=sections,
        period_label=period.label,
        as_at=as_at_moment(as_at),
        generated_for=kind.audience,
        classification=classification,
    )


STATUS_NOTES = (
    "Before any rule compares a value with its target, every indicator is checked the same "
    "way: an indicator where a higher or lower figure is neither better nor worse is "
    "data-only, with or without a target; a figure recorded as not applicable (N/A) is "
    "not-applicable, not a missing return; a period that had not ended on the day the "
    "report is judged and has no figure is not-yet-due; any other missing figure is "
    "no-data (a return that should be in); and an indicator with no target is no-target.  "
    "The Why this status column gives each status's reason in words."
)
"""How the statuses other than green, amber and red are decided, in plain words."""


def _tolerance_text(definition: IndicatorDefinition) -> str:
    tolerance = definition.tolerance
    if tolerance.kind is ToleranceKind.RELATIVE:
        return f"{tolerance.amount.normalize():f}% of the target"
    amount = tolerance.amount.normalize()
    places = max(0, -int(amount.as_tuple().exponent))
    if is_percent_unit(definition.unit):
        points = "point" if amount == 1 else "points"
        return f"{describe_figure(amount, places)} percentage {points}"
    return describe_figure(amount, places, definition.unit)


def _uses_tolerance(rule: object) -> bool:
    inner = getattr(rule, "function", rule)
    return inner is not kent_rule and inner is not medway_rule


_RULE_COLUMNS = (
    Column("rule", "Rule"),
    Column("meaning", "What the colours mean"),
    Column("count", "Indicators", ColumnKind.NUMBER),
    Column("indicators", "Indicators rated by it"),
    Column("tolerance", "Tolerance"),
)


def about_statuses(framework: Framework, assessments: Sequence[Assessment]) -> list[Block]:
    """What "About this report" says of statuses: which named rules rate which of the
    report's indicators and what each means, the tolerances in use, the council's
    default rule and tolerance, and how the statuses without a comparison are decided."""
    definitions = framework.indicators.definitions
    by_rule: dict[str, list[Assessment]] = {}
    data_only: list[str] = []
    for assessment in assessments:
        if assessment.polarity is Polarity.NONE:
            data_only.append(assessment.indicator)
        else:
            by_rule.setdefault(assessment.rule, []).append(assessment)
    rows = []
    for name in sorted(by_rule, key=lambda n: (-len(by_rule[n]), n)):
        rated = by_rule[name]
        try:
            found = framework.rag_rules.get(name)
            rule: object = found
            meaning = describe_rule(found)
        except UnknownRuleError:
            rule, meaning = None, ""
        tolerance = ""
        if rule is not None and _uses_tolerance(rule):
            counted = Counter(
                _tolerance_text(definitions[a.indicator])
                for a in rated
                if a.indicator in definitions
            )
            tolerance = "; ".join(
                text if len(counted) == 1 else f"{text} ({n})" for text, n in counted.most_common()
            )
        elif rule is not None:
            tolerance = "not used by this rule"
        rows.append(
            (
                Cell(name),
                Cell(meaning),
                Cell(len(rated)),
                Cell(", ".join(a.indicator for a in rated)),
                Cell(tolerance),
            )
        )
    section = framework.settings.get("indicators", {})
    section = section if isinstance(section, Mapping) else {}
    default_rule = str(section.get("rag_rule") or "tolerance")
    default_tolerance = str(section.get("tolerance") or "5%")
    if default_tolerance.strip().endswith("%"):
        tolerance_words = f"{default_tolerance.strip()} of the target"
    else:
        tolerance_words = f"{default_tolerance.strip()} in the indicator's own unit"
    blocks: list[Block] = [
        Paragraph(
            "Each indicator is rated by a named rule.  An indicator that names no rule uses "
            f"the council's default, the {default_rule} rule, and an indicator that sets no "
            f"tolerance has the default tolerance of {tolerance_words}.  The rules used in "
            "this report are listed below; a value exactly on a boundary takes the better "
            "status, and figures are compared as shown, at each indicator's precision."
        ),
    ]
    if rows:
        blocks.append(Table("RAG rules used in this report", _RULE_COLUMNS, rows))
    if data_only:
        blocks.append(
            Paragraph(
                f"Reported for information and not rated (data only): {', '.join(data_only)}."
            )
        )
    blocks.append(Paragraph(STATUS_NOTES))
    return blocks


def progress_reason(progress: Progress) -> str:
    """Why an action, objective or plan has its rolled-up status, as a sentence
    (``62% complete against 50% expected.``, ``Overdue: due 2025-06-30.``)."""
    reason = progress.reason.strip()
    if not reason:
        return ""
    return f"{reason[0].upper()}{reason[1:]}{'' if reason.endswith('.') else '.'}"


# --------------------------------------------------------------- partners and leads


def organisation_names(framework: Framework, keys: Iterable[str]) -> list[str]:
    """The names of the organisations with ``keys`` (``[[organisations]]`` in
    ``framework.toml``), in order; a key no organisation has is shown as it is."""
    names = {o.key: o.name for o in framework.thread.organisations}
    return [names.get(key, key) for key in keys]


def lead_and_contributors(framework: Framework, item: Item) -> tuple[str, str]:
    """Who leads ``item`` and who contributes to it, in words.

    The lead is the name of the item's lead organisation (``lead``), else its owner;
    the contributors are the names of its partner organisations (``partners``), joined
    by semicolons (empty when it has none).
    """
    lead = organisation_names(framework, [item.lead])[0] if item.lead else (item.owner or "")
    return lead, "; ".join(organisation_names(framework, item.partners))


# ---------------------------------------------------------------- the year's end


def year_is_over(period: Period, day: dt.date) -> bool:
    """Whether the financial year of ``period`` is over for a report of it judged on
    ``day``: the period is the year's last (it ends on the year's last day) or ``day``
    is after the year.  Forecasts of the year end are then not shown."""
    year_end = period.financial_year.end
    return period.end == year_end or day > year_end


# ---------------------------------------------------------------- empty sections

EMPTY_SECTIONS = ("say", "omit")
"""The choices of ``[reports] empty_sections`` in ``framework.toml``: ``say`` (the
default) keeps a section with nothing in it and says so in one sentence; ``omit`` leaves
it out."""


def empty_sections_choice(framework: Framework) -> str:
    """The council's ``[reports] empty_sections`` choice (:data:`EMPTY_SECTIONS`),
    ``say`` when it makes none.

    Raises:
        InputError: any other value, naming ``framework.toml``, the key and the choices.
    """
    reports = framework.settings.get("reports", {})
    raw = reports.get("empty_sections", "say") if isinstance(reports, Mapping) else "say"
    choice = raw.strip().lower() if isinstance(raw, str) else raw
    if choice not in EMPTY_SECTIONS:
        raise InputError(
            f"framework.toml: reports.empty_sections is {raw!r}; it must be one of "
            f"{', '.join(EMPTY_SECTIONS)}"
        )
    return str(choice)


def or_note(table: Table, note: str) -> Block:
    """``table`` when it has rows, else a paragraph saying there is nothing to show."""
    return table if table.rows else Paragraph(note)


def _has_content(block: Block) -> bool:
    if isinstance(block, Paragraph):
        return False  # an introduction or a note of what is missing
    if isinstance(block, Table):
        return bool(block.rows)
    if isinstance(block, Findings):
        return bool(block.findings)
    if isinstance(block, KeyValues):
        return bool(block.items)
    return True


def shown_section(
    title: str,
    blocks: Iterable[Block],
    *,
    id: str,
    empty: str,
    choice: str = "say",
) -> list[Section]:
    """A section as the council chose to show sections with nothing in them.

    A section holding something (a table with rows, findings, key values, commentary, a
    figure) is kept, each table without rows in it replaced by the sentence ``{caption}:
    none.``.  A section holding nothing (only paragraphs and tables without rows) is,
    when ``choice`` is ``say``, the one sentence ``empty``, and when it is ``omit``, left
    out.  Returns a list of no or one section, to ``extend`` a report's sections with.
    """
    held = list(blocks)
    if any(_has_content(b) for b in held):
        kept = [
            Paragraph(f"{b.caption}: none.") if isinstance(b, Table) and not b.rows else b
            for b in held
        ]
        return [Section(title, kept, id=id)]
    if choice == "omit":
        return []
    return [Section(title, [Paragraph(empty)], id=id)]
