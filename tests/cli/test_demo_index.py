"""The demo's ``index.html``: every output linked with what it is for, accessible, and
named as the page to open first; and a council plugin's branding at work in the demo."""

from __future__ import annotations

import itertools
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from goldenthread.cli import main
from goldenthread.cli.demo_index import describe, index_page
from goldenthread.examples import example_path

TITLES = {"performance": "Corporate performance report", "service-plan": "Service plan"}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: dict[str, list[str]] = {}
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._open:
            self.text.setdefault(self._open[-1], []).append(data)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    output = tmp_path_factory.mktemp("demo")
    result = CliRunner().invoke(main, ["demo", "--output", str(output), "--council", "rossendale"])
    assert result.exit_code == 0, result.output
    return output, result.output


def test_the_demo_says_to_open_the_index_first(demo: tuple[Path, str]) -> None:
    output, printed = demo
    index = output / "index.html"
    assert index.is_file()
    assert printed.rstrip().splitlines()[-1] == f"Open this first: {index}"


def test_the_index_links_every_output_with_what_it_is_for(demo: tuple[Path, str]) -> None:
    output, _ = demo
    page = _Page()
    page.feed((output / "index.html").read_text(encoding="utf-8"))
    links = [attrs["href"] for tag, attrs in page.tags if tag == "a"]
    written = {
        path.relative_to(output).as_posix()
        for path in (output / "rossendale").rglob("*")
        if path.is_file()
    }
    assert set(links) == written
    assert all((output / str(link)).is_file() for link in links)
    html = (output / "index.html").read_text(encoding="utf-8")
    # every line says what its output is for, and none falls into "Other files"
    assert html.count('<span class="what">— ') == len(links)
    assert "Other files" not in html
    assert "Corporate performance report (web page" in html


def test_the_index_is_accessible_html(demo: tuple[Path, str]) -> None:
    output, _ = demo
    page = _Page()
    page.feed((output / "index.html").read_text(encoding="utf-8"))
    assert ("html", {"lang": "en-GB"}) in page.tags
    assert page.text["title"] == ["goldenthread demo: what was written"]
    headings = [tag for tag, _ in page.tags if re.fullmatch(r"h[1-6]", tag)]
    assert headings.count("h1") == 1
    assert headings[0] == "h1"
    levels = [int(tag[1]) for tag in headings]
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))
    assert "Rossendale" in page.text["h2"]


def test_the_demo_shows_the_council_plugin_s_branding_and_words(demo: tuple[Path, str]) -> None:
    pytest.importorskip("goldenthread_rossendale")
    output, printed = demo
    assert "branded and worded by the plugin preset 'rossendale-borough'" in printed
    report = (output / "rossendale" / "report-performance-2025-26-Q2.html").read_text()
    assert "On target" in report  # the plugin's word for green; the bundle has none
    assert "data:image/svg+xml;base64," in report  # the plugin's logo
    assert "rossendale-borough" in (output / "index.html").read_text()


def test_outputs_are_described_by_their_names() -> None:
    assert describe(Path("report-performance-2025-26-Q2.pdf"), TITLES) == (
        "Reports",
        "Corporate performance report (PDF for committee agendas, with page numbers)",
    )
    group, what = describe(Path("report-service-plan-BP-HH-2025-26-Q2.html"), TITLES)
    assert (group, what.split(" (")[0]) == ("Reports", "Service plan for the service plan BP-HH")
    assert describe(Path("report-budget-2025-26-Q2.html"), TITLES)[1].startswith(
        "the budget-2025-26-Q2 report"
    )
    assert describe(Path("open-data/indicators.csv"), TITLES)[0] == "Public open data"
    assert describe(Path("notes.txt"), TITLES) == ("Other files", "notes.txt")


def test_names_are_escaped(tmp_path: Path) -> None:
    path = tmp_path / "a<b" / "report-x&y.html"
    page = index_page(tmp_path, {"a<b": [path]}, {}, {"a<b": "<script>"})
    assert "<script>" not in page
    assert "a&lt;b" in page
    assert 'href="a&lt;b/report-x&amp;y.html"' in page


def test_without_the_council_plugin_the_bundle_keeps_its_own_branding() -> None:
    from goldenthread.cli.demo import plugin_preset
    from goldenthread.io.source import load_source
    from goldenthread.plugins import get_plugin_manager

    bare = get_plugin_manager(entry_points=False)
    framework = load_source(str(example_path("rossendale")), plugin_manager=bare)
    assert plugin_preset(framework, bare) is None
    pytest.importorskip("goldenthread_rossendale")
    assert plugin_preset(framework, get_plugin_manager()) == "rossendale-borough"
