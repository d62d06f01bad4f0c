"""Monitoring arrangements: their checks and multi-year recurrence."""

from __future__ import annotations

import pytest

from goldenthread.cycles import Anchor, Arrangement, MeetingRule, OffsetRule
from goldenthread.errors import InputError
from goldenthread.periods import FinancialYear, Frequency

REPORT = OffsetRule(10)


def test_who_may_be_one_body_or_several() -> None:
    one = Arrangement("budget", "Budget", "Cabinet", Frequency.MONTHLY, REPORT)
    assert one.who == ("Cabinet",)
    several = Arrangement("b", "Budget", ["Management Team", "Cabinet"], Frequency.MONTHLY, REPORT)
    assert several.who == ("Management Team", "Cabinet")


def test_bodies_are_those_the_rules_need() -> None:
    arrangement = Arrangement(
        "risk",
        "Corporate risk register",
        ["Management Team", "Audit Committee"],
        Frequency.QUARTERLY,
        MeetingRule("Audit Committee", 4),
        OffsetRule(10),
    )
    assert arrangement.bodies == ("Audit Committee",)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"key": " "}, "an arrangement needs a key"),
        ({"what": ""}, "arrangement 'k' needs 'what' is monitored"),
        ({"who": []}, "arrangement 'k' needs 'who' monitors it (one or more bodies)"),
        ({"who": ["Cabinet", " "]}, "arrangement 'k' needs 'who' monitors it (one or more bodies)"),
        ({"who": 3}, "'who' must be a list of bodies, not 3"),
        (
            {"data_due": OffsetRule(1, anchor=Anchor.DATA_DUE)},
            "arrangement 'k': the data due rule cannot count from 'data due'",
        ),
        (
            {"report_due": OffsetRule(1, anchor=Anchor.DATA_DUE)},
            "arrangement 'k': the report due rule counts from data due, but there is no data"
            " due rule",
        ),
        ({"every_years": 0}, "arrangement 'k': every_years must be at least 1, not 0"),
        (
            {"every_years": 3, "anchor_year": 2024, "frequency": Frequency.QUARTERLY},
            "arrangement 'k': every_years applies only to annual arrangements, not quarterly",
        ),
        (
            {"every_years": 3},
            "arrangement 'k': every_years = 3 needs an anchor year (a financial year in which"
            " it occurs)",
        ),
    ],
)
def test_inconsistent_arrangements_are_rejected(kwargs: dict[str, object], message: str) -> None:
    values: dict[str, object] = {
        "key": "k",
        "what": "Something",
        "who": ["Cabinet"],
        "frequency": Frequency.ANNUAL,
        "report_due": REPORT,
    }
    values.update(kwargs)
    with pytest.raises(InputError) as info:
        Arrangement(**values)  # type: ignore[arg-type]
    assert str(info.value) == message


def test_three_year_corporate_plan_occurs_every_third_year() -> None:
    plan = Arrangement(
        "corporate-plan",
        "Corporate Plan review",
        ["Council"],
        Frequency.ANNUAL,
        REPORT,
        every_years=3,
        anchor_year=2024,
    )
    years = [y for y in range(2018, 2031) if plan.occurs_in(FinancialYear(y))]
    assert years == [2018, 2021, 2024, 2027, 2030]
