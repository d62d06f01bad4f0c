"""Report builders: the built-in report kinds of ``goldenthread report KIND``.

A report kind is any object with a ``name`` (the ``KIND``), a ``title`` and
``build(framework, period, *, as_at=None, today) -> Report`` (:class:`ReportKind`).
Builders read no clock: ``today`` is passed in, and ``as_at`` (timezone-aware) when given
fixes the day the data is judged on.  The built-in kinds (:func:`builtin_report_kinds`):

* ``performance``: the corporate performance report (public, for Cabinet);
* ``risk``: the corporate risk register report;
* ``thread``: the golden thread map, coverage and integrity findings;
* ``data-quality``: validation failures, late and missing returns, the audit spot-check;
* ``service-plan``: a service business plan with its quarterly monitoring;
* ``budget``: the monthly budget monitoring report (the period must be a month).

Each built-in builder also accepts ``classification=`` to override its default
classification (``service-plan`` also needs ``service=``); individual plans never
appear in any of them.  The plugin hook ``goldenthread_report_kinds`` adds a council's
own kinds to the same mapping.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol, runtime_checkable

from goldenthread.framework import Framework
from goldenthread.periods import Period
from goldenthread.reports.builders.budget import BudgetReport
from goldenthread.reports.builders.data_quality import DataQualityReport
from goldenthread.reports.builders.performance import PerformanceReport
from goldenthread.reports.builders.risk import RiskReport
from goldenthread.reports.builders.service_plan import ServicePlanReport
from goldenthread.reports.builders.thread import ThreadReport
from goldenthread.reports.model import Report

__all__ = [
    "BudgetReport",
    "DataQualityReport",
    "PerformanceReport",
    "ReportKind",
    "RiskReport",
    "ServicePlanReport",
    "ThreadReport",
    "UnknownReportKindError",
    "builtin_report_kinds",
    "report_kind",
]


@runtime_checkable
class ReportKind(Protocol):
    """What a report kind provides."""

    @property
    def name(self) -> str:
        """The kind's name, as used on the command line (``performance``)."""

    @property
    def title(self) -> str:
        """What the report is called."""

    def build(
        self,
        framework: Framework,
        period: Period,
        *,
        as_at: dt.datetime | None = None,
        today: dt.date,
    ) -> Report:
        """The report for ``period``, with data as at ``as_at`` (else ``today``)."""


class UnknownReportKindError(LookupError):
    """A report kind name that no builder provides."""


def builtin_report_kinds() -> dict[str, ReportKind]:
    """A new mapping of the built-in report kinds' names to their builders."""
    kinds: list[ReportKind] = [
        PerformanceReport(),
        RiskReport(),
        ThreadReport(),
        DataQualityReport(),
        ServicePlanReport(),
        BudgetReport(),
    ]
    return {k.name: k for k in kinds}


def report_kind(name: str, kinds: dict[str, ReportKind] | None = None) -> ReportKind:
    """The report kind called ``name`` (from ``kinds``, default the built-in ones).

    Raises:
        UnknownReportKindError: no kind has that name; the message lists those there are.
    """
    available = builtin_report_kinds() if kinds is None else kinds
    try:
        return available[name]
    except KeyError:
        raise UnknownReportKindError(
            f"unknown report kind {name!r}; available: {', '.join(sorted(available))}"
        ) from None
