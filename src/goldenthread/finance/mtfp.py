"""The Medium Term Financial Plan: the budget requirement, funding and gap, year by year.

Poole: the MTFP "is a 3-year plan which contains the Council's strategic approach to the
management of its finances and presents indicative budgets for the medium term".  Each
:class:`MtfpEntry` is one line of it (a bundle's ``mtfp.csv``): the base budget brought
forward, a pressure, a saving, a source of funding or a planned use of reserves.
:func:`mtfp_years` works out each year:

- base: the year's ``base`` entries; a year without one takes the previous year's
  requirement (its net budget carried forward);
- requirement = base + pressures − savings;
- funding = funding + reserves (planned use of reserves);
- gap = requirement − funding (positive is a shortfall still to close);
- incremental gap = gap − the previous year's gap (the first year's is its gap).

:func:`mtfp_plan` wraps the years in an :class:`MtfpPlan`, which shows itself as a table
in a notebook and converts to a pandas DataFrame; :meth:`MtfpYear.to_dict` is the object
``goldenthread mtfp --format json`` prints for each year.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from attrs import frozen

from goldenthread.periods import FinancialYear

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["MtfpEntry", "MtfpKind", "MtfpPlan", "MtfpYear", "mtfp_plan", "mtfp_years"]


class MtfpKind(enum.Enum):
    """What an MTFP line is."""

    BASE = "base"
    PRESSURE = "pressure"
    SAVING = "saving"
    FUNDING = "funding"
    RESERVES = "reserves"

    @classmethod
    def parse(cls, text: str) -> MtfpKind:
        """Read a kind (case-insensitive; plurals such as ``pressures`` too).

        Raises:
            ValueError: the text names no kind; the message lists them.
        """
        key = text.strip().lower()
        for member in cls:
            if key in (member.value, member.value + "s"):
                return member
        accepted = ", ".join(m.value for m in cls)
        raise ValueError(f"unknown MTFP kind {text!r}; expected one of {accepted}")


@frozen
class MtfpEntry:
    """One line of the Medium Term Financial Plan.

    Attributes:
        year: the financial year it is for.
        kind: base, pressure, saving, funding or reserves.
        item: what it is (``Pay award 3%``, ``Council tax``); a saving may name the
            savings programme's code.
        amount: pounds, written positive.
        note: anything said about it.
    """

    year: FinancialYear
    kind: MtfpKind
    item: str
    amount: Decimal
    note: str = ""

    @property
    def key(self) -> str:
        """``year label|kind|item``; a repeat gets ``#2`` when stored."""
        return f"{self.year.label}|{self.kind.value}|{self.item}"


@frozen
class MtfpYear:
    """One year of the plan, worked out.

    Attributes:
        year: the financial year.
        base: the base budget (given, or the previous year's requirement).
        base_brought_forward: whether ``base`` came from the previous year.
        pressures: the sum of its pressures.
        savings: the sum of its savings.
        requirement: base + pressures − savings.
        funding: funding + reserves.
        reserves: the planned use of reserves (included in ``funding``).
        gap: requirement − funding; positive is a shortfall.
        incremental_gap: gap − the previous year's gap.
    """

    year: FinancialYear
    base: Decimal
    base_brought_forward: bool
    pressures: Decimal
    savings: Decimal
    requirement: Decimal
    funding: Decimal
    reserves: Decimal
    gap: Decimal
    incremental_gap: Decimal

    def to_dict(self) -> dict[str, object]:
        """The JSON object ``goldenthread mtfp --format json`` prints for the year:
        ``year`` (its label), ``base, pressures, savings, requirement, funding, gap,
        incremental_gap`` (``Decimal``, written as JSON numbers as ``assess``'s figures
        are), and ``base_brought_forward`` and ``reserves``."""
        return {
            "year": self.year.label,
            "base": self.base,
            "pressures": self.pressures,
            "savings": self.savings,
            "requirement": self.requirement,
            "funding": self.funding,
            "gap": self.gap,
            "incremental_gap": self.incremental_gap,
            "base_brought_forward": self.base_brought_forward,
            "reserves": self.reserves,
        }


