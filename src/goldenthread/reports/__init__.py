"""Reports: a render-agnostic model and the renderers that turn it into files.

Report builders (performance, risk, thread, data quality, service plan) assemble a
:class:`Report` of :class:`Section` objects holding blocks (paragraphs, commentary,
tables, findings, charts, heat maps); :func:`render` turns it into HTML, Markdown,
CSV, XLSX or JSON with a council's :class:`~goldenthread.branding.Branding`.
"""

from __future__ import annotations

from goldenthread._lazy import TYPE_CHECKING, lazy_exports

if TYPE_CHECKING:
    from goldenthread.reports.model import (
        CLASSIFICATIONS,
        BarChart,
        Block,
        Cell,
        Column,
        ColumnKind,
        Commentary,
        DataPoint,
        Direction,
        Figure,
        Findings,
        HeatMap,
        KeyValue,
        KeyValues,
        LineChart,
        Paragraph,
        Report,
        Section,
        Series,
        Status,
        Table,
    )
    from goldenthread.reports.render import (
        Renderer,
        UnknownFormatError,
        builtin_formats,
        neutralise_cell,
        render,
        render_tables_csv,
        report_to_dict,
    )

__all__ = [
    "CLASSIFICATIONS",
    "BarChart",
    "Block",
    "Cell",
    "Column",
    "ColumnKind",
    "Commentary",
    "DataPoint",
    "Direction",
    "Figure",
    "Findings",
    "HeatMap",
    "KeyValue",
    "KeyValues",
    "LineChart",
    "Paragraph",
    "Renderer",
    "Report",
    "Section",
    "Series",
    "Status",
    "Table",
    "UnknownFormatError",
    "builtin_formats",
    "neutralise_cell",
    "render",
    "render_tables_csv",
    "report_to_dict",
]

if not TYPE_CHECKING:
    __getattr__, __dir__ = lazy_exports(
        __name__,
        {
            "goldenthread.reports.model": (
                "CLASSIFICATIONS",
                "BarChart",
                "Block",
                "Cell",
                "Column",
                "ColumnKind",
                "Commentary",
                "DataPoint",
                "Direction",
                "Figure",
                "Findings",
                "HeatMap",
                "KeyValue",
                "KeyValues",
                "LineChart",
                "Paragraph",
                "Report",
                "Section",
                "Series",
                "Status",
                "Table",
            ),
            "goldenthread.reports.render": (
                "Renderer",
                "UnknownFormatError",
                "builtin_formats",
                "neutralise_cell",
                "render",
                "render_tables_csv",
                "report_to_dict",
            ),
        },
    )
