"""Bundle readers: the [risk] section, risks.csv and risk_reviews.csv."""

from __future__ import annotations

import datetime as dt
import tomllib
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.errors import BundleError, Problem
from goldenthread.io.risks import read_risk_reviews, read_risks, risk_settings_from_toml
from goldenthread.io.tables import read_csv_text
from goldenthread.periods import Frequency
from goldenthread.risk import (
    ActionStatus,
    AppetiteLevel,
    Assessment,
    Control,
    Effectiveness,
    Mitigation,
    Nature,
    RegisterKind,
    RiskSettings,
    RiskStatus,
    Treatment,
)

SETTINGS = RiskSettings()


def problems(exc: pytest.ExceptionInfo[BundleError]) -> list[tuple[int | None, str | None, str]]:
    return [(p.row, p.column, p.reason) for p in exc.value.problems]


def toml(text: str) -> dict[str, Any]:
    return tomllib.loads(text)


class TestSettings:
    def test_defaults_without_a_section(self) -> None:
        s = risk_settings_from_toml({"organisation": {}}, "framework.toml")
        assert s.matrix.name == "default-5x5"
        assert s.appetite.default is AppetiteLevel.CAUTIOUS
        assert s.escalation == ()
        assert s.review_frequency is Frequency.QUARTERLY

    def test_full_section(self) -> None:
        s = risk_settings_from_toml(
            toml("""
[risk]
matrix = "4x4"
review_frequency = "monthly"
[risk.appetite]
default = "Open"
categories = { Financial = "averse" }
tolerances = { averse = 2 }
[[risk.escalation]]
name = "up"
registers = ["service"]
min_score = 9
escalate_to = "corporate"
report_to = ["Audit Committee"]
"""),
            "framework.toml",
        )
        assert s.matrix.size == (4, 4)
        assert s.review_frequency is Frequency.MONTHLY
        assert s.appetite.tolerance("financial") == 2
        assert s.appetite.tolerance("other") == 16  # on the default 5×5
        assert s.tolerance("other") == 9  # "open" scaled to this 4×4
        assert s.tolerance("financial") == 2
        (rule,) = s.escalation
        assert (rule.name, rule.registers, rule.min_score, rule.escalate_to, rule.report_to) == (
            "up",
            (RegisterKind.SERVICE,),
            9,
            RegisterKind.CORPORATE,
            ("Audit Committee",),
        )

    def test_inline_matrix(self) -> None:
        s = risk_settings_from_toml(
            toml("""
[risk.matrix]
name = "two"
likelihood = [{ name = "low" }, { name = "high" }]
impact = [{ name = "low" }, { name = "high" }]
[[risk.matrix.levels]]
name = "Low"
colour = "#00AA00"
lower = 1
[[risk.matrix.levels]]
name = "High"
colour = "#AA0000"
lower = 2
"""),
            "framework.toml",
        )
        assert s.matrix.rate(1, 2).level == "High"

    def test_every_problem_is_named(self) -> None:
        with pytest.raises(BundleError) as exc:
            risk_settings_from_toml(
                toml("""
[risk]
matrix = "6x6"
review_frequency = "fortnightly"
[risk.appetite]
default = "reckless"
categories = { financial = "bold" }
tolerances = { open = "lots" }
[[risk.escalation]]
escalate_to = "cabinet"
[[risk.escalation]]
name = "no-condition"
escalate_to = "corporate"
"""),
                "framework.toml",
            )
        assert [(p.file, p.column) for p in exc.value.problems] == [
            ("framework.toml", "risk.matrix"),
            ("framework.toml", "risk.review_frequency"),
            ("framework.toml", "risk.appetite.default"),
            ("framework.toml", "risk.appetite.categories.financial"),
            ("framework.toml", "risk.appetite.tolerances.open"),
            ("framework.toml", "risk.escalation[0].escalate_to"),
            ("framework.toml", "risk.escalation[1]"),
        ]
        reasons = [p.reason for p in exc.value.problems]
        assert reasons[0].startswith("unknown risk matrix preset '6x6'")
        assert reasons[2] == (
            "unknown risk appetite 'reckless' (use one of: averse, minimal, cautious, open, eager)"
        )
        assert reasons[4] == "a tolerance must be a whole number, not 'lots'"
        assert reasons[5] == (
            "'cabinet' is not one of: strategic, corporate, service, project, partnership"
        )
        assert reasons[6] == (
            "escalation rule 'no-condition' has no condition: give min_score, min_level or "
            "outside_appetite"
        )

    def test_bad_inline_matrix_names_its_keys(self) -> None:
        with pytest.raises(BundleError) as exc:
            risk_settings_from_toml(
                toml("[risk.matrix]\nname = 'x'\nlikelihood = []\nimpact = []\nlevels = []\n"),
                "framework.toml",
            )
        assert [(p.column, p.reason) for p in exc.value.problems] == [
            ("risk.matrix.likelihood", "the likelihood scale has 0 levels; it needs 2 to 10"),
            ("risk.matrix.impact", "the impact scale has 0 levels; it needs 2 to 10"),
            ("risk.matrix.levels", "the matrix has no risk levels"),
        ]

    def test_escalation_level_must_be_in_the_matrix(self) -> None:
        with pytest.raises(BundleError) as exc:
            risk_settings_from_toml(
                toml("[[risk.escalation]]\nmin_level = 'Red'\nescalate_to = 'corporate'\n"),
                "framework.toml",
            )
        assert [(p.column, p.reason) for p in exc.value.problems] == [
            ("risk.escalation[0].min_level",
             "min_level 'Red' is not a level of matrix 'default-5x5' (levels: Low, Medium, High)")
        ]  # fmt: skip

    def test_falling_tolerances(self) -> None:
        with pytest.raises(
            BundleError, match=r"appetite 'minimal' tolerates 3, less than 'averse'"
        ):
            risk_settings_from_toml(
                toml("[risk.appetite]\ntolerances = { averse = 5, minimal = 3 }"), "f.toml"
            )

    def test_wrong_shapes(self) -> None:
        with pytest.raises(BundleError, match=r"risk must be a table"):
            risk_settings_from_toml({"risk": 3}, "f.toml")
        with pytest.raises(BundleError, match=r"risk.matrix must be a preset name or a table"):
            risk_settings_from_toml({"risk": {"matrix": 5}}, "f.toml")
        with pytest.raises(BundleError, match=r"risk.escalation must be a list of tables"):
            risk_settings_from_toml({"risk": {"escalation": "up"}}, "f.toml")


