"""Reading [cycle], [[meetings]] and [[monitoring]] from framework.toml: every bad input."""

from __future__ import annotations

import datetime as dt
import tomllib
from typing import Any

import pytest

from goldenthread.cycles import (
    EnglandAndWalesCalendar,
    MeetingRule,
    OffsetRule,
    Recurrence,
    Unit,
    WeekendsOnlyCalendar,
)
from goldenthread.errors import BundleError
from goldenthread.io.cycles import read_cycles
from goldenthread.periods import Frequency
from tests.cycles.examples import example_cycle

ENTRY: dict[str, Any] = {
    "key": "risk",
    "what": "Risk register",
    "who": ["Management Team"],
    "frequency": "quarterly",
    "report_due": "10 working days after period end",
}


def monitoring(**changes: Any) -> dict[str, Any]:
    entry = dict(ENTRY)
    for key, value in changes.items():
        if value is None:
            del entry[key]
        else:
            entry[key] = value
    return {"monitoring": [entry]}


def meeting(**entry: Any) -> dict[str, Any]:
    return {"meetings": [entry]}


def problems(document: dict[str, Any]) -> list[str]:
    with pytest.raises(BundleError) as info:
        read_cycles(document)
    for problem in info.value.problems:
        assert problem.file == "framework.toml"
    return [f"{p.column}: {p.reason}" for p in info.value.problems]


BAD = [
    (
        {"monitoring": {"key": "x"}},
        ["monitoring: 'monitoring' must be a list of tables, written [[monitoring]]"],
    ),
    (
        {"meetings": ["Cabinet"]},
        ["meetings: 'meetings' must be a list of tables, written [[meetings]]"],
    ),
    ({"cycle": "england"}, ["cycle: 'cycle' must be a table, written [cycle]"]),
    (
        {"cycle": {"calendar": "england-and-wales", "closures": []}},
        ["cycle.closures: unknown key 'closures'; expected one of calendar"],
    ),
    (
        {"cycle": {"calendar": "mars"}},
        [
            "cycle.calendar: unknown working-day calendar 'mars'; known calendars:"
            " england-and-wales, northern-ireland, scotland, weekends-only"
        ],
    ),
    ({"cycle": {"calendar": 3}}, ["cycle.calendar: 'calendar' must be non-empty text, not 3"]),
    (
        meeting(body="Cabinet", recurrence="every Monday", when="x"),
        [
            "meetings[1].when: unknown key 'when'; expected one of body, recurrence, dates,"
            " cancelled"
        ],
    ),
    (meeting(recurrence="every Monday"), ["meetings[1].body: 'body' is required"]),
    (
        meeting(body=4, recurrence="every Monday"),
        ["meetings[1].body: 'body' must be non-empty text, not 4"],
    ),
    (
        meeting(body="Cabinet", recurrence=["every Monday", "fortnightly"]),
        [
            "meetings[1].recurrence: cannot read meeting recurrence 'fortnightly'; write e.g."
            " '2nd Wednesday monthly', 'last Tuesday of each month' or 'every Monday'"
        ],
    ),
    (
        meeting(body="Cabinet", recurrence=5),
        ["meetings[1].recurrence: 'recurrence' must be text or a list of non-empty texts, not 5"],
    ),
    (
        meeting(body="Cabinet", dates="2024-07-01"),
        ["meetings[1].dates: 'dates' must be a list of dates, not '2024-07-01'"],
    ),
    (
        meeting(body="Cabinet", dates=["2024-02-30", dt.datetime(2024, 7, 1, 10), "2024-07-01"]),
        [
            "meetings[1].dates: '2024-02-30' is not a date; write YYYY-MM-DD",
            "meetings[1].dates: datetime.datetime(2024, 7, 1, 10, 0) is not a date;"
            " write YYYY-MM-DD",
        ],
    ),
    (
        meeting(body="Cabinet", recurrence="every Monday", cancelled=[3]),
        ["meetings[1].cancelled: 3 is not a date; write YYYY-MM-DD"],
    ),
    (meeting(body="Cabinet"), ["meetings[1]: meetings of 'Cabinet' need 'dates' or 'recurrence'"]),
    (
        monitoring(report_dew="x"),
        [
            "monitoring[1].report_dew: unknown key 'report_dew'; expected one of key, what, who,"
            " frequency, data_due, report_due, description, concerns, every_years, anchor_year,"
            " returns"
        ],
    ),
    (monitoring(key=None), ["monitoring[1].key: 'key' is required"]),
    (monitoring(key=" "), ["monitoring[1].key: 'key' must be non-empty text, not ' '"]),
    (monitoring(what=None), ["monitoring[1].what: 'what' is required"]),
    (monitoring(who=None), ["monitoring[1].who: 'who' is required"]),
    (
        monitoring(who=["Cabinet", 3]),
        ["monitoring[1].who: 'who' must be text or a list of non-empty texts, not ['Cabinet', 3]"],
    ),
    (monitoring(frequency=None), ["monitoring[1].frequency: 'frequency' is required"]),
    (
        monitoring(frequency="fortnightly"),
        [
            "monitoring[1].frequency: arrangement 'risk': unknown frequency 'fortnightly';"
            " expected one of monthly, quarterly, half-yearly, annual"
        ],
    ),
    (monitoring(report_due=None), ["monitoring[1].report_due: 'report_due' is required"]),
    (
        monitoring(report_due="soon"),
        [
            "monitoring[1].report_due: arrangement 'risk': cannot read due rule 'soon'; write"
            " e.g. '10 working days after period end', '20 days after period end', 'last"
            " working day of the following month' or 'first Cabinet meeting at least 6 weeks"
            " after period end'"
        ],
    ),
    (
        monitoring(data_due="0 days after period end"),
        [
            "monitoring[1].data_due: arrangement 'risk': due rule '0 days after period end':"
            " the number of days, weeks or months must be at least 1, not 0"
        ],
    ),
    (
        monitoring(report_due="first Cabinet meeting after period end"),
        [
            "monitoring[1].report_due: arrangement 'risk': the rule refers to 'Cabinet', but no"
            " [[meetings]] give its meetings"
        ],
    ),
    (
        monitoring(every_years=0),
        [
            "monitoring[1].every_years: arrangement 'risk': every_years must be a whole number"
            " of at least 1, not 0"
        ],
    ),
    (
        monitoring(frequency="annual", every_years=3, anchor_year="2024/25 Q1"),
        [
            "monitoring[1].anchor_year: arrangement 'risk': anchor_year must be a financial"
            " year such as '2024/25', not '2024/25 Q1'"
        ],
    ),
    (
        monitoring(frequency="annual", every_years=3),
        [
            "monitoring[1]: arrangement 'risk': every_years = 3 needs an anchor year (a"
            " financial year in which it occurs)"
        ],
    ),
    (
        monitoring(data_due="5 working days after data due"),
        ["monitoring[1]: arrangement 'risk': the data due rule cannot count from 'data due'"],
    ),
    (
        {"monitoring": [ENTRY, ENTRY]},
        ["monitoring[2].key: arrangement 'risk' is already defined in monitoring[1]"],
    ),
]


