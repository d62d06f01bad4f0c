"""Properties of the thread: traces, coverage, cycles, checks and progress roll-up."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from goldenthread.thread import (
    CODES,
    GENERIC,
    IndicatorLink,
    Item,
    ItemKind,
    ItemStatus,
    Link,
    RollupRule,
    RollupStatus,
    Thread,
    ancestors,
    assess_action,
    check_thread,
    combine,
    coverage,
    descendants,
    expected_progress,
    find_cycles,
    rollup,
    trace_up,
)

from .helpers import TODAY

IDS = [f"I{n}" for n in range(12)]
ids = st.sampled_from(IDS)
maybe_id = st.one_of(st.none(), ids, st.just("MISSING"))
levels = st.sampled_from([*GENERIC.keys, "county"])
dates = st.sampled_from([None, dt.date(2012, 4, 1), dt.date(2013, 4, 1), dt.date(2014, 3, 31)])


def _item(item_id: str, fields: tuple[object, ...]) -> Item:
    kind, level, plan, parent, owner, start, due, status, progress, supersedes = fields
    return Item(
        item_id,
        kind,  # type: ignore[arg-type]
        f"title {item_id}",
        level,  # type: ignore[arg-type]
        plan=plan,  # type: ignore[arg-type]
        parent=parent,  # type: ignore[arg-type]
        owner=owner,  # type: ignore[arg-type]
        start=start,  # type: ignore[arg-type]
        due=due,  # type: ignore[arg-type]
        status=status,  # type: ignore[arg-type]
        progress=progress,  # type: ignore[arg-type]
        supersedes=supersedes,  # type: ignore[arg-type]
    )


item_fields = st.tuples(
    st.sampled_from(list(ItemKind)),
    levels,
    maybe_id,
    maybe_id,
    st.sampled_from([None, "x"]),
    dates,
    dates,
    st.sampled_from([None, *ItemStatus]),
    st.sampled_from([None, Decimal(0), Decimal(50), Decimal(100)]),
    maybe_id,
)
link_records = st.lists(st.tuples(maybe_id, ids), max_size=15)
attachment_records = st.lists(maybe_id, max_size=4)


@st.composite
def threads(draw: st.DrawFn) -> Thread:
    made = [_item(i, f) for i, f in draw(st.lists(st.tuples(ids, item_fields), max_size=12))]
    links = [Link(c or "I0", p) for c, p in draw(link_records)]
    attached = [IndicatorLink("PI", str(i)) for i in draw(attachment_records)]
    return Thread(made, GENERIC, links, attached)


@given(threads())
def test_checks_never_crash_and_use_known_codes(thread: Thread) -> None:
    for finding in check_thread(thread, TODAY):
        assert CODES[finding.code] is finding.severity


@given(threads())
def test_trace_up_and_down_are_inverse_views(thread: Thread) -> None:
    up = {i: ancestors(thread, i) for i in thread.by_id}
    down = {i: descendants(thread, i) for i in thread.by_id}
    for a in thread.by_id:
        for b in thread.by_id:
            assert (b in down[a]) == (a in up[b])


@given(threads())
def test_trace_up_paths_follow_links_to_roots(thread: Thread) -> None:
    for start in thread.by_id:
        for path in trace_up(thread, start):
            assert path[0] == start
            assert len(set(path)) == len(path)
            for child, parent in itertools.pairwise(path):
                assert parent in thread.parents(child)
            assert all(p in path for p in thread.parents(path[-1]))


@given(threads(), ids, ids)
def test_adding_a_link_never_removes_coverage(thread: Thread, child: str, parent: str) -> None:
    before = coverage(thread)
    after = coverage(thread.with_links(Link(child, parent)))
    assert [p.priority for p in before.priorities] == [p.priority for p in after.priorities]
    for old, new in zip(before.priorities, after.priorities, strict=True):
        assert all(new.counts[k] >= v for k, v in old.counts.items())
        assert new.front_line or not old.front_line


@given(threads())
def test_cycles_are_exactly_the_items_that_reach_themselves(thread: Thread) -> None:
    groups = find_cycles(thread.parent_map, thread.child_map)
    found = {i for group in groups for i in group}
    reach_self = {
        i
        for i in thread.by_id
        if any(p == i or i in ancestors(thread, p) for p in thread.parents(i))
    }
    assert found == reach_self


@given(threads(), st.lists(ids, min_size=1, max_size=5, unique=True))
def test_an_injected_cycle_is_always_reported(thread: Thread, loop: list[str]) -> None:
    present = [i for i in loop if i in thread]
    if not present:
        present = [next(iter(thread.by_id))] if len(thread) else []
    if not present:
        return
    ring = [Link(a, b) for a, b in zip(present, present[1:] + present[:1], strict=True)]
    findings = check_thread(thread.with_links(*ring), TODAY)
    cycle_items = " ".join(f.message for f in findings if f.code == "cycle")
    assert all(i in cycle_items for i in present)


statuses = st.sampled_from(list(RollupStatus))
weighted_inputs = st.lists(st.tuples(statuses, st.integers(1, 5).map(Decimal)), max_size=8)
rules = st.sampled_from(list(RollupRule))


@given(weighted_inputs, rules, st.randoms(use_true_random=False))
def test_combine_ignores_order(
    inputs: list[tuple[RollupStatus, Decimal]], rule: RollupRule, rnd: object
) -> None:
    shuffled = list(inputs)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert combine(inputs, rule) == combine(shuffled, rule)


@given(statuses, st.integers(1, 6), rules)
def test_combine_of_one_status_is_that_status(
    status: RollupStatus, n: int, rule: RollupRule
) -> None:
    assert combine([(status, Decimal(1))] * n, rule) == status


@given(weighted_inputs, rules)
def test_worst_of_is_the_pessimistic_bound(
    inputs: list[tuple[RollupStatus, Decimal]], rule: RollupRule
) -> None:
    worst = combine(inputs, RollupRule.WORST_OF)
    assert combine(inputs, rule).rank <= worst.rank


@given(weighted_inputs, st.data(), st.sampled_from([RollupRule.WORST_OF, RollupRule.WEIGHTED]))
def test_worsening_an_input_never_improves_the_result(
    inputs: list[tuple[RollupStatus, Decimal]], data: st.DataObject, rule: RollupRule
) -> None:
    graded = [(s, w) for s, w in inputs if s is not RollupStatus.NO_DATA]
    if not graded:
        return
    k = data.draw(st.integers(0, len(graded) - 1))
    status, weight = graded[k]
    worse = data.draw(st.sampled_from([s for s in RollupStatus if s.rank >= status.rank]))
    changed = [*graded[:k], (worse, weight), *graded[k + 1 :]]
    assert combine(changed, rule).rank >= combine(graded, rule).rank


@given(weighted_inputs, st.integers(2, 7))
def test_weighted_depends_only_on_relative_weights(
    inputs: list[tuple[RollupStatus, Decimal]], k: int
) -> None:
    scaled = [(s, w * k) for s, w in inputs]
    assert combine(scaled, RollupRule.WEIGHTED) == combine(inputs, RollupRule.WEIGHTED)


@given(
    st.dates(dt.date(2012, 1, 1), dt.date(2014, 12, 31)),
    st.integers(0, 800),
    st.dates(dt.date(2011, 6, 1), dt.date(2016, 12, 31)),
    st.integers(0, 400),
)
def test_expected_progress_is_bounded_and_grows(
    start: dt.date, days: int, as_at: dt.date, later: int
) -> None:
    due = start + dt.timedelta(days=days)
    now = expected_progress(start, due, as_at)
    assert 0 <= now <= 100
    assert expected_progress(start, due, as_at + dt.timedelta(days=later)) >= now


@given(
    st.dates(dt.date(2013, 1, 1), dt.date(2013, 12, 31)),
    st.integers(1, 400),
    st.integers(0, 100),
    st.integers(0, 100),
    st.dates(dt.date(2012, 6, 1), dt.date(2015, 6, 1)),
)
def test_more_progress_never_worsens_an_action(
    start: dt.date, days: int, low: int, high: int, as_at: dt.date
) -> None:
    low, high = min(low, high), max(low, high)

    def status(progress: int) -> RollupStatus:
        action = Item(
            "A",
            ItemKind.ACTION,
            "A",
            "team",
            start=start,
            due=start + dt.timedelta(days=days),
            progress=Decimal(progress),
        )
        return assess_action(action, as_at).status

    assert status(high).rank <= status(low).rank


@given(threads(), rules)
def test_rollup_gives_every_item_a_status(thread: Thread, rule: RollupRule) -> None:
    result = rollup(thread, TODAY, rule)
    assert set(result) == set(thread.by_id)
    for iid, assessment in result.items():
        if thread[iid].kind is not ItemKind.ACTION and rule is RollupRule.WORST_OF:
            inputs = [s for _, s in assessment.inputs]
            if RollupStatus.RED in inputs:
                assert assessment.status is RollupStatus.RED
