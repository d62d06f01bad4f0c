"""Reading items.csv, links.csv and framework.toml sections; every bad input named."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from goldenthread.errors import BundleError
from goldenthread.io.tables import read_csv_text
from goldenthread.io.thread import (
    levels_from_toml,
    load_thread,
    organisations_from_toml,
    parse_date,
    read_items,
    read_links,
)
from goldenthread.thread import (
    GENERIC,
    Classification,
    IndicatorLink,
    ItemKind,
    ItemStatus,
    Link,
    OwnerKind,
    Span,
)


def items(text: str) -> Any:
    return read_items(read_csv_text(text, "items.csv"), GENERIC)


def problems(
    exc: pytest.ExceptionInfo[BundleError],
) -> list[tuple[str | None, int | None, str | None, str]]:
    return [(p.file, p.row, p.column, p.reason) for p in exc.value.problems]


def test_reads_items_inheriting_level_and_classification() -> None:
    got = items(
        "ID,Kind,Title,Level,Plan,Parent,Owner,Start,Due,Progress,Status,Partners,Updated,"
        "Commentary,Ward\n"
        "CP,plan,Corporate plan,corporate,,,CEO,2012-04-01,2015-03-31,,approved,,,,\n"
        "O1,objective,Safer streets,,CP,,CEO,,,,,police; pct,,,North\n"
        "A1,action,CCTV,team,,O1,Team,01/04/2013,31/03/2014,45%,in-progress,,2013-10-01,"
        "Cameras ordered,\n"
    )
    plan, objective, action = got
    assert plan.kind is ItemKind.PLAN
    assert plan.status is ItemStatus.APPROVED
    assert objective.level == "corporate"
    assert objective.partners == ("police", "pct")
    assert objective.classification is Classification.PUBLIC
    assert objective.extras == {"ward": "North"}
    assert action.start == dt.date(2013, 4, 1)
    assert action.progress == Decimal(45)
    assert action.classification is Classification.INTERNAL
    assert action.last_update == dt.date(2013, 10, 1)
    assert action.updates[0].comment == "Cameras ordered"


def test_missing_columns_are_named() -> None:
    with pytest.raises(BundleError) as exc:
        items("id,title\nA,Thing\n")
    assert problems(exc) == [
        ("items.csv", 1, "kind", "missing required column 'kind' (columns found: id, title)")
    ]


def test_every_bad_row_is_reported_with_file_row_column_reason() -> None:
    text = (
        "id,kind,title,level,plan,start,due,progress,status,classification,weight,commentary\n"
        "A,objective,Fine,corporate,,,,,,,,\n"
        "A,objective,Again,corporate,,,,,,,,\n"
        "B,widget,Bad kind,corporate,,,,,,,,\n"
        "C,action,Bad level,county,,,,,,,,\n"
        "D,action,Bad dates,team,,2013-13-01,2013-04-01,,,,,\n"
        "E,action,Bad progress,team,,,,120,,,,\n"
        "F,action,Bad status,team,,,,,approved,,,\n"
        "G,action,Bad class,team,,,,,,secret,-1,\n"
        "H,action,No level,,,,,,,,,\n"
        "I,action,Plan level,,NOPE,,,,,,,note\n"
        ",action,,team,,,,,,,,\n"
    )
    with pytest.raises(BundleError) as exc:
        items(text)
    got = problems(exc)
    assert ("items.csv", 3, "id", "duplicate id 'A' (first used on row 2)") in got
    assert (
        "items.csv",
        4,
        "kind",
        "unknown kind 'widget'; expected one of plan, objective, action",
    ) in got
    assert (
        "items.csv",
        5,
        "level",
        "unknown level 'county'; expected one of national, partnership, corporate, service, "
        "team, individual",
    ) in got
    assert (
        "items.csv",
        6,
        "start",
        "not a date: '2013-13-01'; write 2024-04-01 or 01/04/2024",
    ) in got
    assert ("items.csv", 7, "progress", "progress '120' is not between 0 and 100") in got
    assert (
        "items.csv",
        8,
        "status",
        "status 'approved' does not apply to kind 'action'; expected one of cancelled, complete, "
        "in-progress, not-started, on-hold",
    ) in got
    assert (
        "items.csv",
        9,
        "classification",
        "unknown classification 'secret'; expected one of public, internal, personal",
    ) in got
    assert ("items.csv", 9, "weight", "weight '-1' is not a number >= 0") in got
    assert ("items.csv", 10, "level", "no level given and no plan to inherit it from") in got
    assert (
        "items.csv",
        11,
        "level",
        "no level given and plan 'NOPE' has no level to inherit (it is missing or has a "
        "blank level)",
    ) in got
    assert ("items.csv", 11, "updated", "commentary needs the date it was written") in got
    assert ("items.csv", 12, "id", "an id is required") in got
    assert ("items.csv", 12, "title", "a title is required") in got


def test_due_before_start_and_inherited_unknown_level() -> None:
    with pytest.raises(BundleError) as exc:
        items(
            "id,kind,title,level,plan,start,due\n"
            "P,plan,Plan,county,,,\n"
            "X,action,Back to front,,P,2014-01-01,2013-01-01\n"
        )
    got = problems(exc)
    assert ("items.csv", 3, "due", "due 2013-01-01 is before start 2014-01-01") in got
    assert (
        "items.csv",
        3,
        "plan",
        "plan 'P' has an unknown level 'county'; expected one of national, partnership, "
        "corporate, service, team, individual",
    ) in got


def test_links_split_indicator_attachments() -> None:
    table = read_csv_text(
        "child,parent,kind\nA,B,\nNI 195,B,\nLPI 7,C,indicator\nA,C,supports\n", "links.csv"
    )
    links, attached = read_links(table, {"NI 195"})
    assert links == (Link("A", "B"), Link("A", "C", "supports"))
    assert attached == (IndicatorLink("NI 195", "B"), IndicatorLink("LPI 7", "C"))


def test_bad_links_are_named() -> None:
    with pytest.raises(BundleError) as exc:
        read_links(read_csv_text("child,parent\nA,\n,B\n", "links.csv"))
    assert problems(exc) == [
        ("links.csv", 2, "parent", "a parent id is required"),
        ("links.csv", 3, "child", "a child id is required"),
    ]
    with pytest.raises(BundleError) as exc:
        read_links(read_csv_text("child,kind\nA,x\n", "links.csv"))
    assert problems(exc)[0][2:] == (
        "parent",
        "missing required column 'parent' (columns found: child, kind)",
    )


def test_levels_from_toml() -> None:
    assert levels_from_toml({}, "framework.toml") == GENERIC
    scheme = levels_from_toml(
        {
            "levels": [
                {"key": "top", "name": "Top", "owner": "Partnership", "span": "long term"},
                {"key": "me", "owner": "person", "classification": "personal"},
            ]
        },
        "framework.toml",
    )
    assert scheme.keys == ("top", "me")
    assert scheme.top.owner is OwnerKind.PARTNERSHIP
    assert scheme.top.span is Span.LONG_TERM
    assert scheme.get("me").name == "me"
    assert scheme.get("me").individual


def test_bad_levels_are_named() -> None:
    with pytest.raises(BundleError) as exc:
        levels_from_toml(
            {
                "levels": [
                    {"key": "a", "owner": "mayor"},
                    {"key": "a", "owner": "team", "skippable": "yes", "colour": "red"},
                    {"name": "No key", "owner": "team", "span": "weekly"},
                ]
            },
            "framework.toml",
        )
    assert problems(exc) == [
        (
            "framework.toml",
            None,
            "levels[1].owner",
            "unknown owner kind 'mayor'; expected one of partnership, council, service, team, "
            "person",
        ),
        ("framework.toml", None, "levels[2].key", "level key 'a' appears twice"),
        ("framework.toml", None, "levels[2].skippable", "'skippable' must be true or false"),
        ("framework.toml", None, "levels[2].colour", "unknown key(s) colour"),
        ("framework.toml", None, "levels[3].key", "'key' is required"),
        (
            "framework.toml",
            None,
            "levels[3].span",
            "unknown span 'weekly'; expected one of long-term, three-year, annual, in-year",
        ),
    ]
    with pytest.raises(BundleError) as exc:
        levels_from_toml({"levels": []}, "framework.toml")
    assert problems(exc)[0][3] == "[[levels]] is empty: list at least one level"
    with pytest.raises(BundleError) as exc:
        levels_from_toml({"levels": "national"}, "framework.toml")
    assert problems(exc)[0][3] == "[[levels]] must be an array of tables"


def test_organisations_from_toml() -> None:
    orgs = organisations_from_toml(
        {
            "organisations": [
                {"key": "rbc", "name": "Council", "kind": "council"},
                {"key": "lsp", "name": "Partnership", "members": ["rbc"]},
            ]
        },
        "framework.toml",
    )
    assert [o.key for o in orgs] == ["rbc", "lsp"]
    assert orgs[1].kind == "partner"
    assert orgs[1].members == ("rbc",)
    with pytest.raises(BundleError) as exc:
        organisations_from_toml(
            {"organisations": [{"key": "x"}, {"key": "x", "name": "X", "members": "all"}]},
            "framework.toml",
        )
    assert problems(exc) == [
        ("framework.toml", None, "organisations[1].name", "'name' is required"),
        ("framework.toml", None, "organisations[2].key", "organisation key 'x' appears twice"),
        (
            "framework.toml",
            None,
            "organisations[2].members",
            "'members' must be a list of organisation keys",
        ),
    ]


def test_parse_date_forms() -> None:
    assert parse_date("2013-04-01") == parse_date("01/04/2013") == dt.date(2013, 4, 1)
    with pytest.raises(ValueError, match="not a date: '31/02/2013'"):
        parse_date("31/02/2013")


def test_load_thread_collects_problems_across_files(tmp_path: Path) -> None:
    (tmp_path / "framework.toml").write_text('[[levels]]\nkey = "x"\n', encoding="utf-8")
    (tmp_path / "items.csv").write_text("id,kind,title,level\nA,plan,A,x\n", encoding="utf-8")
    (tmp_path / "links.csv").write_text("child,parent\nA,\n", encoding="utf-8")
    with pytest.raises(BundleError) as exc:
        load_thread(tmp_path)
    got = problems(exc)
    assert ("framework.toml", None, "levels[1].owner", "'owner' is required") in got
    assert ("links.csv", 2, "parent", "a parent id is required") in got


def test_load_thread_reads_indicator_codes_and_workbooks(tmp_path: Path) -> None:
    (tmp_path / "items.csv").write_text(
        "id,kind,title,level\nO,objective,O,corporate\n", encoding="utf-8"
    )
    (tmp_path / "links.csv").write_text("child,parent\nPI 1,O\n", encoding="utf-8")
    (tmp_path / "indicators.csv").write_text(
        "code,title,objective\nPI 1,A measure,\nPI 2,Another,O; P\n", encoding="utf-8"
    )
    thread = load_thread(tmp_path)
    assert thread.indicators_of("O") == ["PI 2", "PI 1"]
    assert thread.indicators_of("P") == ["PI 2"]

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "items"
    sheet.append(["ID", "Kind", "Title", "Level"])
    sheet.append(["O", "objective", "O", "corporate"])
    book.save(tmp_path / "bundle.xlsx")
    assert len(load_thread(tmp_path / "bundle.xlsx")) == 1
    with pytest.raises(BundleError, match="no bundle folder"):
        load_thread(tmp_path / "missing")
    (tmp_path / "framework.toml").write_text("[[levels]\n", encoding="utf-8")
    with pytest.raises(BundleError, match=r"framework\.toml: not valid TOML"):
        load_thread(tmp_path)


def test_broken_rows_are_named(tmp_path: Path) -> None:
    (tmp_path / "items.csv").write_text(
        "id,kind,title,level\nA,plan,A,corporate\nB,plan,B,corporate,stray\n", encoding="utf-8"
    )
    with pytest.raises(BundleError) as exc:
        load_thread(tmp_path)
    assert problems(exc) == [("items.csv", 3, None, "a value in column 5, which has no header")]


def test_links_to_rejected_indicators_are_skipped() -> None:
    table = read_csv_text("child,parent\nNI 157a,RBC-O7\nBV 9,RBC-O10\nA-1,O-1\n", "links.csv")
    links, attached = read_links(table, {"BV 9"}, rejected={"NI 157a"})
    assert [(a.indicator, a.item) for a in attached] == [("BV 9", "RBC-O10")]
    assert [(link.child, link.parent) for link in links] == [("A-1", "O-1")]


def test_a_near_miss_item_column_is_an_error() -> None:
    table = read_csv_text("id,kind,title,level,parnet\nP,plan,Plan,corporate,\n", "items.csv")
    with pytest.raises(BundleError) as info:
        read_items(table, GENERIC)
    assert [(p.file, p.column) for p in info.value.problems] == [("items.csv", "parnet")]
    assert "looks like 'parent'" in info.value.problems[0].reason
