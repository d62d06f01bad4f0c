"""Every hook has its page in ``docs/hooks/``, and every page there is a hook's."""

from __future__ import annotations

import inspect
from pathlib import Path

from goldenthread import hookspecs

HOOK_DOCS = Path(__file__).resolve().parents[2] / "docs" / "hooks"


def hook_names() -> set[str]:
    return {
        name
        for name, value in vars(hookspecs).items()
        if name.startswith("goldenthread_") and inspect.isfunction(value)
    }


def test_the_hookspecs_are_found() -> None:
    assert "goldenthread_rag_rules" in hook_names()
    assert "goldenthread_branding" in hook_names()


def is_documented(name: str) -> bool:
    page = HOOK_DOCS / f"{name}.md"
    directive = f".. autofunction:: goldenthread.hookspecs.{name}\n"
    return page.exists() and directive in page.read_text(encoding="utf-8")


def test_every_hook_is_documented() -> None:
    assert sorted(name for name in hook_names() if not is_documented(name)) == []


def test_every_hook_page_documents_an_existing_hook() -> None:
    pages = {page.stem for page in HOOK_DOCS.glob("*.md")}
    assert pages - hook_names() == set()


def test_every_hook_has_a_docstring() -> None:
    for name in hook_names():
        assert inspect.getdoc(getattr(hookspecs, name)), name
