"""The browser machinery finds problems when there are some, so a clean report means clean."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.axe import describe
from tests.browser.chromium import Browser, BrowserError, find_axe, find_chromium
from tests.browser.pages import inspect_page

BROKEN = """<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>Broken page</title></head>
<body>
<main>
<h1>Broken page</h1>
<img src="data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACwAAAAAAQABAAACAkQBADs=">
<p style="color: #aaaaaa; background: #ffffff">Faint text</p>
<div style="width: 3000px">Too wide</div>
<div style="overflow-x: auto" role="region" aria-label="Wide table" tabindex="0">
<div style="width: 3000px">Wide but scrolls in its own region</div>
</div>
<script>console.error("deliberate error"); missingFunction();</script>
</main>
</body>
</html>
"""


def test_a_broken_page_shows_its_violations_and_errors(
    browser: Browser, axe_source: str, screenshots: Path
) -> None:
    page = screenshots / "broken.html"
    page.write_text(BROKEN, encoding="utf-8")

    seen = inspect_page(browser, axe_source, page, screenshots / "broken.png")

    assert {v.rule for v in seen.violations} == {"html-has-lang", "image-alt", "color-contrast"}
    text = describe(seen.violations)
    assert "image-alt (critical): Images must have alternative text" in text
    assert "at img: <img src=" in text
    assert [(e.origin, e.text) for e in seen.errors if e.origin == "console"] == [
        ("console", "deliberate error")
    ]
    assert any("missingFunction is not defined" in e.text for e in seen.errors)
    assert seen.overflowing == ("div.: Too wide",)


def test_a_missing_page_is_an_error(browser: Browser, tmp_path: Path) -> None:
    page = browser.open_page()
    try:
        with pytest.raises(BrowserError, match=r"could not load file://.*absent\.html"):
            page.navigate((tmp_path / "absent.html").as_uri())
    finally:
        page.close()


def test_tools_named_in_the_environment_must_exist(tmp_path: Path) -> None:
    absent = str(tmp_path / "absent")
    assert find_chromium({"GOLDENTHREAD_CHROMIUM": absent}) is None
    assert find_axe({"GOLDENTHREAD_AXE": absent}) is None
    present = tmp_path / "axe.min.js"
    present.write_text("", encoding="utf-8")
    assert find_axe({"GOLDENTHREAD_AXE": str(present)}) == present


def test_a_browser_that_is_not_chromium_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BrowserError, match=r"Chromium closed its DevTools pipe|could not send"):
        Browser(Path("/bin/true"), timeout=5).close()
