"""Rich display in Jupyter notebooks: HTML fragments for assessments, risks and heat maps.

Jupyter shows any object with a ``_repr_html_`` method as HTML.  goldenthread's own
objects (:class:`~goldenthread.indicators.assess.Assessment`,
:class:`~goldenthread.risk.assessment.ScoredRisk`,
:class:`~goldenthread.risk.heatmap.HeatMap` and :class:`~goldenthread.thread.graph.Thread`)
have one that calls the builders here.  :func:`~goldenthread.indicators.assess.assess_all`
and :func:`~goldenthread.risk.assessment.assess_register` return plain sequences, so wrap
them in :class:`Assessments` or :class:`Register` to see a whole table::

    from goldenthread.notebook import Assessments, Register

    Assessments(assess_all(framework.indicators, Quarter(2025, 2)))
    Register(assess_register(framework.risks, framework.risk_settings))

Every builder returns a self-contained HTML fragment (no scripts, no external styles):

* every piece of text from the data is escaped with :func:`html.escape`, so a title such
  as ``<script>`` shows as text and cannot inject markup;
* tables have a ``<caption>`` and their headings are ``<th>`` with ``scope``;
* a RAG status is shown as a symbol and words (``▲ Amber``), a direction of travel as an
  arrow and words (``↗ Improving``): nothing depends on colour alone.  Status cells also
  carry a pale background tint and a ``gt-status-<status>`` class for styling;
* figures are rounded half-up to the indicator's declared precision and formatted as the
  reports format them (:mod:`goldenthread.reports.formatting`).

Labels for statuses and directions come from a
:class:`~goldenthread.branding.Terminology` (the generic defaults when none is given).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, overload

from attrs import field, frozen

from goldenthread.branding import Terminology
from goldenthread.indicators.assess import Assessment
from goldenthread.indicators.direction import Direction
from goldenthread.indicators.numbers import is_money_unit, is_percent_unit
from goldenthread.indicators.rag import RagStatus
from goldenthread.reports import formatting
from goldenthread.reports.model import ColumnKind
from goldenthread.reports.model import Direction as ReportDirection
from goldenthread.reports.model import Status as ReportStatus
from goldenthread.risk.assessment import ScoredRisk
from goldenthread.risk.heatmap import HeatMap
from goldenthread.risk.matrix import Rating

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "STATUS_TINTS",
    "Assessments",
    "Register",
    "assessment_html",
    "assessments_table",
    "direction_text",
    "figure_text",
    "heat_map_html",
    "rating_text",
    "risks_table",
    "scored_risk_html",
    "status_text",
]

STATUS_TINTS: dict[RagStatus, str] = {
    RagStatus.GREEN: "#cce2d8",
    RagStatus.AMBER: "#fff7bf",
    RagStatus.RED: "#f6d7d2",
    RagStatus.NO_DATA: "#f3f2f1",
    RagStatus.NO_TARGET: "#f3f2f1",
    RagStatus.DATA_ONLY: "#f3f2f1",
    RagStatus.NOT_APPLICABLE: "#f3f2f1",
    RagStatus.NOT_YET_DUE: "#f3f2f1",
}
"""Pale background tints behind status text (black text on each passes WCAG AA)."""

_NONE = "—"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _terms(terminology: Terminology | None) -> Terminology:
    return Terminology() if terminology is None else terminology


def status_text(status: RagStatus, terminology: Terminology | None = None) -> str:
    """A RAG status as symbol and words (``▲ Amber``), unescaped."""
    return formatting.status_text(ReportStatus(status.value), _terms(terminology))


def direction_text(direction: Direction | None, terminology: Terminology | None = None) -> str:
    """A direction of travel as arrow and words (``↗ Improving``); ``—`` for none."""
    if direction is None:
        return _NONE
    return formatting.direction_text(ReportDirection(direction.value), _terms(terminology))


def figure_text(figure: Decimal | None, decimals: int, unit: str = "") -> str:
    """A figure as reports show it: rounded half-up, grouped, with its unit; ``—`` for none.

    Percentages take ``%``, money ``£``; any other unit follows the number after a space.
    """
    if figure is None:
        return _NONE
    if is_percent_unit(unit):
        return formatting.format_value(figure, ColumnKind.PERCENT, decimals)
    if is_money_unit(unit):
        return formatting.format_value(figure, ColumnKind.MONEY, decimals)
    return formatting.format_value(figure, ColumnKind.NUMBER, decimals, unit.strip())


def rating_text(rating: Rating | None) -> str:
    """A rating as ``"Score 12 (Medium): likelihood 3, impact 4"``; ``—`` when not rated."""
    if rating is None:
        return _NONE
    return (
        f"Score {rating.score} ({rating.level}): "
        f"likelihood {rating.likelihood}, impact {rating.impact}"
    )


def _status_cell(status: RagStatus, terminology: Terminology | None, tag: str = "td") -> str:
    return (
        f'<{tag} class="gt-status gt-status-{_e(status.value)}" '
        f'style="background-color:{STATUS_TINTS[status]};color:#0b0c0c">'
        f"{_e(status_text(status, terminology))}</{tag}>"
    )


def _value_text(assessment: Assessment) -> str:
    if assessment.value is None:
        state = assessment.value_state.replace("-", " ")
        return f"{state}: {assessment.reason}" if assessment.reason else state
    return figure_text(assessment.value, assessment.decimals, assessment.unit)


def _ytd_text(assessment: Assessment) -> str:
    if assessment.ytd_value is None:
        return assessment.ytd_state.replace("-", " ")
    return figure_text(assessment.ytd_value, assessment.decimals, assessment.unit)


def _target_text(assessment: Assessment) -> str:
    target = assessment.target
    if target is None:
        return _NONE
    d, unit = assessment.decimals, assessment.unit
    if target.target is None and target.lower is not None and target.upper is not None:
        return f"{figure_text(target.lower, d, unit)} to {figure_text(target.upper, d, unit)}"
    return figure_text(target.target, d, unit)


def _table(caption: str, head: Sequence[str], rows: Iterable[str], css: str) -> str:
    headings = "".join(f'<th scope="col">{_e(h)}</th>' for h in head)
    return (
        f'<table class="goldenthread {css}"><caption>{_e(caption)}</caption>'
        f"<thead><tr>{headings}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def assessment_html(assessment: Assessment, terminology: Terminology | None = None) -> str:
    """One assessment as a two-column table: a heading per row, then its text.

    The caption names the indicator, its title and the period; rows give the value,
    target, status and why, directions of travel, year to date, forecast and data status.
    """
    a = assessment
    d, unit = a.decimals, a.unit
    forecast = a.forecast if a.forecast_seasonal is None else a.forecast_seasonal

    def text(words: str) -> str:
        return f"<td>{_e(words)}</td>"

    rows: list[tuple[str, str]] = [
        ("Value", text(_value_text(a))),
        ("Target", text(_target_text(a))),
        ("Status", _status_cell(a.status, terminology)),
        ("Why this status", text(a.status_reason or _NONE)),
        ("Since the previous period", text(direction_text(a.direction, terminology))),
        (
            "Since the same period last year",
            text(direction_text(a.direction_last_year, terminology)),
        ),
        ("Previous value", text(figure_text(a.previous_value, d, unit))),
        ("Same period last year", text(figure_text(a.last_year_value, d, unit))),
        ("Year to date", text(_ytd_text(a))),
        ("Year-to-date status", _status_cell(a.ytd_status, terminology)),
        ("Year-end forecast", text(figure_text(forecast, d, unit))),
        ("Data status", text(a.data_status.value if a.data_status else _NONE)),
    ]
    body = [f'<tr><th scope="row">{_e(heading)}</th>{cell}</tr>' for heading, cell in rows]
    caption = f"{a.indicator} {a.title}, {a.period.label}"
    return _table(caption, ("Measure", "Figure"), body, "gt-assessment")


_ASSESSMENT_COLUMNS = (
    "Indicator",
    "Title",
    "Value",
    "Target",
    "Status",
    "Why this status",
    "Direction",
    "Last year",
    "Year to date",
    "Year-to-date status",
)


def assessments_table(
    assessments: Iterable[Assessment],
    terminology: Terminology | None = None,
    caption: str | None = None,
) -> str:
    """Assessments as one table, a row per indicator headed by its code.

    The default caption names the period(s) and counts the indicators by status.
    """
    items = tuple(assessments)
    rows = [
        f'<tr><th scope="row">{_e(a.indicator)}</th><td>{_e(a.title)}</td>'
        f"<td>{_e(_value_text(a))}</td><td>{_e(_target_text(a))}</td>"
        f"{_status_cell(a.status, terminology)}<td>{_e(a.status_reason or _NONE)}</td>"
        f"<td>{_e(direction_text(a.direction, terminology))}</td>"
        f"<td>{_e(direction_text(a.direction_last_year, terminology))}</td>"
        f"<td>{_e(_ytd_text(a))}</td>{_status_cell(a.ytd_status, terminology)}</tr>"
        for a in items
    ]
    if caption is None:
        caption = _assessments_caption(items, terminology)
    return _table(caption, _ASSESSMENT_COLUMNS, rows, "gt-assessments")


def _assessments_caption(items: Sequence[Assessment], terminology: Terminology | None) -> str:
    periods = list(dict.fromkeys(a.period.label for a in items))
    noun = "indicator" if len(items) == 1 else "indicators"
    caption = f"{len(items)} {noun}"
    if periods:
        caption += f", {', '.join(periods)}"
    counts = [
        f"{sum(a.status is s for a in items)} {_terms(terminology).status(s.value)}"
        for s in RagStatus
        if any(a.status is s for a in items)
    ]
    return f"{caption}: {', '.join(counts)}" if counts else caption


def _appetite_text(scored: ScoredRisk) -> str:
    within = scored.within_appetite
    verdict = "not judged" if within is None else "within" if within else "outside"
    return f"{verdict} ({scored.appetite.value}, tolerable score {scored.tolerance})"


def _escalation_text(scored: ScoredRisk) -> str:
    if not scored.escalations:
        return "no"
    return "; ".join(
        f"to {e.escalate_to.value}: {', '.join(e.reasons) or e.rule}" for e in scored.escalations
    )


def scored_risk_html(scored: ScoredRisk) -> str:
    """One scored risk as a two-column table: owner, ratings, appetite and escalation."""
    r = scored.risk
    rows: list[tuple[str, str]] = [
        ("Owner", r.owner or _NONE),
        ("Category", r.category or _NONE),
        ("Register", r.register.value),
        ("Status", f"{r.status.value}, {r.nature.value}"),
        ("Objectives", ", ".join(r.objectives) or _NONE),
        ("Inherent rating", rating_text(scored.inherent)),
        ("Current rating", rating_text(scored.current)),
        ("Target rating", rating_text(scored.target)),
        ("Appetite", _appetite_text(scored)),
        ("Escalate", _escalation_text(scored)),
    ]
    body = [f'<tr><th scope="row">{_e(h)}</th><td>{_e(text)}</td></tr>' for h, text in rows]
    return _table(f"Risk {r.id}: {r.title}", ("Field", "Detail"), body, "gt-risk")


def _rating_cell(rating: Rating | None) -> str:
    if rating is None:
        return f"<td>{_NONE}</td>"
    return f"<td>{rating.score} {_e(rating.level)}</td>"


_RISK_COLUMNS = ("Risk", "Title", "Owner", "Inherent", "Current", "Target", "Appetite", "Escalate")


def risks_table(scored: Iterable[ScoredRisk], caption: str | None = None) -> str:
    """Scored risks as one table, a row per risk headed by its id.

    Rating cells read ``"12 Medium"`` (score and level); the default caption counts the
    risks, those outside appetite and those to escalate.
    """
    items = tuple(scored)
    rows = [
        f'<tr><th scope="row">{_e(s.risk.id)}</th><td>{_e(s.risk.title)}</td>'
        f"<td>{_e(s.risk.owner or _NONE)}</td>{_rating_cell(s.inherent)}"
        f"{_rating_cell(s.current)}{_rating_cell(s.target)}"
        f"<td>{_e(_appetite_text(s))}</td><td>{'yes' if s.escalate else 'no'}</td></tr>"
        for s in items
    ]
    if caption is None:
        outside = sum(s.within_appetite is False for s in items)
        escalate = sum(s.escalate for s in items)
        noun = "risk" if len(items) == 1 else "risks"
        caption = f"{len(items)} {noun}: {outside} outside appetite, {escalate} to escalate"
    return _table(caption, _RISK_COLUMNS, rows, "gt-risks")


def heat_map_html(heat_map: HeatMap) -> str:
    """A heat map's accessible table (:meth:`HeatMap.to_html`), with a note of unrated risks."""
    out = heat_map.to_html()
    if heat_map.unrated:
        noun = "risk has" if heat_map.unrated == 1 else "risks have"
        out += f"<p>{heat_map.unrated} {noun} no {_e(heat_map.tier)} rating.</p>"
    return out


