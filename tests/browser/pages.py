"""Load a page in headless Chromium, run axe-core on it, collect its errors, screenshot it."""

from __future__ import annotations

from pathlib import Path

from attrs import frozen

from tests.browser.axe import Violation, run_axe
from tests.browser.chromium import Browser, ConsoleMessage, Page

__all__ = ["Inspection", "image_names", "inspect_page"]


@frozen
class Inspection:
    """What a page showed in the browser: axe violations, errors, a PNG screenshot and
    the elements that stick out past the right edge of the window (outside scrolling
    regions), which would make the whole page scroll sideways (WCAG 1.4.10 Reflow), and
    the accessible name the browser computed for each image (``role="img"``: charts and
    sparklines) in document order, which is what a screen reader announces.
    """

    violations: tuple[Violation, ...]
    errors: tuple[ConsoleMessage, ...]
    screenshot: Path
    overflowing: tuple[str, ...]
    images: tuple[str, ...] = ()


def image_names(page: Page) -> tuple[str, ...]:
    """The accessible names of the page's images, from Chromium's accessibility tree."""
    tree = page.send("Accessibility.getFullAXTree")
    names: list[str] = []
    for node in tree.get("nodes", []):
        if node.get("ignored") or node.get("role", {}).get("value") not in ("image", "img"):
            continue
        names.append(str(node.get("name", {}).get("value", "")))
    return tuple(names)


# Elements whose right edge is past the window's, unless inside an element that scrolls
# sideways itself; each described by its tag, class and the start of its text.
_OVERFLOWING = """(() => {
  const width = document.documentElement.clientWidth, found = [];
  const all = Array.from(document.body.querySelectorAll('*'));
  const scrollers = all.filter(e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX));
  for (const element of all) {
    const inside = scrollers.some(s => s !== element && s.contains(element));
    if (!inside && element.getBoundingClientRect().right > width + 0.5) {
      found.push(`${element.tagName.toLowerCase()}.${element.className}: `
        + element.textContent.trim().slice(0, 40));
    }
  }
  return found;
})()"""


def inspect_page(
    browser: Browser,
    axe_source: str,
    page_path: Path,
    screenshot: Path,
    width: int = 1280,
    media: str = "",
) -> Inspection:
    """Open ``page_path`` (a file) in a new tab ``width`` CSS pixels wide, optionally
    emulating a CSS ``media`` type such as ``"print"``; run axe-core, save a full-page
    PNG to ``screenshot``, find elements sticking out sideways, read the images'
    accessible names and collect every error the page reported. The tab is closed
    afterwards.
    """
    page = browser.open_page(width=width)
    try:
        if media:
            page.send("Emulation.setEmulatedMedia", {"media": media})
        page.navigate(page_path.resolve().as_uri())
        violations = run_axe(page, axe_source)
        overflowing = page.evaluate(_OVERFLOWING)
        images = image_names(page)
        screenshot.write_bytes(page.screenshot())
        errors = page.console_errors()
    finally:
        page.close()
    return Inspection(tuple(violations), tuple(errors), screenshot, tuple(overflowing), images)
