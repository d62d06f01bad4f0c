"""Progress of actions against straight-line expectation and the roll-up rules."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from goldenthread.thread import (
    IndicatorLink,
    Item,
    ItemKind,
    ItemStatus,
    RollupRule,
    RollupStatus,
    Thread,
    assess_action,
    combine,
    expected_progress,
    rollup,
)

from .helpers import item

G, A, R, N = RollupStatus.GREEN, RollupStatus.AMBER, RollupStatus.RED, RollupStatus.NO_DATA
ONE = Decimal(1)


def action(progress: int | None, **kw: Any) -> Item:
    return item(
        "A1",
        "team",
        kind=ItemKind.ACTION,
        start=dt.date(2013, 4, 1),
        due=dt.date(2014, 3, 31),
        progress=None if progress is None else Decimal(progress),
        **kw,
    )


def test_expected_progress_is_a_straight_line() -> None:
    start, due = dt.date(2013, 4, 1), dt.date(2013, 4, 11)
    assert expected_progress(start, due, dt.date(2013, 3, 1)) == 0
    assert expected_progress(start, due, dt.date(2013, 4, 6)) == 50
    assert expected_progress(start, due, dt.date(2013, 4, 11)) == 100
    assert expected_progress(due, due, dt.date(2013, 4, 10)) == 0
    assert expected_progress(due, due, due) == 100


@pytest.mark.parametrize(
    ("progress", "as_at", "status"),
    [
        (50, dt.date(2013, 9, 30), G),  # 182/364 days: 50% expected
        (41, dt.date(2013, 9, 30), A),  # 9 points behind
        (40, dt.date(2013, 9, 30), A),  # 10 points behind: the boundary is amber
        (39, dt.date(2013, 9, 30), R),
        (None, dt.date(2013, 9, 30), N),
        (90, dt.date(2014, 4, 1), R),  # overdue
        (100, dt.date(2014, 4, 1), G),
    ],
)
def test_action_status_against_expected(
    progress: int | None, as_at: dt.date, status: RollupStatus
) -> None:
    assessed = assess_action(action(progress), as_at)
    assert assessed.status is status


def test_complete_cancelled_and_undated_actions() -> None:
    on = dt.date(2013, 9, 30)
    assert assess_action(action(10, status=ItemStatus.COMPLETE), on).status is G
    assert assess_action(action(10, status=ItemStatus.CANCELLED), on).status is N
    undated = item("U", "team", kind=ItemKind.ACTION, progress=Decimal(10))
    assert assess_action(undated, on).reason == "no start or due date"
    assessed = assess_action(action(30), on)
    assert assessed.reason == "30% complete against 50% expected"


def test_rules_on_the_same_inputs() -> None:
    inputs = [(G, ONE), (G, ONE), (A, ONE), (R, ONE), (N, ONE)]
    assert combine(inputs, RollupRule.WORST_OF) is R
    assert combine(inputs, RollupRule.MAJORITY) is G
    assert combine(inputs, RollupRule.WEIGHTED) is A  # (1 + 1 + 0.5 + 0) / 4 = 0.625
    assert combine([(G, ONE), (R, ONE)], RollupRule.MAJORITY) is R  # a tie goes to the worse
    assert combine([(G, Decimal(3)), (R, ONE)], RollupRule.WEIGHTED) is G  # 0.75
    assert combine([(N, ONE)], RollupRule.WORST_OF) is N
    assert combine([(G, Decimal(0))], RollupRule.WEIGHTED) is N


def test_rule_and_status_names_parse() -> None:
    assert RollupRule.parse("Worst of") is RollupRule.WORST_OF
    assert RollupStatus.from_indicator("data-only") is N
    assert RollupStatus.from_indicator("Amber") is A
    with pytest.raises(ValueError, match="unknown roll-up rule 'mean'; expected one of"):
        RollupRule.parse("mean")


def test_objective_rolls_up_actions_and_indicators() -> None:
    on = dt.date(2013, 9, 30)
    dates = {"start": dt.date(2013, 4, 1), "due": dt.date(2014, 3, 31)}
    thread = Thread(
        [
            item("P", "corporate"),
            item("O", "service", "P"),
            item("A1", "team", "O", kind=ItemKind.ACTION, progress=Decimal(60), **dates),
            item("A2", "team", "O", kind=ItemKind.ACTION, progress=Decimal(45), **dates),
        ],
        indicators=[IndicatorLink("PI 1", "O"), IndicatorLink("PI 2", "P")],
    )
    worst = rollup(thread, on, RollupRule.WORST_OF, {"PI 1": G})
    assert worst["O"].status is A
    assert worst["O"].inputs == (("A1", G), ("A2", A), ("PI 1", G))
    assert worst["P"].inputs == (("O", A), ("PI 2", N))
    assert worst["P"].status is A
    assert rollup(thread, on, RollupRule.MAJORITY, {"PI 1": G})["O"].status is G


def test_items_on_a_cycle_have_no_data() -> None:
    thread = Thread([item("X", "team", "Y"), item("Y", "team", "X"), item("Z", "service")])
    result = rollup(thread, dt.date(2013, 9, 30))
    assert result["X"].reason == "on or above a cycle"
    assert result["Z"].reason == "nothing beneath it"
