"""Budget monitoring as at a month: budget, actual and forecast, by line, service and
council.

As at month *m* of a financial year (see DESIGN.md, "Finance"):

- budget to date = the line's profile for the months up to *m* (its monthly rows, else
  the revised budget spread evenly, 1/12 a month rounded down to the penny, the pennies
  left over in the last month so the profile adds up to the year exactly; see
  :mod:`~goldenthread.finance.profile`);
- actual to date = the actuals posted up to *m*; variance to date = actual − budget to
  date for expenditure, budget − actual for income (positive is adverse);
- forecast outturn = the latest budget-holder forecast made in the year up to *m*
  (method :attr:`ForecastMethod.HOLDER`), else actual to date + the rest of the year's
  profiled budget (:attr:`ForecastMethod.PROFILE`, "on budget from here");
- forecast variance = forecast − budget for expenditure, budget − forecast for income;
  percentage = variance ÷ annual budget × 100, 1 dp (``None`` when the budget is 0);
- status: green when the forecast variance ≤ 0, amber when within the tolerance band
  (exactly on it is amber), red beyond; a favourable variance beyond the band is a
  significant underspend;
- service and council totals are net (expenditure − income) and judged by the same rule
  with the framework's default tolerance.

:func:`monitor` returns a :class:`BudgetMonitoring`: the lines, the services and the
council, the council's forecast outturn month by month, and :meth:`~BudgetMonitoring.to_dict`
(the ``goldenthread budget --format json`` object), ``to_pandas()`` and a notebook table.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Protocol, TypeVar, cast

from attrs import frozen

from goldenthread.finance.book import Finance
from goldenthread.finance.budgets import Actual, AnnualBudget, MonthlyBudget
from goldenthread.finance.lines import BudgetLine, LineKind
from goldenthread.finance.profile import PENNY, even_profile, positioned_profile
from goldenthread.indicators.definition import Tolerance
from goldenthread.periods import FinancialYear, Month

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "COUNCIL",
    "BudgetMonitoring",
    "BudgetStatus",
    "ForecastMethod",
    "GroupMonitoring",
    "LineMonitoring",
    "budget_status",
    "group_dict",
    "line_dict",
    "monitor",
    "variance_pct",
]


class ForecastMethod(enum.Enum):
    """How a forecast outturn was arrived at."""

    HOLDER = "budget holder"
    """The budget holder's latest forecast made in the year up to the month."""
    PROFILE = "on budget from here"
    """Actual to date + the rest of the year's profiled budget."""


