"""PDF: the HTML report printed by headless Chromium, with page numbers; without Chromium
a clear message and exit 2."""

from __future__ import annotations

import io
import re
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from goldenthread.branding import default_branding
from goldenthread.cli import main
from goldenthread.examples import example_path
from goldenthread.reports import Report
from goldenthread.reports.render.pdf import (
    PdfUnavailableError,
    find_chromium,
    print_css,
    render_pdf,
)
from tests.reports.samples import sample_report

CHROMIUM = find_chromium()
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium (bash .ci/browser.sh installs it)"
)
BRANDING = default_branding()


def _pages(pdf: bytes) -> list[str]:
    pypdf = pytest.importorskip("pypdf")
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


@needs_chromium
def test_every_page_is_numbered() -> None:
    pdf = render_pdf(sample_report(), BRANDING)
    assert pdf.startswith(b"%PDF-")
    pages = _pages(pdf)
    assert pages
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
    assert "Half-yearly performance report" in pages[0]


@needs_chromium
def test_the_command_writes_a_pdf_from_the_suffix_or_the_flag(tmp_path: Path) -> None:
    source = str(example_path("rossendale"))
    args = ["report", "risk", source, "--period", "2025/26 Q2", "--on", "2025-11-30"]
    by_suffix = tmp_path / "risk.pdf"
    result = CliRunner().invoke(main, [*args, "-o", str(by_suffix)])
    assert result.exit_code == 0, result.output
    by_flag = tmp_path / "risk.out"
    result = CliRunner().invoke(main, [*args, "--format", "pdf", "-o", str(by_flag)])
    assert result.exit_code == 0, result.output
    for written in (by_suffix, by_flag):
        pages = _pages(written.read_bytes())
        assert re.search(r"Page 1 of \d+", pages[0])
        assert "Corporate risk register report" in pages[0]


def test_a_pdf_needs_a_file() -> None:
    source = str(example_path("rossendale"))
    result = CliRunner().invoke(
        main, ["report", "risk", source, "--period", "2025/26 Q2", "--format", "pdf"]
    )
    assert result.exit_code == 2
    assert "give a file with -o" in result.output


def test_without_chromium_it_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GOLDENTHREAD_CHROMIUM", str(tmp_path / "no-such-browser"))
    assert find_chromium() is None
    with pytest.raises(PdfUnavailableError, match="apt-get install chromium"):
        render_pdf(sample_report(), BRANDING)
    output = tmp_path / "risk.pdf"
    result = CliRunner().invoke(
        main,
        ["report", "risk", str(example_path("poole")), "--period", "2025/26 Q2", "-o", str(output)],
    )
    assert result.exit_code == 2
    assert "Chromium" in result.output
    assert "GOLDENTHREAD_CHROMIUM" in result.output
    assert "Traceback" not in result.output
    assert not output.exists()


def test_a_browser_that_fails_is_reported(tmp_path: Path) -> None:
    broken = tmp_path / "chromium"
    broken.write_text("#!/bin/sh\necho 'no display' >&2\nexit 3\n", encoding="utf-8")
    broken.chmod(broken.stat().st_mode | stat.S_IEXEC)
    with pytest.raises(PdfUnavailableError, match=r"did not print the PDF \(exit 3\) no display"):
        render_pdf(sample_report(), BRANDING, chromium=broken)


def test_the_footer_text_cannot_break_out_of_the_style() -> None:
    report = Report("k", 'Risks </style><script>x</script> "quoted" \\ end', "Org", [])
    css = print_css(report, BRANDING)
    assert "</style" not in css
    assert "<" not in css
    assert '\\"quoted\\"' in css
    assert 'counter(page) " of " counter(pages)' in css
