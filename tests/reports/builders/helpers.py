"""Reading built reports back in tests."""

from __future__ import annotations

from collections.abc import Iterator

from goldenthread.framework import Framework
from goldenthread.reports.model import Cell, Report, Section, Table


def personal_markers(framework: Framework) -> set[str]:
    """Ids, titles and owners of a framework's personal items (individual plans and their
    objectives): none of them may appear in a public output."""
    thread = framework.thread
    personal = [
        i
        for i in thread.items
        if i.classification.value == "personal" or thread.levels.get(i.level).individual
    ]
    others = {i.owner for i in thread.items if i not in personal}
    markers = {i.id for i in personal} | {i.title for i in personal}
    markers |= {i.owner for i in personal if i.owner and i.owner not in others}
    assert markers, "the example has individual plans to leave out"
    return markers


def section(report: Report, section_id: str) -> Section:
    for candidate, anchor in zip(report.sections, report.section_ids(), strict=True):
        if anchor == section_id:
            return candidate
    raise AssertionError(f"no section {section_id!r} in {report.section_ids()}")


def tables(report: Report) -> Iterator[Table]:
    for part in report.sections:
        for block in part.blocks:
            if isinstance(block, Table):
                yield block


def column(table: Table, key: str) -> list[Cell]:
    index = [c.key for c in table.columns].index(key)
    return [row[index] for row in table.rows]


def rows_by(table: Table, key: str) -> dict[object, dict[str, Cell]]:
    keys = [c.key for c in table.columns]
    index = keys.index(key)
    return {row[index].value: dict(zip(keys, row, strict=True)) for row in table.rows}
