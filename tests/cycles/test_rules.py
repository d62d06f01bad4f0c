"""Due rules: the spellings framework.toml uses, their dates and their laws."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given

from goldenthread.cycles import (
    Anchor,
    EnglandAndWalesCalendar,
    MeetingRule,
    MeetingSchedule,
    MonthEndRule,
    OffsetRule,
    Unit,
    parse_due_rule,
    parse_recurrence,
)
from goldenthread.cycles.rules import DueRule
from goldenthread.errors import InputError
from tests.cycles.strategies import dates, due_rules

ENGLAND = EnglandAndWalesCalendar()
MEETINGS = (
    MeetingSchedule("Cabinet", recurrences=[parse_recurrence("2nd Tuesday monthly")]),
    MeetingSchedule("Management Team", recurrences=[parse_recurrence("every Tuesday")]),
    MeetingSchedule("Audit Committee", recurrences=[parse_recurrence("3rd Thursday monthly")]),
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10 working days after period end", OffsetRule(10)),
        ("1 working day after period end", OffsetRule(1)),
        ("20 days after period end", OffsetRule(20, Unit.DAYS)),
        ("6 weeks after the end of the period", OffsetRule(6, Unit.WEEKS)),
        ("5 business days after data due", OffsetRule(5, Unit.WORKING_DAYS, Anchor.DATA_DUE)),
        ("last working day of the following month", MonthEndRule(1)),
        ("Last working day of the next month", MonthEndRule(1)),
        ("last working day of the month after data due", MonthEndRule(1, Anchor.DATA_DUE)),
        ("last working day of the 3rd month after period end", MonthEndRule(3)),
        (
            "first Cabinet meeting at least 6 weeks after period end",
            MeetingRule("Cabinet", 6, Unit.WEEKS),
        ),
        ("the next Management Team meeting after period end", MeetingRule("Management Team")),
        (
            "first  Audit Committee meeting at least 10 working days after data due",
            MeetingRule("Audit Committee", 10, Unit.WORKING_DAYS, Anchor.DATA_DUE),
        ),
    ],
)
def test_rule_spellings(text: str, expected: DueRule) -> None:
    assert parse_due_rule(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "whenever",
            "cannot read due rule 'whenever'; write e.g. '10 working days after period end',"
            " '20 days after period end', 'last working day of the following month' or"
            " 'first Cabinet meeting at least 6 weeks after period end'",
        ),
        (
            "0 working days after period end",
            "due rule '0 working days after period end': the number of days, weeks or months"
            " must be at least 1, not 0",
        ),
        (
            "last working day of the 0th month after period end",
            "due rule 'last working day of the 0th month after period end': the number of"
            " days, weeks or months must be at least 1, not 0",
        ),
        (
            "first Cabinet meeting at least 0 days after period end",
            "due rule 'first Cabinet meeting at least 0 days after period end': 'at least 0'"
            " is not a gap; leave 'at least ...' out",
        ),
    ],
)
def test_bad_rules_are_rejected_with_the_reason(text: str, message: str) -> None:
    with pytest.raises(InputError) as info:
        parse_due_rule(text)
    assert str(info.value) == message


def test_rule_fields_are_checked() -> None:
    with pytest.raises(InputError, match="must be at least 1, not -2"):
        OffsetRule(-2)
    with pytest.raises(InputError, match="minimum gap before a meeting cannot be negative"):
        MeetingRule("Cabinet", -1)
    with pytest.raises(InputError, match="needs the name of the body"):
        MeetingRule(" ")
    with pytest.raises(InputError, match=r"^a meeting rule without a gap takes no unit"):
        MeetingRule("Cabinet", 0, Unit.WEEKS)


def test_due_dates_from_the_seeds_calendar() -> None:
    q2_end = dt.date(2024, 9, 30)
    assert parse_due_rule("10 working days after period end").due(q2_end, ENGLAND, ()) == (
        dt.date(2024, 10, 14)
    )
    assert parse_due_rule("20 days after period end").due(q2_end, ENGLAND, ()) == (
        dt.date(2024, 10, 20)
    )
    # November 2024 ends on a Saturday: the following month's last working day is 31 Dec.
    rule = parse_due_rule("last working day of the following month")
    assert rule.due(dt.date(2024, 11, 30), ENGLAND, ()) == dt.date(2024, 12, 31)
    # March 2025 -> April 2025, whose last day (Wed 30 April) is a working day.
    assert rule.due(dt.date(2025, 3, 31), ENGLAND, ()) == dt.date(2025, 4, 30)
    # H1 2024/25 ends 30 Sep; 6 weeks later is 11 Nov; Cabinet's next 2nd Tuesday is 12 Nov.
    cabinet = parse_due_rule("first Cabinet meeting at least 6 weeks after period end")
    assert cabinet.due(q2_end, ENGLAND, MEETINGS) == dt.date(2024, 11, 12)


def test_last_working_day_skips_a_bank_holiday_month_end() -> None:
    # August 2025 ends on a Sunday; Friday 29 August is its last working day.
    rule = MonthEndRule(1)
    assert rule.due(dt.date(2025, 7, 31), ENGLAND, ()) == dt.date(2025, 8, 29)


def test_meeting_rule_without_a_gap_is_strictly_after_the_anchor() -> None:
    tuesday = dt.date(2024, 10, 1)
    rule = parse_due_rule("first Management Team meeting after period end")
    assert rule.due(tuesday, ENGLAND, MEETINGS) == dt.date(2024, 10, 8)


def test_meeting_rule_for_a_body_without_meetings_is_an_error() -> None:
    rule = parse_due_rule("first Council meeting at least 6 weeks after period end")
    with pytest.raises(InputError, match=r"^no meetings are known for 'Council'"):
        rule.due(dt.date(2024, 9, 30), ENGLAND, MEETINGS)


def test_meeting_rule_with_no_meeting_late_enough_is_an_error() -> None:
    meetings = [MeetingSchedule("Cabinet", dates=[dt.date(2024, 7, 9)])]
    rule = parse_due_rule("first Cabinet meeting at least 6 weeks after period end")
    with pytest.raises(InputError) as info:
        rule.due(dt.date(2024, 9, 30), ENGLAND, meetings)
    assert str(info.value) == (
        "no Cabinet meeting is known on or after 2024-11-11 (looked 400 days ahead) for rule"
        " 'first Cabinet meeting at least 6 weeks after period end'"
    )


@given(due_rules)
def test_rule_text_round_trips(rule: DueRule) -> None:
    assert parse_due_rule(str(rule)) == rule


@given(due_rules, dates)
def test_every_due_date_is_after_its_anchor(rule: DueRule, anchor: dt.date) -> None:
    assert rule.due(anchor, ENGLAND, MEETINGS) > anchor


@given(due_rules, dates, dates)
def test_due_dates_are_monotone_in_the_anchor(rule: DueRule, a: dt.date, b: dt.date) -> None:
    early, late = sorted((a, b))
    assert rule.due(early, ENGLAND, MEETINGS) <= rule.due(late, ENGLAND, MEETINGS)
