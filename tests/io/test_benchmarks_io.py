"""Reading, storing and exporting comparators.csv and comparisons.csv."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goldenthread.errors import BundleError, Problem
from goldenthread.examples import example_path
from goldenthread.indicators.benchmarking import ComparatorGroup
from goldenthread.indicators.definition import Aggregation, IndicatorDefinition
from goldenthread.indicators.polarity import DataStatus, Polarity
from goldenthread.io.benchmarks import read_comparators, read_comparisons
from goldenthread.io.bundle import load_bundle
from goldenthread.io.export import export_bundle
from goldenthread.io.persist import load_framework, save_framework
from goldenthread.io.tables import read_csv_text
from goldenthread.io.template import write_template
from goldenthread.periods import Frequency, Quarter, parse_period
from goldenthread.storage import open_store
from tests.io.frameworks import CONVERTER, EXAMPLES, example, without_source

COMPARATORS = "comparators.csv"
COMPARISONS = "comparisons.csv"
HEADER = "indicator,period,organisation,value,numerator,denominator,status,source\n"

DEFINITIONS = {
    "NI 157a": IndicatorDefinition(
        "NI 157a",
        "Major planning applications in 13 weeks",
        Polarity.HIGHER,
        Aggregation.RATIO,
        Frequency.MONTHLY,
        unit="%",
        factor=Decimal(100),
        comparator_group="nn",
    ),
    "NI 191": IndicatorDefinition(
        "NI 191",
        "Residual waste per household",
        Polarity.LOWER,
        Aggregation.SUM,
        Frequency.QUARTERLY,
        unit="kg",
        comparator_group="nn",
    ),
    "LPI 02": IndicatorDefinition(
        "LPI 02", "Visits", Polarity.HIGHER, Aggregation.SUM, Frequency.MONTHLY
    ),
}
GROUPS = (ComparatorGroup("nn", ("us", "burnley", "pendle")),)


def comparators(text: str) -> tuple[tuple[ComparatorGroup, ...], dict[str, str]]:
    return read_comparators(
        read_csv_text("group,member,name,valid_from,valid_to\n" + text, COMPARATORS)
    )


def comparator_problems(text: str) -> list[Problem]:
    with pytest.raises(BundleError) as caught:
        comparators(text)
    return list(caught.value.problems)


def comparisons(text: str) -> list[Problem]:
    with pytest.raises(BundleError) as caught:
        read_comparisons(
            read_csv_text(HEADER + text, COMPARISONS), DEFINITIONS, council="us", groups=GROUPS
        )
    return list(caught.value.problems)


# --- comparators.csv ---------------------------------------------------------------


def test_rows_with_the_same_dates_make_one_version_of_a_group() -> None:
    groups, names = comparators(
        "nn,us,Our Council,2021-04-01,2024-03-31\n"
        "nn,burnley,Burnley Council,01/04/2021,31/03/2024\n"
        "nn,us,,2024-04-01,\n"
        "nn,pendle,Pendle Council,2024-04-01,\n"
        "region,us,,,\n"
    )
    assert groups == (
        ComparatorGroup("nn", ("us", "burnley"), "", dt.date(2021, 4, 1), dt.date(2024, 3, 31)),
        ComparatorGroup("nn", ("us", "pendle"), "", dt.date(2024, 4, 1), None),
        ComparatorGroup("region", ("us",)),
    )
    assert names == {"us": "Our Council", "burnley": "Burnley Council", "pendle": "Pendle Council"}


def test_blank_cells_and_bad_dates_are_named() -> None:
    problems = comparator_problems(",us,,,\nnn,,,,\nnn,us,,2021-13-01,soon\n")
    assert problems == [
        Problem("the group name is empty", COMPARATORS, 2, "group"),
        Problem("the member code is empty", COMPARATORS, 3, "member"),
        Problem(
            "expected a date such as 2024-04-01 or 01/04/2024, not '2021-13-01'",
            COMPARATORS,
            4,
            "valid_from",
        ),
        Problem(
            "expected a date such as 2024-04-01 or 01/04/2024, not 'soon'",
            COMPARATORS,
            4,
            "valid_to",
        ),
    ]


def test_a_version_ending_before_it_starts_is_refused() -> None:
    problems = comparator_problems("nn,us,,2024-04-01,2024-03-31\n")
    assert problems == [
        Problem("valid_to 2024-03-31 is before valid_from 2024-04-01", COMPARATORS, 2, "valid_to")
    ]


def test_a_member_listed_twice_in_one_version_is_refused() -> None:
    problems = comparator_problems("nn,us,,2021-04-01,\nnn,us,,2021-04-01,\n")
    assert problems == [
        Problem(
            "'us' is already a member of 'nn' from 2021-04-01 to further notice",
            COMPARATORS,
            3,
            "member",
        )
    ]


def test_overlapping_versions_of_a_group_are_refused() -> None:
    problems = comparator_problems(
        "nn,us,,2021-04-01,2024-03-31\nnn,burnley,,2021-04-01,2024-03-31\nnn,us,,2023-04-01,\n"
    )
    assert problems == [
        Problem(
            "group 'nn' from 2023-04-01 to further notice overlaps its version from "
            "2021-04-01 to 2024-03-31 (row 2); versions of a group must not overlap",
            COMPARATORS,
            4,
            "valid_from",
        )
    ]


def test_a_member_has_one_name() -> None:
    problems = comparator_problems("nn,us,Our Council,,\nregion,us,Another,,\n")
    assert problems == [
        Problem("'us' is named 'Our Council' in row 2, not 'Another'", COMPARATORS, 3, "name")
    ]


def test_the_group_and_member_columns_are_required() -> None:
    with pytest.raises(BundleError, match="member"):
        read_comparators(read_csv_text("group,name\nnn,x\n", COMPARATORS))


days = st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31))


@settings(max_examples=60)
@given(st.lists(st.tuples(st.one_of(st.none(), days), st.one_of(st.none(), days)), max_size=4))
def test_accepted_versions_never_overlap(
    spans: list[tuple[dt.date | None, dt.date | None]],
) -> None:
    """Whatever versions are given, those accepted leave one version valid on any day."""
    text = "".join(
        f"nn,m{i},,{'' if a is None else a},{'' if b is None else b}\n"
        for i, (a, b) in enumerate(spans)
    )
    try:
        groups, _ = comparators(text)
    except BundleError:
        return
    for probe in (dt.date(2015, 1, 1), dt.date(2022, 6, 30), dt.date(2030, 12, 31)):
        assert sum(g.is_valid_on(probe) for g in groups) <= 1
        for a, b in spans:
            for day in (a, b):
                if day is not None:
                    assert sum(g.is_valid_on(day) for g in groups) == 1


# --- comparisons.csv ---------------------------------------------------------------


def test_published_figures_are_read() -> None:
    table = read_csv_text(
        HEADER
        + "NI 157a,2024/25,burnley,75.0,30,40,,LG Inform\n"
        + "NI 191,2025/26 Q1,pendle,131,,,provisional,\n",
        COMPARISONS,
    )
    found = read_comparisons(table, DEFINITIONS, council="us", groups=GROUPS)
    assert [(p.indicator, p.period.label, p.organisation, p.value) for p in found] == [
        ("NI 157a", "2024/25", "burnley", Decimal("75.0")),
        ("NI 191", "2025/26 Q1", "pendle", Decimal(131)),
    ]
    assert (found[0].numerator, found[0].denominator, found[0].status, found[0].source) == (
        Decimal(30),
        Decimal(40),
        DataStatus.FINAL,
        "LG Inform",
    )
    assert found[1].status is DataStatus.PROVISIONAL
    assert found[1].period == Quarter(2025, 1)


def test_every_bad_cell_of_comparisons_is_named() -> None:
    problems = comparisons(
        "NI 999,2024/25,burnley,1,,,,\n"
        ",2024/25,burnley,1,,,,\n"
        "LPI 02,2024/25,burnley,1,,,,\n"
        "NI 191,2024/26,burnley,1,,,,\n"
        "NI 191,2024-09,burnley,1,,,,\n"
        "NI 191,2024/25,,1,,,,\n"
        "NI 191,2024/25,us,1,,,,\n"
        "NI 191,2024/25,hyndburn,1,,,,\n"
        "NI 191,2024/25,burnley,lots,,,,\n"
        "NI 191,2024/25,pendle,,,,,\n"
        "NI 157a,2024/25,burnley,50,1,,,\n"
        "NI 157a,2024/25,pendle,50,,2,,\n"
        "NI 157a,2025/26,pendle,50,1,-2,,\n"
        "NI 157a,2025/26,burnley,50,,,draft,\n"
        "NI 157a,2025/26 Q1,burnley,50,,,,\n"
        "NI 157a,2025/26 Q1,burnley,60,,,,\n"
        "NI 157a,2025/26 Q2,burnley,n/a,,,,\n"
    )
    where = [(p.row, p.column) for p in problems]
    assert where == [
        (2, "indicator"),
        (3, "indicator"),
        (4, "indicator"),
        (5, "period"),
        (6, "period"),
        (7, "organisation"),
        (8, "organisation"),
        (9, "organisation"),
        (10, "value"),
        (11, "value"),
        (12, "denominator"),
        (13, "numerator"),
        (14, "denominator"),
        (15, "status"),
        (17, "organisation"),
        (18, "value"),
    ]
    assert all(p.file == COMPARISONS for p in problems)
    reasons = [p.reason for p in problems]
    assert reasons[0] == "no indicator 'NI 999' is defined in indicators.csv"
    assert reasons[1] == "the indicator code is empty"
    assert reasons[2] == "indicator 'LPI 02' names no comparator_group"
    assert reasons[4] == ("2024-09 is shorter than the collection frequency of NI 191 (quarterly)")
    assert reasons[5] == "the organisation code is empty"
    assert reasons[6] == "'us' is this council; its own figures belong in values.csv"
    assert reasons[7] == "'hyndburn' is not a member of comparator group 'nn' in comparators.csv"
    assert reasons[9] == "the value is empty"
    assert reasons[10] == "a numerator needs a denominator and a denominator a numerator"
    assert reasons[12] == "the denominator must not be negative, not -2"
    assert reasons[13].startswith("unknown data status 'draft'")
    assert reasons[14] == "'burnley''s NI 157a for 2025/26 Q1 is already given in row 16"
    assert reasons[15] == "expected a number, not 'n/a'"


def test_without_comparators_any_other_organisation_is_accepted() -> None:
    table = read_csv_text(HEADER + "NI 191,2024/25,anyone,500,,,,\n", COMPARISONS)
    (found,) = read_comparisons(table, DEFINITIONS, council="us")
    assert found.organisation == "anyone"


# --- the bundle, the store, the export and the template ------------------------------


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_examples_hold_a_nearest_neighbour_group_and_its_figures(name: str) -> None:
    framework = example(name)
    (group,) = framework.comparators
    assert group.name == "CIPFA nearest neighbours"
    assert group.valid_from == dt.date(2021, 4, 1)
    assert framework.organisation.code in group.members
    assert 14 <= group.size <= 16
    assert set(framework.comparator_names) == set(group.members)
    benchmarked = {p.indicator for p in framework.comparisons}
    assert 4 <= len(benchmarked) <= 6
    assert all(framework.indicators.definitions[c].comparator_group for c in benchmarked)
    assert {p.period.label for p in framework.comparisons} == {
        "2024/25",
        "2025/26 Q1",
        "2025/26 Q2",
    }


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_examples_round_trip_through_a_store(name: str, tmp_path: Path) -> None:
    framework = example(name)
    store = open_store(f"sqlite:///{tmp_path / 'gt.db'}")
    at = dt.datetime(2025, 11, 1, 9, tzinfo=dt.UTC)
    save_framework(store, framework, by="tester", at=at, why="import", converter=CONVERTER)
    loaded = load_framework(store, converter=CONVERTER)
    assert loaded.comparators == framework.comparators
    assert loaded.comparator_names == framework.comparator_names
    assert loaded.comparisons == framework.comparisons
    assert without_source(loaded) == without_source(framework)


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_examples_round_trip_through_an_export(name: str, tmp_path: Path) -> None:
    framework = example(name)
    again = load_bundle(export_bundle(framework, tmp_path / "out"))
    assert again.comparators == framework.comparators
    assert again.comparator_names == framework.comparator_names
    assert again.comparisons == framework.comparisons


def test_problems_in_both_files_are_gathered_by_the_loader(tmp_path: Path) -> None:
    folder = tmp_path / "bundle"
    shutil.copytree(example_path("rossendale"), folder)
    (folder / COMPARATORS).write_text(
        "group,member,name,valid_from,valid_to\nCIPFA nearest neighbours,rossendale,,x,\n",
        encoding="utf-8",
    )
    (folder / COMPARISONS).write_text(
        HEADER + "NI 157a,2024/25,rossendale,1,,,,\n", encoding="utf-8"
    )
    with pytest.raises(BundleError) as caught:
        load_bundle(folder)
    assert [(p.file, p.row, p.column) for p in caught.value.problems] == [
        (COMPARATORS, 2, "valid_from"),
        (COMPARISONS, 2, "organisation"),
    ]


def test_the_template_has_the_benchmarking_sheets_and_reads_back_empty(tmp_path: Path) -> None:
    path = write_template(tmp_path / "council.xlsx")
    framework = load_bundle(path)
    assert framework.comparators == ()
    assert framework.comparisons == ()
    from openpyxl import load_workbook

    book = load_workbook(path)
    assert [c.value for c in book["comparators"][1]] == [
        "group",
        "member",
        "name",
        "valid_from",
        "valid_to",
    ]
    assert [c.value for c in book["comparisons"][1]][:4] == [
        "indicator",
        "period",
        "organisation",
        "value",
    ]


def test_periods_in_comparisons_follow_the_year_start() -> None:
    table = read_csv_text(HEADER + "NI 191,2024 Q1,burnley,120,,,,\n", COMPARISONS)
    (found,) = read_comparisons(table, DEFINITIONS, year_start_month=1)
    assert found.period == parse_period("2024 Q1", 1)
