"""Reading a framework from a bundle path or a store URL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from goldenthread.errors import BundleError, InputError
from goldenthread.examples import example_path
from goldenthread.io.persist import NoFrameworkError, save_framework
from goldenthread.io.source import is_store_url, load_source
from goldenthread.storage import open_store
from goldenthread.storage.url import UnknownSchemeError
from tests.io.frameworks import CONVERTER, example, with_values, without_source

T0 = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
T1 = dt.datetime(2025, 2, 1, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("sqlite:///goldenthread.db", True),
        ("postgresql://user@host/db", True),
        ("memory://", True),
        ("examples/poole", False),
        ("council.xlsx", False),
        ("C:\\councils\\poole", False),
        ("://nothing", False),
    ],
)
def test_store_urls_are_told_from_bundle_paths(source: str, expected: bool) -> None:
    assert is_store_url(source) is expected


def test_a_bundle_path_is_loaded_as_a_bundle() -> None:
    path = str(example_path("poole"))
    framework = load_source(path)
    assert framework.source == path
    assert without_source(framework) == without_source(example("poole"))


def test_a_store_url_is_loaded_now_and_as_at(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'gt.db'}"
    first = example("poole")
    second = with_values(first, [])
    with open_store(url) as store:
        save_framework(store, first, by="a", at=T0, why="first", converter=CONVERTER)
        save_framework(store, second, by="a", at=T1, why="second", converter=CONVERTER)
    now = load_source(url)
    assert now.source == url
    assert without_source(now) == without_source(second)
    then = load_source(url, as_at=T0 + dt.timedelta(days=1))
    assert without_source(then) == without_source(first)


def test_as_at_is_refused_for_a_bundle() -> None:
    path = str(example_path("poole"))
    with pytest.raises(InputError) as caught:
        load_source(path, as_at=T0)
    [problem] = caught.value.problems
    assert (problem.file, problem.column) == (path, "as_at")
    assert "a bundle, which has no history; --as-at needs a store URL" in problem.reason


def test_a_new_memory_store_holds_no_framework() -> None:
    with pytest.raises(NoFrameworkError, match="the store holds no framework"):
        load_source("memory://")


def test_an_unknown_scheme_is_named() -> None:
    with pytest.raises(UnknownSchemeError, match="no store backend for nosuch://"):
        load_source("nosuch://db")


def test_a_missing_bundle_is_a_bundle_error(tmp_path: Path) -> None:
    with pytest.raises(BundleError, match="no bundle at"):
        load_source(str(tmp_path / "absent"))