RISKS = """\
ID,Title,Owner,Category,Register,Objectives,Inherent Likelihood,Inherent Impact,\
Current Likelihood,Current Impact,Target Likelihood,Target Impact,Controls,Mitigations,\
Treatment,Nature,Appetite,Review Frequency,Next Review,Status,Cost centre
CR1,Budget gap,Head of Finance,financial,corporate,RBC-O10; RBC-O3,5,5,4,4,3,4,\
MTFS reviewed | Head of Finance | effective;Budget monitoring,\
ACC-1 | Head of Finance | 2014-03-31 | in progress,treat,threat,minimal,quarterly,30/06/2014,\
open,F100
SR1,Growth Deal bid,,financial,Service,,,,3,3,,,,,,opportunity,,,,closed,
"""


class TestRisks:
    def test_reads_every_column(self) -> None:
        cr1, sr1 = read_risks(read_csv_text(RISKS, "risks.csv"), SETTINGS)
        assert cr1.objectives == ("RBC-O10", "RBC-O3")
        assert (cr1.inherent, cr1.current, cr1.target) == (
            Assessment(5, 5),
            Assessment(4, 4),
            Assessment(3, 4),
        )
        assert cr1.controls == (
            Control("MTFS reviewed", "Head of Finance", Effectiveness.EFFECTIVE),
            Control("Budget monitoring"),
        )
        assert cr1.mitigations == (
            Mitigation("ACC-1", "Head of Finance", dt.date(2014, 3, 31), ActionStatus.IN_PROGRESS),
        )
        assert (cr1.treatment, cr1.nature, cr1.appetite) == (
            Treatment.TREAT,
            Nature.THREAT,
            AppetiteLevel.MINIMAL,
        )
        assert (cr1.review_frequency, cr1.next_review) == (
            Frequency.QUARTERLY,
            dt.date(2014, 6, 30),
        )
        assert cr1.extras == {"cost_centre": "F100"}
        assert (sr1.register, sr1.nature, sr1.status) == (
            RegisterKind.SERVICE,
            Nature.OPPORTUNITY,
            RiskStatus.CLOSED,
        )
        assert (sr1.inherent, sr1.current, sr1.target) == (None, Assessment(3, 3), None)

    def test_every_bad_cell_is_reported(self) -> None:
        text = """\
id,title,register,inherent_likelihood,inherent_impact,current_likelihood,current_impact,\
target_likelihood,controls,mitigations,treatment,appetite,review_frequency,next_review,status
R1,A,council,6,x,3,,2,a|b|strong,do|me|31/13/2014|done,accept,brave,weekly,soon,gone
R1,,corporate,,,,,,a|b|c|d,a|b|c|d|e,,,,,
"""
        with pytest.raises(BundleError) as exc:
            read_risks(read_csv_text(text, "risks.csv"), SETTINGS)
        assert problems(exc) == [
            (2, "review_frequency", "unknown frequency 'weekly'; expected one of monthly, "
             "quarterly, half-yearly, annual"),
            (2, "appetite", "unknown risk appetite 'brave' (use one of: averse, minimal, "
             "cautious, open, eager)"),
            (2, "register", "'council' is not one of: strategic, corporate, service, project, "
             "partnership"),
            (2, "inherent_likelihood", "likelihood 6 is outside the scale 1–5 of matrix "
             "'default-5x5'"),
            (2, "inherent_impact", "'x' is not a whole number"),
            (2, "current_impact", "current_likelihood is given but current_impact is not: "
             "give both or neither"),
            (2, "target_impact", "target_likelihood is given but target_impact is not: give "
             "both or neither"),
            (2, "controls", "effectiveness: 'strong' is not one of: effective, "
             "partly-effective, ineffective, not-assessed"),
            (2, "mitigations", "status: 'done' is not one of: not-started, in-progress, "
             "complete, cancelled"),
            (2, "mitigations", "not a date: '31/13/2014' has no such day (dates are day first)"),
            (2, "treatment", "'accept' is not one of: treat, tolerate, transfer, terminate"),
            (2, "next_review", "not a date: 'soon'; write 2024-04-01 or 01/04/2024"),
            (2, "status", "'gone' is not one of: open, closed"),
            (3, "id", "risk id 'R1' is already used on row 2"),
            (3, "title", "the risk has no title"),
            (3, "controls", "a control has at most 3 parts (description | owner | "
             "effectiveness), not 4: 'a | b | c | d'"),
            (3, "mitigations", "a mitigating action has at most 4 parts (action | owner | due "
             "| status), not 5: 'a | b | c | d | e'"),
        ]  # fmt: skip
        assert all(p.file == "risks.csv" for p in exc.value.problems)

    def test_required_columns(self) -> None:
        with pytest.raises(BundleError, match=r"risks.csv, row 1, column 'title': missing "):
            read_risks(read_csv_text("id\nR1\n", "risks.csv"), SETTINGS)

    def test_scale_follows_the_matrix(self) -> None:
        s = risk_settings_from_toml({"risk": {"matrix": "3x3"}}, "f.toml")
        with pytest.raises(BundleError, match=r"impact 4 is outside the scale 1–3 of matrix '3x3'"):
            read_risks(
                read_csv_text("id,title,current_likelihood,current_impact\nR,t,1,4\n", "r.csv"), s
            )