class BudgetStatus(enum.Enum):
    """The status of a forecast variance."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"


@frozen
class LineMonitoring:
    """One budget line as at a month.

    Attributes:
        line: the budget line.
        month: the month monitored to.
        year_budget: the year's (revised) budget.
        budget_to_date: the profiled budget for the months up to ``month``.
        actual_to_date: the actuals posted up to ``month``.
        commitment: the latest recorded commitments, if any.
        variance_to_date: actual − budget to date, signed so positive is adverse.
        forecast_outturn: the forecast for the whole year.
        forecast_method: how the forecast was arrived at.
        forecast_variance: forecast − budget, signed so positive is adverse.
        forecast_variance_pct: the variance as a % of the year's budget, 1 dp; ``None``
            when the budget is 0.
        status: green, amber or red.
        significant_underspend: a favourable variance beyond the tolerance band.
        previous_forecast: last month's forecast outturn (``None`` in the year's first
            month), for the forecast movement.
        tolerance_band: the amber band in pounds.
        note: the budget holder's latest commentary in the year up to ``month``.
    """

    line: BudgetLine
    month: Month
    year_budget: Decimal
    budget_to_date: Decimal
    actual_to_date: Decimal
    commitment: Decimal | None
    variance_to_date: Decimal
    forecast_outturn: Decimal
    forecast_method: ForecastMethod
    forecast_variance: Decimal
    forecast_variance_pct: Decimal | None
    status: BudgetStatus
    significant_underspend: bool
    previous_forecast: Decimal | None
    tolerance_band: Decimal
    note: str


@frozen
class GroupMonitoring:
    """A service or the whole council as at a month: its lines' figures, net
    (expenditure − income), judged with the default tolerance.

    Attributes:
        key: the service's name, or ``council`` for the total.
        title: how reports name it.
        month: the month monitored to.
        lines: how many budget lines it adds up.
        year_budget, budget_to_date, actual_to_date, variance_to_date, forecast_outturn,
        forecast_variance, forecast_variance_pct, status, significant_underspend,
        previous_forecast, tolerance_band: as for :class:`LineMonitoring`, net.
    """

    key: str
    title: str
    month: Month
    lines: int
    year_budget: Decimal
    budget_to_date: Decimal
    actual_to_date: Decimal
    variance_to_date: Decimal
    forecast_outturn: Decimal
    forecast_variance: Decimal
    forecast_variance_pct: Decimal | None
    status: BudgetStatus
    significant_underspend: bool
    previous_forecast: Decimal | None
    tolerance_band: Decimal


_ZERO = Decimal(0)
_TENTH = Decimal("0.1")
_HUNDRED = Decimal(100)


def budget_status(variance: Decimal, band: Decimal) -> tuple[BudgetStatus, bool]:
    """The status of a forecast variance (positive is adverse) against an amber band of
    ``band`` pounds, and whether it is a significant underspend.

    Green when the variance is 0 or below; amber when above 0 and at most ``band``
    (exactly on the band is amber); red beyond.  A significant underspend is a
    favourable variance beyond the band (``variance < -band``).

    >>> budget_status(Decimal("200"), Decimal("200"))
    (<BudgetStatus.AMBER: 'amber'>, False)
    >>> budget_status(Decimal("-200.01"), Decimal("200"))
    (<BudgetStatus.GREEN: 'green'>, True)
    """
    if variance <= 0:
        status = BudgetStatus.GREEN
    elif variance <= band:
        status = BudgetStatus.AMBER
    else:
        status = BudgetStatus.RED
    return status, variance < -band


def variance_pct(variance: Decimal, year_budget: Decimal) -> Decimal | None:
    """``variance`` as a percentage of the size of ``year_budget``, 1 dp rounded half-up;
    ``None`` when the budget is 0."""
    if year_budget == 0:
        return None
    pct = (variance / abs(year_budget) * _HUNDRED).quantize(_TENTH, rounding=ROUND_HALF_UP)
    return pct.copy_abs() if pct == 0 else pct  # never "-0.0"


@frozen
class BudgetMonitoring:
    """The whole budget as at a month: by line, by service and for the council.

    Build it with :func:`monitor`.

    Attributes:
        month: the month monitored to.
        lines: every budget line with a budget or actuals in the month's financial year,
            in the order of ``finance.lines``.
        services: each service's net figures, in the order the services first appear
            among ``lines``.
        total: the council's net figures (key ``council``).
        forecast_trend: the council's net forecast outturn as at each month of the
            financial year up to ``month``, first month first ("forecast movement since
            last month"); empty when no line is monitored.
    """

    month: Month
    lines: tuple[LineMonitoring, ...]
    services: tuple[GroupMonitoring, ...]
    total: GroupMonitoring
    forecast_trend: tuple[tuple[Month, Decimal], ...]

    def by_service(self, name: str) -> GroupMonitoring:
        """The figures of the service called ``name``.

        Raises:
            KeyError: no monitored line belongs to that service.
        """
        for group in self.services:
            if group.key == name:
                return group
        raise KeyError(name)

    def service_lines(self, name: str) -> tuple[LineMonitoring, ...]:
        """The monitored lines of the service called ``name`` (empty when none)."""
        return tuple(m for m in self.lines if m.line.service == name)

    def to_dict(self) -> dict[str, object]:
        """The JSON object ``goldenthread budget --format json`` prints.

        ``month`` (its label), ``lines`` (one object per line: ``line, title, service,
        kind, owner, year_budget, budget_to_date, actual_to_date, commitment,
        variance_to_date, forecast_outturn, forecast_method, forecast_variance,
        forecast_variance_pct, status, significant_underspend, previous_forecast,
        forecast_movement, tolerance_band, note``), ``services`` and ``total`` (one
        object each: ``service, title, lines`` and the same figures, net, without
        ``kind, owner, commitment, forecast_method, note``) and ``forecast_trend`` (a
        list of ``{month, forecast_outturn}``).  Money is ``Decimal`` rounded half-up to
        the penny, percentages ``Decimal`` to 1 dp, as ``assess``'s figures are (the
        command line writes them as JSON numbers); absent figures are ``None``.
        """
        return {
            "month": self.month.label,
            "lines": [line_dict(m) for m in self.lines],
            "services": [group_dict(g) for g in self.services],
            "total": group_dict(self.total),
            "forecast_trend": [
                {"month": month.label, "forecast_outturn": _money(figure)}
                for month, figure in self.forecast_trend
            ],
        }

    def to_pandas(self, by: str = "line", *, exact: bool = True) -> pd.DataFrame:
        """The monitoring as a pandas DataFrame (needs the ``pandas`` extra).

        Args:
            by: ``line`` (one row per line), ``service`` (one per service) or
                ``council`` (one row); the columns are the keys of :meth:`to_dict`'s
                objects.
            exact: keep figures as ``Decimal`` (``object`` columns); ``False`` gives
                ``float64`` with ``NaN`` for absent figures (see
                :mod:`goldenthread.frames`).

        Raises:
            ImportError: pandas is not installed; the message names the extra.
            ValueError: ``by`` is none of the three.
        """
        from goldenthread.finance.display import monitoring_frame

        return monitoring_frame(self, by, exact=exact)

    def _repr_html_(self) -> str:
        from goldenthread.finance.display import monitoring_html

        return monitoring_html(self)


def _money(figure: Decimal | None) -> Decimal | None:
    return None if figure is None else figure.quantize(PENNY, rounding=ROUND_HALF_UP)


def _movement(current: Decimal, previous: Decimal | None) -> Decimal | None:
    return None if previous is None else current - previous


def line_dict(m: LineMonitoring) -> dict[str, object]:
    """One line's monitoring as a JSON-ready object (see :meth:`BudgetMonitoring.to_dict`)."""
    return {
        "line": m.line.code,
        "title": m.line.title,
        "service": m.line.service,
        "kind": m.line.kind.value,
        "owner": m.line.owner,
        "year_budget": _money(m.year_budget),
        "budget_to_date": _money(m.budget_to_date),
        "actual_to_date": _money(m.actual_to_date),
        "commitment": _money(m.commitment),
        "variance_to_date": _money(m.variance_to_date),
        "forecast_outturn": _money(m.forecast_outturn),
        "forecast_method": m.forecast_method.value,
        "forecast_variance": _money(m.forecast_variance),
        "forecast_variance_pct": m.forecast_variance_pct,
        "status": m.status.value,
        "significant_underspend": m.significant_underspend,
        "previous_forecast": _money(m.previous_forecast),
        "forecast_movement": _money(_movement(m.forecast_outturn, m.previous_forecast)),
        "tolerance_band": _money(m.tolerance_band),
        "note": m.note,
    }


