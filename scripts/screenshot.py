"""Render HTML files to full-page PNG screenshots with headless Chromium, for people to look at.

Usage (from the repository, with the virtualenv's Python)::

    .venv/bin/python scripts/screenshot.py demo-output/*.html
    .venv/bin/python scripts/screenshot.py --width 360 --output shots report.html

Each ``NAME.html`` becomes ``NAME.png`` (beside it, or in ``--output``) showing the
whole page, not only the first screenful: Chromium's own ``--screenshot`` flag captures
just the window, so the page is driven over the DevTools protocol instead (the helper in
``tests/browser/chromium.py``, started with the flags this machine's closed network
needs). Chromium is ``--chromium``, else ``$GOLDENTHREAD_CHROMIUM``, else ``chromium`` on
the path (``bash .ci/browser.sh`` installs it).

Errors a page reports (console errors, script exceptions, content security policy
violations, failed loads) are printed on stderr and make the exit status 1; a missing
file or browser makes it 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.browser.chromium import Browser, BrowserError, find_chromium


def screenshot(browser: Browser, page_path: Path, png: Path, width: int) -> list[str]:
    """Save a full-page PNG of ``page_path`` to ``png``; return the errors it reported."""
    page = browser.open_page(width=width)
    try:
        page.navigate(page_path.resolve().as_uri())
        png.write_bytes(page.screenshot())
        return [str(error) for error in page.console_errors()]
    finally:
        page.close()


def main(argv: Sequence[str] | None = None) -> int:
    """Screenshot each file named in ``argv``; the exit status (0, 1 or 2)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="+", type=Path, help="HTML files to render")
    parser.add_argument("--output", type=Path, help="folder for the PNGs (default: beside)")
    parser.add_argument("--width", type=int, default=1280, help="window width in CSS pixels")
    parser.add_argument("--chromium", type=Path, help="the Chromium executable")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per step")
    options = parser.parse_args(argv)

    missing = [str(p) for p in options.pages if not p.is_file()]
    if missing:
        print(f"screenshot.py: no such file: {', '.join(missing)}", file=sys.stderr)
        return 2
    chromium = options.chromium or find_chromium()
    if chromium is None or not chromium.is_file():
        print("screenshot.py: Chromium not found (bash .ci/browser.sh)", file=sys.stderr)
        return 2
    if options.output is not None:
        options.output.mkdir(parents=True, exist_ok=True)

    status = 0
    try:
        with Browser(chromium, timeout=options.timeout) as browser:
            for page_path in options.pages:
                folder = options.output or page_path.parent
                png = folder / page_path.with_suffix(".png").name
                errors = screenshot(browser, page_path, png, options.width)
                print(png)
                for error in errors:
                    print(f"screenshot.py: {page_path}: {error}", file=sys.stderr)
                    status = 1
    except BrowserError as error:
        print(f"screenshot.py: {error}", file=sys.stderr)
        return 2
    return status


if __name__ == "__main__":
    sys.exit(main())
