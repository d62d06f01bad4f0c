"""Properties: any finance survives the converter and the store unchanged."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings

from goldenthread.finance import Finance
from goldenthread.framework import Authority, Framework
from goldenthread.io.persist import load_framework, save_framework
from goldenthread.serialise import from_json, from_toml, to_json, to_toml
from goldenthread.storage import open_store
from goldenthread.testing import strategies as gts
from tests.io.frameworks import CONVERTER

AT = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)


def _extras(finance: Finance) -> list[dict[str, str]]:
    return [line.extras for line in finance.lines]


@given(gts.finances())
def test_any_finance_round_trips_through_json_and_toml(finance: Finance) -> None:
    back = from_json(to_json(finance, converter=CONVERTER), Finance, converter=CONVERTER)
    assert back == finance
    assert _extras(back) == _extras(finance)  # extras take no part in equality
    assert from_toml(to_toml(finance, converter=CONVERTER), Finance, converter=CONVERTER) == finance


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(gts.finances(with_unit_costs=False))
def test_any_finance_round_trips_through_the_store(finance: Finance) -> None:
    framework = Framework(Authority("Testshire", code="TDC"), finance=finance)
    with open_store("memory://") as store:
        save_framework(store, framework, by="tester", at=AT, why="test", converter=CONVERTER)
        loaded = load_framework(store, converter=CONVERTER)
    assert loaded.finance == finance
    assert _extras(loaded.finance) == _extras(finance)
