"""Hypothesis strategies that generate goldenthread objects, for property tests.

Plugin authors use them to check that their own types survive the serialisation
converter, or that their rules behave for any period::

    from hypothesis import given
    from goldenthread.testing import strategies as gts

    @given(gts.periods())
    def test_my_rule_accepts_any_period(period): ...

Needs ``hypothesis`` (goldenthread's ``dev`` extra).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import strategies as st

from goldenthread.errors import Problem
from goldenthread.finance import (
    Actual,
    AnnualBudget,
    BudgetLine,
    Finance,
    LineKind,
    MonthlyBudget,
    MtfpEntry,
    MtfpKind,
    Saving,
    SavingStatus,
    UnitCost,
    Virement,
)
from goldenthread.findings import Finding, Severity
from goldenthread.framework import Authority
from goldenthread.indicators.benchmarking import ComparatorGroup
from goldenthread.indicators.comparison import PublishedValue
from goldenthread.indicators.definition import (
    Aggregation,
    IndicatorDefinition,
    Tolerance,
    ToleranceKind,
)
from goldenthread.indicators.definition import Classification as IndicatorClassification
from goldenthread.indicators.numbers import (
    MAX_DECIMALS,
    MAX_FACTOR,
    MAX_SIGNIFICANT_DIGITS,
    ValueState,
)
from goldenthread.indicators.polarity import DataStatus, Polarity
from goldenthread.indicators.spotcheck import RecordedCheck, Verification, VerificationOutcome
from goldenthread.indicators.targets import Target
from goldenthread.indicators.values import IndicatorValue
from goldenthread.periods import FinancialYear, Frequency, HalfYear, Month, Period, Quarter
from goldenthread.periods.period import MAX_YEAR, MIN_YEAR
from goldenthread.risk.appetite import AppetiteLevel
from goldenthread.risk.register import (
    ActionStatus,
    Assessment,
    Control,
    Effectiveness,
    Mitigation,
    Nature,
    RegisterKind,
    Risk,
    RiskStatus,
    Treatment,
)
from goldenthread.risk.trends import Review
from goldenthread.thread.items import (
    IndicatorLink,
    Item,
    ItemKind,
    ItemStatus,
    Link,
    ProgressUpdate,
)
from goldenthread.thread.levels import Classification
from goldenthread.thread.organisations import Organisation

__all__ = [
    "actuals",
    "annual_budgets",
    "assessments",
    "authorities",
    "aware_datetimes",
    "budget_lines",
    "codes",
    "comparator_groups",
    "decimals",
    "figures",
    "finances",
    "financial_years",
    "findings",
    "half_years",
    "indicator_definitions",
    "indicator_links",
    "indicator_values",
    "items",
    "links",
    "money",
    "monthly_budgets",
    "months",
    "mtfp_entries",
    "organisations",
    "periods",
    "problems",
    "published_values",
    "quarters",
    "recorded_checks",
    "risk_reviews",
    "risks",
    "savings",
    "targets",
    "unit_costs",
    "utc_datetimes",
    "virements",
    "year_start_months",
]


def year_start_months() -> st.SearchStrategy[int]:
    """A financial year's first month, 1-12 (April, 4, is the usual one)."""
    return st.integers(1, 12)


def _years(min_year: int, max_year: int) -> st.SearchStrategy[int]:
    return st.integers(max(min_year, MIN_YEAR), min(max_year, MAX_YEAR))


def financial_years(
    *, min_year: int = MIN_YEAR, max_year: int = MAX_YEAR, year_start_month: int | None = None
) -> st.SearchStrategy[FinancialYear]:
    """Financial years starting in ``min_year``-``max_year``.

    ``year_start_month`` fixes the year start; by default any month is drawn.
    """
    ysm = year_start_months() if year_start_month is None else st.just(year_start_month)
    return st.builds(FinancialYear, _years(min_year, max_year), ysm)


def half_years(
    *, min_year: int = MIN_YEAR, max_year: int = MAX_YEAR, year_start_month: int | None = None
) -> st.SearchStrategy[HalfYear]:
    """Half-years of the financial years :func:`financial_years` draws."""
    ysm = year_start_months() if year_start_month is None else st.just(year_start_month)
    return st.builds(HalfYear, _years(min_year, max_year), st.integers(1, 2), ysm)


