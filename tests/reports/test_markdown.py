from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from goldenthread.branding import default_branding
from goldenthread.reports import Column, Commentary, Paragraph, Report, Section, Table
from goldenthread.reports.render import render_markdown
from goldenthread.reports.render.markdown import escape_markdown
from tests.reports.htmlcheck import parse
from tests.reports.samples import FORMULA, SCRIPT, sample_report

BRANDING = default_branding()


def to_html(markdown: str) -> str:
    # GitHub-flavoured: CommonMark with tables, raw HTML allowed (as on GitHub).
    return str(MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown))


def test_sample_report_in_markdown() -> None:
    text = render_markdown(sample_report(), BRANDING)
    assert text.startswith("# Half-yearly performance report\n\n- **Organisation:** Rossendale")
    assert "## Corporate indicators\n" in text
    assert (
        "| Code | Indicator | 2024/25 H1 | Target | Status | Direction of travel | Net spend |"
        in text
    )
    assert "| :--- | :--- | ---: | ---: | :--- | :--- | ---: |" in text
    assert (
        "| BV 12 | Working days lost to sickness absence per FTE | 4.6 | 4.5 | ▲ Amber "
        "| ↘ Worsening | −£1,250.50 |" in text
    )
    assert (
        "*Figure: Days to process new benefit claims by quarter.* Bar chart: Q1 29.5 days" in text
    )
    assert "> — Head of People \\| HR, 14 Oct 2024" in text


def test_markdown_tables_parse_back_with_every_row() -> None:
    document = parse(to_html(render_markdown(sample_report(), BRANDING)))
    tables = document.iter("table")
    assert len(tables) == 5
    indicators = tables[0]
    assert len(indicators.iter("tr")) == 6
    assert [c.all_text() for c in indicators.iter("tr")[1].iter("td")][-3:] == [
        "▲ Amber",
        "↘ Worsening",
        "−£1,250.50",
    ]


def test_script_and_formula_in_commentary_stay_text() -> None:
    html = to_html(render_markdown(sample_report(), BRANDING))
    document = parse(html)
    assert not document.iter("script")
    assert not document.iter("a")
    text = document.all_text()
    assert SCRIPT in text
    assert FORMULA in text


printable = st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1).filter(
    lambda s: s.strip() == s and s.strip()
)


@given(printable)
def test_any_text_renders_literally(text: str) -> None:
    report = Report(
        "k",
        "Title",
        "Org",
        [
            Section(
                "S",
                [
                    Paragraph(text),
                    Commentary(text),
                    Table("T", [Column("a", "A")], [(text,)], row_headers=False),
                ],
            )
        ],
    )
    document = parse(to_html(render_markdown(report, BRANDING)))
    assert not document.iter("script")
    collapse = " ".join(text.split())
    paragraphs = [" ".join(p.all_text().split()) for p in document.iter("p")]
    assert collapse in paragraphs
    (cell,) = document.iter("td")
    assert " ".join(cell.all_text().split()) == collapse


def test_escape_markdown_examples() -> None:
    assert escape_markdown("a|b") == "a\\|b"
    assert escape_markdown("<b>&") == "&lt;b&gt;&amp;"
    assert escape_markdown("- item\n1. first\n# heading") == "\\- item\n1\\. first\n\\# heading"
    assert escape_markdown("[link](http://x)") == "\\[link\\](http://x)"
