"""Shared fixtures: the two example councils, loaded once per session."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from goldenthread.framework import Framework
from goldenthread.io.bundle import load_bundle

EXAMPLES = Path(__file__).resolve().parents[3] / "src" / "goldenthread" / "examples"
COUNCILS = ("rossendale", "poole")
TODAY = dt.date(2025, 11, 1)


@pytest.fixture(scope="session")
def frameworks() -> dict[str, Framework]:
    return {name: load_bundle(EXAMPLES / name) for name in COUNCILS}


@pytest.fixture
def bundle_copy(tmp_path: Path) -> Path:
    """A copy of the Rossendale bundle that a test may edit."""
    target = tmp_path / "rossendale"
    shutil.copytree(EXAMPLES / "rossendale", target)
    return target
