"""Scoring a register: appetite, escalation, consistency findings, top risks."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.errors import InputError
from goldenthread.findings import Severity
from goldenthread.risk import (
    DEFAULT_TOLERANCES,
    Appetite,
    AppetiteLevel,
    Assessment,
    Control,
    EscalationRule,
    Nature,
    RegisterKind,
    Risk,
    RiskSettings,
    RiskStatus,
    assess_register,
    assess_risk,
    register_findings,
    risk_findings,
    top_risks,
)
from goldenthread.risk.presets import default_5x5

M = default_5x5()
LEVELS = st.sampled_from(list(AppetiteLevel))
SERVICE_RULE = EscalationRule(
    "service-to-corporate",
    RegisterKind.CORPORATE,
    registers=(RegisterKind.SERVICE,),
    min_score=15,
    outside_appetite=True,
    report_to=("Audit Committee",),
)


def risk(
    current: tuple[int, int] | None = (3, 3),
    inherent: tuple[int, int] | None = None,
    target: tuple[int, int] | None = None,
    **kwargs: object,
) -> Risk:
    return Risk(
        id=str(kwargs.pop("id", "R1")),
        title="A risk",
        current=Assessment(*current) if current else None,
        inherent=Assessment(*inherent) if inherent else None,
        target=Assessment(*target) if target else None,
        **kwargs,  # type: ignore[arg-type]
    )


class TestAppetite:
    def test_default_tolerances(self) -> None:
        assert [DEFAULT_TOLERANCES[level] for level in AppetiteLevel] == [4, 6, 12, 16, 25]

    def test_fallback_risk_category_default(self) -> None:
        appetite = Appetite(AppetiteLevel.OPEN, {"Health and  Safety": AppetiteLevel.AVERSE})
        assert appetite.level_for("health and safety") is AppetiteLevel.AVERSE
        assert appetite.level_for("financial") is AppetiteLevel.OPEN
        assert appetite.level_for(None) is AppetiteLevel.OPEN
        assert appetite.level_for("health and safety", AppetiteLevel.EAGER) is AppetiteLevel.EAGER
        assert appetite.within(4, "health and safety")
        assert not appetite.within(5, "health and safety")

    @given(LEVELS, st.none() | LEVELS, st.none() | LEVELS, st.integers(1, 25))
    def test_fallback_law(
        self,
        default: AppetiteLevel,
        category: AppetiteLevel | None,
        override: AppetiteLevel | None,
        score: int,
    ) -> None:
        appetite = Appetite(default, {"c": category} if category else {})
        expected = override or category or default
        assert appetite.level_for("c", override) is expected
        assert appetite.within(score, "c", override) == (score <= DEFAULT_TOLERANCES[expected])

    @given(st.integers(1, 25), st.integers(1, 25))
    def test_a_lower_score_is_never_less_within(self, a: int, b: int) -> None:
        appetite = Appetite()
        lo, hi = sorted((a, b))
        assert appetite.within(lo, "x") or not appetite.within(hi, "x")

    def test_unknown_level(self) -> None:
        with pytest.raises(InputError, match=r"unknown risk appetite 'bold'"):
            AppetiteLevel.parse("bold")


class TestAssess:
    def test_all_tiers_and_appetite(self) -> None:
        settings = RiskSettings(appetite=Appetite(categories={"financial": AppetiteLevel.MINIMAL}))
        s = assess_risk(risk((3, 3), (5, 4), (2, 2), category="financial"), settings)
        assert s.inherent is not None
        assert s.target is not None
        assert s.current is not None
        assert (s.inherent.score, s.current.score, s.target.score) == (20, 9, 4)
        assert (s.appetite, s.tolerance, s.within_appetite) == (AppetiteLevel.MINIMAL, 6, False)
        assert s.to_dict()["current"] == {
            "likelihood": 3,
            "impact": 3,
            "score": 9,
            "level": "Medium",
        }
        assert s.to_dict()["inherent"] == {
            "likelihood": 5,
            "impact": 4,
            "score": 20,
            "level": "High",
        }
        assert s.escalate is False

    def test_unrated_and_opportunities_have_no_appetite_judgement(self) -> None:
        settings = RiskSettings()
        assert assess_risk(risk(None), settings).within_appetite is None
        assert (
            assess_risk(risk((5, 5), nature=Nature.OPPORTUNITY), settings).within_appetite is None
        )
        assert assess_risk(risk(None), settings).to_dict()["current"] is None

    def test_outside_the_scale_raises(self) -> None:
        with pytest.raises(InputError, match=r"impact 7 is outside the scale 1–5"):
            assess_risk(risk((1, 7)), RiskSettings())


class TestEscalation:
    settings = RiskSettings(escalation=(SERVICE_RULE,))

    def test_score_threshold(self) -> None:
        s = assess_risk(risk((3, 5), register=RegisterKind.SERVICE, category="x"), self.settings)
        (e,) = s.escalations
        assert (e.risk, e.rule, e.escalate_to, e.report_to) == (
            "R1",
            "service-to-corporate",
            RegisterKind.CORPORATE,
            ("Audit Committee",),
        )
        assert e.reasons == (
            "current score 15 is at or above 15",
            "current score is outside appetite",
        )
        assert s.to_dict()["escalate"] is True

    def test_outside_appetite_alone(self) -> None:
        s = assess_risk(
            risk((3, 4), register=RegisterKind.SERVICE, appetite=AppetiteLevel.MINIMAL),
            self.settings,
        )
        assert [e.reasons for e in s.escalations] == [("current score is outside appetite",)]

    def test_not_escalated(self) -> None:
        for r in (
            risk((3, 4), register=RegisterKind.CORPORATE),
            risk((2, 2), register=RegisterKind.SERVICE),
            risk((5, 5), register=RegisterKind.SERVICE, status=RiskStatus.CLOSED),
            risk((5, 5), register=RegisterKind.SERVICE, nature=Nature.OPPORTUNITY),
            risk(None, register=RegisterKind.SERVICE),
        ):
            assert assess_risk(r, self.settings).escalations == ()

    def test_level_rule(self) -> None:
        rule = EscalationRule("high", RegisterKind.STRATEGIC, min_level="high")
        settings = RiskSettings(escalation=(rule,))
        assert assess_risk(risk((4, 4)), settings).escalate
        assert not assess_risk(risk((3, 4)), settings).escalate
        bad = RiskSettings(
            escalation=(EscalationRule("x", RegisterKind.STRATEGIC, min_level="Red"),)
        )
        with pytest.raises(InputError, match=r"names level 'Red', which the matrix does not have"):
            assess_risk(risk(), bad)

    def test_rule_needs_a_condition(self) -> None:
        with pytest.raises(InputError, match=r"rule 'x' has no condition"):
            EscalationRule("x", RegisterKind.CORPORATE)


class TestConsistency:
    def codes(self, r: Risk) -> list[tuple[str, Severity]]:
        return [(f.code, f.severity) for f in risk_findings(r, M)]

    def test_clean(self) -> None:
        assert self.codes(risk((3, 3), (4, 4), (2, 2), controls=(Control("c"),))) == []

    def test_current_worse_than_inherent(self) -> None:
        (f,) = risk_findings(risk((4, 4), (3, 3), (2, 2)), M)
        assert (f.code, f.severity, f.item) == ("current-above-inherent", Severity.ERROR, "R1")
        assert f.message == (
            "current rating 16 (High) is worse than the inherent rating 9 (Medium): controls "
            "cannot make a risk worse; re-rate one of them"
        )

    def test_lowered_without_controls(self) -> None:
        (f,) = risk_findings(risk((3, 3), (4, 4), (2, 2)), M)
        assert (f.code, f.severity) == ("lowered-without-controls", Severity.WARNING)
        assert f.message == (
            "current rating 9 is below the inherent rating 16 but no existing control is recorded"
        )

    def test_target_missing_or_worse(self) -> None:
        assert self.codes(risk((3, 3))) == [("target-not-rated", Severity.WARNING)]
        assert self.codes(risk((3, 3), target=(4, 4))) == [
            ("target-above-current", Severity.WARNING)
        ]
        assert self.codes(risk(None, (3, 3))) == [("current-not-rated", Severity.WARNING)]

    def test_outside_the_scale(self) -> None:
        (f,) = risk_findings(risk((3, 3), (6, 1), (2, 2)), M)
        assert (f.code, f.severity, f.message) == (
            "rating-outside-scale", Severity.ERROR,
            "inherent rating: likelihood 6 is outside the scale 1–5",
        )  # fmt: skip

    def test_opportunities_may_grow(self) -> None:
        r = risk((4, 4), (3, 3), (5, 5), nature=Nature.OPPORTUNITY)
        assert self.codes(r) == []

    def test_duplicates(self) -> None:
        rs = [risk((1, 1), target=(1, 1)), risk((1, 1), target=(1, 1))]
        assert [f.code for f in register_findings(rs, M)] == ["duplicate-risk"]

    @given(st.integers(1, 5), st.integers(1, 5), st.integers(1, 5), st.integers(1, 5))
    def test_worse_current_is_always_an_error(self, a: int, b: int, c: int, d: int) -> None:
        r = risk((c, d), (a, b), (1, 1), controls=(Control("c"),))
        worse = M.rate(c, d).key > M.rate(a, b).key
        assert ("current-above-inherent", Severity.ERROR) in self.codes(r) or not worse
        assert worse or ("current-above-inherent", Severity.ERROR) not in self.codes(r)


def test_top_risks() -> None:
    rs = [
        risk((2, 2), id="A"),
        risk((5, 5), id="B"),
        risk((4, 4), id="C"),
        risk((4, 4), id="D0"),
        risk((5, 5), id="E", status=RiskStatus.CLOSED),
        risk((5, 5), id="F", nature=Nature.OPPORTUNITY),
        risk(None, id="G"),
    ]
    scored = assess_register(rs, RiskSettings())
    assert [s.risk.id for s in top_risks(scored, 3)] == ["B", "C", "D0"]
    assert len(top_risks(scored)) == 4
