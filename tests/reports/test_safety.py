from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.reports import neutralise_cell
from goldenthread.reports.render.safety import FORMULA_TRIGGERS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+1+1", "'+1+1"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-5", "'-5"),
        ("Net spend", "Net spend"),
        ("", ""),
        ("a=b", "a=b"),
    ],
)
def test_neutralise_examples(text: str, expected: str) -> None:
    assert neutralise_cell(text) == expected


@given(st.text())
def test_neutralised_text_never_starts_a_formula(text: str) -> None:
    assert not neutralise_cell(text).startswith(FORMULA_TRIGGERS)


@given(st.text())
def test_neutralising_is_reversible_and_idempotent(text: str) -> None:
    once = neutralise_cell(text)
    assert neutralise_cell(once) == once
    assert once in (text, "'" + text)