def quarters(
    *, min_year: int = MIN_YEAR, max_year: int = MAX_YEAR, year_start_month: int | None = None
) -> st.SearchStrategy[Quarter]:
    """Quarters of the financial years :func:`financial_years` draws."""
    ysm = year_start_months() if year_start_month is None else st.just(year_start_month)
    return st.builds(Quarter, _years(min_year, max_year), st.integers(1, 4), ysm)


def months(
    *, min_year: int = MIN_YEAR, max_year: int = MAX_YEAR, year_start_month: int | None = None
) -> st.SearchStrategy[Month]:
    """Calendar months of the calendar years ``min_year``-``max_year``, any year start.

    Months of January in year 1 that fall before the year start are left out: their
    financial year would start in year 0, which no period can.
    """
    ysm = year_start_months() if year_start_month is None else st.just(year_start_month)
    return st.builds(Month, _years(min_year, max_year), st.integers(1, 12), ysm).filter(
        lambda m: m.year > MIN_YEAR or m.month >= m.year_start_month
    )


def periods(
    *, min_year: int = MIN_YEAR, max_year: int = MAX_YEAR, year_start_month: int | None = None
) -> st.SearchStrategy[Period]:
    """Periods of every kind: financial years, half-years, quarters and months."""
    return st.one_of(
        financial_years(min_year=min_year, max_year=max_year, year_start_month=year_start_month),
        half_years(min_year=min_year, max_year=max_year, year_start_month=year_start_month),
        quarters(min_year=min_year, max_year=max_year, year_start_month=year_start_month),
        months(min_year=min_year, max_year=max_year, year_start_month=year_start_month),
    )


def decimals(*, places: int | None = None) -> st.SearchStrategy[Decimal]:
    """Finite decimals (no ``NaN`` or infinity), with ``places`` decimal places if given."""
    return st.decimals(allow_nan=False, allow_infinity=False, places=places)


def utc_datetimes(
    *,
    min_value: dt.datetime = dt.datetime(1900, 1, 1),
    max_value: dt.datetime = dt.datetime(2200, 1, 1),
) -> st.SearchStrategy[dt.datetime]:
    """Timezone-aware UTC timestamps between the naive bounds given (read as UTC)."""
    return st.datetimes(min_value=min_value, max_value=max_value, timezones=st.just(dt.UTC))


def aware_datetimes() -> st.SearchStrategy[dt.datetime]:
    """Timezone-aware timestamps in fixed offsets from UTC-23:59 to UTC+23:59, 1900-2200."""
    offsets = st.integers(-(24 * 60 - 1), 24 * 60 - 1).map(
        lambda minutes: dt.timezone(dt.timedelta(minutes=minutes))
    )
    return st.datetimes(
        min_value=dt.datetime(1900, 1, 2), max_value=dt.datetime(2199, 12, 30), timezones=offsets
    )


def problems() -> st.SearchStrategy[Problem]:
    """Problems, with or without a file, row and column."""
    return st.builds(
        Problem,
        reason=st.text(min_size=1),
        file=st.none() | st.text(min_size=1),
        row=st.none() | st.integers(1, 1_048_576),
        column=st.none() | st.text(min_size=1),
    )


def findings() -> st.SearchStrategy[Finding]:
    """Findings of every severity, about an item or about the framework as a whole."""
    words = st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12)
    return st.builds(
        Finding,
        code=st.lists(words, min_size=1, max_size=4).map("-".join),
        severity=st.sampled_from(Severity),
        item=st.none() | st.text(min_size=1),
        message=st.text(min_size=1),
    )


def codes() -> st.SearchStrategy[str]:
    """Identifiers as councils write them: ``NI195``, ``CR-01``, ``RBC_O1``."""
    return st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_", min_size=1, max_size=10).filter(
        lambda code: code.strip("-_") != ""
    )


def _texts() -> st.SearchStrategy[str]:
    return st.text(max_size=20)


def _extras() -> st.SearchStrategy[dict[str, str]]:
    return st.dictionaries(st.text(min_size=1, max_size=10), _texts(), max_size=3)