def _assessment_tuple(items: Iterable[Assessment]) -> tuple[Assessment, ...]:
    return tuple(items)


def _risk_tuple(items: Iterable[ScoredRisk]) -> tuple[ScoredRisk, ...]:
    return tuple(items)


@frozen
class Assessments(Sequence[Assessment]):
    """Assessments shown as one table in a notebook, with :meth:`to_pandas`.

    A read-only sequence: index it, iterate it, take its length.
    """

    items: tuple[Assessment, ...] = field(converter=_assessment_tuple)
    terminology: Terminology | None = None

    @overload
    def __getitem__(self, index: int) -> Assessment: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Assessment]: ...

    def __getitem__(self, index: int | slice) -> Assessment | Sequence[Assessment]:
        return self.items[index]

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Assessment]:
        return iter(self.items)

    def _repr_html_(self) -> str:
        return assessments_table(self.items, self.terminology)

    def to_pandas(self, *, exact: bool = True) -> pd.DataFrame:
        """:func:`goldenthread.frames.assessments_frame` of these assessments."""
        from goldenthread.frames import assessments_frame

        return assessments_frame(self.items, exact=exact)


@frozen
class Register(Sequence[ScoredRisk]):
    """Scored risks shown as one table in a notebook, with :meth:`to_pandas`.

    A read-only sequence: index it, iterate it, take its length.
    """

    items: tuple[ScoredRisk, ...] = field(converter=_risk_tuple)

    @overload
    def __getitem__(self, index: int) -> ScoredRisk: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[ScoredRisk]: ...

    def __getitem__(self, index: int | slice) -> ScoredRisk | Sequence[ScoredRisk]:
        return self.items[index]

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[ScoredRisk]:
        return iter(self.items)

    def _repr_html_(self) -> str:
        return risks_table(self.items)

    def to_pandas(self) -> pd.DataFrame:
        """:func:`goldenthread.frames.risks_frame` of these risks."""
        from goldenthread.frames import risks_frame

        return risks_frame(self.items)