def group_dict(g: GroupMonitoring) -> dict[str, object]:
    """A service's or the council's monitoring as a JSON-ready object (see
    :meth:`BudgetMonitoring.to_dict`)."""
    return {
        "service": g.key,
        "title": g.title,
        "lines": g.lines,
        "year_budget": _money(g.year_budget),
        "budget_to_date": _money(g.budget_to_date),
        "actual_to_date": _money(g.actual_to_date),
        "variance_to_date": _money(g.variance_to_date),
        "forecast_outturn": _money(g.forecast_outturn),
        "forecast_variance": _money(g.forecast_variance),
        "forecast_variance_pct": g.forecast_variance_pct,
        "status": g.status.value,
        "significant_underspend": g.significant_underspend,
        "previous_forecast": _money(g.previous_forecast),
        "forecast_movement": _money(_movement(g.forecast_outturn, g.previous_forecast)),
        "tolerance_band": _money(g.tolerance_band),
    }


class _LineMonth(Protocol):
    @property
    def line(self) -> str: ...

    @property
    def month(self) -> Month: ...


_Row = TypeVar("_Row", bound=_LineMonth)


def _by_line(rows: Iterable[_Row]) -> dict[str, list[_Row]]:
    # Only lists per line are allocated (no tuple per row): a large finance's rows are
    # many, and fewer allocations keep the garbage collector out of the way.
    found: dict[str, list[_Row]] = {}
    get = found.get
    for row in rows:
        rows_of = get(row.line)
        if rows_of is None:
            found[row.line] = [row]
        else:
            rows_of.append(row)
    return found


