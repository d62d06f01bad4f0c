"""pandas DataFrames of indicator values, assessments, scored risks and heat maps.

These need the optional ``pandas`` extra (``pip install 'goldenthread[pandas]'``);
goldenthread itself never imports pandas, and each function imports it only when called,
raising :class:`ImportError` that names the extra when it is missing.

The frames of values, assessments and risks have one row per input object, in the order
given, and a default integer index; an empty input gives an empty frame with the same
columns.  A heat map's frame is its grid of counts (:func:`heat_map_frame`).

**Numbers.** Figures are ``decimal.Decimal`` throughout goldenthread and stay so here by
default: such columns have ``object`` dtype and hold ``Decimal`` or ``None``, so nothing
is lost to binary floating point.  Pass ``exact=False`` to get ``float64`` columns with
``NaN`` for missing figures instead (what plotting and statistics libraries want); the
conversion is ``float(Decimal)``, the nearest binary double.  Whole-number columns
(likelihood, impact, score, decimals) use pandas' nullable ``Int64`` and yes/no columns
its nullable ``boolean``, so a missing entry is ``<NA>`` rather than forcing a float.
Dates are ``datetime.date`` objects (``object`` dtype); text columns hold ``str``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from goldenthread import indicators, risk
from goldenthread.indicators.dataset import IndicatorSet
from goldenthread.risk.matrix import Rating

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "ASSESSMENT_COLUMNS",
    "PANDAS_MISSING",
    "RISK_COLUMNS",
    "VALUE_COLUMNS",
    "assessments_frame",
    "heat_map_frame",
    "risks_frame",
    "values_frame",
]

PANDAS_MISSING = (
    "goldenthread's DataFrames need pandas, which is not installed; "
    "install the optional extra with: pip install 'goldenthread[pandas]'"
)
"""The message of the :class:`ImportError` raised when pandas is missing."""

VALUE_COLUMNS = (
    "indicator",
    "period",
    "period_start",
    "period_end",
    "state",
    "value",
    "numerator",
    "denominator",
    "status",
    "note",
    "note_date",
    "entered_by",
)
"""The columns of :func:`values_frame`."""

_VALUE_FIGURES = ("value", "numerator", "denominator")

ASSESSMENT_COLUMNS = (
    "indicator",
    "title",
    "period",
    "value",
    "value_state",
    "numerator",
    "denominator",
    "target",
    "lower",
    "upper",
    "floor",
    "status",
    "rule",
    "direction",
    "direction_last_year",
    "trend",
    "previous_value",
    "last_year_value",
    "ytd_value",
    "ytd_state",
    "ytd_target",
    "ytd_status",
    "data_status",
    "unit",
    "decimals",
    "polarity",
    "reason",
    "year_target",
    "forecast",
    "forecast_seasonal",
    "forecast_meets_target",
    "ci_lower",
    "ci_upper",
    "significance_last_year",
    "status_reason",
    "ytd_status_reason",
)
"""The columns of :func:`assessments_frame`: the keys of
:meth:`~goldenthread.indicators.assess.Assessment.to_dict`."""

_ASSESSMENT_FIGURES = (
    "value",
    "numerator",
    "denominator",
    "target",
    "lower",
    "upper",
    "floor",
    "previous_value",
    "last_year_value",
    "ytd_value",
    "ytd_target",
    "year_target",
    "forecast",
    "forecast_seasonal",
    "ci_lower",
    "ci_upper",
)

_TIER_FIELDS = ("likelihood", "impact", "score", "level")

RISK_COLUMNS = (
    "id",
    "title",
    "owner",
    "category",
    "register",
    "status",
    "nature",
    "objectives",
    *(f"{tier}_{name}" for tier in ("inherent", "current", "target") for name in _TIER_FIELDS),
    "appetite",
    "tolerance",
    "within_appetite",
    "escalate",
    "escalate_to",
)
"""The columns of :func:`risks_frame`.

