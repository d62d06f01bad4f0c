from __future__ import annotations

import csv
import io
import json

import openpyxl
from hypothesis import given, settings

from goldenthread.branding import default_branding
from goldenthread.reports import Commentary, Paragraph, Report, builtin_formats
from goldenthread.reports.render.tabular import report_tables
from tests.reports.htmlcheck import parse
from tests.reports.strategies import reports

BRANDING = default_branding()


# Each example renders five formats, an XLSX workbook among them.
@settings(max_examples=60)
@given(reports)
def test_every_format_renders_any_report_and_reads_back(report: Report) -> None:
    formats = builtin_formats()
    html = formats["html"].render(report, BRANDING)
    assert isinstance(html, str)
    document = parse(html)
    assert not document.iter("script")
    assert len(document.iter("section")) == len(report.sections)
    for table in document.iter("table"):
        assert table.children[0].tag == "caption"
    for svg in document.iter("svg"):
        assert svg.attrs["role"] == "img"
    assert isinstance(formats["markdown"].render(report, BRANDING), str)
    text = formats["csv"].render(report, BRANDING)
    assert isinstance(text, str)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0][:3] == ["table", "section", "record"]
    texts = sum(isinstance(b, Paragraph | Commentary) for s in report.sections for b in s.blocks)
    assert len(rows) == 1 + texts + sum(len(t.table.rows) for t in report_tables(report))
    assert {len(row) for row in rows} == {len(rows[0])}
    data = formats["json"].render(report, BRANDING)
    assert isinstance(data, str)
    loaded = json.loads(data)["report"]
    assert len(loaded["sections"]) == len(report.sections)
    xlsx = formats["xlsx"].render(report, BRANDING)
    assert isinstance(xlsx, bytes)
    book = openpyxl.load_workbook(io.BytesIO(xlsx))
    assert book.sheetnames[0] == "Report"