REVIEWS = """\
risk,reviewed_on,period,current_likelihood,current_impact,status,note
R1,2013-06-28,2013/14 Q1,4,4,open,first
R1,27/09/2013,Q2 2013/14,3,4,,
R2,2013-09-27,,,,closed,closed at review
"""


class TestReviews:
    def test_reads_reviews(self) -> None:
        r1, r2, r3 = read_risk_reviews(read_csv_text(REVIEWS, "risk_reviews.csv"), SETTINGS)
        assert (r1.risk, r1.reviewed_on, r1.period, r1.current, r1.note) == (
            "R1",
            dt.date(2013, 6, 28),
            "2013/14 Q1",
            Assessment(4, 4),
            "first",
        )
        assert r2.reviewed_on == dt.date(2013, 9, 27)
        assert (r3.current, r3.status) == (None, RiskStatus.CLOSED)

    def test_problems(self) -> None:
        text = (
            "risk,reviewed_on,period,current_likelihood,current_impact\nR9,,2013/14 Q5,9,1\n,x,,,\n"
        )
        with pytest.raises(BundleError) as exc:
            read_risk_reviews(read_csv_text(text, "risk_reviews.csv"), SETTINGS, {"R1"})
        found = problems(exc)
        assert found[0] == (2, "risk", "no risk with id 'R9' in risks.csv")
        assert found[1] == (2, "reviewed_on", "the review has no date")
        assert found[2][:2] == (2, "period")
        assert found[3] == (
            2,
            "current_likelihood",
            "likelihood 9 is outside the scale 1–5 of matrix 'default-5x5'",
        )
        assert found[4:] == [
            (3, "risk", "the review names no risk"),
            (3, "reviewed_on", "not a date: 'x'; write 2024-04-01 or 01/04/2024"),
        ]