def figures(*, min_value: int | None = None) -> st.SearchStrategy[Decimal]:
    """Figures across the whole range a bundle may hold (see
    :func:`~goldenthread.indicators.numbers.check_figure`): at most 15 significant digits
    and a size below 10**12, from 0 to 15 decimal places, with the extremes (the largest
    and smallest accepted figures, 15-digit coefficients) drawn often.

    Args:
        min_value: the least figure drawn (0 for counts and denominators); default none.
    """

    @st.composite
    def build(draw: st.DrawFn) -> Decimal:
        places = draw(st.integers(0, MAX_SIGNIFICANT_DIGITS))
        bound = min(10**MAX_SIGNIFICANT_DIGITS, 10 ** (12 + places)) - 1
        low = -bound if min_value is None else max(-bound, min_value * 10**places)
        coefficient = draw(st.sampled_from([bound, low, 0, 1]) | st.integers(low, bound))
        return Decimal(coefficient).scaleb(-places)

    return build()


def _quantities() -> st.SearchStrategy[Decimal]:
    return figures()


# -- risk ------------------------------------------------------------------------------------


def assessments(scale: int = 5) -> st.SearchStrategy[Assessment]:
    """Likelihood and impact ratings on 1-based scales of ``scale`` levels."""
    return st.builds(Assessment, st.integers(1, scale), st.integers(1, scale))


def risks(scale: int = 5) -> st.SearchStrategy[Risk]:
    """Risks with every field drawn, assessed on ``scale`` x ``scale`` matrices."""
    controls = st.builds(
        Control, _texts(), owner=_texts(), effectiveness=st.sampled_from(Effectiveness)
    )
    mitigations = st.builds(
        Mitigation,
        _texts(),
        owner=_texts(),
        due=st.none() | st.dates(),
        status=st.sampled_from(ActionStatus),
    )
    return st.builds(
        Risk,
        id=codes(),
        title=st.text(min_size=1, max_size=40),
        owner=_texts(),
        category=_texts(),
        register=st.sampled_from(RegisterKind),
        cause=_texts(),
        event=_texts(),
        consequence=_texts(),
        objectives=st.lists(codes(), max_size=3).map(tuple),
        inherent=st.none() | assessments(scale),
        current=st.none() | assessments(scale),
        target=st.none() | assessments(scale),
        controls=st.lists(controls, max_size=3).map(tuple),
        mitigations=st.lists(mitigations, max_size=3).map(tuple),
        treatment=st.none() | st.sampled_from(Treatment),
        nature=st.sampled_from(Nature),
        appetite=st.none() | st.sampled_from(AppetiteLevel),
        review_frequency=st.none() | st.sampled_from(Frequency),
        next_review=st.none() | st.dates(),
        status=st.sampled_from(RiskStatus),
        extras=_extras(),
    )


# -- the thread --------------------------------------------------------------------------------


def items() -> st.SearchStrategy[Item]:
    """Plans, objectives and actions with every field drawn (not a consistent thread)."""
    updates = st.builds(
        ProgressUpdate,
        st.dates(),
        progress=st.none() | st.decimals(0, 100, places=1),
        comment=_texts(),
    )
    optional_code = st.none() | codes()
    return st.builds(
        Item,
        id=codes(),
        kind=st.sampled_from(ItemKind),
        title=st.text(min_size=1, max_size=40),
        level=st.sampled_from(["national", "partnership", "corporate", "service", "team"]),
        plan=optional_code,
        parent=optional_code,
        owner=st.none() | _texts(),
        lead=optional_code,
        partners=st.lists(codes(), max_size=3).map(tuple),
        start=st.none() | st.dates(),
        due=st.none() | st.dates(),
        status=st.none() | st.sampled_from(ItemStatus),
        progress=st.none() | st.decimals(0, 100, places=1),
        classification=st.sampled_from(Classification),
        category=st.none() | _texts(),
        version=st.none() | _texts(),
        supersedes=optional_code,
        weight=st.decimals(0, 100, places=2),
        updates=st.lists(updates, max_size=3),
        extras=_extras(),
    )


def links() -> st.SearchStrategy[Link]:
    """Links from a child item (or indicator) to a parent."""
    return st.builds(Link, codes(), codes(), st.sampled_from(["contributes", "supports"]))


# -- indicators --------------------------------------------------------------------------------


