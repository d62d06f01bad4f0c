"""Heat maps, movement, trends across reviews and what is overdue."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.errors import InputError
from goldenthread.periods import Frequency
from goldenthread.risk import (
    ActionStatus,
    Assessment,
    AxisLevel,
    Level,
    Mitigation,
    Review,
    Risk,
    RiskMatrix,
    RiskSettings,
    RiskStatus,
    Trend,
    assess_register,
    group_reviews,
    heat_map,
    movement,
    next_review_due,
    overdue_mitigations,
    overdue_reviews,
    risk_trend,
    trends_by_risk,
)
from goldenthread.risk.presets import default_5x5, three_by_three

M = default_5x5()
D = dt.date


def risk(rid: str, current: tuple[int, int] | None, inherent: tuple[int, int] | None = None,
         **kwargs: object) -> Risk:  # fmt: skip
    return Risk(
        rid, "t",
        current=Assessment(*current) if current else None,
        inherent=Assessment(*inherent) if inherent else None,
        **kwargs,  # type: ignore[arg-type]
    )  # fmt: skip


RISKS = [
    risk("A", (5, 4), (5, 5)),
    risk("B", (5, 4), (5, 5)),
    risk("C", (1, 2), (1, 2)),
    risk("D", (2, 1), (3, 3)),
    risk("E", None, (4, 4)),
    risk("F", (5, 5), (5, 5), status=RiskStatus.CLOSED),
]
SCORED = assess_register(RISKS, RiskSettings())


class TestHeatMap:
    def test_counts_rows_likelihood_columns_impact(self) -> None:
        hm = heat_map(SCORED, M, "current")
        assert hm.counts[4][3] == 2  # likelihood 5, impact 4
        assert hm.counts[0][1] == 1  # likelihood 1, impact 2
        assert hm.counts[1][0] == 1  # likelihood 2, impact 1: not transposed
        assert (hm.total, hm.unrated) == (4, 1)
        assert heat_map(SCORED, M, "current", include_closed=True).total == 5

    def test_data(self) -> None:
        data = heat_map(SCORED, M, "inherent").to_dict()
        assert (data["tier"], data["total"], data["unrated"]) == ("inherent", 5, 0)
        cells = data["cells"]
        assert isinstance(cells, list)
        assert cells[0] == {"likelihood": 1, "impact": 1, "count": 0, "level": "Low",
                            "colour": "#2E7D32"}  # fmt: skip
        assert {"likelihood": 5, "impact": 5, "count": 2, "level": "High",
                "colour": "#C62828"} in cells  # fmt: skip

    def test_accessible_table_states_counts_and_levels(self) -> None:
        table = heat_map(SCORED, M, "current").table()
        assert table[0] == ("Likelihood \\ Impact", "1 Negligible", "2 Minor", "3 Moderate",
                            "4 Major", "5 Critical")  # fmt: skip
        assert table[1][0] == "5 Almost certain"
        assert table[1][4] == "2 risks, High"
        assert table[5][2] == "1 risk, Low"
        assert table[5][1] == "0 risks, Low"

    def test_html_has_caption_headers_and_text(self) -> None:
        html = heat_map(SCORED, M, "current").to_html()
        assert "<caption>Current risk ratings: 4 risks</caption>" in html
        assert '<th scope="row">5 Almost certain</th>' in html
        assert '<th scope="col">4 Major</th>' in html
        assert '<td style="background-color:#C62828">2 risks, High</td>' in html

    def test_text(self) -> None:
        text = heat_map([], three_by_three(), "current").to_text()
        assert text.splitlines()[0] == "Current ratings (0 risks)"
        assert text.splitlines()[-1] == (
            "Levels: L = Low, M = Medium, H = High; rows likelihood (highest first), columns impact"
        )
        lines = heat_map(SCORED, M, "current").to_text().splitlines()
        assert lines[2].split() == ["5", "0", "M", "0", "M", "0", "H", "2", "H", "0", "H"]

    def test_ratings_from_another_matrix(self) -> None:
        with pytest.raises(
            InputError, match=r"risk 'A' is rated 5x4, outside the 3x3 matrix '3x3'"
        ):
            heat_map(SCORED, three_by_three())

    def test_unknown_tier(self) -> None:
        with pytest.raises(InputError, match=r"unknown tier 'residual'"):
            heat_map(SCORED, M, "residual")

    @given(st.lists(st.tuples(st.integers(1, 5), st.integers(1, 5)), max_size=40))
    def test_counts_add_up(self, ratings: list[tuple[int, int]]) -> None:
        scored = assess_register([risk(str(i), r) for i, r in enumerate(ratings)], RiskSettings())
        hm = heat_map(scored, M)
        assert hm.total == len(ratings)
        for lk, im in set(ratings):
            assert hm.cell(lk, im).count == ratings.count((lk, im))


def test_movement() -> None:
    moves = movement(SCORED)
    assert [(m.source, m.destination, m.count, m.direction) for m in moves] == [
        ((1, 2), (1, 2), 1, "same"),
        ((3, 3), (2, 1), 1, "down"),
        ((5, 5), (5, 4), 2, "down"),
    ]


def rv(day: dt.date, rating: tuple[int, int] | None, status: RiskStatus = RiskStatus.OPEN,
       rid: str = "R") -> Review:  # fmt: skip
    return Review(rid, day, Assessment(*rating) if rating else None, status)


class TestTrends:
    def test_rising_falling_stable_new_closed(self) -> None:
        q1, q2, q3 = D(2013, 6, 28), D(2013, 9, 27), D(2013, 12, 20)
        assert risk_trend([rv(q2, (4, 4)), rv(q1, (3, 3))], M) is Trend.RISING
        assert risk_trend([rv(q1, (4, 4)), rv(q2, (3, 3))], M) is Trend.FALLING
        assert risk_trend([rv(q1, (3, 4)), rv(q2, (3, 4))], M) is Trend.STABLE
        assert risk_trend([rv(q1, (3, 4))], M) is Trend.NEW
        assert risk_trend([], M) is Trend.NEW
        assert risk_trend([rv(q1, (3, 4)), rv(q2, None), rv(q3, (4, 4))], M) is Trend.RISING
        assert risk_trend([rv(q1, (3, 4)), rv(q2, (1, 1), RiskStatus.CLOSED)], M) is Trend.CLOSED

    def test_same_score_different_level_is_not_stable(self) -> None:
        grid = RiskMatrix(
            "g", (AxisLevel("a"), AxisLevel("b")), (AxisLevel("a"), AxisLevel("b")),
            (Level("Low", "#00AA00"), Level("High", "#AA0000")), grid=((0, 1), (0, 1)),
        )  # fmt: skip
        history = [rv(D(2013, 1, 1), (1, 2)), rv(D(2013, 4, 1), (2, 1))]  # both score 2
        assert risk_trend(history, grid) is Trend.FALLING

    @given(st.lists(st.tuples(st.integers(1, 5), st.integers(1, 5)), min_size=2, max_size=6))
    def test_trend_reverses_with_history(self, ratings: list[tuple[int, int]]) -> None:
        days = [D(2013, 1, 1) + dt.timedelta(days=91 * i) for i in range(len(ratings))]
        forward = risk_trend([rv(d, r) for d, r in zip(days, ratings, strict=True)], M)
        last_two = list(reversed(ratings[-2:]))
        backward = risk_trend([rv(d, r) for d, r in zip(days, last_two, strict=False)], M)
        opposite = {Trend.RISING: Trend.FALLING, Trend.FALLING: Trend.RISING,
                    Trend.STABLE: Trend.STABLE}  # fmt: skip
        assert backward is opposite[forward]

    def test_trends_by_risk(self) -> None:
        reviews = [rv(D(2013, 6, 1), (2, 2), rid="A"), rv(D(2013, 9, 1), (3, 3), rid="A"),
                   rv(D(2013, 9, 1), (3, 3), rid="B")]  # fmt: skip
        assert trends_by_risk(reviews, M) == {"A": Trend.RISING, "B": Trend.NEW}
        assert [r.reviewed_on for r in group_reviews(reversed(reviews))["A"]] == [
            D(2013, 6, 1), D(2013, 9, 1)
        ]  # fmt: skip


class TestOverdue:
    def test_next_review_due(self) -> None:
        reviews = [rv(D(2013, 11, 30), (1, 1)), rv(D(2013, 8, 31), (1, 1))]
        assert next_review_due(risk("R", (1, 1)), reviews) == D(2014, 2, 28)
        monthly = risk("R", (1, 1), review_frequency=Frequency.MONTHLY)
        assert next_review_due(monthly, reviews) == D(2013, 12, 30)
        fixed = risk("R", (1, 1), next_review=D(2014, 1, 5))
        assert next_review_due(fixed, reviews) == D(2014, 1, 5)
        assert next_review_due(risk("R", (1, 1)), []) is None

    def test_overdue_reviews(self) -> None:
        risks = [
            risk("A", (1, 1), next_review=D(2014, 3, 31)),
            risk("B", (1, 1), next_review=D(2014, 1, 31)),
            risk("C", (1, 1), next_review=D(2014, 4, 30)),
            risk("D", (1, 1), next_review=D(2014, 1, 31), status=RiskStatus.CLOSED),
            risk("E", (1, 1)),
        ]
        history = {"E": (rv(D(2013, 12, 1), (1, 1), rid="E"),)}
        found = overdue_reviews(risks, history, D(2014, 4, 15))
        assert [(o.risk, o.due, o.days_overdue) for o in found] == [
            ("B", D(2014, 1, 31), 74), ("E", D(2014, 3, 1), 45), ("A", D(2014, 3, 31), 15),
        ]  # fmt: skip

    def test_overdue_mitigations(self) -> None:
        late = Mitigation("late", due=D(2014, 1, 31))
        done = Mitigation("done", due=D(2014, 1, 31), status=ActionStatus.COMPLETE)
        dropped = Mitigation("dropped", due=D(2014, 1, 31), status=ActionStatus.CANCELLED)
        later = Mitigation("later", due=D(2014, 6, 30))
        undated = Mitigation("undated")
        open_risk = risk("A", (1, 1), mitigations=(late, done, dropped, later, undated))
        closed = risk("B", (1, 1), mitigations=(late,), status=RiskStatus.CLOSED)
        assert overdue_mitigations([open_risk, closed], D(2014, 4, 1)) == (("A", late),)
        assert overdue_mitigations([open_risk], D(2014, 1, 31)) == ()