``objectives`` joins the risk's objective ids with ``", "``; each tier has
``<tier>_likelihood``, ``_impact``, ``_score`` and ``_level``; ``escalate_to`` joins the
registers the fired escalation rules send the risk to.
"""

_RISK_INTEGERS = tuple(
    f"{tier}_{name}"
    for tier in ("inherent", "current", "target")
    for name in ("likelihood", "impact", "score")
)


def _require_pandas() -> None:
    try:
        import pandas  # noqa: F401
    except ImportError as error:
        raise ImportError(PANDAS_MISSING) from error


def _frame(
    rows: Sequence[Mapping[str, object]],
    columns: Sequence[str],
    figures: Sequence[str],
    exact: bool,
    integers: Sequence[str] = (),
    flags: Sequence[str] = (),
) -> pd.DataFrame:
    _require_pandas()
    import pandas as pd

    data: dict[str, pd.Series] = {}
    for column in columns:
        cells = [row[column] for row in rows]
        if column in figures:
            if exact:
                series = pd.Series(cells, dtype=object)
            else:
                series = pd.Series(
                    [float(c) if isinstance(c, Decimal) else float("nan") for c in cells],
                    dtype="float64",
                )
        elif column in integers:
            series = pd.Series(cells, dtype="Int64")
        elif column in flags:
            series = pd.Series(cells, dtype="boolean")
        else:
            series = pd.Series(cells, dtype=object)
        data[column] = series
    return pd.DataFrame(data, columns=list(columns), index=pd.RangeIndex(len(rows)))


def values_frame(indicator_set: IndicatorSet, *, exact: bool = True) -> pd.DataFrame:
    """Every recorded value of ``indicator_set``: one row per value as entered.

    Rows follow the definitions' order, then the order the values were given in.
    Columns are :data:`VALUE_COLUMNS`: the period's label and its first and last day,
    the value state (``present``, ``missing``, ``not-yet-due``, ``not-applicable``), the
    figures, the data status, and the note with its date and author.  See the module
    documentation for ``exact``.
    """
    rows: list[dict[str, object]] = [
        {
            "indicator": v.indicator,
            "period": v.period.label,
            "period_start": v.period.start,
            "period_end": v.period.end,
            "state": v.state.value,
            "value": v.value,
            "numerator": v.numerator,
            "denominator": v.denominator,
            "status": v.status.value,
            "note": v.note,
            "note_date": v.note_date,
            "entered_by": v.entered_by,
        }
        for code in indicator_set.definitions
        for v in indicator_set.recorded.get(code, {}).values()
    ]
    return _frame(rows, VALUE_COLUMNS, _VALUE_FIGURES, exact)


def assessments_frame(
    assessments: Iterable[indicators.Assessment], *, exact: bool = True
) -> pd.DataFrame:
    """Assessments as a frame: one row each, columns :data:`ASSESSMENT_COLUMNS`.

    The cells are those of :meth:`~goldenthread.indicators.assess.Assessment.to_dict`
    (the ``goldenthread assess --format json`` object): figures at the indicator's
    precision, statuses and directions as their keys (``no-data``, ``improving``).  See
    the module documentation for ``exact``.
    """
    rows = [a.to_dict() for a in assessments]
    return _frame(
        rows,
        ASSESSMENT_COLUMNS,
        _ASSESSMENT_FIGURES,
        exact,
        integers=("decimals",),
        flags=("forecast_meets_target",),
    )


def _tier(row: dict[str, object], tier: str, rating: Rating | None) -> None:
    row[f"{tier}_likelihood"] = None if rating is None else rating.likelihood
    row[f"{tier}_impact"] = None if rating is None else rating.impact
    row[f"{tier}_score"] = None if rating is None else rating.score
    row[f"{tier}_level"] = None if rating is None else rating.level


def risks_frame(scored: Iterable[risk.ScoredRisk]) -> pd.DataFrame:
    """Scored risks as a frame: one row each, columns :data:`RISK_COLUMNS`.

    Likelihood, impact and score are nullable ``Int64`` (``<NA>`` where a tier is not
    rated); ``within_appetite`` is nullable ``boolean`` (``<NA>`` where appetite is not
    judged: opportunities and unrated risks).
    """
    rows: list[dict[str, object]] = []
    for s in scored:
        r = s.risk
        row: dict[str, object] = {
            "id": r.id,
            "title": r.title,
            "owner": r.owner,
            "category": r.category,
            "register": r.register.value,
            "status": r.status.value,
            "nature": r.nature.value,
            "objectives": ", ".join(r.objectives),
        }
        _tier(row, "inherent", s.inherent)
        _tier(row, "current", s.current)
        _tier(row, "target", s.target)
        row["appetite"] = s.appetite.value
        row["tolerance"] = s.tolerance
        row["within_appetite"] = s.within_appetite
        row["escalate"] = s.escalate
        row["escalate_to"] = ", ".join(dict.fromkeys(e.escalate_to.value for e in s.escalations))
        rows.append(row)
    return _frame(
        rows,
        RISK_COLUMNS,
        (),
        True,
        integers=(*_RISK_INTEGERS, "tolerance"),
        flags=("within_appetite", "escalate"),
    )


def heat_map_frame(heat_map: risk.HeatMap) -> pd.DataFrame:
    """A heat map's counts as a grid, laid out as councils print it.

    Rows are likelihoods from the highest down, columns impacts from the lowest up, both
    labelled with number and name (``5 Almost certain``, ``3 Moderate``); the index is
    named ``likelihood`` and the columns ``impact``.  Cells are ``int64`` counts; the
    level of each cell is in :meth:`~goldenthread.risk.heatmap.HeatMap.cells`.
    """
    _require_pandas()
    import pandas as pd

    matrix = heat_map.matrix
    rows = range(len(matrix.likelihood), 0, -1)
    frame = pd.DataFrame(
        [[heat_map.counts[lk - 1][im] for im in range(len(matrix.impact))] for lk in rows],
        index=pd.Index([f"{lk} {matrix.likelihood[lk - 1].name}" for lk in rows], dtype=object),
        columns=pd.Index(
            [f"{im} {level.name}" for im, level in enumerate(matrix.impact, 1)], dtype=object
        ),
        dtype="int64",
    )
    frame.index.name = "likelihood"
    frame.columns.name = "impact"
    return frame