def indicator_definitions() -> st.SearchStrategy[IndicatorDefinition]:
    """Indicator definitions with every field drawn.

    The profile is ``even``, ``seasonal`` or one positive weight per collection period
    where the aggregation uses one (``sum`` not annualised, ``cumulative``), else ``even``.
    """

    @st.composite
    def build(draw: st.DrawFn) -> IndicatorDefinition:
        frequency = draw(st.sampled_from(Frequency))
        aggregation = draw(st.sampled_from(Aggregation))
        annualise = aggregation is Aggregation.SUM and draw(st.booleans())
        profiles = aggregation is Aggregation.CUMULATIVE or (
            aggregation is Aggregation.SUM and not annualise
        )
        weights = st.lists(
            st.decimals(1, 100, places=1), min_size=frequency.per_year, max_size=frequency.per_year
        ).map(tuple)
        return IndicatorDefinition(
            code=draw(codes()),
            title=draw(st.text(min_size=1, max_size=40)),
            polarity=draw(st.sampled_from(Polarity)),
            aggregation=aggregation,
            frequency=frequency,
            unit=draw(st.sampled_from(["", "%", "£", "days"])),
            decimals=draw(st.integers(0, MAX_DECIMALS)),
            tolerance=Tolerance(
                draw(st.sampled_from(ToleranceKind)), draw(st.decimals(0, 50, places=1))
            ),
            factor=draw(
                st.sampled_from([Decimal(1), Decimal(100), Decimal(1000), Decimal(MAX_FACTOR)])
            ),
            annualise=annualise,
            reporting_frequency=draw(st.none() | st.sampled_from(Frequency)),
            rag_rule=draw(st.sampled_from(["tolerance", "havering", "kent"])),
            profile=draw(st.sampled_from(["even", "seasonal"]) | weights) if profiles else "even",
            definition=draw(_texts()),
            guidance=draw(_texts()),
            owner=draw(_texts()),
            service=draw(_texts()),
            statutory=draw(st.booleans()),
            source=draw(_texts()),
            comparator_group=draw(_texts()),
            classification=draw(st.sampled_from(IndicatorClassification)),
            objective=draw(_texts()),
            extras=draw(_extras()),
        )

    return build()


def targets() -> st.SearchStrategy[Target]:
    """Targets for any period, with or without bounds (``lower`` <= ``upper``), floor and
    stretch."""

    @st.composite
    def build(draw: st.DrawFn) -> Target:
        optional = st.none() | _quantities()
        lower, upper = draw(optional), draw(optional)
        if lower is not None and upper is not None and lower > upper:
            lower, upper = upper, lower
        return Target(
            indicator=draw(codes()),
            period=draw(periods(min_year=1990, max_year=2100)),
            target=draw(optional),
            lower=lower,
            upper=upper,
            floor=draw(optional),
            stretch=draw(optional),
            note=draw(_texts()),
            extras=draw(_extras()),
        )

    return build()


def indicator_values() -> st.SearchStrategy[IndicatorValue]:
    """Recorded values in every state: a figure, counts, both, or none with a reason."""

    @st.composite
    def build(draw: st.DrawFn) -> IndicatorValue:
        state = draw(st.sampled_from(ValueState))
        value = numerator = denominator = None
        if state is ValueState.PRESENT:
            shape = draw(st.sampled_from(["value", "counts", "both"]))
            if shape != "counts":
                value = draw(_quantities())
            if shape != "value":
                numerator = draw(_quantities())
                denominator = draw(figures(min_value=0))
        return IndicatorValue(
            indicator=draw(codes()),
            period=draw(periods(min_year=1990, max_year=2100)),
            state=state,
            value=value,
            numerator=numerator,
            denominator=denominator,
            status=draw(st.sampled_from(DataStatus)),
            note=draw(_texts()),
            note_date=draw(st.none() | st.dates()),
            entered_by=draw(_texts()),
            extras=draw(_extras()),
        )

    return build()


# -- the framework's other records ---------------------------------------------------------


def authorities() -> st.SearchStrategy[Authority]:
    """The authority a framework belongs to, with any financial year start month."""
    return st.builds(
        Authority,
        st.text(min_size=1, max_size=30),
        short_name=_texts(),
        code=codes() | st.just(""),
        year_start_month=year_start_months(),
    )


