"""Who may see each item: inherited classifications, the confidentiality checks and
withholding (goldenthread.thread.confidentiality)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from goldenthread.examples import example_path
from goldenthread.framework import Authority, Framework
from goldenthread.io.bundle import load_bundle
from goldenthread.periods import parse_period
from goldenthread.reports.builders import ThreadReport
from goldenthread.reports.model import Findings
from goldenthread.thread import (
    GENERIC,
    IndicatorLink,
    ItemKind,
    Level,
    LevelScheme,
    Link,
    OwnerKind,
    Thread,
    check_thread,
    effective_classifications,
    required_classifications,
)
from goldenthread.thread.confidentiality import (
    STRICTNESS,
    check_confidentiality,
    check_indicator_classifications,
    withhold,
)

from .helpers import TODAY, item

PUBLIC, INTERNAL, PERSONAL = STRICTNESS


def _codes(thread: Thread) -> set[tuple[str, str | None]]:
    return {(f.code, f.item) for f in check_confidentiality(thread)}


def test_an_item_is_as_restricted_as_its_plan_and_what_it_contributes_to() -> None:
    thread = Thread(
        [
            item("CP", kind=ItemKind.PLAN, classification=PUBLIC),
            item("O1", parent="CP", plan="CP", classification=PUBLIC),
            item("T1", "team", classification=INTERNAL),
            item("T2", "team", plan="T1", classification=PUBLIC),
            item("S1", "service", parent="T2", classification=PUBLIC),
            item("P1", "individual", classification=PUBLIC),
            item("P2", "team", classification=PUBLIC),
        ],
        GENERIC,
        [Link("P2", "P1")],
    )
    effective = effective_classifications(thread)
    assert effective == {
        "CP": PUBLIC,
        "O1": PUBLIC,
        "T1": INTERNAL,
        "T2": INTERNAL,  # belongs to an internal plan
        "S1": INTERNAL,  # contributes to an internal item
        "P1": PERSONAL,  # at the individual level, whatever it is marked
        "P2": PERSONAL,  # beneath a personal item, through a link
    }
    required = required_classifications(thread)
    assert required["T2"] == (INTERNAL, "it belongs to T1, which is internal")
    assert required["P2"] == (PERSONAL, "it contributes to P1, which is personal")
    assert "O1" not in required


def test_a_cycle_shares_its_strictest_classification() -> None:
    thread = Thread(
        [
            item("A", classification=PUBLIC, parent="B"),
            item("B", classification=PUBLIC, parent="C"),
            item("C", classification=PERSONAL, parent="A"),
        ]
    )
    assert set(effective_classifications(thread).values()) == {PERSONAL}


def test_a_level_classified_personal_is_personal_whoever_owns_it() -> None:
    team_owned = Level("individual", "PDIs", OwnerKind.TEAM, classification=PERSONAL)
    assert team_owned.personal
    assert not team_owned.individual
    assert Level("i", "PDIs", OwnerKind.PERSON, classification=PUBLIC).personal
    assert not Level("t", "Team", OwnerKind.TEAM, classification=INTERNAL).personal


def test_check_reports_an_item_classified_less_strictly_than_it_must_be() -> None:
    thread = Thread(
        [
            item("T1", "team", classification=INTERNAL),
            item("S1", "service", parent="T1", classification=PUBLIC),
            item("P1", "individual", classification=PERSONAL),
            item("P2", "individual", parent="P1", classification=PUBLIC),
            item("P3", "individual", parent="P1", classification=INTERNAL),
        ]
    )
    assert _codes(thread) == {
        ("classification-conflict", "S1"),
        ("classification-conflict", "P3"),
    }
    messages = {f.item: f.message for f in check_confidentiality(thread)}
    assert messages["S1"] == (
        "S1 is classified public, but it contributes to T1, which is internal; "
        "it is treated as internal: classify it internal"
    )
    # a public item at a personal level is personal-public, reported once
    found = [(f.code, f.item) for f in check_thread(thread, TODAY) if f.item == "P2"]
    assert ("personal-public", "P2") in found
    assert ("classification-conflict", "P2") not in found


def test_a_personal_level_with_another_owner_is_an_error() -> None:
    levels = LevelScheme(
        [
            Level("corporate", "Corporate", OwnerKind.COUNCIL, classification=PUBLIC),
            Level("team", "Team", OwnerKind.TEAM, classification=INTERNAL),
            Level("individual", "PDIs", OwnerKind.TEAM, classification=PERSONAL),
        ]
    )
    personal = {"classification": PERSONAL}
    thread = Thread([item("C1"), item("P1", "individual", parent="C1", **personal)], levels)
    assert _codes(thread) == {("personal-level-owner", None)}
    [finding] = [f for f in check_thread(thread, TODAY) if f.code == "personal-level-owner"]
    assert finding.severity.value == "error"
    assert "'individual'" in finding.message
    # a team level holding an item classified personal
    marked = Thread(
        [item("C1"), item("T1", "team", parent="C1", classification=PERSONAL)],
        levels,
    )
    assert _codes(marked) == {("personal-level-owner", None)}
    # an empty personal level is no finding; nor is a person-owned one
    assert _codes(Thread([item("C1")], levels)) == set()
    assert _codes(Thread([item("C1"), item("P1", "individual", parent="C1", **personal)])) == set()


def test_check_reports_an_indicator_classified_less_strictly_than_what_it_measures() -> None:
    thread = Thread(
        [item("C1", classification=PUBLIC), item("P1", "individual", parent="C1")],
        GENERIC,
        indicators=[IndicatorLink("ABS", "P1")],
    )
    found = check_indicator_classifications(
        thread,
        [("ABS", "public", ""), ("OK", "public", "C1"), ("OBJ", "internal", "P1")],
    )
    assert [(f.code, f.item) for f in found] == [
        ("classification-conflict", "ABS"),
        ("classification-conflict", "OBJ"),
    ]
    assert found[0].message == (
        "indicator ABS is classified public, but it measures P1, which is personal; "
        "it is treated as personal: classify it personal"
    )


def test_the_example_councils_have_no_confidentiality_findings() -> None:
    for name in ("rossendale", "poole"):
        framework = load_bundle(example_path(name))
        assert check_confidentiality(framework.thread) == []
        definitions = framework.indicators.definitions.values()
        triples = [(d.code, d.classification.value, d.objective) for d in definitions]
        assert check_indicator_classifications(framework.thread, triples) == []


def test_withholding_keeps_the_shape_and_hides_the_ids() -> None:
    thread = Thread(
        [
            item("C1"),
            item("SECRET-1", "individual", parent="C1"),
            item("SECRET-2", "individual", parent="SECRET-1", title="Jo Bloggs"),
            item("S1", "service", parent="SECRET-2"),
        ],
        GENERIC,
        [Link("SECRET-1", "SECRET-2")],
        [IndicatorLink("ABS", "SECRET-2")],
    )
    hidden = withhold(thread, {"C1", "S1"})
    assert len(hidden) == len(thread)
    assert sorted(hidden.by_id) == ["(withheld 1)", "(withheld 2)", "C1", "S1"]
    assert hidden["(withheld 2)"].title == "(withheld)"
    assert hidden.parents("S1") == ["(withheld 2)"]
    assert hidden.indicators_of("(withheld 2)") == ["ABS"]
    before = sorted((f.code, f.severity) for f in check_thread(thread, TODAY))
    after = check_thread(hidden, TODAY)
    assert sorted((f.code, f.severity) for f in after) == before
    assert not [f for f in after if "SECRET" in f.message or "Jo Bloggs" in f.message]


def test_the_public_thread_report_never_names_a_personal_item() -> None:
    levels = LevelScheme(
        [
            Level("corporate", "Corporate", OwnerKind.COUNCIL, classification=PUBLIC),
            Level("individual", "PDIs", OwnerKind.TEAM, classification=PERSONAL),
        ]
    )
    thread = Thread(
        [
            item("C1", classification=PUBLIC),
            item("PDI-SECRET", "individual", parent="C1", title="Jo Bloggs"),
        ],
        levels,
    )
    framework = Framework(Authority("Council"), thread=thread)
    report = ThreadReport().build(
        framework, parse_period("2025/26"), today=dt.date(2025, 11, 1), classification="public"
    )
    findings = [
        f for s in report.sections for b in s.blocks if isinstance(b, Findings) for f in b.findings
    ]
    assert "personal-level-owner" in {f.code for f in findings}
    assert not [f for f in findings if "PDI-SECRET" in f.message or f.item == "PDI-SECRET"]


_IDS = [f"I{k}" for k in range(7)]
_LEVELS = list(GENERIC.keys)


@st.composite
def threads(draw: st.DrawFn) -> Thread:
    items = [
        item(
            i,
            draw(st.sampled_from(_LEVELS)),
            parent=draw(st.none() | st.sampled_from(_IDS)),
            plan=draw(st.none() | st.sampled_from(_IDS)),
            classification=draw(st.sampled_from(STRICTNESS)),
        )
        for i in _IDS
    ]
    links = draw(st.lists(st.builds(Link, st.sampled_from(_IDS), st.sampled_from(_IDS))))
    return Thread(items, GENERIC, links)


@given(threads())
def test_effective_classification_is_the_least_fixed_point(thread: Thread) -> None:
    rank = {c: n for n, c in enumerate(STRICTNESS)}
    effective = effective_classifications(thread)
    for iid, found in effective.items():
        it = thread[iid]
        floor = [it.classification]
        if GENERIC.get(it.level).personal:
            floor.append(PERSONAL)
        if it.plan is not None and it.plan != iid:
            floor.append(effective[it.plan])
        floor.extend(effective[p] for p in thread.parents(iid) if p != iid)
        assert rank[found] == max(rank[c] for c in floor)
        # and never more than something above it (its plan, what it contributes to,
        # and so on up) is classified or levelled
        above = {iid}
        stack = [iid]
        while stack:
            node = thread[stack.pop()]
            plan = node.plan
            ups = [
                *thread.parents(node.id),
                *([plan] if plan is not None and plan in thread else []),
            ]
            for up in ups:
                if up not in above:
                    above.add(up)
                    stack.append(up)
        own = [
            PERSONAL if GENERIC.get(thread[a].level).personal else thread[a].classification
            for a in above
        ]
        assert rank[found] == max(rank[c] for c in own)


@given(threads(), st.sets(st.sampled_from(_IDS)))
def test_withholding_changes_no_finding_but_the_names(thread: Thread, shown: set[str]) -> None:
    before = check_thread(thread, TODAY)
    after = check_thread(withhold(thread, shown), TODAY)
    assert sorted((f.code, f.severity.rank) for f in after) == sorted(
        (f.code, f.severity.rank) for f in before
    )
    hidden = set(_IDS) - shown
    for finding in after:
        assert finding.item is None or finding.item in shown or finding.item.startswith("(")
        assert not [i for i in hidden if i in finding.message.replace("(withheld", "")]
