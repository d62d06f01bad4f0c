"""Every public module of goldenthread has a place in the reference documentation."""

from __future__ import annotations

import pkgutil
import re
from pathlib import Path

import goldenthread

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _public_modules() -> set[str]:
    names = {"goldenthread"}
    for info in pkgutil.walk_packages(goldenthread.__path__, "goldenthread."):
        if not any(part.startswith("_") for part in info.name.split(".")):
            names.add(info.name)
    return names


def _documented() -> set[str]:
    found: set[str] = set()
    for page in DOCS.rglob("*.md"):
        found.update(re.findall(r"automodule:: ([\w.]+)", page.read_text(encoding="utf-8")))
    return found


def test_every_public_module_is_in_the_reference() -> None:
    missing = sorted(_public_modules() - _documented())
    assert not missing, f"modules with no automodule directive in docs/: {missing}"


def test_every_documented_module_exists() -> None:
    stale = sorted(_documented() - _public_modules())
    assert not stale, f"docs/ documents modules that do not exist: {stale}"
