"""Audit spot-check sampling and verification records (indicators.spotcheck)."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from importlib import resources
from typing import Any

import pytest
from attrs import frozen
from hypothesis import given, settings
from hypothesis import strategies as st

from goldenthread.findings import Severity
from goldenthread.indicators.polarity import DataStatus
from goldenthread.indicators.spotcheck import (
    Candidate,
    SpotCheckAudit,
    SpotCheckSample,
    SpotCheckWeights,
    Verification,
    VerificationOutcome,
    candidate,
    draw_sample,
)

DRAWN = dt.date(2025, 5, 12)


@frozen
class Definition:
    """Stands in for the core's IndicatorDefinition: only what candidate() reads."""

    code: str
    statutory: bool


# Poole-style population: statutory measures and government returns among local ones.
POPULATION = [
    Candidate("NI 157a", statutory=True, government_return=True),
    Candidate("NI 191", statutory=True, government_return=True, red=True),
    Candidate("BV 12", statutory=True),
    Candidate("LPI 01", red=True),
    Candidate("LPI 02", change_percent=Decimal(-40)),
    Candidate("LPI 03", change_percent=Decimal(10)),
    *(Candidate(f"LOC {n:02}") for n in range(20)),
]


def test_weights_add_up_by_reason() -> None:
    weights = SpotCheckWeights()
    nine = Candidate("NI 191", statutory=True, government_return=True, red=True)
    assert nine.weight(weights) == 9
    assert nine.reasons(weights) == ("statutory", "government-return", "red")
    assert Candidate("LPI 02", change_percent=Decimal(-40)).reasons(weights) == ("much-changed",)
    assert Candidate("LPI 03", change_percent=Decimal(25)).weight(weights) == 1


def test_weights_are_configurable_and_checked() -> None:
    custom = SpotCheckWeights(base=2, statutory=10, much_changed_percent=5)
    assert Candidate("LPI 03", change_percent=Decimal(10)).weight(custom) == 4
    assert Candidate("BV 12", statutory=True).weight(custom) == 12
    with pytest.raises(ValueError, match="the base weight must be positive, not 0"):
        SpotCheckWeights(base=0)
    with pytest.raises(ValueError, match="the red weight must not be negative, not -1"):
        SpotCheckWeights(red=-1)


def test_candidate_from_an_indicator_definition() -> None:
    made = candidate(Definition("BV 12", True), red=True, change_percent=Decimal(3))
    assert made == Candidate("BV 12", True, False, True, Decimal(3))


def test_a_sample_records_seed_date_weights_and_reasons() -> None:
    sample = draw_sample(POPULATION, 5, seed=2025, drawn_on=DRAWN)
    assert sample.seed == 2025
    assert sample.drawn_on == DRAWN
    assert sample.population == len(POPULATION)
    assert sample.weights == SpotCheckWeights()
    assert len(sample.items) == 5
    by_code = {c.code: c for c in POPULATION}
    for item in sample.items:
        assert item.weight == by_code[item.code].weight(sample.weights)
        assert item.reasons == by_code[item.code].reasons(sample.weights)


def test_the_same_seed_gives_the_same_sample_whatever_the_order() -> None:
    first = draw_sample(POPULATION, 6, seed=7, drawn_on=DRAWN)
    again = draw_sample(list(reversed(POPULATION)), 6, seed=7, drawn_on=DRAWN)
    assert first == again


def test_statutory_returns_are_drawn_far_more_often() -> None:
    drawn: Counter[str] = Counter()
    for seed in range(400):
        drawn.update(draw_sample(POPULATION, 3, seed=seed, drawn_on=DRAWN).codes)
    local = sum(drawn[f"LOC {n:02}"] for n in range(20)) / 20
    assert drawn["NI 191"] > 4 * local
    assert drawn["NI 157a"] > 3 * local
    assert drawn["LPI 02"] > drawn["LPI 03"]


def test_asking_for_more_than_the_population_draws_everyone() -> None:
    sample = draw_sample(POPULATION[:3], 10, seed=1, drawn_on=DRAWN)
    assert sorted(sample.codes) == ["BV 12", "NI 157a", "NI 191"]


