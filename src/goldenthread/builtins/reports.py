"""Built-in report formats: ``html``, ``markdown``, ``csv``, ``xlsx`` and ``json``, from
:func:`goldenthread.reports.render.builtin_formats`."""

from __future__ import annotations

from goldenthread.hookspecs import hookimpl
from goldenthread.reports.render import Renderer, builtin_formats

__all__ = ["goldenthread_report_formats"]


@hookimpl
def goldenthread_report_formats() -> list[Renderer]:
    """The renderers goldenthread ships."""
    return list(builtin_formats().values())