def _monitor_line(
    line: BudgetLine,
    month: Month,
    year: FinancialYear,
    position: int,
    budget: AnnualBudget | None,
    profile_rows: Sequence[MonthlyBudget],
    actual_rows: Sequence[Actual],
    default_tolerance: Tolerance,
    trend: list[Decimal],
) -> LineMonitoring:
    """The line's monitoring; its forecast outturn as at each month up to ``position``
    is added to (expenditure) or taken from (income) ``trend``."""
    year_budget = _ZERO if budget is None else budget.amount
    base = year.start_index + 1
    if profile_rows:
        profile = positioned_profile(
            line.code,
            year,
            year_budget,
            [(row.month.year * 12 + row.month.month - base, row) for row in profile_rows],
        )
    else:
        profile = even_profile(year_budget)
    posted = [_ZERO] * (position + 1)
    made: list[Decimal | None] | None = None
    note_at, note = -1, ""
    commitment_at, commitment = -1, None
    for row in actual_rows:
        at = row.month.year * 12 + row.month.month - base
        if not 0 <= at <= position:
            continue
        posted[at] += row.actual
        if row.forecast is not None:
            if made is None:
                made = [None] * (position + 1)
            made[at] = row.forecast
        if at > note_at and row.note and not row.note.isspace():
            note_at, note = at, row.note
        if at > commitment_at and row.commitment is not None:
            commitment_at, commitment = at, row.commitment
    expenditure = line.kind is LineKind.EXPENDITURE
    actual = budgeted = forecast = _ZERO
    previous: Decimal | None = None
    latest: Decimal | None = None
    for at in range(position + 1):
        actual += posted[at]
        budgeted += profile[at]
        if made is not None and made[at] is not None:
            latest = made[at]
        previous = forecast
        forecast = actual + year_budget - budgeted if latest is None else latest
        if expenditure:
            trend[at] += forecast
        else:
            trend[at] -= forecast
    if expenditure:
        variance, to_date = forecast - year_budget, actual - budgeted
    else:
        variance, to_date = year_budget - forecast, budgeted - actual
    tolerance = default_tolerance if line.tolerance is None else line.tolerance
    band = tolerance.band(year_budget)
    status, underspend = budget_status(variance, band)
    return LineMonitoring(
        line=line,
        month=month,
        year_budget=year_budget,
        budget_to_date=budgeted,
        actual_to_date=actual,
        commitment=commitment,
        variance_to_date=to_date,
        forecast_outturn=forecast,
        forecast_method=ForecastMethod.PROFILE if latest is None else ForecastMethod.HOLDER,
        forecast_variance=variance,
        forecast_variance_pct=variance_pct(variance, year_budget),
        status=status,
        significant_underspend=underspend,
        previous_forecast=previous if position else None,
        tolerance_band=band,
        note=note,
    )


