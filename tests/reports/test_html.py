from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from goldenthread.branding import Branding, Palette, Terminology, contrast_ratio, logo_data_uri
from goldenthread.reports import (
    Cell,
    Column,
    Commentary,
    KeyValue,
    KeyValues,
    Paragraph,
    Report,
    Section,
    Status,
    Table,
    render,
)
from goldenthread.reports.render import render_html
from tests.reports.htmlcheck import Element, parse
from tests.reports.samples import SCRIPT, sample_report

BRANDING = Branding(
    "Rossendale Borough Council (example)",
    logo=logo_data_uri(b'<svg xmlns="http://www.w3.org/2000/svg"/>', "image/svg+xml"),
    terminology=Terminology(statuses={"amber": "Amber (within tolerance)"}),
)


def rendered() -> Element:
    return parse(render_html(sample_report(), BRANDING))


def test_page_declares_language_title_and_skip_link() -> None:
    document = rendered()
    (html,) = document.iter("html")
    assert html.attrs["lang"] == "en-GB"
    (title,) = document.iter("head")[0].iter("title")
    assert (
        title.all_text()
        == "Half-yearly performance report, 2024/25 H1 – Rossendale Borough Council (example)"
    )
    skip = document.iter("a")[0]
    assert skip.attrs["href"] == "#main"
    assert skip.all_text() == "Skip to main content"
    assert [m.attrs.get("id") for m in document.iter("main")] == ["main"]
    assert [h.all_text() for h in document.iter("h1")] == ["Half-yearly performance report"]


def test_every_table_has_a_caption_and_every_header_a_scope() -> None:
    document = rendered()
    tables = document.iter("table")
    assert len(tables) == 5  # indicators, two chart data tables, heat map, findings
    for table in tables:
        captions = [c for c in table.children if c.tag == "caption"]
        assert len(captions) == 1
        assert captions[0].all_text().strip()
        for header in table.iter("th"):
            assert header.attrs.get("scope") in {"col", "row", "colgroup"}


def test_every_chart_is_an_image_with_title_and_description() -> None:
    document = rendered()
    charts = document.iter("svg")
    assert len(charts) == 2
    ids = {e.attrs["id"]: e for e in document.iter() if e.attrs.get("id")}
    for svg in charts:
        assert svg.attrs["role"] == "img"
        labelled_by = (svg.attrs["aria-labelledby"] or "").split()
        assert [ids[i].tag for i in labelled_by] == ["title", "desc"]
        assert all(ids[i].all_text().strip() for i in labelled_by)
    descriptions = [d.all_text() for d in document.iter("desc")]
    assert descriptions[0].startswith("Bar chart: Q1 29.5 days")


def test_rag_status_and_direction_are_shown_in_words_and_symbols() -> None:
    document = rendered()
    badges = [e for e in document.iter("span") if "badge" in (e.attrs.get("class") or "")]
    assert [b.all_text() for b in badges] == [
        "▲ Amber (within tolerance)",
        "● Green",
        "■ Red",
        "○ No data",
        "– Data only",
    ]
    text = document.all_text()
    assert "↘ Worsening" in text
    assert "↗ Improving" in text
    assert "↑ Increasing" in text
    assert "not comparable" in text


def test_heat_map_cells_show_counts_and_levels_in_readable_colours() -> None:
    html = render_html(sample_report(), BRANDING)
    cells = re.findall(
        r'<td class="heat" style="background-color: (#\w+); color: (#\w+)">'
        r'<span class="count">(\d+)</span> <span class="level">(\w+)</span></td>',
        html,
    )
    assert len(cells) == 9
    assert cells[1] == ("#b10e1e", "#ffffff", "1", "High")
    for background, foreground, _count, _level in cells:
        assert contrast_ratio(foreground, background) >= 4.5


def test_page_is_self_contained_and_printable() -> None:
    html = render_html(sample_report(), BRANDING)
    document = parse(html)
    assert not document.iter("script")
    assert not document.iter("link")
    for element in document.iter():
        for name in ("src", "href"):
            value = element.attrs.get(name)
            if value is not None:
                assert value.startswith(("#", "data:image/")), value
    assert "@media print" in html
    assert "@page" in html
    assert "url(" not in html
    (csp,) = [m for m in document.iter("meta") if m.attrs.get("http-equiv")]
    assert csp.attrs["content"] == "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    (logo,) = document.iter("img")
    assert logo.attrs["alt"] == "Rossendale Borough Council (example) logo"


def test_commentary_script_appears_only_as_text() -> None:
    html = render_html(sample_report(), BRANDING)
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert SCRIPT in parse(html).all_text()


def test_branding_colours_and_classification_appear() -> None:
    branding = Branding("Poole", palette=Palette(primary="#00567a"))
    html = render(sample_report("internal"), "html", branding)
    assert isinstance(html, str)
    assert "--primary: #00567a;" in html
    banner = [p for p in parse(html).iter("p") if p.attrs.get("class") == "classification"]
    assert [b.all_text() for b in banner] == ["INTERNAL"]


safe_text = st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1).filter(
    lambda s: s.strip() == s and s.strip()
)


@given(safe_text)
def test_any_text_appears_escaped_never_as_markup(text: str) -> None:
    report = Report(
        "performance",
        text,
        text,
        [
            Section(
                text,
                [
                    Paragraph(text),
                    Commentary(text, author=text),
                    KeyValues([KeyValue(text, text)], title=text),
                    Table(
                        text,
                        [Column("a", text), Column("s", "Status", "status")],
                        [(text, Cell(status=Status.RED, text=text))],
                    ),
                ],
            )
        ],
        period_label=text,
        generated_for=text,
    )
    html = render_html(report, Branding(text))
    document = parse(html)
    assert [e.tag for e in document.iter("script")] == []
    paragraphs = [p.all_text() for p in document.iter("p")]
    assert text in paragraphs
    assert [c.all_text() for c in document.iter("caption")] == [text]
    assert [h.all_text() for h in document.iter("h2")][-1] == text
    cells = [c.all_text() for c in document.iter("th") if c.attrs.get("scope") == "row"]
    assert cells == [text]
