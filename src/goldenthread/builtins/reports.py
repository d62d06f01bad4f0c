"""Built-in report formats (``html``, ``markdown``, ``csv``, ``xlsx``, ``json``, from
:func:`goldenthread.reports.render.builtin_formats`, and ``pdf``, which prints the HTML
with headless Chromium: :mod:`goldenthread.reports.render.pdf`) and report kinds (``performance``,
``risk``, ``thread``, ``data-quality``, ``service-plan``, ``budget``, from
:func:`goldenthread.reports.builders.builtin_report_kinds`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from goldenthread.hookspecs import hookimpl

if TYPE_CHECKING:
    from goldenthread.reports.builders import ReportKind
    from goldenthread.reports.render import Renderer

__all__ = ["goldenthread_report_formats", "goldenthread_report_kinds"]


@hookimpl
def goldenthread_report_formats() -> list[Renderer]:
    """The renderers goldenthread ships, and ``pdf`` (which needs headless Chromium)."""
    # Imported here, not at the top: every plugin manager registers this module, and the
    # renderers (Jinja2, the builders) are only wanted by a command that makes a report.
    from goldenthread.reports.render import builtin_formats
    from goldenthread.reports.render.pdf import PdfRenderer

    return [*builtin_formats().values(), PdfRenderer()]


@hookimpl
def goldenthread_report_kinds() -> list[ReportKind]:
    """The report builders goldenthread ships."""
    from goldenthread.reports.builders import builtin_report_kinds

    return list(builtin_report_kinds().values())