@pytest.mark.parametrize(("document", "expected"), BAD)
def test_bad_input_names_file_entry_key_and_reason(
    document: dict[str, Any], expected: list[str]
) -> None:
    assert problems(document) == expected


def test_an_unreadable_anchor_year_label_is_reported() -> None:
    [found] = problems(monitoring(frequency="annual", every_years=3, anchor_year="someday"))
    assert found.startswith("monitoring[1].anchor_year: arrangement 'risk': ")
    assert "'someday'" in found


def test_every_problem_is_reported_at_once() -> None:
    document = {
        "cycle": {"calendar": "mars"},
        "meetings": [{"body": "Cabinet"}],
        "monitoring": [
            dict(ENTRY, frequency="weekly"),
            dict(ENTRY, key="budget", report_due="first Council meeting after period end"),
        ],
    }
    assert [p.split(":")[0] for p in problems(document)] == [
        "cycle.calendar",
        "meetings[1]",
        "monitoring[1].frequency",
        "monitoring[2].report_due",
    ]
    with pytest.raises(BundleError, match=r"^4 problems:\n  - framework.toml, column"):
        read_cycles(document)


def test_a_complete_document() -> None:
    document = tomllib.loads(
        """
        [cycle]
        calendar = "weekends-only"

        [[meetings]]
        body = "Cabinet"
        recurrence = "2nd Tuesday monthly"
        dates = [2024-07-24, "2024-10-30"]
        cancelled = [2024-08-13]

        [[monitoring]]
        key = "corporate-plan"
        what = "Corporate Plan review"
        who = "Cabinet"
        frequency = "annual"
        data_due = "10 working days after period end"
        report_due = "first cabinet meeting at least 6 weeks after data due"
        concerns = "corporate"
        description = "Three-year plan."
        every_years = 3
        anchor_year = "2024/25"
        """
    )
    config = read_cycles(document)
    assert config.calendar == WeekendsOnlyCalendar()
    [cabinet] = config.meetings
    assert cabinet.dates == (dt.date(2024, 7, 24), dt.date(2024, 10, 30))
    assert cabinet.recurrences == (Recurrence(1, 2),)
    assert cabinet.cancelled == (dt.date(2024, 8, 13),)
    [plan] = config.arrangements
    assert plan.who == ("Cabinet",)
    assert plan.frequency is Frequency.ANNUAL
    assert plan.data_due == OffsetRule(10)
    assert plan.report_due == MeetingRule("cabinet", 6, Unit.WEEKS, plan.report_due.anchor)
    assert (plan.every_years, plan.anchor_year, plan.concerns) == (3, 2024, "corporate")
    assert plan.description == "Three-year plan."


def test_defaults_and_a_custom_calendar_registry() -> None:
    assert read_cycles({}).calendar == EnglandAndWalesCalendar()
    assert read_cycles({}).arrangements == ()
    mine = WeekendsOnlyCalendar(closures=[dt.date(2024, 12, 27)])
    config = read_cycles({"cycle": {"calendar": "council"}}, calendars={"council": mine})
    assert config.calendar is mine
    config = read_cycles(monitoring(anchor_year="2024", frequency="annual"), year_start_month=1)
    assert config.arrangements[0].anchor_year == 2024


@pytest.mark.parametrize("council", ["poole", "rossendale"])
def test_the_example_councils_read_cleanly(council: str) -> None:
    config = example_cycle(council)
    assert config.calendar == EnglandAndWalesCalendar()
    assert {"Management Team", "Cabinet"} <= {m.body for m in config.meetings}
    assert len(config.arrangements) >= 6
