"""A council's whole framework in memory: what :func:`goldenthread.load_bundle` returns.

A :class:`Framework` gathers every capability's objects for one organisation: the golden
thread, the indicators with their values and targets, the risk register and its settings,
the planning and review cycle, and the branding.  It is immutable; reading and writing it
is the job of :mod:`goldenthread.io.bundle` and the stores.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from attrs import evolve, field, frozen

from goldenthread.branding import Branding, default_branding
from goldenthread.cycles.calendars import EnglandAndWalesCalendar
from goldenthread.cycles.records import Presentation, ReturnRecord
from goldenthread.finance.book import Finance
from goldenthread.indicators.benchmarking import ComparatorGroup
from goldenthread.indicators.comparison import PublishedValue
from goldenthread.indicators.dataset import IndicatorSet
from goldenthread.indicators.rag import RagRules, default_rules
from goldenthread.indicators.spotcheck import RecordedCheck
from goldenthread.io.cycles import CycleConfig
from goldenthread.risk.register import Risk
from goldenthread.risk.settings import RiskSettings
from goldenthread.risk.trends import Review, register_on
from goldenthread.thread.graph import Thread
from goldenthread.thread.progress import RollupSettings

__all__ = ["PARTS", "Authority", "Framework", "check_parts"]

PARTS = ("indicators", "thread", "risks", "cycle", "comparisons", "spot_checks")
"""The parts of a framework a reader can be asked to read on their own (``parts`` of
:func:`~goldenthread.io.bundle.load_bundle`, :func:`~goldenthread.io.persist.load_framework`
and :func:`~goldenthread.io.source.load_source`), so a command reads only what it uses:

* ``indicators``: the definitions, values and targets, and the finance (budget lines,
  actuals and unit costs), from which unit costs are derived as indicators;
* ``thread``: the plans, objectives and actions and their links;
* ``risks``: the risk register and its reviews;
* ``cycle``: the review cycle (``[cycle]`` and ``[[monitoring]]``), returns and
  presentations;
* ``comparisons``: the comparator groups and other councils' published figures;
* ``spot_checks``: the recorded audit spot checks.