PAIR = st.none() | st.tuples(st.integers(1, 5), st.integers(1, 5))
IDS = st.text(st.sampled_from("ABCR0123-"), min_size=1, max_size=6)


@given(
    st.lists(
        st.tuples(IDS, PAIR, PAIR, PAIR, st.lists(IDS, max_size=3)),
        max_size=8,
        unique_by=lambda r: r[0],
    )
)
def test_ratings_and_objectives_survive_a_csv(
    rows: list[tuple[str, Any, Any, Any, list[str]]],
) -> None:
    lines = [
        "id,title,inherent_likelihood,inherent_impact,current_likelihood,current_impact,"
        "target_likelihood,target_impact,objectives"
    ]
    for rid, inherent, current, target, objectives in rows:
        cells = [rid, "t"]
        for pair in (inherent, current, target):
            cells.extend(("", "") if pair is None else (str(pair[0]), str(pair[1])))
        cells.append(";".join(objectives))
        lines.append(",".join(cells))
    risks = read_risks(read_csv_text("\n".join(lines) + "\n", "risks.csv"), SETTINGS)
    assert [(r.id, r.inherent, r.current, r.target, list(r.objectives)) for r in risks] == [
        (rid, *(None if p is None else Assessment(*p) for p in (a, b, c)), objs)
        for rid, a, b, c, objs in rows
    ]


def test_collecting_problems_returns_the_good_risks() -> None:
    text = "id,title,current_likelihood,current_impact\nR1,Good,2,3\nR2,Bad,9,3\nR3,Also good,,\n"
    found: list[Problem] = []
    risks = read_risks(read_csv_text(text, "risks.csv"), SETTINGS, problems=found)
    assert [r.id for r in risks] == ["R1", "R3"]
    assert [(p.row, p.column) for p in found] == [(3, "current_likelihood")]


def test_reviews_of_rejected_risks_are_skipped_not_reported() -> None:
    text = (
        "risk,reviewed_on,current_likelihood,current_impact\n"
        "R2,2025-06-30,2,2\nR9,2025-06-30,2,2\nR1,30/06/2025,2,2\n"
    )
    with pytest.raises(BundleError) as info:
        read_risk_reviews(
            read_csv_text(text, "risk_reviews.csv"), SETTINGS, {"R1"}, rejected={"R2"}
        )
    assert [(p.row, p.column) for p in info.value.problems] == [(3, "risk")]


def test_a_near_miss_risk_column_is_an_error() -> None:
    text = "id,title,inherent_likelihod,inherent_impact\nR1,A,2,3\n"
    with pytest.raises(BundleError) as info:
        read_risks(read_csv_text(text, "risks.csv"), SETTINGS)
    assert [(p.row, p.column) for p in info.value.problems] == [(1, "inherent_likelihod")]
    assert "looks like 'inherent_likelihood'" in info.value.problems[0].reason
