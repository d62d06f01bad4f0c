"""The golden thread report (``goldenthread report thread``): map, coverage, integrity.

The report has:

* **Summary**: how many items of each kind and at each level, links, and findings by
  severity;
* **Coverage**: for each priority (the open objectives at the highest level that has
  them), how many items at each level contribute to it and whether it reaches the front
  line (a team- or person-owned level);
* **Map**: the thread as a tree, top down, each item with its level, kind, owner, lead
  organisation and contributing partners (a shared objective's ``lead`` and ``partners``,
  by the names ``[[organisations]]`` gives them) and status (an item reached by a second
  route is marked ``also above``);
* **Integrity**: the findings of :func:`~goldenthread.thread.checks.check_thread`.

Levels are named as the council names them (the branding's ``terminology.levels``, else
the level scheme's names; see :func:`~goldenthread.reports.builders.common.level_name`).
A section with nothing in it says so in one sentence, or is left out when ``framework.toml``
says ``[reports] empty_sections = "omit"``.  It is ``internal`` by default.  Individual
plans never appear: the map and coverage are drawn from the items the report may show,
and findings about items it may not show are counted but not listed.  The checks run on
the whole thread as at the report's day, with the items the report may not show withheld
(:func:`~goldenthread.thread.confidentiality.withhold`), so a listed finding never names
one of them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from attrs import frozen

from goldenthread.checks import objective_links
from goldenthread.findings import Severity
from goldenthread.framework import Framework
from goldenthread.periods import Period
from goldenthread.reports.builders.common import (
    assemble_report,
    effective_day,
    empty_sections_choice,
    level_name,
    organisation_names,
    protect,
    shown_section,
    visible_thread,
)
from goldenthread.reports.model import (
    Block,
    Cell,
    Column,
    ColumnKind,
    Findings,
    KeyValue,
    KeyValues,
    Paragraph,
    Report,
    Section,
    Table,
)
from goldenthread.thread.checks import check_thread
from goldenthread.thread.confidentiality import withhold
from goldenthread.thread.coverage import coverage
from goldenthread.thread.tree import walk

__all__ = ["ThreadReport"]

_MAP_COLUMNS = (
    Column("item", "Item"),
    Column("id", "Reference"),
    Column("depth", "Depth", ColumnKind.NUMBER),
    Column("level", "Level"),
    Column("kind", "Kind"),
    Column("owner", "Owner"),
    Column("lead", "Lead organisation"),
    Column("partners", "Contributors"),
    Column("status", "Status"),
)


@frozen
class ThreadReport:
    """The ``thread`` report kind (see the module documentation)."""

    name: str = "thread"
    title: str = "Golden thread map and coverage"
    classification: str = "internal"
    audience: str = "Management Team"

    def build(
        self,
        framework: Framework,
        period: Period,
        *,
        as_at: dt.datetime | None = None,
        today: dt.date,
        classification: str | None = None,
    ) -> Report:
        """Build the report (the period labels it; the thread is taken as it stands).

        Raises:
            ValueError: a naive ``as_at`` or an unknown classification.
        """
        shown = classification or self.classification
        day = effective_day(as_at, today)
        framework = framework.judged_on(day)
        full = framework.thread
        framework = protect(framework)
        thread = visible_thread(framework, shown)
        levels = thread.levels
        names = {lv.key: level_name(framework, lv.key) for lv in levels}
        all_findings = check_thread(
            withhold(full, thread.by_id), day, attached=objective_links(framework)
        )
        listed = [f for f in all_findings if f.item is None or f.item in thread]
        hidden = len(all_findings) - len(listed)
        severities = Counter(f.severity for f in all_findings)
        kinds = Counter(i.kind.value for i in thread.items)
        by_level = Counter(i.level for i in thread.items)
        summary: list[KeyValue] = [
            KeyValue("Items shown", len(thread), ColumnKind.NUMBER),
            *(
                KeyValue(f"{k.capitalize()}s", n, ColumnKind.NUMBER)
                for k, n in sorted(kinds.items())
            ),
            *(
                KeyValue(names.get(lv.key, lv.key), by_level[lv.key], ColumnKind.NUMBER)
                for lv in levels
                if by_level[lv.key]
            ),
            *(KeyValue(f"Findings: {s.value}", severities[s], ColumnKind.NUMBER) for s in Severity),
        ]
        cover = coverage(thread)
        keys = [lv.key for lv in levels if not lv.personal or shown == "personal"]
        level_columns = [
            Column(f"level-{n}", names[key], ColumnKind.NUMBER) for n, key in enumerate(keys)
        ]
        cover_rows = [
            (
                Cell(thread[p.priority].title),
                *(Cell(p.counts[key]) for key in keys),
                Cell(p.total),
                Cell("yes" if p.front_line else "no"),
            )
            for p in cover.priorities
        ]
        cover_table = Table(
            "Items contributing to each priority, by level",
            [
                Column("priority", "Priority"),
                *level_columns,
                Column("total", "Total", ColumnKind.NUMBER),
                Column("front_line", "Reaches the front line"),
            ],
            cover_rows,
        )
        gaps = [thread[g].title for g in cover.gaps]
        cover_blocks: list[Block] = [cover_table]
        cover_blocks.append(
            Paragraph(
                "Priorities that reach no team or individual: " + "; ".join(gaps) + "."
                if gaps
                else "Every priority reaches the front line."
            )
        )
        map_rows = []
        for depth, iid, repeated in walk(thread):
            item = thread[iid]
            map_rows.append(
                (
                    Cell(("also above: " if repeated else "") + item.title),
                    Cell(item.id),
                    Cell(depth),
                    Cell(names.get(item.level, item.level)),
                    Cell(item.kind.value),
                    Cell(item.owner or ""),
                    Cell(
                        "; ".join(organisation_names(framework, [item.lead] if item.lead else []))
                    ),
                    Cell("; ".join(organisation_names(framework, item.partners))),
                    Cell(item.status.value if item.status else ""),
                )
            )
        integrity: list[Block] = [Findings(listed, "Integrity findings")]
        if hidden:
            integrity.insert(
                0,
                Paragraph(
                    f"{hidden} further findings concern items this report does not show "
                    "(such as individual plans) and are not listed."
                ),
            )
        choice = empty_sections_choice(framework)
        unlisted = (
            f"; {hidden} further findings concern items it does not show (such as individual plans)"
            if hidden
            else ""
        )
        sections = [
            Section("Summary", [KeyValues(summary)], id="summary"),
            *shown_section(
                "Coverage",
                cover_blocks,
                id="coverage",
                empty="The golden thread has no priorities this report may show.",
                choice=choice,
            ),
            *shown_section(
                "Map",
                [Table("The golden thread", _MAP_COLUMNS, map_rows)],
                id="map",
                empty="The golden thread holds no items this report may show.",
                choice=choice,
            ),
            *shown_section(
                "Integrity",
                integrity,
                id="integrity",
                empty=(
                    "The checks found nothing to question among the items this report "
                    f"shows{unlisted}."
                ),
                choice=choice,
            ),
        ]
        return assemble_report(self, framework, period, sections, as_at=as_at, classification=shown)