class _Sums:
    """Running net totals of a group of lines."""

    __slots__ = (
        "actual",
        "budget_to_date",
        "count",
        "forecast",
        "forecast_variance",
        "previous",
        "variance_to_date",
        "year_budget",
    )

    def __init__(self) -> None:
        self.count = 0
        self.year_budget = self.budget_to_date = self.actual = self.forecast = _ZERO
        self.variance_to_date = self.forecast_variance = self.previous = _ZERO

    def add(self, m: LineMonitoring) -> None:
        self.count += 1
        if m.line.kind is LineKind.EXPENDITURE:
            self.year_budget += m.year_budget
            self.budget_to_date += m.budget_to_date
            self.actual += m.actual_to_date
            self.forecast += m.forecast_outturn
            if m.previous_forecast is not None:
                self.previous += m.previous_forecast
        else:
            self.year_budget -= m.year_budget
            self.budget_to_date -= m.budget_to_date
            self.actual -= m.actual_to_date
            self.forecast -= m.forecast_outturn
            if m.previous_forecast is not None:
                self.previous -= m.previous_forecast
        self.variance_to_date += m.variance_to_date
        self.forecast_variance += m.forecast_variance

    def merge(self, other: _Sums) -> None:
        self.count += other.count
        self.year_budget += other.year_budget
        self.budget_to_date += other.budget_to_date
        self.actual += other.actual
        self.forecast += other.forecast
        self.previous += other.previous
        self.variance_to_date += other.variance_to_date
        self.forecast_variance += other.forecast_variance

    def group(
        self, key: str, title: str, month: Month, first_month: bool, tolerance: Tolerance
    ) -> GroupMonitoring:
        band = tolerance.band(self.year_budget)
        status, underspend = budget_status(self.forecast_variance, band)
        return GroupMonitoring(
            key=key,
            title=title,
            month=month,
            lines=self.count,
            year_budget=self.year_budget,
            budget_to_date=self.budget_to_date,
            actual_to_date=self.actual,
            variance_to_date=self.variance_to_date,
            forecast_outturn=self.forecast,
            forecast_variance=self.forecast_variance,
            forecast_variance_pct=variance_pct(self.forecast_variance, self.year_budget),
            status=status,
            significant_underspend=underspend,
            previous_forecast=None if first_month else self.previous,
            tolerance_band=band,
        )


COUNCIL = "council"
"""The key of the council's total."""


def monitor(finance: Finance, month: Month) -> BudgetMonitoring:
    """Monitor the budget as at ``month``: every line, every service and the council.

    See the module documentation for the rules.  A line is monitored when it has a
    budget or actuals in ``month``'s financial year (a line with actuals but no budget
    has a budget of 0); a month outside every budgeted year gives no lines, no services
    and a council total of 0.  Budgets, profiles and actuals for codes that are not
    budget lines are left out (:func:`~goldenthread.finance.checks.finance_findings`
    reports them).

    Raises:
        ValueError: a line's monthly profile rows for the year do not add up to its
            year's budget; the message names the line.
    """
    year = month.financial_year
    first = year.start_index
    position = month.start_index - first
    budgets = {b.line: b for b in finance.budgets if b.year == year}
    profiles = _by_line(finance.profiles)
    actuals = _by_line(finance.actuals)
    last = year.end_index
    tolerance = finance.tolerance
    monitored: list[LineMonitoring] = []
    trend = [_ZERO] * (position + 1)
    services: dict[str, _Sums] = {}
    no_rows: list[Actual] = []
    for line in finance.lines:
        code = line.code
        budget = budgets.get(code)
        rows = actuals.get(code, no_rows)
        if budget is None and not any(
            first <= r.month.year * 12 + r.month.month - 1 <= last for r in rows
        ):
            continue
        m = _monitor_line(
            line,
            month,
            year,
            position,
            budget,
            profiles.get(code, ()),
            rows,
            tolerance,
            trend,
        )
        monitored.append(m)
        sums = services.get(line.service)
        if sums is None:
            sums = services[line.service] = _Sums()
        sums.add(m)
    council = _Sums()
    for sums in services.values():
        council.merge(sums)
    first_month = position == 0
    groups = tuple(
        sums.group(name, name, month, first_month, tolerance) for name, sums in services.items()
    )
    months = [cast("Month", month.shift(at - position)) for at in range(position + 1)]
    return BudgetMonitoring(
        month=month,
        lines=tuple(monitored),
        services=groups,
        total=council.group(COUNCIL, "Council", month, first_month, tolerance),
        forecast_trend=tuple(zip(months, trend, strict=True)) if monitored else (),
    )
