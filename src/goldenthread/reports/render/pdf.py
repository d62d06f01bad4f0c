"""The PDF renderer: the HTML report printed by headless Chromium, for committee agendas.

A PDF is the report's own HTML (:func:`~.html.render_html`), so it reads exactly as the
web page does, printed to A4 by Chromium's ``--print-to-pdf`` with the page's print
styles.  Every page carries its number, "Page N of M", in the bottom margin, and the
report's title in the bottom-left, from CSS ``@page`` margin boxes (Chromium's own header
and footer, which show the file's path and the time, are turned off).  Nothing is loaded
from elsewhere: the page's Content-Security-Policy still applies and Chromium runs with
its background networking off.

Chromium is found as the browser tests find it: ``$GOLDENTHREAD_CHROMIUM``, else
``chromium``, ``chromium-browser`` or ``google-chrome`` on the ``PATH``
(``bash .ci/browser.sh`` installs Debian's ``chromium``).  Without it
:class:`PdfUnavailableError` says what to install; ``goldenthread report`` shows it and
exits 2.  The format is offered by the built-in report-formats plugin (``--format pdf``
or ``-o report.pdf``), not by :func:`~goldenthread.reports.render.builtin_formats`,
since it needs a program outside Python.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

from attrs import frozen

from goldenthread.branding import Branding
from goldenthread.errors import InputError
from goldenthread.reports.model import Report
from goldenthread.reports.render.html import render_html

__all__ = ["PdfRenderer", "PdfUnavailableError", "find_chromium", "print_css", "render_pdf"]

_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--mute-audio",
    "--no-pdf-header-footer",
)

TIMEOUT_SECONDS = 120
"""How long Chromium may take to print one report."""


class PdfUnavailableError(InputError):
    """A PDF cannot be made here: no Chromium, or Chromium failed to print."""


def find_chromium(environ: Mapping[str, str] = os.environ) -> Path | None:
    """The Chromium executable: ``$GOLDENTHREAD_CHROMIUM``, else ``chromium``,
    ``chromium-browser`` or ``google-chrome`` on the ``PATH``; ``None`` when there is none."""
    named = environ.get("GOLDENTHREAD_CHROMIUM")
    if named:
        return Path(named) if Path(named).is_file() else None
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name, path=environ.get("PATH"))
        if found:
            return Path(found)
    return None


def _css_string(text: str) -> str:
    """``text`` as a CSS string literal."""
    kept = "".join(c for c in text if c.isprintable())
    escaped = kept.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")
    return '"' + escaped + '"'


def print_css(report: Report, branding: Branding) -> str:
    """The print styles added for the PDF: A4 pages numbered "Page N of M" at the bottom
    right, with the organisation and the report's title at the bottom left."""
    title = f"{branding.short_name} · {report.title}"
    if report.period_label and report.period_label not in report.title:
        title += f", {report.period_label}"
    colour = branding.palette.muted
    return (
        "@page { size: A4; margin: 15mm 15mm 18mm;"
        f" @bottom-left {{ content: {_css_string(title)}; font-size: 8pt; color: {colour}; }}"
        ' @bottom-right { content: "Page " counter(page) " of " counter(pages);'
        f" font-size: 8pt; color: {colour}; }} }}"
    )


def render_pdf(report: Report, branding: Branding, *, chromium: Path | None = None) -> bytes:
    """The report as a PDF (bytes), printed from its HTML by headless Chromium.

    Raises:
        PdfUnavailableError: no Chromium (``chromium`` defaults to :func:`find_chromium`),
            or Chromium failed or took longer than :data:`TIMEOUT_SECONDS`.
    """
    browser = chromium or find_chromium()
    if browser is None:
        raise PdfUnavailableError(
            "a PDF is printed by headless Chromium, which is not installed: install it "
            "(Debian and Ubuntu: apt-get install chromium; or run bash .ci/browser.sh) or "
            "set GOLDENTHREAD_CHROMIUM to its path; or write HTML (-o report.html) and "
            "print that to PDF from a browser"
        )
    page = render_html(report, branding)
    # <style> holds raw text: the title's "<" is escaped in CSS, so it cannot close it
    style = f"<style>{print_css(report, branding)}</style>\n"
    page = page.replace("</head>", style + "</head>", 1)
    with tempfile.TemporaryDirectory(prefix="goldenthread-pdf-") as folder:
        source = Path(folder) / "report.html"
        source.write_text(page, encoding="utf-8")
        output = Path(folder) / "report.pdf"
        command = [
            str(browser),
            *_FLAGS,
            f"--user-data-dir={Path(folder) / 'profile'}",
            f"--print-to-pdf={output}",
            source.as_uri(),
        ]
        try:
            done = subprocess.run(  # noqa: S603 - a fixed command line, no shell
                command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False
            )
        except subprocess.TimeoutExpired:
            raise PdfUnavailableError(
                f"Chromium ({browser}) took longer than {TIMEOUT_SECONDS} s to print the PDF"
            ) from None
        except OSError as exc:
            raise PdfUnavailableError(f"Chromium ({browser}) could not be run: {exc}") from None
        if done.returncode != 0 or not output.is_file() or output.stat().st_size == 0:
            detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise PdfUnavailableError(
                f"Chromium ({browser}) did not print the PDF (exit {done.returncode}) "
                f"{detail[0]}".rstrip()
            )
        return output.read_bytes()


@frozen
class PdfRenderer:
    """Renders a report as a PDF (bytes) through headless Chromium; see :func:`render_pdf`."""

    name: str = "pdf"
    media_type: str = "application/pdf"
    extension: str = ".pdf"

    def render(self, report: Report, branding: Branding) -> bytes:
        """The report as PDF; see :func:`render_pdf`."""
        return render_pdf(report, branding)