def organisations() -> st.SearchStrategy[Organisation]:
    """Partners and partnerships of the thread (a partnership lists its members)."""
    return st.builds(
        Organisation,
        codes(),
        st.text(min_size=1, max_size=30),
        kind=st.sampled_from(["council", "partner", "partnership", "police", "health"]),
        members=st.lists(codes(), max_size=4, unique=True).map(tuple),
    )


def indicator_links() -> st.SearchStrategy[IndicatorLink]:
    """An indicator attached to the thread item it measures."""
    return st.builds(IndicatorLink, codes(), codes())


def risk_reviews(scale: int = 5) -> st.SearchStrategy[Review]:
    """Dated reviews of a risk, with or without an agreed current rating."""
    return st.builds(
        Review,
        codes(),
        st.dates(),
        st.none() | assessments(scale),
        status=st.sampled_from(RiskStatus),
        period=st.sampled_from(["", "2024/25 Q2", "2025/26 Q1"]),
        note=_texts(),
    )


def published_values() -> st.SearchStrategy[PublishedValue]:
    """Another organisation's published figure for an indicator and period."""
    return st.builds(
        PublishedValue,
        codes(),
        periods(),
        codes(),
        _quantities(),
        numerator=st.none() | _quantities(),
        denominator=st.none() | _quantities(),
        status=st.sampled_from(DataStatus),
        source=_texts(),
    )


def _comparator_group(
    name: str,
    members: tuple[str, ...],
    kind: str,
    valid_from: dt.date | None,
    valid_to: dt.date | None,
) -> ComparatorGroup:
    if valid_from is not None and valid_to is not None and valid_to < valid_from:
        valid_from, valid_to = valid_to, valid_from
    return ComparatorGroup(name, members, kind, valid_from, valid_to)


def comparator_groups() -> st.SearchStrategy[ComparatorGroup]:
    """Comparator groups of one to eight distinct members, with optional validity dates
    (a group never ends before it starts)."""
    return st.builds(
        _comparator_group,
        st.text(min_size=1, max_size=20).filter(lambda name: name.strip() != ""),
        st.lists(codes(), min_size=1, max_size=8, unique=True).map(tuple),
        st.sampled_from(["", "CIPFA nearest neighbours", "region"]),
        st.none() | st.dates(),
        st.none() | st.dates(),
    )


def recorded_checks() -> st.SearchStrategy[RecordedCheck]:
    """Recorded audit spot-check outcomes for an indicator's financial year."""
    return st.builds(
        RecordedCheck,
        st.integers(2000, 2040).map(FinancialYear),
        st.builds(
            Verification,
            codes(),
            st.sampled_from(VerificationOutcome),
            # an auditor is named: never blank or only white space (U+0085 is space too)
            st.text(min_size=1, max_size=20).filter(str.strip),
            st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31)),
            _texts(),
        ),
    )


# -- finance -----------------------------------------------------------------------------


def money(*, negative: bool = False) -> st.SearchStrategy[Decimal]:
    """Amounts of money a bundle may hold: :func:`figures`, not negative unless
    ``negative``."""
    return figures(min_value=None if negative else 0)


def _tolerances() -> st.SearchStrategy[Tolerance]:
    return st.builds(Tolerance, st.sampled_from(ToleranceKind), figures(min_value=0))


