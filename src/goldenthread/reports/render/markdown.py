"""The Markdown renderer: GitHub-flavoured Markdown for wikis, pull requests and email.

Text from the model is escaped, so it shows as written: Markdown punctuation is
backslash-escaped and ``<``, ``>`` and ``&`` become entities (GitHub-flavoured Markdown
would otherwise pass raw HTML such as ``<script>`` through).  Tables are pipe tables
with pipes in cells escaped; figures are given as their title, text alternative and
data table; RAG statuses and directions as symbol and words.
"""

from __future__ import annotations

import re

from attrs import frozen

from goldenthread.branding import Branding
from goldenthread.reports.formatting import cell_text, format_value
from goldenthread.reports.model import (
    BarChart,
    Block,
    Commentary,
    HeatMap,
    KeyValues,
    LineChart,
    Paragraph,
    Report,
    Table,
)
from goldenthread.reports.render.tabular import block_table

__all__ = ["MarkdownRenderer", "escape_markdown", "render_markdown"]

_SPECIAL = re.compile(r"([\\`*_\[\]!|~])")
_LINE_START = re.compile(r"^(\s*)([-+=#]|\d+(?=[.)](?:\s|$)))", re.MULTILINE)


def escape_markdown(text: str) -> str:
    """Text escaped so Markdown shows it literally (no emphasis, links, lists or HTML)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(_escape_line_start, text)


def _escape_line_start(match: re.Match[str]) -> str:
    indent, start = match.group(1), match.group(2)
    if start.isdigit():
        return f"{indent}{start}\\"
    return f"{indent}\\{start}"


def _cell(text: str) -> str:
    return " ".join(escape_markdown(text).split()) or " "


def _table(table: Table, branding: Branding) -> list[str]:
    lines = [f"**{escape_markdown(table.caption)}**", ""]
    lines.append("| " + " | ".join(_cell(c.label) for c in table.columns) + " |")
    lines.append(
        "| " + " | ".join("---:" if c.align == "right" else ":---" for c in table.columns) + " |"
    )
    for row in table.rows:
        texts = [
            _cell(cell_text(cell, column, branding.terminology))
            for cell, column in zip(row, table.columns, strict=True)
        ]
        lines.append("| " + " | ".join(texts) + " |")
    return [*lines, ""]


def _block(block: Block, branding: Branding) -> list[str]:
    if isinstance(block, Paragraph):
        return [escape_markdown(block.text), ""]
    if isinstance(block, Commentary):
        lines = [f"> {line}" if line else ">" for line in escape_markdown(block.text).split("\n")]
        signed = ", ".join(
            part
            for part in (
                escape_markdown(block.author) if block.author else "",
                format_value(block.date) if block.date else "",
            )
            if part
        )
        if signed:
            lines.extend([">", f"> — {signed}"])
        return [*lines, ""]
    if isinstance(block, KeyValues):
        lines = [f"**{escape_markdown(block.title)}**", ""] if block.title else []
        lines.extend(
            f"- **{escape_markdown(item.label)}:** "
            + escape_markdown(format_value(item.value, item.kind, item.decimals, item.unit))
            for item in block.items
        )
        return [*lines, ""]
    table = block_table(block)
    assert table is not None
    if isinstance(block, BarChart | LineChart | HeatMap):
        return [
            f"*Figure: {escape_markdown(block.title)}.* {escape_markdown(block.alt)}",
            "",
            *_table(table, branding),
        ]
    return _table(table, branding)


def render_markdown(report: Report, branding: Branding) -> str:
    """The report as GitHub-flavoured Markdown text."""
    lines = [f"# {escape_markdown(report.title)}", ""]
    meta = [
        ("Organisation", report.organisation),
        ("Period", report.period_label),
        ("As at", format_value(report.as_at) if report.as_at else None),
        ("Prepared for", report.generated_for),
        ("Produced", format_value(report.generated_at) if report.generated_at else None),
        ("Classification", report.classification.capitalize()),
    ]
    lines.extend(
        f"- **{label}:** {escape_markdown(value)}" for label, value in meta if value is not None
    )
    lines.append("")
    for section in report.sections:
        lines.extend([f"## {escape_markdown(section.title)}", ""])
        for block in section.blocks:
            lines.extend(_block(block, branding))
    return "\n".join(lines).rstrip("\n") + "\n"


@frozen
class MarkdownRenderer:
    """Renders a report as GitHub-flavoured Markdown (UTF-8 text)."""

    name: str = "markdown"
    media_type: str = "text/markdown; charset=utf-8"
    extension: str = ".md"

    def render(self, report: Report, branding: Branding) -> str:
        """The report as Markdown; see :func:`render_markdown`."""
        return render_markdown(report, branding)
