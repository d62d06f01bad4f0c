"""The text tree, notebook HTML and diagrams; every text is escaped."""

from __future__ import annotations

import pytest

from goldenthread.examples import example_path
from goldenthread.io.thread import load_thread
from goldenthread.thread import ItemKind, Link, Thread, render_tree, to_dot, to_mermaid

from .helpers import item


def nasty() -> Thread:
    return Thread(
        [
            item("N<1>", "national", title='Safer "streets" & <b>homes</b>'),
            item("C1", "corporate", "N<1>", title="Back\\slash"),
            item("C2", "corporate", "N<1>"),
            item("T1", "team", "C1", kind=ItemKind.ACTION),
            item("X", "county"),
        ]
    )


def test_tree_of_an_example_from_a_priority_to_an_officer() -> None:
    thread = load_thread(example_path("rossendale"))
    lines = render_tree(thread, target="PDI-01-1").splitlines()
    assert [line.split()[0 if i == 0 else 1] for i, line in enumerate(lines)] == [
        "NAT-3",
        "RCS-P3",
        "RBC-O3",
        "REG-1",
        "TC-1",
        "PDI-01-1",
    ]
    assert lines[-1] == (
        "                    - PDI-01-1  Manage the bus station design contract  "
        "[individual action, in-progress, 60%, A. Example]"
    )


def test_an_item_with_two_parents_is_expanded_once() -> None:
    thread = nasty().with_links(Link("T1", "C2"))
    assert render_tree(thread, root="N<1>").splitlines()[1:] == [
        "    - C1  Back\\slash  [corporate objective, Someone]",
        "        - T1  Item T1  [team action, Someone]",
        "    - C2  Item C2  [corporate objective, Someone]",
        "        - T1  (see above)",
    ]


def test_tree_with_a_target_keeps_only_its_paths() -> None:
    thread = nasty()
    assert render_tree(thread, target="T1").splitlines() == [
        'N<1>  Safer "streets" & <b>homes</b>  [national objective, Someone]',
        "    - C1  Back\\slash  [corporate objective, Someone]",
        "        - T1  Item T1  [team action, Someone]",
    ]
    assert render_tree(thread, root="C2", target="T1") == ""
    with pytest.raises(KeyError):
        render_tree(thread, root="nope")


def test_html_is_escaped() -> None:
    html = nasty()._repr_html_()
    assert "<b>homes</b>" not in html
    assert "&lt;b&gt;homes&lt;/b&gt;" in html
    assert "N&lt;1&gt;" in html
    assert html.count("<ul>") == html.count("</ul>")


def test_dot_and_mermaid() -> None:
    thread = nasty()
    dot = to_dot(thread)
    assert dot.startswith("digraph golden_thread {")
    assert '"C1" -> "N<1>";' in dot
    assert '\\"streets\\"' in dot
    assert "Back\\\\slash" in dot
    assert '"X" [label="X Item X"];' in dot
    mermaid = to_mermaid(thread, {"N<1>", "C1"})
    assert mermaid.splitlines()[0] == "flowchart BT"
    assert "n1 --> n0" in mermaid
    assert "#quot;streets#quot;" in mermaid
    assert "T1" not in mermaid


def test_mermaid_labels_never_carry_markup() -> None:
    evil = '<img src=x onerror=alert(1)> & `code` #quot; "q"'
    thread = Thread(
        [
            item("C1", title=evil),
            item("I<1>", "individual", parent="C1", kind=ItemKind.ACTION, title="<b>x</b>"),
        ]
    )
    mermaid = to_mermaid(thread)
    for raw in ("<img", "<b>", "I<1>", "& ", "`", "; #quot; "):
        assert raw not in mermaid
    escaped = "#lt;img src=x onerror=alert(1)#gt; #amp; #96;code#96; #35;quot; #quot;q#quot;"
    assert escaped in mermaid
    assert "I#lt;1#gt;: #lt;b#gt;x#lt;/b#gt;" in mermaid
    # a label's text is the only thing between its quotes
    for line in mermaid.splitlines():
        if "[" in line:
            assert line.count('"') == 2
