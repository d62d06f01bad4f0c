"""Fixtures for the browser tests: headless Chromium and axe-core, or a clear skip.

The tests need ``GOLDENTHREAD_CHROMIUM`` (a Chromium executable) and
``GOLDENTHREAD_AXE`` (axe-core's ``axe.min.js``), as printed by ``.ci/browser.sh``;
without them they look for ``chromium`` on the path and axe-core where that script
installs it, and skip, saying what is missing, when either cannot be found. A variable
that is set but names no file is a mistake in the set-up, so those tests fail instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.chromium import Browser, find_axe, find_chromium

MISSING_CHROMIUM = (
    "headless Chromium not found: set GOLDENTHREAD_CHROMIUM or install Debian's chromium "
    "package (bash .ci/browser.sh does both)"
)
MISSING_AXE = (
    "axe-core not found: set GOLDENTHREAD_AXE to axe.min.js or run bash .ci/browser.sh "
    "(npm install --prefix tests/browser axe-core@4)"
)


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's source text."""
    path = find_axe()
    if path is None and os.environ.get("GOLDENTHREAD_AXE"):
        pytest.fail(f"GOLDENTHREAD_AXE={os.environ['GOLDENTHREAD_AXE']} is not a file")
    if path is None:
        pytest.skip(MISSING_AXE)
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole session, killed at the end."""
    path = find_chromium()
    if path is None and os.environ.get("GOLDENTHREAD_CHROMIUM"):
        pytest.fail(f"GOLDENTHREAD_CHROMIUM={os.environ['GOLDENTHREAD_CHROMIUM']} is not a file")
    if path is None:
        pytest.skip(MISSING_CHROMIUM)
    chromium = Browser(path)
    try:
        yield chromium
    finally:
        chromium.close()


@pytest.fixture
def screenshots(tmp_path: Path) -> Path:
    """The folder a test's PNG screenshots go in (under pytest's temporary folder)."""
    folder = tmp_path / "screenshots"
    folder.mkdir()
    return folder
