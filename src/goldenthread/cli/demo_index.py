"""The ``index.html`` ``goldenthread demo`` writes: every output, linked, with a line on
what each is for, grouped by council and by what it is (reports, open data, the
reporting calendar, machine-readable data, diagrams, the store).

:func:`describe` says what one output is from its file name (the names ``demo`` gives
its outputs), so an output added to the demo later is listed too, under "Other files"
when its name is new.  :func:`index_page` builds the accessible page: a language, a
title, one ``h1``, a heading per council and per group, and links relative to the page.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from pathlib import Path

__all__ = ["GROUPS", "INDEX_FILE", "describe", "index_page"]

INDEX_FILE = "index.html"
"""The name of the page in the demo's output folder."""

GROUPS = (
    "Reports",
    "Public open data",
    "Reporting calendar",
    "Data for other systems",
    "Golden thread diagrams",
    "The store",
    "Other files",
)
"""The groups of the page, in order."""

_FORMATS = {
    ".html": "web page: accessible, prints well; open it in a browser",
    ".md": "Markdown: paste it into a wiki or an email",
    ".xlsx": "Excel workbook: one sheet per table, for analysts",
    ".pdf": "PDF for committee agendas, with page numbers",
}


def _report(stem: str, suffix: str, titles: Mapping[str, str]) -> str:
    name = stem.removeprefix("report-")
    for kind in sorted(titles, key=len, reverse=True):
        if name.startswith(f"{kind}-"):
            rest = name.removeprefix(f"{kind}-")
            what = titles[kind]
            if kind == "service-plan":
                plan, _, _ = rest.partition("-20")
                what = f"{what} for the service plan {plan}"
            break
    else:
        what = f"the {name} report"
    return f"{what} ({_FORMATS.get(suffix, suffix.lstrip('.'))})"


def describe(relative: Path, titles: Mapping[str, str]) -> tuple[str, str]:
    """The group and a line on what the output at ``relative`` (its path inside a
    council's folder) is for.  ``titles`` are the report kinds' titles by name."""
    name, suffix, stem = relative.name, relative.suffix, relative.stem
    if relative.parts[0] == "open-data":
        if name == INDEX_FILE:
            return "Public open data", "the open data's own page: what each table holds"
        if name == "datapackage.json":
            return "Public open data", "Frictionless Data package: the tables' schemas"
        return "Public open data", f"open data table {stem.replace('-', ' ')} (CSV)"
    if name.startswith("report-"):
        return "Reports", _report(stem, suffix, titles)
    if name.startswith("calendar-"):
        year = stem.removeprefix("calendar-").replace("-", "/")
        what = {
            ".txt": "as text: every deadline and whether it is done, late or due",
            ".json": "as JSON, one record per deadline",
            ".ics": "as iCalendar: import it into Outlook or another calendar",
        }.get(suffix, suffix)
        return "Reporting calendar", f"the planning and review cycle for {year} {what}"
    if name == "check.json":
        return "Data for other systems", "integrity and consistency findings (JSON)"
    if name.startswith("assessments-"):
        return "Data for other systems", "every indicator's RAG status and trend (JSON)"
    if name == "risks.json":
        return "Data for other systems", "the scored risk register (JSON)"
    if stem == "thread":
        what = {
            ".txt": "as an indented text tree",
            ".dot": "as a Graphviz diagram",
            ".mmd": "as a Mermaid diagram (GitHub and many wikis draw it)",
        }.get(suffix, suffix)
        return "Golden thread diagrams", f"the golden thread {what}"
    if suffix == ".db":
        return (
            "The store",
            "the embedded SQLite store with the framework's full history; give "
            f"sqlite:///{name} as SOURCE to any goldenthread command",
        )
    return "Other files", name


_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
       color: #0b0c0c; background: #ffffff; max-width: 60rem; margin: 0 auto;
       padding: 1rem; line-height: 1.5; }
a { color: #1d4f91; }
a:focus { outline: 3px solid #ffdd00; }
li { margin-bottom: 0.25rem; }
.what { color: #505a5f; }
"""


def index_page(
    output: Path,
    councils: Mapping[str, Sequence[Path]],
    titles: Mapping[str, str],
    notes: Mapping[str, str] | None = None,
) -> str:
    """The page linking every output.

    Args:
        output: the folder the page is written into (links are relative to it).
        councils: each council's name and the paths of its outputs (inside ``output``).
        titles: the report kinds' titles by name.
        notes: a sentence per council shown under its heading (e.g. the plugin
            branding it).
    """
    lines = [
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>goldenthread demo: what was written</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
        "<h1>goldenthread demo: what was written</h1>",
        "<p>Each example council's framework was loaded from its bundle, saved into its "
        "own store, read back, and turned into the files below. Start with a council's "
        "performance report.</p>",
    ]
    for council, paths in councils.items():
        lines.append(f"<h2>{html.escape(council.title())}</h2>")
        if notes and council in notes:
            lines.append(f"<p>{html.escape(notes[council])}</p>")
        grouped: dict[str, list[str]] = {group: [] for group in GROUPS}
        folder = output / council
        for path in paths:
            try:
                inside = path.relative_to(folder)
            except ValueError:
                continue
            group, what = describe(inside, titles)
            href = html.escape(path.relative_to(output).as_posix(), quote=True)
            grouped[group].append(
                f'<li><a href="{href}">{html.escape(inside.as_posix())}</a> '
                f'<span class="what">— {html.escape(what)}</span></li>'
            )
        for group, items in grouped.items():
            if items:
                lines.append(f"<h3>{html.escape(group)}</h3>")
                lines.append("<ul>")
                lines.extend(items)
                lines.append("</ul>")
    lines.extend(["</main>", "</body>", "</html>", ""])
    return "\n".join(lines)