def test_bad_sample_requests_are_rejected() -> None:
    with pytest.raises(ValueError, match="a sample size must not be negative, not -1"):
        draw_sample(POPULATION, -1, seed=1, drawn_on=DRAWN)
    with pytest.raises(ValueError, match="candidates listed more than once: BV 12"):
        draw_sample([*POPULATION, Candidate("BV 12")], 2, seed=1, drawn_on=DRAWN)


codes = st.lists(st.text("ABCDE0123", min_size=1, max_size=4), unique=True, max_size=25)


@st.composite
def populations(draw: st.DrawFn) -> list[Candidate]:
    return [
        Candidate(
            code,
            statutory=draw(st.booleans()),
            government_return=draw(st.booleans()),
            red=draw(st.booleans()),
            change_percent=draw(st.none() | st.decimals(-100, 100, places=1)),
        )
        for code in draw(codes)
    ]


@settings(max_examples=75)
@given(populations(), st.integers(0, 30), st.integers(0, 2**32))
def test_sampling_is_deterministic_and_never_repeats(
    pool: list[Candidate], size: int, seed: int
) -> None:
    sample = draw_sample(pool, size, seed, DRAWN)
    assert sample == draw_sample(pool, size, seed, DRAWN)
    assert len(set(sample.codes)) == len(sample.codes) == min(size, len(pool))
    assert set(sample.codes) <= {c.code for c in pool}


@settings(max_examples=75)
@given(populations(), st.integers(0, 30), st.integers(0, 2**32))
def test_a_larger_sample_extends_a_smaller_one(pool: list[Candidate], size: int, seed: int) -> None:
    small = draw_sample(pool, size, seed, DRAWN)
    large = draw_sample(pool, size + 1, seed, DRAWN)
    assert large.codes[: len(small.codes)] == small.codes


# -- verification --------------------------------------------------------------------


def sample() -> SpotCheckSample:
    return draw_sample(POPULATION, 3, seed=2025, drawn_on=DRAWN)


def test_an_audit_trail_records_each_check() -> None:
    drawn = sample()
    first, second, third = drawn.codes
    audit = SpotCheckAudit(drawn)
    assert audit.outstanding() == drawn.codes
    audit = audit.record(
        Verification(first, VerificationOutcome.VERIFIED, "J. Smith", dt.date(2025, 6, 2))
    )
    audit = audit.record(
        Verification(
            second,
            VerificationOutcome.NOT_VERIFIED,
            "J. Smith",
            dt.date(2025, 6, 3),
            "no evidence kept for Q3",
        )
    )
    assert audit.outstanding() == (third,)
    assert [f.code for f in audit.findings()] == [
        "spot-check-not-verified",
        "spot-check-outstanding",
    ]
    not_verified = audit.findings()[0]
    assert not_verified.severity is Severity.ERROR
    assert not_verified.message == (
        f"{second} could not be verified by J. Smith on 2025-06-03: no evidence kept for Q3"
    )
    # a later re-check after evidence was found: nothing is overwritten
    audit = audit.record(
        Verification(second, VerificationOutcome.AMENDED, "A. Jones", dt.date(2025, 7, 1))
    )
    assert len(audit.verifications) == 3
    assert audit.outcomes()[second] is VerificationOutcome.AMENDED
    amended = audit.findings()[0]
    assert (amended.code, amended.severity) == ("spot-check-amended", Severity.WARNING)
    assert amended.message.endswith("on 2025-07-01: no note")


def test_only_sampled_items_checked_after_the_draw_can_be_recorded() -> None:
    audit = SpotCheckAudit(sample())
    outsider = next(c.code for c in POPULATION if c.code not in audit.sample.codes)
    with pytest.raises(
        ValueError, match=f"{outsider} was not in the spot-check sample drawn on 2025-05-12"
    ):
        audit.record(Verification(outsider, VerificationOutcome.VERIFIED, "J", DRAWN))
    code = audit.sample.codes[0]
    with pytest.raises(ValueError, match="checked on 2025-05-11, before the sample was drawn"):
        audit.record(Verification(code, VerificationOutcome.VERIFIED, "J", dt.date(2025, 5, 11)))
    with pytest.raises(ValueError, match="a verification needs the auditor's name"):
        Verification(code, VerificationOutcome.VERIFIED, " ", DRAWN)


