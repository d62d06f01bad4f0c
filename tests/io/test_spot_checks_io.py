"""Recorded spot-check outcomes: ``spot_checks.csv`` read, loaded, stored and exported."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.errors import BundleError
from goldenthread.examples import example_path
from goldenthread.framework import Authority, Framework
from goldenthread.indicators.dataset import IndicatorSet
from goldenthread.indicators.spotcheck import RecordedCheck, Verification, VerificationOutcome
from goldenthread.io.bundle import BUNDLE_FILES, load_bundle
from goldenthread.io.export import export_bundle
from goldenthread.io.persist import load_framework, save_framework
from goldenthread.io.spot_checks import SPOT_CHECK_COLUMNS, read_spot_checks
from goldenthread.io.tables import read_csv_text
from goldenthread.io.template import GUIDANCE, TEMPLATE_SHEETS
from goldenthread.periods import FinancialYear
from goldenthread.serialise import from_json, make_converter, to_json
from goldenthread.storage.memory import MemoryStore
from tests.io.frameworks import example, without_source

HEADER = "indicator,year,outcome,auditor,checked_on,note\n"
CONVERTER = make_converter()
AT = dt.datetime(2025, 11, 1, 9, tzinfo=dt.UTC)


def _read(rows: str) -> tuple[RecordedCheck, ...]:
    definitions = example("poole").indicators.definitions
    return read_spot_checks(read_csv_text(HEADER + rows, "spot_checks.csv"), definitions)


def _problems(rows: str) -> list[str]:
    with pytest.raises(BundleError) as caught:
        _read(rows)
    return [str(p) for p in caught.value.problems]


def test_rows_become_recorded_checks() -> None:
    first, second = _read(
        "NI 157a,2025/26,verified,Internal Audit,2025-10-20,agreed to the planning system\n"
        "BV 9,2025/26,Not-Verified,Internal Audit,21/10/2025,\n"
    )
    assert first == RecordedCheck(
        FinancialYear(2025),
        Verification(
            "NI 157a",
            VerificationOutcome.VERIFIED,
            "Internal Audit",
            dt.date(2025, 10, 20),
            "agreed to the planning system",
        ),
    )
    assert first.key == "NI 157a|2025/26|2025-10-20"
    assert second.verification.outcome is VerificationOutcome.NOT_VERIFIED
    assert second.code == "BV 9"
    assert second.verification.checked_on == dt.date(2025, 10, 21)


def test_every_bad_cell_is_named() -> None:
    problems = _problems(
        ",2025/26,verified,Audit,2025-10-20,\n"
        "XX 1,2025/26,verified,Audit,2025-10-20,\n"
        "NI 157a,2025/26 Q2,verified,Audit,2025-10-20,\n"
        "NI 157a,someday,verified,Audit,2025-10-20,\n"
        "NI 157a,2025/26,fine,Audit,2025-10-20,\n"
        "NI 157a,2025/26,verified,,2025-10-20,\n"
        "NI 157a,2025/26,verified,Audit,last week,\n"
    )
    assert problems[0] == "spot_checks.csv, row 2, column 'indicator': the indicator code is empty"
    assert problems[1] == (
        "spot_checks.csv, row 3, column 'indicator': no indicator 'XX 1' is defined in "
        "indicators.csv"
    )
    assert problems[2] == (
        "spot_checks.csv, row 4, column 'year': expected a financial year such as 2025/26, "
        "not '2025/26 Q2'"
    )
    assert problems[3].startswith("spot_checks.csv, row 5, column 'year':")
    assert problems[4] == (
        "spot_checks.csv, row 6, column 'outcome': unknown outcome 'fine'; expected one of "
        "verified, amended, qualified, not-verified"
    )
    assert (
        problems[5] == "spot_checks.csv, row 7, column 'auditor': a check needs the auditor's name"
    )
    assert problems[6] == (
        "spot_checks.csv, row 8, column 'checked_on': expected a date such as 2025-10-20 "
        "or 20/10/2025, not 'last week'"
    )
    assert len(problems) == 7


def test_a_check_recorded_twice_on_one_day_is_a_problem() -> None:
    (problem,) = _problems(
        "NI 157a,2025/26,verified,Audit,2025-10-20,\nNI 157a,2025/26,amended,Audit,2025-10-20,\n"
    )
    assert problem == (
        "spot_checks.csv, row 3, column 'checked_on': NI 157a 2025/26 is already recorded "
        "as checked on 2025-10-20 in row 2"
    )


def test_missing_columns_are_refused() -> None:
    with pytest.raises(BundleError, match="auditor"):
        read_spot_checks(read_csv_text("indicator,year,outcome\n", "spot_checks.csv"), {})


def test_the_poole_example_records_outcomes() -> None:
    poole = example("poole")
    assert "spot_checks" in BUNDLE_FILES
    assert len(poole.spot_checks) >= 3
    assert {c.verification.outcome for c in poole.spot_checks} >= {
        VerificationOutcome.VERIFIED,
        VerificationOutcome.AMENDED,
    }
    assert example("rossendale").spot_checks == ()


def test_load_bundle_gathers_spot_check_problems(tmp_path: Path) -> None:
    folder = tmp_path / "poole"
    shutil.copytree(example_path("poole"), folder)
    (folder / "spot_checks.csv").write_text(
        HEADER + "XX 1,2025/26,verified,Audit,2025-10-20,\n", encoding="utf-8"
    )
    with pytest.raises(BundleError) as caught:
        load_bundle(folder)
    assert [str(p) for p in caught.value.problems] == [
        "spot_checks.csv, row 2, column 'indicator': no indicator 'XX 1' is defined in "
        "indicators.csv"
    ]


def test_the_poole_example_exports_and_reads_back(tmp_path: Path) -> None:
    poole = example("poole")
    back = load_bundle(export_bundle(poole, tmp_path))
    assert back.spot_checks == poole.spot_checks
    assert without_source(back) == without_source(poole)
    header = (tmp_path / "spot_checks.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == ",".join(SPOT_CHECK_COLUMNS)


def test_the_poole_example_is_stored_and_loaded_with_its_checks() -> None:
    poole = example("poole")
    store = MemoryStore()
    save_framework(store, poole, by="test", at=AT, why="first")
    back = load_framework(store)
    assert back.spot_checks == poole.spot_checks
    fewer = attrs.evolve(poole, spot_checks=poole.spot_checks[1:])
    save_framework(store, fewer, by="test", at=AT + dt.timedelta(hours=1), why="drop one")
    assert load_framework(store).spot_checks == fewer.spot_checks
    assert load_framework(store, as_at=AT).spot_checks == poole.spot_checks


def test_the_template_has_a_spot_checks_sheet() -> None:
    assert TEMPLATE_SHEETS["spot_checks"] == SPOT_CHECK_COLUMNS
    assert set(GUIDANCE["spot_checks"]) == set(SPOT_CHECK_COLUMNS)


checks = st.builds(
    RecordedCheck,
    st.integers(2000, 2040).map(FinancialYear),
    st.builds(
        Verification,
        st.sampled_from(["NI 157a", "BV 9", "NI 192"]),
        st.sampled_from(VerificationOutcome),
        st.sampled_from(["Internal Audit", "A. Auditor"]),
        st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31)),
        st.sampled_from(["", "agreed to source", "one case miscounted; corrected"]),
    ),
)


@given(checks)
def test_a_recorded_check_round_trips_through_the_converter(check: RecordedCheck) -> None:
    assert from_json(to_json(check, converter=CONVERTER), RecordedCheck) == check


@given(st.lists(checks, max_size=5, unique_by=lambda c: c.key))
def test_any_checks_round_trip_through_an_exported_bundle(found: list[RecordedCheck]) -> None:
    definitions = example("poole").indicators.definitions
    framework = Framework(
        Authority("Test council"),
        indicators=IndicatorSet.build(definitions[c] for c in ("NI 157a", "BV 9", "NI 192")),
        spot_checks=tuple(found),
    )
    with tempfile.TemporaryDirectory() as folder:
        back = load_bundle(export_bundle(framework, Path(folder)))
    assert back.spot_checks == tuple(found)
