"""Saving a framework writes every indicator value and target exactly as the converter
unstructures it (the same JSON text, byte for byte), however it gets there: a store
written by an earlier release reads the same and a re-save of an unchanged framework
writes nothing.  A converter that unstructures them differently (a plugin's hook) is
followed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
import cattrs
import pytest
from cattrs.gen import make_dict_unstructure_fn, override
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.framework import Framework
from goldenthread.indicators.numbers import ValueState
from goldenthread.indicators.polarity import DataStatus
from goldenthread.indicators.targets import Target
from goldenthread.indicators.values import IndicatorValue
from goldenthread.io import persist
from goldenthread.io.persist import _target_payload, _value_payload, save_framework
from goldenthread.periods import FinancialYear, HalfYear, Month, Period, Quarter
from goldenthread.serialise import SerialiseError, make_converter
from goldenthread.storage import open_store
from goldenthread.storage.base import encode_payload
from tests.io.frameworks import EXAMPLES, all_values, example, with_values

CONVERTER = make_converter()
T0 = dt.datetime(2024, 10, 1, 9, 0, tzinfo=dt.UTC)


@st.composite
def periods(draw: st.DrawFn) -> Period:
    ysm = draw(st.integers(1, 12))
    year = draw(st.integers(1990, 2100))
    kind = draw(st.sampled_from(["year", "half", "quarter", "month"]))
    if kind == "year":
        return FinancialYear(year, ysm)
    if kind == "half":
        return HalfYear(year, draw(st.integers(1, 2)), ysm)
    if kind == "quarter":
        return Quarter(year, draw(st.integers(1, 4)), ysm)
    return Month(year, draw(st.integers(1, 12)), ysm)


figures = st.decimals(allow_nan=False, allow_infinity=False, places=None)
counts = st.decimals(min_value=0, allow_nan=False, allow_infinity=False)
texts = st.text(max_size=12)
extras = st.dictionaries(st.text(max_size=6), st.text(max_size=6), max_size=3)


@st.composite
def values(draw: st.DrawFn) -> IndicatorValue:
    state = draw(st.sampled_from(list(ValueState)))
    figure = numerator = denominator = None
    if state is ValueState.PRESENT:
        shape = draw(st.sampled_from(["value", "counts", "both"]))
        if shape != "counts":
            figure = draw(figures)
        if shape != "value":
            numerator, denominator = draw(figures), draw(counts)
    return IndicatorValue(
        draw(texts),
        draw(periods()),
        state,
        figure,
        numerator,
        denominator,
        draw(st.sampled_from(list(DataStatus))),
        draw(texts),
        draw(st.none() | st.dates()),
        draw(texts),
        draw(extras),
    )


@st.composite
def targets(draw: st.DrawFn) -> Target:
    lower, upper = sorted([draw(figures), draw(figures)])
    return Target(
        draw(texts),
        draw(periods()),
        draw(st.none() | figures),
        draw(st.none() | st.just(lower)),
        draw(st.none() | st.just(upper)),
        draw(st.none() | figures),
        draw(st.none() | figures),
        draw(texts),
        draw(extras),
    )


def _same(fast: dict[str, Any] | None, slow: Any) -> None:
    assert fast is not None
    assert fast == slow
    assert encode_payload(fast) == encode_payload(slow)  # the same keys in the same order


@given(values())
def test_a_value_is_written_as_the_converter_writes_it(value: IndicatorValue) -> None:
    _same(_value_payload(value, value.period.label), CONVERTER.unstructure(value))


@given(targets())
def test_a_target_is_written_as_the_converter_writes_it(target: Target) -> None:
    _same(_target_payload(target, target.period.label), CONVERTER.unstructure(target))


def _stored_texts(framework: Framework, converter: cattrs.Converter) -> dict[str, dict[str, str]]:
    with open_store("memory://") as store:
        save_framework(store, framework, by="ann", at=T0, why="import", converter=converter)
        assert (
            save_framework(store, framework, by="ann", at=T0, why="again", converter=converter)
            is None
        )
        return {
            kind: {e.key: e.payload for e in store.current_encoded(kind, organisation=code)}
            for kind in ("value", "target")
            for code in [framework.organisation.code]
        }


def _expected_texts(framework: Framework, converter: cattrs.Converter) -> dict[str, dict[str, str]]:
    indicators = framework.indicators
    derived = {unit_cost.code for unit_cost in framework.finance.unit_costs}
    return {
        "value": {  # the values of unit costs are derived again when loaded, not stored
            f"{v.indicator}|{v.period.label}": encode_payload(converter.unstructure(v))
            for v in all_values(framework)
            if v.indicator not in derived
        },
        "target": {
            f"{t.indicator}|{t.period.label}": encode_payload(converter.unstructure(t))
            for by_period in indicators.targets.values()
            for t in by_period.values()
        },
    }


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_examples_are_stored_as_the_converter_writes_them(name: str) -> None:
    framework = example(name)
    assert _stored_texts(framework, CONVERTER) == _expected_texts(framework, CONVERTER)


def _plugin_decimals() -> cattrs.Converter:
    converter = make_converter()
    converter.register_unstructure_hook(Decimal, lambda d: f"{d:f}")
    return converter


def _plugin_value_layout() -> cattrs.Converter:
    converter = make_converter()
    for cls in (IndicatorValue, Target):
        converter.register_unstructure_hook(
            cls,
            make_dict_unstructure_fn(cls, converter, note=override(omit_if_default=True)),
        )
    return converter


@pytest.mark.parametrize("make", [_plugin_decimals, _plugin_value_layout])
def test_a_converter_that_writes_values_differently_is_followed(make: Any) -> None:
    converter = make()
    framework = example("rossendale")
    first = all_values(framework)[0]
    # A value whose figure reads differently under the plugin's hook, and one without a
    # note, so that both converters change what is written.
    changed = [
        attrs.evolve(first, value=Decimal("1E+2"), note=""),
        *all_values(framework)[1:],
    ]
    framework = with_values(framework, changed)
    expected = _expected_texts(framework, converter)
    assert expected != _expected_texts(framework, CONVERTER)
    assert _stored_texts(framework, converter) == expected


def test_a_value_the_converter_refuses_is_refused_as_before() -> None:
    framework = example("rossendale")
    first = all_values(framework)[0]
    bad = attrs.evolve(first, value=Decimal("NaN"), numerator=None, denominator=None)
    framework = with_values(framework, [bad, *all_values(framework)[1:]])
    with (
        open_store("memory://") as store,
        pytest.raises(SerialiseError, match="non-finite decimal NaN"),
    ):
        save_framework(store, framework, by="ann", at=T0, why="import", converter=CONVERTER)


@pytest.mark.parametrize("chunk", [1, 3, 10_000])
def test_a_resave_writes_exactly_the_changed_values_however_the_diff_is_chunked(
    chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(persist, "_DECODE_CHUNK", chunk)
    framework = example("rossendale")
    derived = {unit_cost.code for unit_cost in framework.finance.unit_costs}
    stored = [v for v in all_values(framework) if v.indicator not in derived]
    picked = {0, 2, 3, len(stored) - 1}
    edited = [
        attrs.evolve(v, note=f"corrected {i}") if i in picked else v for i, v in enumerate(stored)
    ]
    edited.extend(v for v in all_values(framework) if v.indicator in derived)
    with open_store("memory://") as store:
        save_framework(store, framework, by="ann", at=T0, why="import", converter=CONVERTER)
        again = with_values(framework, edited)
        later = T0 + dt.timedelta(days=1)
        batch = save_framework(store, again, by="ann", at=later, why="fix", converter=CONVERTER)
        assert batch == 2
        written = store.revisions("value", since=T0, organisation=framework.organisation.code)
        assert sorted(r.key for r in written) == sorted(
            f"{stored[i].indicator}|{stored[i].period.label}" for i in picked
        )
