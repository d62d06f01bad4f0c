"""Open data (``goldenthread publish SOURCE --period P -o DIR``).

:func:`open_data` gathers what a council may publish for a period, and
:func:`write_open_data` writes it to a folder:

* ``performance.csv``: each public indicator's assessment for the period (value, target,
  RAG status and its reason, short- and long-term direction, data status);
* ``values.csv``: each public indicator's recorded values for the collection periods in
  the period (present values only);
* ``indicators.csv``: the public indicators' definitions;
* ``plan.csv``: the approved public items of the golden thread (plans, objectives and
  actions);
* ``datapackage.json``: a `Frictionless Data Package
  <https://specs.frictionlessdata.io/data-package/>`_ descriptor: each file as a tabular
  data resource with its schema (field names, types and descriptions) and the licence;
* ``index.html``: an accessible page describing the data, with every table, rendered
  with the council's branding.

**What is never published.**  Indicators and items that are not classified public (by
their effective classification: an indicator measuring a personal objective is personal
whatever its own row says, see :func:`~goldenthread.reports.builders.common.protect`);
individual plans and anything personal; draft (unapproved) items; officers' commentary
and who entered a value (free text and names may be personal data).  Values whose data
status is provisional, estimated or qualified are published *labelled*: their ``label``
column says ``provisional`` (or ``estimated``, ``qualified``) and ``verified`` is
``false``; a final or verified value has an empty label and ``verified`` true.

**Finance.**  Unit costs are derived indicators (:mod:`goldenthread.finance.unit_costs`)
and the service activity they divide by is an indicator too, so a public unit cost and
its public activity are published like any other indicator, in the same files.  Budget
lines, budgets, actuals, forecasts and budget holders' commentary are never published:
no file holds them (a unit cost's definition names the lines it divides, and that is
all).

Text cells that a spreadsheet could read as a formula are neutralised
(:func:`~goldenthread.reports.render.neutralise_cell`).  Settings:
``[reports.publish]`` ``licence`` (``OGL-UK-3.0`` by default) and ``licence_title``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from attrs import frozen

from goldenthread.framework import Framework
from goldenthread.indicators.assess import Assessment, assess_all
from goldenthread.indicators.numbers import ValueState
from goldenthread.indicators.polarity import DataStatus
from goldenthread.periods import Period
from goldenthread.reports.builders.common import (
    UNVERIFIED,
    as_at_moment,
    effective_day,
    item_visible,
    protect,
    report_settings,
    rounded,
)
from goldenthread.reports.model import (
    Column,
    ColumnKind,
    KeyValue,
    KeyValues,
    Paragraph,
    Report,
    Section,
    Table,
)
from goldenthread.reports.render import neutralise_cell, render

__all__ = ["OpenData", "Resource", "open_data", "write_open_data"]

CellValue = str | Decimal | int | bool | dt.date | None


@frozen
class Field:
    """A column of a published table: its name, Table Schema type and description."""

    name: str
    type: str
    description: str


@frozen
class Resource:
    """One published table: its name, file name, title, fields and rows."""

    name: str
    path: str
    title: str
    description: str
    fields: tuple[Field, ...]
    rows: tuple[tuple[CellValue, ...], ...]
    primary_key: tuple[str, ...] = ()

    def to_csv(self) -> str:
        """The table as CSV (UTF-8 text, ``\\r\\n`` line ends, a header row)."""
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([f.name for f in self.fields])
        for row in self.rows:
            writer.writerow([_csv_text(v) for v in row])
        return buffer.getvalue()

    def descriptor(self) -> dict[str, Any]:
        """The Data Package resource descriptor of the table."""
        schema: dict[str, Any] = {
            "fields": [
                {"name": f.name, "type": f.type, "description": f.description} for f in self.fields
            ],
            "missingValues": [""],
        }
        if self.primary_key:
            schema["primaryKey"] = list(self.primary_key)
        return {
            "name": self.name,
            "path": self.path,
            "title": self.title,
            "description": self.description,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": schema,
        }


def _csv_text(value: CellValue) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal | int):
        return str(value)
    return neutralise_cell(value)


@frozen
class OpenData:
    """Everything published for one period: the tables, the descriptor and the page."""

    name: str
    title: str
    resources: tuple[Resource, ...]
    licence: str
    licence_title: str
    page: str

    def descriptor(self) -> dict[str, Any]:
        """The ``datapackage.json`` descriptor (Data Package v1)."""
        return {
            "profile": "tabular-data-package",
            "name": self.name,
            "title": self.title,
            "licenses": [{"name": self.licence, "title": self.licence_title}],
            "resources": [r.descriptor() for r in self.resources],
        }

    def files(self) -> dict[str, str]:
        """File name to content: the CSV files, ``datapackage.json`` and ``index.html``."""
        out = {r.path: r.to_csv() for r in self.resources}
        out["datapackage.json"] = json.dumps(self.descriptor(), indent=2) + "\n"
        out["index.html"] = self.page
        return out


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "council"


_DATA_STATUS_FIELDS = (
    Field("data_status", "string", "provisional, estimated, qualified, final or verified."),
    Field("label", "string", "Set when the value is not verified (e.g. provisional)."),
    Field("verified", "boolean", "Whether the value is final or verified."),
)
"""How far a published value can be trusted: the last fields of two tables."""


def _data_status_cells(status: DataStatus | None) -> tuple[str | None, str, bool | None]:
    """The data status, its label (set only when unverified) and whether it is verified;
    ``None``, an empty label and ``None`` when a value has no data status."""
    if status is None:
        return None, "", None
    unverified = status in UNVERIFIED
    return status.value, status.value if unverified else "", not unverified


_PERFORMANCE_FIELDS = (
    Field("indicator", "string", "The indicator's code."),
    Field("title", "string", "What the indicator measures."),
    Field("period", "string", "The period reported."),
    Field("value", "number", "The value for the period, at the indicator's precision."),
    Field("unit", "string", "The unit of the value and target."),
    Field("target", "number", "The target for the period."),
    Field(
        "status",
        "string",
        "RAG status: green, amber, red, no-data, no-target, data-only, not-applicable, "
        "not-yet-due.",
    ),
    Field("status_reason", "string", "Why the indicator has that status, in plain words."),
    Field("direction", "string", "Direction of travel against the previous period."),
    Field("direction_last_year", "string", "Direction against the same period last year."),
    *_DATA_STATUS_FIELDS,
)

_VALUE_FIELDS = (
    Field("indicator", "string", "The indicator's code."),
    Field("period", "string", "The collection period."),
    Field("period_start", "date", "The first day of the collection period."),
    Field("period_end", "date", "The last day of the collection period."),
    Field("value", "number", "The recorded value."),
    Field("numerator", "number", "The numerator, for a ratio."),
    Field("denominator", "number", "The denominator, for a ratio."),
    *_DATA_STATUS_FIELDS,
)

_INDICATOR_FIELDS = (
    Field("indicator", "string", "The indicator's code."),
    Field("title", "string", "What the indicator measures."),
    Field("polarity", "string", "Which way is better: higher, lower, range or none."),
    Field("frequency", "string", "How often it is collected."),
    Field("unit", "string", "The unit of its values."),
    Field("decimals", "integer", "The decimal places it is reported to."),
    Field("service", "string", "The service responsible."),
    Field("statutory", "boolean", "Whether it is a statutory measure."),
    Field("definition", "string", "How it is defined."),
)

_PLAN_FIELDS = (
    Field("id", "string", "The item's reference."),
    Field("kind", "string", "plan, objective or action."),
    Field("title", "string", "The item's title."),
    Field("level", "string", "The level of planning."),
    Field("contributes_to", "string", "The published item it contributes to."),
    Field("status", "string", "The item's status."),
    Field("due", "date", "When it is due."),
    Field("progress", "number", "Percentage complete, for an action."),
)


def _performance_rows(assessments: Sequence[Assessment]) -> tuple[tuple[CellValue, ...], ...]:
    return tuple(
        (
            a.indicator,
            a.title,
            a.period.label,
            rounded(a.value, a.decimals),
            a.unit,
            rounded(a.target.target if a.target else None, a.decimals),
            a.status.value,
            a.status_reason,
            a.direction.value if a.direction else None,
            a.direction_last_year.value if a.direction_last_year else None,
            *_data_status_cells(a.data_status),
        )
        for a in assessments
    )


def open_data(
    framework: Framework,
    period: Period,
    *,
    as_at: dt.datetime | None = None,
    today: dt.date,
) -> OpenData:
    """What may be published for ``period`` (see the module documentation).

    Raises:
        InputError: the period's year start differs from the framework's.
        ValueError: a naive ``as_at``.
    """
    day = effective_day(as_at, today)
    framework = protect(framework.judged_on(day))
    options = report_settings(framework, "publish")
    dataset = framework.indicators
    public = [d for d in dataset.definitions.values() if d.classification.value == "public"]
    codes = {d.code for d in public}
    assessments = [
        a
        for a in assess_all(dataset, period, rules=framework.rag_rules, as_at=day)
        if a.indicator in codes
    ]
    decimals = {d.code: d.decimals for d in public}
    values = []
    # periods are runs of whole months: compared (and ordered) by their months' indices
    first, last = period.start_index, period.end_index
    for definition in public:
        recorded = sorted(
            dataset.recorded.get(definition.code, {}).values(), key=lambda v: v.period.start_index
        )
        for v in recorded:
            inside = v.period.start_index >= first and v.period.end_index <= last
            if not inside or v.state is not ValueState.PRESENT or v.period.end >= day:
                continue
            figure = v.value
            if figure is None:
                leaves = dataset.values.get(v.indicator)
                key = (v.period.months, v.period.start_index)
                leaf = None if leaves is None else leaves.get(key)
                figure = None if leaf is None else leaf.value
            values.append(
                (
                    v.indicator,
                    v.period.label,
                    v.period.start,
                    v.period.end,
                    rounded(figure, decimals[v.indicator]),
                    v.numerator,
                    v.denominator,
                    *_data_status_cells(v.status),
                )
            )
    indicators = tuple(
        (
            d.code,
            d.title,
            d.polarity.value,
            d.frequency.name.lower().replace("_", "-"),
            d.unit,
            d.decimals,
            d.service,
            d.statutory,
            d.definition,
        )
        for d in public
    )
    thread = framework.thread
    published = [
        i
        for i in thread.items
        if item_visible(thread, i, "public")
        and i.classification.value == "public"
        and i.status is not None
        and i.status.value != "draft"
    ]
    ids = {i.id for i in published}
    items = tuple(
        (
            i.id,
            i.kind.value,
            i.title,
            i.level,
            i.parent if i.parent in ids else None,
            i.status.value if i.status else None,
            i.due,
            i.progress,
        )
        for i in published
    )
    organisation = framework.organisation
    where = f"{organisation.display_name}, {period.label}"
    resources = (
        Resource(
            "performance",
            "performance.csv",
            f"Indicator performance, {where}",
            "Each public indicator's value, target, status and direction for the period.",
            _PERFORMANCE_FIELDS,
            _performance_rows(assessments),
            ("indicator",),
        ),
        Resource(
            "values",
            "values.csv",
            f"Recorded values, {where}",
            "Each public indicator's recorded values for the collection periods.",
            _VALUE_FIELDS,
            tuple(values),
            ("indicator", "period"),
        ),
        Resource(
            "indicators",
            "indicators.csv",
            f"Indicator definitions, {organisation.display_name}",
            "The public indicators and how they are defined.",
            _INDICATOR_FIELDS,
            indicators,
            ("indicator",),
        ),
        Resource(
            "plan",
            "plan.csv",
            f"Plans, objectives and actions, {organisation.display_name}",
            "The approved public items of the golden thread.",
            _PLAN_FIELDS,
            items,
            ("id",),
        ),
    )
    name = _slug(f"{organisation.code or organisation.name} performance {period.label}")
    title = f"Performance open data, {where}"
    licence = str(options.get("licence", "OGL-UK-3.0"))
    licence_title = str(options.get("licence_title", "Open Government Licence v3.0"))
    page = _page(framework, period, day, as_at, title, resources, licence_title)
    return OpenData(name, title, resources, licence, licence_title, page)


_KINDS = {
    "number": ColumnKind.NUMBER,
    "integer": ColumnKind.NUMBER,
    "date": ColumnKind.DATE,
}


def _page(
    framework: Framework,
    period: Period,
    day: dt.date,
    as_at: dt.datetime | None,
    title: str,
    resources: Sequence[Resource],
    licence_title: str,
) -> str:
    about = Section(
        "About this data",
        [
            Paragraph(
                "Only public indicators and approved public plans are published; individual "
                "plans, personal data and officers' commentary are not.  Values that are not "
                "yet verified are labelled (for example provisional) in the label column."
            ),
            KeyValues(
                [
                    KeyValue("Period", period.label),
                    KeyValue("Data as at", day, ColumnKind.DATE),
                    KeyValue("Licence", licence_title),
                    *(KeyValue(r.title, r.path) for r in resources),
                    KeyValue("Data package", "datapackage.json"),
                ]
            ),
        ],
        id="about",
    )
    sections = [about]
    for resource in resources:
        columns = [
            Column(f.name, f.name, _KINDS.get(f.type, ColumnKind.TEXT)) for f in resource.fields
        ]
        rows = [
            tuple(("yes" if v else "no") if isinstance(v, bool) else v for v in row)
            for row in resource.rows
        ]
        sections.append(
            Section(
                resource.title,
                [Paragraph(resource.description), Table(resource.title, columns, rows)],
                id=resource.name,
            )
        )
    report = Report(
        kind="open-data",
        title=title,
        organisation=framework.organisation.name,
        sections=sections,
        period_label=period.label,
        as_at=as_at_moment(as_at),
        generated_for="public",
        classification="public",
    )
    page = render(report, "html", framework.branding)
    return page if isinstance(page, str) else page.decode("utf-8")


def write_open_data(data: OpenData, directory: str | Path) -> list[Path]:
    """Write every file of ``data`` into ``directory`` (created if need be); the paths.

    Raises:
        OSError: the folder cannot be created or written.
    """
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in data.files().items():
        path = folder / name
        path.write_text(content, encoding="utf-8", newline="")
        written.append(path)
    return written