The organisation, the settings, the branding, the thread's levels and the risk settings
are always read.  A part not read keeps its empty default, and is not checked.  The
thread, cycle, comparisons and spot checks name indicators, so each brings the
indicators with it."""


def check_parts(parts: Iterable[str] | None) -> frozenset[str]:
    """The parts named (every part for ``None``).

    Raises:
        ValueError: a name that is not one of :data:`PARTS`.
    """
    if parts is None:
        return frozenset(PARTS)
    chosen = frozenset(parts)
    unknown = sorted(chosen - set(PARTS))
    if unknown:
        raise ValueError(f"unknown framework part {unknown[0]!r}; the parts are {', '.join(PARTS)}")
    if chosen & _NAMING_INDICATORS:
        chosen |= {"indicators"}
    return chosen


_NAMING_INDICATORS = frozenset({"thread", "cycle", "comparisons", "spot_checks"})
"""The parts whose records name indicators (checked against them), so they bring the
indicators with them."""


def _check_year_start(instance: object, attribute: object, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 12:
        raise ValueError(f"year_start_month must be a month number 1-12, not {value!r}")


@frozen
class Authority:
    """The local authority (or other organisation) a framework belongs to.

    Partners and other organisations named in the golden thread are
    :class:`goldenthread.thread.Organisation` objects; this is the owner of the framework.

    Attributes:
        name: its full name, e.g. ``Rossendale Borough Council``.
        short_name: how reports refer to it (defaults to ``name``).
        code: a short identifier used in file names and store keys.
        year_start_month: the month (1-12) its financial year starts in; April by default.
    """

    name: str
    short_name: str = ""
    code: str = ""
    year_start_month: int = field(default=4, validator=_check_year_start)

    @property
    def display_name(self) -> str:
        """``short_name`` when set, else ``name``."""
        return self.short_name or self.name


def _empty_cycle() -> CycleConfig:
    return CycleConfig(EnglandAndWalesCalendar())


def _thread() -> Thread:
    return Thread(())


def _indicator_set() -> IndicatorSet:
    return IndicatorSet.build((), (), ())


@frozen
class Framework:
    """Everything goldenthread knows about one organisation's framework.

    Every part is optional in a bundle, so every part has an empty default.

    Attributes:
        organisation: the authority it belongs to and when its year starts.
        thread: the golden thread of plans, objectives and actions.
        indicators: indicator definitions, values and targets.
        risk_settings: the risk matrix, appetite and escalation rules.
        risks: the risk register.
        risk_reviews: the dated reviews of risks (their rating history).
        cycle: the planning and review cycle (calendar, meetings, arrangements).
        branding: how reports look and what things are called (by default the
            built-in branding, named after the organisation).
        settings: the whole parsed ``framework.toml``, for sections other tools read.
        source: where the framework was read from (a path or store URL).
        comparators: the comparator groups (each version with its validity dates) the
            indicators are benchmarked against (``comparators.csv``).
        comparator_names: the member organisations' names by code.
        comparisons: other organisations' published figures (``comparisons.csv``).
        spot_checks: the recorded audit spot-check outcomes (``spot_checks.csv``).
        returns: when each return (an indicator's figure for a period) was received
            (``returns.csv``).
        presentations: when each occurrence of a monitoring arrangement was presented
            (``presentations.csv``).
        rag_rules: the RAG rules its indicators are rated by, chosen by each indicator's
            ``rag_rule`` name: the built-in rules, or (read through
            :func:`goldenthread.io.source.load_source`) every installed plugin's
            ``goldenthread_rag_rules``.  Configuration of the running program, not data:
            it is never stored and does not take part in equality.
        finance: the revenue budget, its monitoring, the MTFP, savings and unit costs
            (the finance files; see :mod:`goldenthread.finance`).
        rollup: how objectives and plans are rolled up from their actions and
            indicators (``[thread] rollup`` and ``rollup_tolerance``; default worst-of,
            10 percentage points).
        parts: the :data:`PARTS` that were read (every part, unless the reader was asked
            for fewer); a part not read holds its empty default.  Not data: it does not
            take part in equality.
    """

    organisation: Authority
    thread: Thread = field(factory=_thread)
    indicators: IndicatorSet = field(factory=_indicator_set)
    risk_settings: RiskSettings = field(factory=RiskSettings)
    risks: tuple[Risk, ...] = ()
    risk_reviews: tuple[Review, ...] = ()
    cycle: CycleConfig = field(factory=_empty_cycle)
    branding: Branding = field()
    settings: Mapping[str, Any] = field(factory=dict)
    source: str = ""
    comparators: tuple[ComparatorGroup, ...] = ()
    comparator_names: Mapping[str, str] = field(factory=dict)
    comparisons: tuple[PublishedValue, ...] = ()
    spot_checks: tuple[RecordedCheck, ...] = ()
    returns: tuple[ReturnRecord, ...] = ()
    presentations: tuple[Presentation, ...] = ()
    rag_rules: RagRules = field(factory=default_rules, eq=False, repr=False)
    finance: Finance = field(factory=Finance)
    rollup: RollupSettings = field(factory=RollupSettings)
    parts: frozenset[str] = field(default=frozenset(PARTS), eq=False, repr=False)

    @branding.default
    def _branding_for_organisation(self) -> Branding:
        return default_branding(self.organisation.name)

    @property
    def year_start_month(self) -> int:
        """The month the organisation's financial year starts in."""
        return self.organisation.year_start_month

    def judged_on(self, day: dt.date) -> Framework:
        """The framework as its risk register stood on the judging day ``day``: reviews
        dated after it are left out, and each risk's rating and status are those of its
        latest review on or before ``day`` when a later review changed them (see
        :func:`goldenthread.risk.trends.register_on`).  Every report builder and
        ``open_data`` judge through it, so a register imported with later reviews is
        never judged by reviews that had not happened yet."""
        risks, reviews = register_on(self.risks, self.risk_reviews, day)
        if risks == self.risks and reviews == self.risk_reviews:
            return self
        return evolve(self, risks=risks, risk_reviews=reviews)
