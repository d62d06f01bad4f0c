"""Exporting a framework as a bundle folder that reads back to the same framework."""

from __future__ import annotations

import csv
import tomllib
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goldenthread.errors import InputError
from goldenthread.indicators.numbers import ValueState
from goldenthread.indicators.values import IndicatorValue
from goldenthread.io.bundle import load_bundle
from goldenthread.io.export import export_bundle, format_decimal
from goldenthread.risk.register import Control
from goldenthread.thread.items import ProgressUpdate
from tests.io.frameworks import EXAMPLES, all_values, example, with_values, without_source


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("name", EXAMPLES)
def test_an_exported_example_reads_back_as_the_same_framework(name: str, tmp_path: Path) -> None:
    framework = example(name)
    folder = export_bundle(framework, tmp_path / "out")
    assert folder == tmp_path / "out"
    assert without_source(load_bundle(folder)) == without_source(framework)


@pytest.mark.parametrize("name", EXAMPLES)
def test_extras_survive_the_export(name: str, tmp_path: Path) -> None:
    framework = example(name)
    back = load_bundle(export_bundle(framework, tmp_path))
    assert [i.extras for i in back.thread.items] == [i.extras for i in framework.thread.items]
    assert [r.extras for r in back.risks] == [r.extras for r in framework.risks]
    assert {c: d.extras for c, d in back.indicators.definitions.items()} == {
        c: d.extras for c, d in framework.indicators.definitions.items()
    }


def test_the_files_use_the_bundle_columns_and_the_settings(tmp_path: Path) -> None:
    framework = example("poole")
    export_bundle(framework, tmp_path)
    values = rows(tmp_path / "values.csv")
    assert list(values[0])[:4] == ["indicator", "period", "value", "numerator"]
    assert values[0]["period"] == "2021-04"
    links = rows(tmp_path / "links.csv")
    assert links[0] == {"child": "TR-1", "parent": "POOLE-P2", "kind": "contributes"}
    settings = tomllib.loads((tmp_path / "framework.toml").read_text(encoding="utf-8"))
    assert settings == dict(framework.settings)


def test_absent_values_are_written_as_their_state(tmp_path: Path) -> None:
    framework = example("rossendale")
    first = all_values(framework)[0]
    code, period = first.indicator, first.period
    states = [
        IndicatorValue(code, period, ValueState.NOT_APPLICABLE),
        IndicatorValue(code, period.next(), ValueState.NOT_YET_DUE),
        IndicatorValue(code, period.next().next(), ValueState.MISSING),
    ]
    small = with_values(framework, states)
    export_bundle(small, tmp_path)
    assert [r["value"] for r in rows(tmp_path / "values.csv")] == ["n/a", "not yet due", "missing"]
    assert without_source(load_bundle(tmp_path)) == without_source(small)


def test_export_replaces_a_stale_file_the_framework_has_no_rows_for(tmp_path: Path) -> None:
    framework = example("poole")
    export_bundle(framework, tmp_path)
    bare = attrs.evolve(framework, risks=(), risk_reviews=())
    export_bundle(bare, tmp_path)
    assert not (tmp_path / "risks.csv").exists()
    assert without_source(load_bundle(tmp_path)) == without_source(bare)


def test_what_a_bundle_cannot_express_is_refused_before_writing(tmp_path: Path) -> None:
    framework = example("poole")
    item = framework.thread.items[0]
    day = item.start or item.due
    assert day is not None
    busy = attrs.evolve(
        item, updates=(ProgressUpdate(day, None, "a"), ProgressUpdate(day, None, "b"))
    )
    risk = attrs.evolve(framework.risks[0], controls=(Control("audit; review", "CFO"),))
    odd = attrs.evolve(
        framework,
        thread=attrs.evolve(framework.thread, items=(busy, *framework.thread.items[1:])),
        risks=(risk, *framework.risks[1:]),
    )
    with pytest.raises(InputError) as caught:
        export_bundle(odd, tmp_path / "out")
    assert [str(p) for p in caught.value.problems] == [
        f"items.csv, column 'id': item {item.id!r} has 2 progress updates; items.csv holds one",
        f"risks.csv, column 'id': risk {risk.id!r} has an objective, control or mitigating "
        "action containing ';' or '|'",
    ]
    assert not (tmp_path / "out").exists()


@given(st.decimals(allow_nan=False, allow_infinity=False))
def test_format_decimal_is_plain_and_exact(number: Decimal) -> None:
    text = format_decimal(number)
    assert "E" not in text.upper()
    assert Decimal(text) == number


@settings(max_examples=30)
@given(st.data())
def test_any_subset_of_values_round_trips_through_a_folder(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    pool = all_values(example("poole"))[:200]
    chosen = data.draw(st.lists(st.sampled_from(pool), unique_by=lambda v: id(v)))
    framework = with_values(example("poole"), chosen)
    folder = export_bundle(framework, tmp_path_factory.mktemp("bundle"))
    assert without_source(load_bundle(folder)).indicators == framework.indicators
