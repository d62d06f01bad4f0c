"""The MTFP worked out by hand, and the savings programme set against its gap."""

from __future__ import annotations

from decimal import Decimal

import pytest

from goldenthread.finance import (
    Finance,
    MtfpEntry,
    MtfpKind,
    Saving,
    SavingStatus,
    mtfp_plan,
    mtfp_years,
    savings_summary,
)
from goldenthread.periods import FinancialYear

D = Decimal
Y25, Y26, Y27 = FinancialYear(2025), FinancialYear(2026), FinancialYear(2027)
BASE, PRESSURE, SAVING = MtfpKind.BASE, MtfpKind.PRESSURE, MtfpKind.SAVING
FUNDING, RESERVES = MtfpKind.FUNDING, MtfpKind.RESERVES

# A three-year plan, as Poole's MTFP: "indicative budgets for the medium term".
PLAN = (
    MtfpEntry(Y25, BASE, "Net budget brought forward", D("10000000")),
    MtfpEntry(Y25, PRESSURE, "Pay award 3%", D("500000")),
    MtfpEntry(Y25, PRESSURE, "Temporary accommodation", D("200000")),
    MtfpEntry(Y25, SAVING, "SAV-01", D("300000")),
    MtfpEntry(Y25, FUNDING, "Council tax", D("6800000")),
    MtfpEntry(Y25, FUNDING, "Business rates retained", D("3000000")),
    MtfpEntry(Y25, RESERVES, "Budget equalisation reserve", D("100000")),
    # 2026/27 has no base row: it brings forward 2025/26's requirement
    MtfpEntry(Y26, PRESSURE, "Pay award 2.5%", D("400000")),
    MtfpEntry(Y26, SAVING, "SAV-05", D("250000")),
    MtfpEntry(Y26, FUNDING, "Council tax and business rates", D("10100000")),
    # 2027/28 sets its own base
    MtfpEntry(Y27, BASE, "Rebased net budget", D("10600000")),
    MtfpEntry(Y27, FUNDING, "Council tax and business rates", D("10300000")),
)


def test_the_mtfp_by_hand() -> None:
    first, second, third = mtfp_years(PLAN)
    assert first.base == D(10000000)
    assert not first.base_brought_forward
    assert first.requirement == D(10400000)  # 10,000,000 + 700,000 - 300,000
    assert first.funding == D(9900000)  # 9,800,000 + 100,000 reserves
    assert first.reserves == D(100000)
    assert first.gap == D(500000)
    assert first.incremental_gap == D(500000)
    assert second.base_brought_forward
    assert second.base == D(10400000)
    assert second.requirement == D(10550000)  # 10,400,000 + 400,000 - 250,000
    assert second.gap == D(450000)
    assert second.incremental_gap == D(-50000)
    assert not third.base_brought_forward
    assert third.requirement == D(10600000)
    assert third.gap == D(300000)
    assert third.incremental_gap == D(-150000)


def test_the_first_year_without_a_base_is_an_error() -> None:
    with pytest.raises(ValueError, match=r"first year, 2026/27, has no base"):
        mtfp_years([e for e in PLAN if e.year != Y25 and e.kind is not BASE])


def _saving(
    code: str, year: FinancialYear, amount: str, status: SavingStatus, **kw: object
) -> Saving:
    return Saving(code, f"Saving {code}", year, D(amount), status, **kw)  # type: ignore[arg-type]


PROGRAMME = (
    _saving("SAV-01", Y25, "100000", SavingStatus.DELIVERED, delivered=D(100000)),
    _saving("SAV-02", Y25, "150000", SavingStatus.ON_TRACK, delivered=D(60000)),
    _saving("SAV-03", Y25, "30000", SavingStatus.AT_RISK),
    _saving("SAV-04", Y25, "20000", SavingStatus.UNACHIEVABLE),
    _saving("SAV-05", Y26, "50000", SavingStatus.AT_RISK),
)


def test_savings_against_the_gap_by_hand() -> None:
    first, second, third = savings_summary(Finance(mtfp=PLAN, savings=PROGRAMME))
    assert first.year == Y25
    assert first.savings == 4
    assert first.planned == D(300000)
    assert (first.delivered, first.on_track, first.at_risk, first.unachievable) == (
        D(100000),
        D(150000),
        D(30000),
        D(20000),
    )
    assert first.delivered_to_date == D(160000)
    assert first.not_secure == D(50000)
    assert first.gap == D(500000)
    assert first.gap_if_unachievable_missed == D(520000)
    assert first.gap_if_at_risk_missed == D(550000)
    # 2026/27 brings its base forward, so 2025/26's shortfall carries into it
    assert second.gap == D(450000)
    assert second.gap_if_unachievable_missed == D(470000)  # + SAV-04
    assert second.gap_if_at_risk_missed == D(550000)  # + SAV-03, SAV-04, SAV-05
    # 2027/28 sets its own base: it starts afresh
    assert third.savings == 0
    assert third.gap == third.gap_if_at_risk_missed == D(300000)
    assert first.to_dict()["gap_if_at_risk_missed"] == D(550000)
    assert first.to_dict()["year"] == "2025/26"


def test_savings_in_a_year_the_mtfp_does_not_cover_have_no_gap() -> None:
    later = _saving("SAV-09", FinancialYear(2030), "5000", SavingStatus.AT_RISK)
    summary = savings_summary(Finance(savings=(later,)))
    assert len(summary) == 1
    assert summary[0].at_risk == D(5000)
    assert summary[0].gap is None
    assert summary[0].gap_if_at_risk_missed is None


def test_savings_for_chosen_years() -> None:
    summary = savings_summary(Finance(mtfp=PLAN, savings=PROGRAMME), [Y26, Y25])
    assert [s.year for s in summary] == [Y26, Y25]
    assert savings_summary(Finance()) == ()


def test_saving_status_rag() -> None:
    assert [s.rag for s in SavingStatus] == ["green", "green", "amber", "red"]


def test_the_mtfp_json_html_and_frame() -> None:
    plan = mtfp_plan(PLAN)
    assert len(plan) == 3
    assert plan[1].year == Y26
    assert plan.year(Y27).gap == D(300000)
    with pytest.raises(KeyError):
        plan.year(FinancialYear(2030))
    rows = plan.to_dict()
    assert set(rows[0]) >= {
        "year",
        "base",
        "pressures",
        "savings",
        "requirement",
        "funding",
        "gap",
        "incremental_gap",
    }
    assert rows[1]["year"] == "2026/27"
    assert rows[1]["base_brought_forward"] is True
    assert rows[1]["incremental_gap"] == D(-50000)
    html = plan._repr_html_()
    assert "<caption>Medium Term Financial Plan" in html
    assert "£10,400,000.00 (brought forward)" in html
    assert "−£50,000.00" in html
    frame = plan.to_pandas(exact=False)
    assert list(frame["year"]) == ["2025/26", "2026/27", "2027/28"]
    assert list(frame["gap"]) == [500000.0, 450000.0, 300000.0]
    assert [y.year for y in plan] == [Y25, Y26, Y27]
