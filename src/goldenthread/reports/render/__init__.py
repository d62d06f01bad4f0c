"""Renderers: turn a :class:`~goldenthread.reports.model.Report` into a file format.

A renderer is any object with a ``name``, a ``media_type``, a file ``extension`` and
``render(report, branding)`` returning text or bytes (:class:`Renderer`).  The built-in
formats are ``html``, ``markdown``, ``csv``, ``csv-zip``, ``xlsx`` and ``json``
(:func:`builtin_formats`); the plugin hook adds a council's own to the same mapping.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol, runtime_checkable

from goldenthread.branding import Branding, default_branding
from goldenthread.reports.model import Report
from goldenthread.reports.render.csvfmt import (
    CsvRenderer,
    CsvZipRenderer,
    render_csv,
    render_csv_zip,
    render_tables_csv,
)
from goldenthread.reports.render.html import HtmlRenderer, render_html
from goldenthread.reports.render.jsonfmt import JsonRenderer, render_json, report_to_dict
from goldenthread.reports.render.markdown import MarkdownRenderer, render_markdown
from goldenthread.reports.render.safety import neutralise_cell
from goldenthread.reports.render.xlsx import XlsxRenderer, render_xlsx

__all__ = [
    "CsvRenderer",
    "CsvZipRenderer",
    "HtmlRenderer",
    "JsonRenderer",
    "MarkdownRenderer",
    "Renderer",
    "UnknownFormatError",
    "XlsxRenderer",
    "builtin_formats",
    "neutralise_cell",
    "render",
    "render_csv",
    "render_csv_zip",
    "render_html",
    "render_json",
    "render_markdown",
    "render_tables_csv",
    "render_xlsx",
    "report_to_dict",
]


@runtime_checkable
class Renderer(Protocol):
    """What a report format provides."""

    @property
    def name(self) -> str:
        """The format's name, as used on the command line (``html``)."""

    @property
    def media_type(self) -> str:
        """The MIME type of the output (``text/html; charset=utf-8``)."""

    @property
    def extension(self) -> str:
        """The file extension, with its dot (``.html``)."""

    def render(self, report: Report, branding: Branding) -> bytes | str:
        """The rendered report: text for text formats, bytes for binary ones."""


class UnknownFormatError(LookupError):
    """A report format name that no renderer provides."""


def builtin_formats() -> dict[str, Renderer]:
    """A new mapping of the built-in formats' names to their renderers."""
    renderers: list[Renderer] = [
        HtmlRenderer(),
        MarkdownRenderer(),
        CsvRenderer(),
        CsvZipRenderer(),
        XlsxRenderer(),
        JsonRenderer(),
    ]
    return {r.name: r for r in renderers}


def render(
    report: Report,
    format: str = "html",
    branding: Branding | None = None,
    formats: Mapping[str, Renderer] | None = None,
) -> bytes | str:
    """Render ``report`` in the named format.

    ``branding`` defaults to :func:`~goldenthread.branding.default_branding` for the
    report's organisation; ``formats`` defaults to :func:`builtin_formats` (pass the
    plugin-extended mapping to reach a council's own formats).

    Raises:
        UnknownFormatError: no renderer has that name; the message lists those there are.
    """
    available = builtin_formats() if formats is None else formats
    try:
        renderer = available[format]
    except KeyError:
        raise UnknownFormatError(
            f"unknown report format {format!r}; available: {', '.join(sorted(available))}"
        ) from None
    return renderer.render(report, branding or default_branding(report.organisation))