def test_outcomes_earn_a_data_status() -> None:
    assert VerificationOutcome.VERIFIED.data_status is DataStatus.VERIFIED
    assert VerificationOutcome.QUALIFIED.data_status is DataStatus.QUALIFIED
    assert VerificationOutcome.AMENDED.data_status is None
    assert VerificationOutcome.NOT_VERIFIED.data_status is None


def test_an_audit_round_trips_through_json() -> None:
    drawn = sample()
    audit = SpotCheckAudit(drawn).record(
        Verification(
            drawn.codes[0], VerificationOutcome.QUALIFIED, "J. Smith", DRAWN, "estimate for March"
        )
    )
    data = json.loads(json.dumps(audit.to_dict()))
    assert data["sample"]["seed"] == 2025
    assert data["sample"]["drawn_on"] == "2025-05-12"
    assert data["verifications"][0]["outcome"] == "qualified"
    assert SpotCheckAudit.from_dict(data) == audit


def test_a_tampered_record_is_rejected_on_reading() -> None:
    data = SpotCheckAudit(sample()).to_dict()
    data["verifications"] = [
        {"code": "NOT SAMPLED", "outcome": "verified", "auditor": "J", "checked_on": "2025-06-01"}
    ]
    with pytest.raises(ValueError, match="NOT SAMPLED was not in the spot-check sample"):
        SpotCheckAudit.from_dict(data)


@settings(max_examples=75)
@given(populations(), st.integers(0, 10), st.integers(0, 2**32))
def test_samples_round_trip_through_plain_data(pool: list[Candidate], size: int, seed: int) -> None:
    drawn = draw_sample(pool, size, seed, DRAWN, SpotCheckWeights(red=Decimal("2.5")))
    assert SpotCheckSample.from_dict(json.loads(json.dumps(drawn.to_dict()))) == drawn


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["sample"].pop("seed"), "a spot-check sample has no 'seed'"),
        (
            lambda d: d["sample"].update(drawn_on="12/05/2025"),
            "a spot-check sample: cannot read drawn_on '12/05/2025'",
        ),
        (
            lambda d: d["sample"]["weights"].update(red="lots"),
            "spot-check weights: cannot read red 'lots'",
        ),
        (
            lambda d: d["sample"]["weights"].update(colour="1"),
            "spot-check weights: unknown colour",
        ),
        (lambda d: d["sample"]["items"][0].pop("weight"), "a sampled item has no 'weight'"),
        (
            lambda d: d["verifications"][0].update(outcome="checked"),
            "a verification: cannot read outcome 'checked'",
        ),
        (lambda d: d["verifications"][0].pop("auditor"), "a verification has no 'auditor'"),
        (lambda d: d.pop("sample"), "a spot-check audit has no 'sample'"),
    ],
)
def test_unreadable_records_name_the_field(
    change: Callable[[dict[str, Any]], object], message: str
) -> None:
    drawn = sample()
    audit = SpotCheckAudit(drawn).record(
        Verification(drawn.codes[0], VerificationOutcome.VERIFIED, "J. Smith", DRAWN)
    )
    data = json.loads(json.dumps(audit.to_dict()))
    change(data)
    with pytest.raises(ValueError, match=message):
        SpotCheckAudit.from_dict(data)


def test_pooles_framework_configures_the_spot_check() -> None:
    text = (resources.files("goldenthread.examples") / "poole" / "framework.toml").read_text(
        encoding="utf-8"
    )
    config = tomllib.loads(text)["spot_check"]
    weights = SpotCheckWeights.from_dict(config["weights"])
    assert weights == SpotCheckWeights()
    drawn = draw_sample(POPULATION, config["size"], seed=2025, drawn_on=DRAWN, weights=weights)
    assert len(drawn.items) == 12
