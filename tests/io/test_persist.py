"""Saving a whole framework into a store and loading it back, now and as at a moment."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goldenthread.errors import InputError
from goldenthread.framework import Framework
from goldenthread.indicators.values import IndicatorValue
from goldenthread.io.persist import (
    NoFrameworkError,
    load_framework,
    save_framework,
    settings_parts,
)
from goldenthread.periods import Frequency
from goldenthread.risk.settings import RiskSettings
from goldenthread.risk.trends import Review
from goldenthread.storage import Change, Store, open_store
from goldenthread.storage.base import OutOfOrderError
from tests.io.frameworks import (
    CONVERTER,
    EXAMPLES,
    all_values,
    example,
    with_values,
    without_source,
)

T0 = dt.datetime(2024, 10, 1, 9, 0, tzinfo=dt.UTC)
T1 = dt.datetime(2024, 11, 1, 9, 0, tzinfo=dt.UTC)
T2 = dt.datetime(2025, 2, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(params=["memory", "sqlite"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    url = "memory://" if request.param == "memory" else f"sqlite:///{tmp_path / 'gt.db'}"
    with open_store(url) as opened:
        yield opened


def save(store: Store, framework: Framework, at: dt.datetime, why: str = "import") -> int | None:
    return save_framework(store, framework, by="j.smith", at=at, why=why, converter=CONVERTER)


def load(store: Store, as_at: dt.datetime | None = None) -> Framework:
    return without_source(load_framework(store, as_at=as_at, converter=CONVERTER))


@pytest.mark.parametrize("name", EXAMPLES)
def test_save_then_load_gives_an_equal_framework(store: Store, name: str) -> None:
    framework = example(name)
    assert save(store, framework, T0) == 1
    assert load(store) == without_source(framework)


@pytest.mark.parametrize("name", EXAMPLES)
def test_extras_and_order_survive_the_store(name: str) -> None:
    framework = example(name)
    with open_store("memory://") as store:
        save(store, framework, T0)
        loaded = load(store)
    assert [i.id for i in loaded.thread.items] == [i.id for i in framework.thread.items]
    assert [i.extras for i in loaded.thread.items] == [i.extras for i in framework.thread.items]
    assert [r.id for r in loaded.risks] == [r.id for r in framework.risks]
    assert loaded.risk_reviews == framework.risk_reviews
    assert {c: d.extras for c, d in loaded.indicators.definitions.items()} == {
        c: d.extras for c, d in framework.indicators.definitions.items()
    }


def test_load_records_the_source_it_is_given() -> None:
    with open_store("memory://") as store:
        save(store, example("poole"), T0)
        assert load_framework(store, source="sqlite:///x.db").source == "sqlite:///x.db"


def test_saving_an_unchanged_framework_writes_nothing(store: Store) -> None:
    framework = example("rossendale")
    first = save(store, framework, T0)
    assert save(store, framework, T1, why="no change") is None
    assert [batch.id for batch in store.batches()] == [first]


def test_a_changed_value_is_the_only_new_revision(store: Store) -> None:
    framework = example("rossendale")
    save(store, framework, T0)
    old = framework.indicators.recorded["NI 157a"]
    first = next(iter(old.values()))
    corrected = attrs.evolve(first, numerator=Decimal(1), note="corrected")
    values = [corrected if v is first else v for v in all_values(framework)]
    save(store, with_values(framework, values), T1, why="correction")
    assert store.batches()[-1].size == 1
    key = f"NI 157a|{first.period.label}"
    history = store.history("value", key, organisation="rossendale")
    assert [(r.batch, r.by, r.payload["note"]) for r in history] == [
        (1, "j.smith", ""),
        (2, "j.smith", "corrected"),
    ]
    assert history[-1].period == first.period.label
    assert history[-1].subject == "NI 157a"
    assert load(store).indicators.recorded["NI 157a"][_key(first)] == corrected


def _key(value: IndicatorValue) -> tuple[int, int]:
    return (value.period.months, value.period.start_index)


def test_objects_no_longer_present_are_retired_and_keep_their_history(store: Store) -> None:
    framework = example("poole")
    save(store, framework, T0)
    gone = framework.risks[0]
    reviews = tuple(r for r in framework.risk_reviews if r.risk != gone.id)
    smaller = attrs.evolve(framework, risks=framework.risks[1:], risk_reviews=reviews)
    save(store, smaller, T1, why="risk closed")
    assert load(store) == without_source(smaller)
    assert store.get("risk", gone.id, organisation="poole") is None
    history = store.history("risk", gone.id, organisation="poole")
    assert [r.deleted for r in history] == [False, True]
    assert history[-1].why == "risk closed"


def test_as_at_a_moment_before_a_second_import_gives_the_first_framework(store: Store) -> None:
    first = example("rossendale")
    save(store, first, T0)
    kept = [v for v in all_values(first) if v.indicator != "NI 157a"]
    second = with_values(first, kept)
    save(store, second, T2)
    assert load(store, as_at=T1) == without_source(first)
    assert load(store, as_at=T2) == without_source(second)
    assert load(store) == without_source(second)


def test_as_at_a_moment_before_anything_was_saved_says_so(store: Store) -> None:
    save(store, example("poole"), T1)
    with pytest.raises(NoFrameworkError, match="holds no framework as at 2024-10-01T09:00"):
        load_framework(store, as_at=T0)


def test_an_empty_store_holds_no_framework() -> None:
    with open_store("memory://") as store, pytest.raises(NoFrameworkError) as caught:
        load_framework(store)
    assert str(caught.value) == "the store holds no framework; import a bundle first"


def test_a_naive_as_at_is_refused(store: Store) -> None:
    save(store, example("poole"), T0)
    with pytest.raises(InputError, match="naive"):
        load_framework(store, as_at=dt.datetime(2025, 1, 1))


def test_a_correction_after_the_period_closed_is_a_restatement(store: Store) -> None:
    framework = example("rossendale")
    save(store, framework, T0, why="Q1 returns")
    value = framework.indicators.recorded["NI 157a"][_key(_first_value(framework, "2021-04"))]
    corrected = attrs.evolve(value, numerator=Decimal(0), denominator=Decimal(3))
    values = [corrected if v is value else v for v in all_values(framework)]
    save(store, with_values(framework, values), T2, why="late correction")

    # Every period closed at T1 (between the first import and the correction).
    late = store.restatements("value", period_closes=lambda label: T1, organisation="rossendale")
    assert len(late) == 1
    assert late[0].revision.key == "NI 157a|2021-04"
    assert late[0].revision.why == "late correction"
    assert late[0].reported is not None
    assert late[0].reported.payload["numerator"] == str(value.numerator)
    assert late[0].revision.payload["numerator"] == "0"


def _first_value(framework: Framework, label: str) -> IndicatorValue:
    return next(
        v for v in framework.indicators.recorded["NI 157a"].values() if v.period.label == label
    )


def test_a_framework_whose_parts_disagree_with_its_settings_is_refused(store: Store) -> None:
    framework = example("poole")
    odd = attrs.evolve(framework, risk_settings=RiskSettings(review_frequency=Frequency.MONTHLY))
    assert odd.risk_settings != framework.risk_settings
    with pytest.raises(InputError) as caught:
        save(store, odd, T0)
    assert [(p.column, p.reason) for p in caught.value.problems] == [
        (
            "risk_settings",
            "the framework's risk_settings differ from what its settings describe; put them "
            "in the settings (framework.toml) so they can be stored",
        )
    ]
    assert store.batches() == []


def test_a_bad_batch_writes_nothing(store: Store) -> None:
    with pytest.raises(InputError, match="by must be non-blank text"):
        save_framework(store, example("poole"), by=" ", at=T0, why="x", converter=CONVERTER)
    assert store.batches() == []


def test_a_batch_earlier_than_the_latest_is_refused(store: Store) -> None:
    save(store, example("poole"), T1)
    with pytest.raises(OutOfOrderError):
        save(store, example("rossendale"), T0)
    assert len(store.batches()) == 1


def test_repeated_review_keys_are_kept_apart_in_order() -> None:
    framework = example("poole")
    review = framework.risk_reviews[0]
    again = attrs.evolve(review, note="second review the same day")
    doubled = attrs.evolve(framework, risk_reviews=(review, again, *framework.risk_reviews[1:]))
    with open_store("memory://") as store:
        save(store, doubled, T0)
        key = f"{review.risk}|{review.reviewed_on.isoformat()}"
        assert store.get("risk_review", f"{key}#2", organisation="poole") is not None
        assert load(store).risk_reviews == doubled.risk_reviews


def test_a_new_order_of_items_is_stored() -> None:
    framework = example("rossendale")
    items = tuple(reversed(framework.thread.items))
    reordered = attrs.evolve(framework, thread=attrs.evolve(framework.thread, items=items))
    with open_store("memory://") as store:
        save(store, framework, T0)
        save(store, reordered, T1)
        assert store.batches()[-1].size == 1  # only the sequence of items changed
        assert load(store).thread.items == items
        assert load(store, as_at=T0).thread.items == framework.thread.items


def test_a_stored_revision_that_no_longer_reads_is_named() -> None:
    with open_store("memory://") as store:
        save(store, example("poole"), T0)
        store.write(
            [Change("risk", "PCR01", {"title": 7}, organisation="poole")], by="x", at=T1, why="bad"
        )
        with pytest.raises(InputError) as caught:
            load_framework(store, converter=CONVERTER)
    reasons = [p.reason for p in caught.value.problems]
    assert reasons
    assert all(
        r.startswith("stored risk 'PCR01' (batch 2) does not read as a Risk") for r in reasons
    )
    assert any("$.id" in r for r in reasons)


def test_settings_parts_names_every_bad_section() -> None:
    authority = example("poole").organisation
    bad = {"levels": [{"name": "no key"}], "risk": {"matrix": 5}}
    with pytest.raises(InputError) as caught:
        settings_parts(bad, authority)
    columns = {p.column for p in caught.value.problems}
    assert any(c is not None and c.startswith("levels") for c in columns)
    assert any(c is not None and c.startswith("risk") for c in columns)


# -- properties ----------------------------------------------------------------------------

_TWO_CODES = set(list(example("rossendale").indicators.definitions)[:2])
_POOL = [v for v in all_values(example("rossendale")) if v.indicator in _TWO_CODES]
_SMALL = with_values(
    attrs.evolve(
        example("rossendale"),
        risks=(),
        risk_reviews=(),
        thread=attrs.evolve(example("rossendale").thread, items=(), links=(), indicators=()),
    ),
    _POOL,
)
subsets = st.lists(st.sampled_from(range(len(_POOL))), unique=True).map(
    lambda idx: [_POOL[i] for i in sorted(idx)]
)


@settings(max_examples=40)
@given(first=subsets, second=subsets)
def test_any_two_subsets_of_values_round_trip_now_and_as_at(
    first: list[IndicatorValue], second: list[IndicatorValue]
) -> None:
    one, two = with_values(_SMALL, first), with_values(_SMALL, second)
    with open_store("memory://") as store:
        save(store, one, T0)
        second_batch = save(store, two, T1)
        assert load(store, as_at=T0) == without_source(one)
        assert load(store) == without_source(two)
        changed = set(map(_ident, first)) ^ set(map(_ident, second))
        if second_batch is None:  # nothing changed: nothing written
            assert not changed
            assert first == second
        else:
            assert store.batches()[-1].size == len(changed)


def _ident(value: IndicatorValue) -> str:
    return f"{value.indicator}|{value.period.label}"


_POOLE = example("poole")
_RISKS_ONLY = attrs.evolve(
    with_values(_POOLE, []),
    thread=attrs.evolve(_POOLE.thread, items=(), links=(), indicators=()),
)


@settings(max_examples=40)
@given(reviews=st.lists(st.sampled_from(_POOLE.risk_reviews), max_size=12))
def test_any_sequence_of_reviews_round_trips(reviews: list[Review]) -> None:
    framework = attrs.evolve(_RISKS_ONLY, risk_reviews=tuple(reviews))
    with open_store("memory://") as store:
        save(store, framework, T0)
        assert load(store) == without_source(framework)