def mtfp_years(entries: Iterable[MtfpEntry]) -> tuple[MtfpYear, ...]:
    """Each year of the plan from its entries, earliest first, with no year skipped
    between the first and the last (a year with no entries brings its base forward and
    has no pressures, savings or funding).

    Raises:
        ValueError: the first year has no ``base`` entry, so there is nothing to bring
            forward.
    """
    by_year: dict[FinancialYear, list[MtfpEntry]] = {}
    for entry in entries:
        by_year.setdefault(entry.year, []).append(entry)
    if not by_year:
        return ()
    first, last = min(by_year, key=lambda y: y.year), max(by_year, key=lambda y: y.year)
    years: list[MtfpYear] = []
    previous: MtfpYear | None = None
    for number in range(first.year, last.year + 1):
        year = FinancialYear(number, first.year_start_month)
        rows = by_year.get(year, [])

        def total(kind: MtfpKind, rows: list[MtfpEntry] = rows) -> Decimal:
            return sum((e.amount for e in rows if e.kind is kind), Decimal(0))

        has_base = any(e.kind is MtfpKind.BASE for e in rows)
        if has_base:
            base = total(MtfpKind.BASE)
        elif previous is not None:
            base = previous.requirement
        else:
            raise ValueError(
                f"the MTFP's first year, {year.label}, has no base budget; give it a "
                "'base' row (later years without one bring forward the previous "
                "year's requirement)"
            )
        pressures, savings = total(MtfpKind.PRESSURE), total(MtfpKind.SAVING)
        reserves = total(MtfpKind.RESERVES)
        requirement = base + pressures - savings
        funding = total(MtfpKind.FUNDING) + reserves
        gap = requirement - funding
        incremental = gap - (previous.gap if previous is not None else Decimal(0))
        previous = MtfpYear(
            year=year,
            base=base,
            base_brought_forward=not has_base,
            pressures=pressures,
            savings=savings,
            requirement=requirement,
            funding=funding,
            reserves=reserves,
            gap=gap,
            incremental_gap=incremental,
        )
        years.append(previous)
    return tuple(years)


@frozen
class MtfpPlan:
    """The plan's years worked out (:func:`mtfp_plan`): iterable, indexable by
    position, and shown in notebooks.

    Attributes:
        years: the years, earliest first.
    """

    years: tuple[MtfpYear, ...]

    def __iter__(self) -> Iterator[MtfpYear]:
        return iter(self.years)

    def __len__(self) -> int:
        return len(self.years)

    def __getitem__(self, index: int) -> MtfpYear:
        return self.years[index]

    def year(self, year: FinancialYear) -> MtfpYear:
        """The plan's figures for ``year``.

        Raises:
            KeyError: the plan does not cover it.
        """
        for worked in self.years:
            if worked.year == year:
                return worked
        raise KeyError(year.label)

    def to_dict(self) -> list[dict[str, object]]:
        """One :meth:`MtfpYear.to_dict` object per year: ``goldenthread mtfp``'s JSON."""
        return [year.to_dict() for year in self.years]

    def to_pandas(self, *, exact: bool = True) -> pd.DataFrame:
        """The plan as a DataFrame, one row per year (needs the ``pandas`` extra; see
        :func:`goldenthread.finance.display.mtfp_frame`)."""
        from goldenthread.finance.display import mtfp_frame

        return mtfp_frame(self, exact=exact)

    def _repr_html_(self) -> str:
        from goldenthread.finance.display import mtfp_html

        return mtfp_html(self)


def mtfp_plan(entries: Iterable[MtfpEntry]) -> MtfpPlan:
    """:func:`mtfp_years` as an :class:`MtfpPlan`.

    Raises:
        ValueError: as :func:`mtfp_years`.
    """
    return MtfpPlan(mtfp_years(entries))
