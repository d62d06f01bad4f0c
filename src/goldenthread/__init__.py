"""goldenthread: a local authority's performance management framework as software.

The names here are the stable public contract (see ``docs/``); the capabilities live in
subpackages named after the domain: :mod:`goldenthread.periods`, :mod:`goldenthread.cycles`,
:mod:`goldenthread.thread`, :mod:`goldenthread.indicators`, :mod:`goldenthread.risk`,
:mod:`goldenthread.storage`, :mod:`goldenthread.io` and :mod:`goldenthread.reports`.
"""

from __future__ import annotations

from goldenthread._lazy import TYPE_CHECKING, lazy_exports

if TYPE_CHECKING:
    from goldenthread import cycles, indicators, reports, risk, thread
    from goldenthread.checks import check_framework
    from goldenthread.errors import BundleError, GoldenthreadError, InputError, PeriodError, Problem
    from goldenthread.findings import Finding, Severity
    from goldenthread.framework import Authority, Framework
    from goldenthread.hookspecs import hookimpl
    from goldenthread.io.bundle import load_bundle
    from goldenthread.io.export import export_bundle
    from goldenthread.io.persist import load_framework, save_framework
    from goldenthread.io.source import load_source
    from goldenthread.periods import (
        FinancialYear,
        Frequency,
        HalfYear,
        Month,
        Period,
        Quarter,
        parse_period,
        period_containing,
        periods_between,
    )
    from goldenthread.plugins import get_plugin_manager
    from goldenthread.storage import open_store

__version__ = "0.1.0"

__all__ = [
    "Authority",
    "BundleError",
    "FinancialYear",
    "Finding",
    "Framework",
    "Frequency",
    "GoldenthreadError",
    "HalfYear",
    "InputError",
    "Month",
    "Period",
    "PeriodError",
    "Problem",
    "Quarter",
    "Severity",
    "__version__",
    "check_framework",
    "cycles",
    "export_bundle",
    "get_plugin_manager",
    "hookimpl",
    "indicators",
    "load_bundle",
    "load_framework",
    "load_source",
    "open_store",
    "parse_period",
    "period_containing",
    "periods_between",
    "reports",
    "risk",
    "save_framework",
    "thread",
]

if not TYPE_CHECKING:
    __getattr__, __dir__ = lazy_exports(
        __name__,
        {
            "goldenthread.checks": ("check_framework",),
            "goldenthread.errors": (
                "BundleError",
                "GoldenthreadError",
                "InputError",
                "PeriodError",
                "Problem",
            ),
            "goldenthread.findings": ("Finding", "Severity"),
            "goldenthread.framework": ("Authority", "Framework"),
            "goldenthread.hookspecs": ("hookimpl",),
            "goldenthread.io.bundle": ("load_bundle",),
            "goldenthread.io.export": ("export_bundle",),
            "goldenthread.io.persist": ("load_framework", "save_framework"),
            "goldenthread.io.source": ("load_source",),
            "goldenthread.periods": (
                "FinancialYear",
                "Frequency",
                "HalfYear",
                "Month",
                "Period",
                "Quarter",
                "parse_period",
                "period_containing",
                "periods_between",
            ),
            "goldenthread.plugins": ("get_plugin_manager",),
            "goldenthread.storage": ("open_store",),
        },
        submodules=("cycles", "indicators", "reports", "risk", "thread"),
    )
