"""Schedules for a financial year: the seeds' arrangements and the schedule laws."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.cycles import (
    Arrangement,
    EnglandAndWalesCalendar,
    MeetingRule,
    MeetingSchedule,
    OffsetRule,
    ScheduleError,
    parse_recurrence,
    schedule_for_year,
)
from goldenthread.periods import FinancialYear, Frequency, HalfYear, Month, Quarter
from tests.cycles.examples import example_cycle
from tests.cycles.strategies import arrangements

ENGLAND = EnglandAndWalesCalendar()
MEETINGS = (
    MeetingSchedule("Cabinet", recurrences=[parse_recurrence("2nd Tuesday monthly")]),
    MeetingSchedule("Management Team", recurrences=[parse_recurrence("every Tuesday")]),
    MeetingSchedule("Audit Committee", recurrences=[parse_recurrence("3rd Thursday monthly")]),
)


def _poole_2024() -> dict[str, list[tuple[str, dt.date | None, dt.date]]]:
    config = example_cycle("poole")
    schedule = schedule_for_year(
        config.arrangements, FinancialYear(2024), config.calendar, config.meetings
    )
    found: dict[str, list[tuple[str, dt.date | None, dt.date]]] = {}
    for occurrence in schedule:
        found.setdefault(occurrence.arrangement.key, []).append(
            (occurrence.period.label, occurrence.data_due, occurrence.report_due)
        )
    for rows in found.values():
        rows.sort()
    return found


def test_poole_half_yearly_performance_report_to_management_team_and_cabinet() -> None:
    config = example_cycle("poole")
    [arrangement] = [a for a in config.arrangements if a.key == "corporate-performance"]
    assert arrangement.who == ("Management Team", "Cabinet")
    assert arrangement.frequency is Frequency.HALF_YEARLY
    # H1 ends Mon 30 Sep 2024; H2 ends Mon 31 Mar 2025 and Good Friday/Easter Monday
    # 2025 are skipped when counting the 15 working days.
    assert _poole_2024()["corporate-performance"] == [
        ("2024/25 H1", dt.date(2024, 10, 21), dt.date(2024, 11, 12)),
        ("2024/25 H2", dt.date(2025, 4, 23), dt.date(2025, 5, 13)),
    ]


def test_poole_quarterly_risk_register_to_management_team_and_audit_committee() -> None:
    config = example_cycle("poole")
    [arrangement] = [a for a in config.arrangements if a.key == "corporate-risk-register"]
    assert arrangement.who == ("Management Team", "Audit Committee")
    assert _poole_2024()["corporate-risk-register"] == [
        ("2024/25 Q1", dt.date(2024, 7, 12), dt.date(2024, 9, 19)),
        ("2024/25 Q2", dt.date(2024, 10, 14), dt.date(2024, 11, 21)),
        ("2024/25 Q3", dt.date(2025, 1, 15), dt.date(2025, 2, 20)),
        ("2024/25 Q4", dt.date(2025, 4, 14), dt.date(2025, 5, 15)),
    ]


def test_poole_monthly_budget_report_skips_christmas_and_august() -> None:
    rows = {label: (data, report) for label, data, report in _poole_2024()["budget"]}
    assert len(rows) == 12
    # December 2024 data: 5 working days after Tue 31 Dec skips New Year's Day.
    assert rows["2024-12"] == (dt.date(2025, 1, 8), dt.date(2025, 2, 11))
    # June 2024 report: Cabinet does not meet in August, so September.
    assert rows["2024-06"] == (dt.date(2024, 7, 5), dt.date(2024, 9, 10))


def test_rossendale_three_year_corporate_plan_and_annual_pdis() -> None:
    config = example_cycle("rossendale")

    def keys(year: int) -> set[str]:
        schedule = schedule_for_year(
            config.arrangements, FinancialYear(year), config.calendar, config.meetings
        )
        return {o.arrangement.key for o in schedule}

    assert "corporate-plan-review" in keys(2024)
    assert "corporate-plan-review" not in keys(2025)
    assert "corporate-plan-review" in keys(2027)
    schedule = schedule_for_year(
        config.arrangements, FinancialYear(2024), config.calendar, config.meetings
    )
    [pdi] = schedule.for_arrangement("personal-development-interviews")
    assert pdi.period == FinancialYear(2024)
    assert pdi.report_due == dt.date(2025, 6, 30)
    assert len(schedule.for_arrangement("action-plans")) == 12
    assert [o.period for o in schedule.for_arrangement("business-plans")] == [
        Quarter(2024, q) for q in (1, 2, 3, 4)
    ]


def test_schedule_is_ordered_by_report_due_and_filters_by_date() -> None:
    config = example_cycle("poole")
    schedule = schedule_for_year(
        config.arrangements, FinancialYear(2024), config.calendar, config.meetings
    )
    dues = [o.report_due for o in schedule]
    assert dues == sorted(dues)
    november = schedule.due_between(dt.date(2024, 11, 1), dt.date(2024, 11, 30))
    assert {(o.arrangement.key, o.period.label) for o in november} >= {
        ("corporate-performance", "2024/25 H1"),
        ("corporate-risk-register", "2024/25 Q2"),
        ("budget", "2024-10"),  # its data is due on 7 November
    }


def test_body_without_meetings_is_a_schedule_error_naming_the_arrangement() -> None:
    plan = Arrangement(
        "corporate-plan",
        "Corporate Plan",
        ["Council"],
        Frequency.QUARTERLY,
        MeetingRule("Council", 6),
    )
    with pytest.raises(ScheduleError) as info:
        schedule_for_year([plan], FinancialYear(2024), ENGLAND, MEETINGS)
    assert str(info.value) == (
        "arrangement 'corporate-plan': no meetings are known for 'Council'; give its meeting"
        " dates or a recurrence (bodies with meetings: Audit Committee, Cabinet,"
        " Management Team)"
    )


def test_duplicate_keys_are_a_schedule_error() -> None:
    budget = Arrangement("budget", "Budget", ["Cabinet"], Frequency.MONTHLY, OffsetRule(5))
    with pytest.raises(ScheduleError, match=r"^arrangement 'budget' is listed twice$"):
        schedule_for_year([budget, budget], FinancialYear(2024), ENGLAND, MEETINGS)


def test_other_year_start_months_are_followed() -> None:
    budget = Arrangement("budget", "Budget", ["Cabinet"], Frequency.HALF_YEARLY, OffsetRule(5))
    schedule = schedule_for_year([budget], FinancialYear(2024, 1), ENGLAND, MEETINGS)
    assert [o.period for o in schedule] == [HalfYear(2024, 1, 1), HalfYear(2024, 2, 1)]
    assert schedule.occurrences[0].period.end == dt.date(2024, 6, 30)


@given(st.lists(arrangements, max_size=4, unique_by=lambda a: a.key), st.integers(2000, 2035))
def test_one_occurrence_per_period_with_dues_after_period_end(
    found: list[Arrangement], year: int
) -> None:
    fy = FinancialYear(year)
    schedule = schedule_for_year(found, fy, ENGLAND, MEETINGS)
    for arrangement in found:
        mine = schedule.for_arrangement(arrangement.key)
        assert [o.period for o in mine] == list(fy.subperiods(arrangement.frequency))
        for occurrence in mine:
            assert occurrence.report_due > occurrence.period.end
            if occurrence.data_due is not None:
                assert occurrence.data_due > occurrence.period.end
            else:
                assert arrangement.data_due is None
    assert len(schedule) == sum(a.frequency.per_year for a in found)


@given(st.integers(2000, 2035))
def test_monthly_schedule_covers_each_month_once(year: int) -> None:
    budget = Arrangement("budget", "Budget", ["Cabinet"], Frequency.MONTHLY, OffsetRule(5))
    schedule = schedule_for_year([budget], FinancialYear(year), ENGLAND, MEETINGS)
    assert [o.period for o in schedule] == list(FinancialYear(year).month_periods())
    assert all(isinstance(o.period, Month) for o in schedule)