def budget_lines(code: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[BudgetLine]:
    """Budget lines with every field drawn (``code`` draws the code; :func:`codes` by
    default)."""
    return st.builds(
        BudgetLine,
        code=codes() if code is None else code,
        title=_texts(),
        service=_texts(),
        kind=st.sampled_from(LineKind),
        owner=_texts(),
        tolerance=st.none() | _tolerances(),
        classification=st.sampled_from(Classification),
        funds=st.lists(codes(), max_size=3).map(tuple),
        extras=_extras(),
    )


def annual_budgets(*, year_start_month: int = 4) -> st.SearchStrategy[AnnualBudget]:
    """Annual budgets of lines drawn by :func:`codes`."""
    return st.builds(
        AnnualBudget,
        line=codes(),
        year=financial_years(min_year=1990, max_year=2100, year_start_month=year_start_month),
        original=money(),
        revised=st.none() | money(),
    )


def monthly_budgets(*, year_start_month: int = 4) -> st.SearchStrategy[MonthlyBudget]:
    """Months of budget profiles."""
    return st.builds(
        MonthlyBudget,
        line=codes(),
        month=months(min_year=1990, max_year=2100, year_start_month=year_start_month),
        amount=money(),
    )


def virements(*, year_start_month: int = 4) -> st.SearchStrategy[Virement]:
    """Virements between lines drawn by :func:`codes`."""
    return st.builds(
        Virement,
        year=financial_years(min_year=1990, max_year=2100, year_start_month=year_start_month),
        source=codes(),
        destination=codes(),
        amount=money(),
        approved_by=_texts(),
        approved_on=st.none() | st.dates(),
        reason=_texts(),
    )


def actuals(*, year_start_month: int = 4) -> st.SearchStrategy[Actual]:
    """Monthly actuals (negative ones too), with or without commitments and forecasts."""
    return st.builds(
        Actual,
        line=codes(),
        month=months(min_year=1990, max_year=2100, year_start_month=year_start_month),
        actual=money(negative=True),
        commitment=st.none() | money(negative=True),
        forecast=st.none() | money(),
        note=_texts(),
    )


def mtfp_entries(*, year_start_month: int = 4) -> st.SearchStrategy[MtfpEntry]:
    """Lines of a Medium Term Financial Plan."""
    return st.builds(
        MtfpEntry,
        year=financial_years(min_year=1990, max_year=2100, year_start_month=year_start_month),
        kind=st.sampled_from(MtfpKind),
        item=_texts(),
        amount=money(),
        note=_texts(),
    )


def savings(*, year_start_month: int = 4) -> st.SearchStrategy[Saving]:
    """Savings of the savings programme."""
    return st.builds(
        Saving,
        code=codes(),
        title=_texts(),
        year=financial_years(min_year=1990, max_year=2100, year_start_month=year_start_month),
        amount=money(),
        status=st.sampled_from(SavingStatus),
        delivered=st.none() | money(),
        service=_texts(),
        owner=_texts(),
        line=_texts(),
        note=_texts(),
    )


def unit_costs() -> st.SearchStrategy[UnitCost]:
    """Unit cost definitions (their lines and activity are not checked to exist)."""
    return st.builds(
        UnitCost,
        code=codes(),
        title=_texts(),
        lines=st.lists(codes(), min_size=1, max_size=3).map(tuple),
        activity=codes(),
        per=figures(min_value=0).filter(lambda n: n > 0),
        decimals=st.integers(0, MAX_DECIMALS),
        classification=st.sampled_from(Classification),
        polarity=st.sampled_from(Polarity),
        unit=_texts(),
        comparator_group=_texts(),
    )


def finances(
    *, year_start_month: int = 4, with_unit_costs: bool = True
) -> st.SearchStrategy[Finance]:
    """Finances whose parts have the unique keys a framework's do (one budget per line
    and year, one actual per line and month ...), with the default tolerance.  The parts
    need not fit together (an actual's line need not be a budget line): this is for
    round trips, not calculations.  ``with_unit_costs=False`` draws none (a store derives
    unit costs again when it loads a framework, which needs them to fit)."""
    ysm = year_start_month
    return st.builds(
        Finance,
        lines=st.lists(budget_lines(), max_size=4, unique_by=lambda x: x.code).map(tuple),
        budgets=st.lists(annual_budgets(year_start_month=ysm), max_size=4, unique_by=_key).map(
            tuple
        ),
        profiles=st.lists(monthly_budgets(year_start_month=ysm), max_size=4, unique_by=_key).map(
            tuple
        ),
        virements=st.lists(virements(year_start_month=ysm), max_size=3).map(tuple),
        actuals=st.lists(actuals(year_start_month=ysm), max_size=4, unique_by=_key).map(tuple),
        mtfp=st.lists(mtfp_entries(year_start_month=ysm), max_size=4).map(tuple),
        savings=st.lists(savings(year_start_month=ysm), max_size=3, unique_by=_key).map(tuple),
        unit_costs=(
            st.lists(unit_costs(), max_size=2, unique_by=lambda x: x.code).map(tuple)
            if with_unit_costs
            else st.just(())
        ),
    )


def _key(obj: AnnualBudget | MonthlyBudget | Actual | Saving) -> str:
    return obj.key
