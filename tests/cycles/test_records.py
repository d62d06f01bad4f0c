"""Returns and presentations recorded: bundle files, workbooks, stores, ``schedule`` and
data quality timeliness judged by each arrangement's own due rule."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from goldenthread.cli import main
from goldenthread.cycles.calendars import EnglandAndWalesCalendar
from goldenthread.cycles.meetings import MeetingSchedule, parse_recurrence
from goldenthread.cycles.records import Presentation, ReturnRecord
from goldenthread.cycles.rules import parse_due_rule
from goldenthread.cycles.schedule import schedule_for_year
from goldenthread.errors import BundleError
from goldenthread.examples import EXAMPLES, example_path
from goldenthread.io.bundle import load_bundle
from goldenthread.io.export import export_bundle
from goldenthread.io.source import load_source
from goldenthread.io.template import write_template
from goldenthread.periods import FinancialYear, Month, Quarter
from goldenthread.reports.builders import DataQualityReport
from goldenthread.reports.model import Paragraph, Table

ENGLAND = EnglandAndWalesCalendar()

FRAMEWORK = """
[organisation]
name = "Anytown Council"
code = "any"

[[meetings]]
body = "Cabinet"
recurrence = "every Monday"

[[monitoring]]
key = "performance"
what = "Performance indicators"
who = ["Management Team", "Cabinet"]
frequency = "quarterly"
data_due = "last working day of the following month"
report_due = "first Cabinet meeting at least 2 weeks after data due"
returns = ["PI 1"]

[[monitoring]]
key = "budget"
what = "Budget monitoring"
who = ["Cabinet"]
frequency = "monthly"
report_due = "10 working days after period end"
"""
INDICATORS = """code,title,polarity,aggregation,frequency,unit,decimals
PI 1,Calls answered,higher,sum,monthly,calls,0
PI 2,Complaints,lower,sum,monthly,complaints,0
"""
VALUES = """indicator,period,value,status
PI 1,2025-04,10,final
PI 1,2025-05,11,final
PI 1,2025-06,12,final
PI 2,2025-04,3,final
PI 2,2025-05,4,final
PI 2,2025-06,5,final
"""
# PI 1 is collected by "performance": due the last working day of the following month.
# PI 2 is collected by no arrangement: due 15 calendar days after the month ends.
RETURNS = """indicator,period,received,by,note
PI 1,2025-04,30/05/2025,Contact centre,
PI 1,2025-05,2025-07-01,Contact centre,late
PI 2,2025-04,2025-05-20,Complaints team,late
PI 2,2025-05,10/06/2025,Complaints team,
"""
PRESENTATIONS = """report,period,meeting,presented,note
performance,2025/26 Q1,Cabinet,2025-08-18,
budget,2025-04,Cabinet,2025-05-14,
budget,2025-05,Cabinet,20/06/2025,late
"""


def write_bundle(folder: Path, **files: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    contents = {
        "framework.toml": FRAMEWORK,
        "indicators.csv": INDICATORS,
        "values.csv": VALUES,
        "returns.csv": RETURNS,
        "presentations.csv": PRESENTATIONS,
    }
    contents.update({f"{name}.csv" if name != "framework" else "framework.toml": text
                     for name, text in files.items()})  # fmt: skip
    for name, text in contents.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def problems(error: BundleError) -> list[tuple[str | None, int | None, str | None, str]]:
    return [(Path(p.file or "").name, p.row, p.column, p.reason) for p in error.problems]


# --- reading the record -----------------------------------------------------------------


def test_the_record_is_read_with_iso_and_uk_dates(tmp_path: Path) -> None:
    framework = load_bundle(write_bundle(tmp_path / "b"))
    assert framework.returns[0] == ReturnRecord(
        "PI 1", Month(2025, 4), dt.date(2025, 5, 30), "Contact centre", ""
    )
    assert framework.returns[3].received == dt.date(2025, 6, 10)
    assert framework.presentations[2] == Presentation(
        "budget", Month(2025, 5), dt.date(2025, 6, 20), "Cabinet", "late"
    )
    assert framework.presentations[0].period == Quarter(2025, 1)


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "returns",
            "indicator,period,received\nPI 1,2025-04,2025/05/30\n",
            ("returns.csv", 2, "received",
             "expected a date such as 2025-10-30 or 30/10/2025, not '2025/05/30'"),
        ),
        (
            "returns",
            "indicator,period,received\nPI 1,2025-04,05/30/2025\n",
            ("returns.csv", 2, "received",
             "expected a date such as 2025-10-30 or 30/10/2025, not '05/30/2025'"),
        ),
        (
            "returns",
            "indicator,period,received\nPI 9,2025-04,2025-05-30\n",
            ("returns.csv", 2, "indicator", "no indicator 'PI 9' is defined in indicators.csv"),
        ),
        (
            "returns",
            "indicator,period,received\nPI 1,2025-04,\n",
            ("returns.csv", 2, "received", "the received date is empty"),
        ),
        (
            "returns",
            "indicator,period,received\nPI 1,2025-04,2025-05-30\nPI 1,2025-04,2025-05-31\n",
            ("returns.csv", 3, "period",
             "the return of PI 1 for 2025-04 is already recorded in row 2"),
        ),
        (
            "presentations",
            "report,period,presented\nperformance,2025/26 Q1,18 August 2025\n",
            ("presentations.csv", 2, "presented",
             "expected a date such as 2025-10-30 or 30/10/2025, not '18 August 2025'"),
        ),
        (
            "presentations",
            "report,period,presented\nperformnce,2025/26 Q1,2025-08-18\n",
            ("presentations.csv", 2, "report",
             "no monitoring arrangement 'performnce'; known arrangements: budget, performance"),
        ),
        (
            "presentations",
            "report,period,presented\nperformance,2025-06,2025-08-18\n",
            ("presentations.csv", 2, "period",
             "'performance' is quarterly, so its period is a quarterly period, not '2025-06'"),
        ),
        (
            "presentations",
            "report,period,presented\nbudget,2025-04,2025-05-14\nbudget,2025-04,2025-05-15\n",
            ("presentations.csv", 3, "period",
             "budget 2025-04 is already recorded as presented in row 2"),
        ),
    ],
)  # fmt: skip
def test_bad_records_name_file_row_column_and_reason(
    tmp_path: Path, name: str, text: str, expected: tuple[str, int, str, str]
) -> None:
    folder = write_bundle(tmp_path / "b", **{name: text})
    with pytest.raises(BundleError) as info:
        load_bundle(folder)
    assert problems(info.value) == [expected]


def test_an_arrangement_collecting_an_undefined_indicator_is_an_error(tmp_path: Path) -> None:
    broken = FRAMEWORK.replace('returns = ["PI 1"]', 'returns = ["PI 1", "PI 7"]')
    with pytest.raises(BundleError) as info:
        load_bundle(write_bundle(tmp_path / "b", framework=broken))
    assert problems(info.value) == [
        (
            "framework.toml",
            None,
            "monitoring[1].returns",
            "arrangement 'performance' collects the returns of 'PI 7', which indicators.csv "
            "does not define",
        )
    ]


def test_a_missing_required_column_is_an_error(tmp_path: Path) -> None:
    folder = write_bundle(tmp_path / "b", presentations="report,period\nbudget,2025-04\n")
    with pytest.raises(BundleError) as info:
        load_bundle(folder)
    assert any(
        p.column == "presented" and Path(p.file or "").name == "presentations.csv"
        for p in info.value.problems
    )


def test_a_refused_cycle_is_reported_once_not_once_per_presentation(tmp_path: Path) -> None:
    broken = FRAMEWORK.replace('frequency = "monthly"', 'frequency = "fortnightly"')
    folder = write_bundle(tmp_path / "b", framework=broken)
    with pytest.raises(BundleError) as info:
        load_bundle(folder)
    assert [Path(p.file or "").name for p in info.value.problems] == ["framework.toml"]


def test_bad_record_exits_2_and_writes_nothing_to_the_store(tmp_path: Path) -> None:
    folder = write_bundle(tmp_path / "b", returns="indicator,period,received\nPI 1,2025-04,x\n")
    url = f"sqlite:///{tmp_path / 's.db'}"
    code, _, err = run("import", str(folder), "--store", url, "--by", "me")
    assert code == 2
    assert "returns.csv" in err
    assert "received" in err
    code, _, err = run("check", url)
    assert code == 2
    assert "there is no store" in err  # the refused import left no store file behind
    assert not (tmp_path / "s.db").exists()


def test_workbook_sheets_with_date_cells(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "indicators"
    for line in INDICATORS.splitlines():
        sheet.append(line.split(","))
    returns = book.create_sheet("returns")
    returns.append(["indicator", "period", "received", "by"])
    returns.append(["PI 1", "2025-04", dt.datetime(2025, 5, 30), "Contact centre"])
    returns.append(["PI 2", "2025-05", "10/06/2025", "Complaints team"])
    shown = book.create_sheet("presentations")
    shown.append(["report", "period", "meeting", "presented"])
    shown.append(["budget", "2025-04", "Cabinet", dt.datetime(2025, 5, 14)])
    book.save(tmp_path / "council.xlsx")
    (tmp_path / "council.toml").write_text(FRAMEWORK, encoding="utf-8")
    framework = load_bundle(tmp_path / "council.xlsx")
    assert [r.received for r in framework.returns] == [dt.date(2025, 5, 30), dt.date(2025, 6, 10)]
    assert framework.presentations[0].presented == dt.date(2025, 5, 14)


def test_a_bad_workbook_date_names_the_sheet_row_and_column(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "indicators"
    for line in INDICATORS.splitlines():
        sheet.append(line.split(","))
    returns = book.create_sheet("returns")
    returns.append(["indicator", "period", "received"])
    returns.append(["PI 1", "2025-04", "next Tuesday"])
    book.save(tmp_path / "council.xlsx")
    (tmp_path / "council.toml").write_text(FRAMEWORK, encoding="utf-8")
    with pytest.raises(BundleError) as info:
        load_bundle(tmp_path / "council.xlsx")
    [problem] = info.value.problems
    assert (problem.row, problem.column) == (2, "received")
    assert "returns" in (problem.file or "")


# --- kept in a store, exported, in the template ---------------------------------------


def test_the_record_survives_a_store_and_an_export(tmp_path: Path) -> None:
    framework = load_bundle(write_bundle(tmp_path / "b"))
    url = f"sqlite:///{tmp_path / 's.db'}"
    code, _, err = run("import", str(tmp_path / "b"), "--store", url, "--by", "me")
    assert code == 0, err
    stored = load_source(url)
    assert stored.returns == framework.returns
    assert stored.presentations == framework.presentations
    export_bundle(stored, tmp_path / "out")
    again = load_bundle(tmp_path / "out")
    assert again.returns == framework.returns
    assert again.presentations == framework.presentations
    export_bundle(stored, tmp_path / "out.xlsx")
    from_book = load_bundle(tmp_path / "out.xlsx")
    assert from_book.returns == framework.returns
    assert from_book.presentations == framework.presentations


def test_the_template_has_the_record_sheets_with_guidance(tmp_path: Path) -> None:
    book = load_workbook(write_template(tmp_path / "t.xlsx"))
    assert [c.value for c in book["returns"][1]] == ["indicator", "period", "received", "by",
                                                     "note"]  # fmt: skip
    assert [c.value for c in book["presentations"][1]] == [
        "report", "period", "meeting", "presented", "note"
    ]  # fmt: skip
    guidance = [tuple(c.value for c in row) for row in book["guidance"].iter_rows()]
    text = json.dumps(guidance, default=str)
    assert "returns" in text
    assert "presentations" in text
    assert "30/10/2025" in text or "14/10/2025" in text


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_example_councils_record_returns_and_presentations(name: str) -> None:
    framework = load_bundle(example_path(name))
    assert len(framework.returns) > 50
    assert len(framework.presentations) > 20
    assert any(r.note.startswith("late") for r in framework.returns)


# --- schedule: done, late and overdue from the record -------------------------------------


def test_schedule_judges_each_deadline_from_the_record(tmp_path: Path) -> None:
    folder = write_bundle(tmp_path / "b")
    code, out, err = run("schedule", str(folder), "--year", "2025/26", "--format", "json",
                         "--on", "2025-06-30")  # fmt: skip
    assert code == 0, err
    records = {(r["arrangement"], r["period"]): r for r in json.loads(out)}
    april, may = records[("budget", "2025-04")], records[("budget", "2025-05")]
    assert (april["report_due"], april["status"], april["presented"]) == (
        "2025-05-15", "done", "2025-05-14"
    )  # fmt: skip
    assert (may["report_due"], may["status"], may["presented"]) == (
        "2025-06-13", "late", "2025-06-20"
    )  # fmt: skip
    assert records[("budget", "2025-06")]["status"] == "due-soon"
    # the Q1 presentation of 18 August had not happened yet on 30 June
    assert records[("performance", "2025/26 Q1")]["presented"] is None
    code, out, _ = run("schedule", str(folder), "--year", "2025/26", "--format", "json",
                       "--on", "2025-09-01")  # fmt: skip
    records = {(r["arrangement"], r["period"]): r for r in json.loads(out)}
    assert records[("performance", "2025/26 Q1")]["status"] == "done"
    assert records[("budget", "2025-06")]["status"] == "overdue"
    code, out, _ = run("schedule", str(folder), "--year", "2025/26", "--on", "2025-09-01")
    assert "late" in out
    assert "overdue" in out
    assert "done" in out


def test_the_example_schedules_are_not_all_overdue() -> None:
    code, out, err = run("schedule", str(example_path("poole")), "--year", "2024/25",
                         "--format", "json", "--on", "2025-11-30")  # fmt: skip
    assert code == 0, err
    statuses = [r["status"] for r in json.loads(out)]
    assert statuses.count("done") > len(statuses) / 2
    assert "overdue" not in statuses


# --- data quality timeliness by each arrangement's own rule ---------------------------


def _returns(folder: Path, on: dt.date) -> dict[tuple[str, str], tuple[object, ...]]:
    framework = load_bundle(folder)
    report = DataQualityReport().build(framework, Quarter(2025, 1), today=on)
    section = next(s for s in report.sections if s.id == "returns")
    table = next((b for b in section.blocks if isinstance(b, Table)), None)
    if table is None:  # nothing late or missing: the section is one sentence saying so
        (sentence,) = section.blocks
        assert isinstance(sentence, Paragraph)
        assert sentence.text.startswith("No return for 2025/26 Q1 is late or missing.")
        return {}
    return {(r[0].value, r[1].value): tuple(c.value for c in r) for r in table.rows}  # type: ignore[misc]


def test_returns_are_due_by_the_arrangement_that_collects_them(tmp_path: Path) -> None:
    rows = _returns(write_bundle(tmp_path / "b"), dt.date(2025, 8, 1))
    # PI 1 2025-04 arrived 30 May, the last working day of May: on time (not listed), though
    # more than 15 days after the month ended
    assert ("PI 1", "2025-04") not in rows
    # PI 1 2025-05 was due Mon 30 June and arrived 1 July
    assert rows[("PI 1", "2025-05")][3:] == (
        dt.date(2025, 6, 30), dt.date(2025, 7, 1), "late", 1
    )  # fmt: skip
    # PI 1 2025-06: due 31 July, no return recorded but the value is there: taken as on time
    assert ("PI 1", "2025-06") not in rows
    # PI 2 is collected by no arrangement: 15 calendar days after the month
    assert rows[("PI 2", "2025-04")][3:] == (
        dt.date(2025, 5, 15), dt.date(2025, 5, 20), "late", 5
    )  # fmt: skip


def test_the_report_says_which_rule_judged_each_return(tmp_path: Path) -> None:
    framework = load_bundle(write_bundle(tmp_path / "b"))
    report = DataQualityReport().build(framework, Quarter(2025, 1), today=dt.date(2025, 8, 1))
    section = next(s for s in report.sections if s.id == "returns")
    text = next(b for b in section.blocks if isinstance(b, Paragraph)).text
    assert "PI 1: last working day of the following month (Performance indicators)" in text
    assert "PI 2: 15 days after the end of its collection period" in text


def test_a_return_received_after_the_judging_day_is_not_yet_received(tmp_path: Path) -> None:
    rows = _returns(write_bundle(tmp_path / "b"), dt.date(2025, 6, 30))
    # on 30 June the May figure (received 1 July) was still due that day: not listed
    assert ("PI 1", "2025-05") not in rows
    rows = _returns(write_bundle(tmp_path / "b", returns="indicator,period,received\n"),
                    dt.date(2025, 7, 2))  # fmt: skip
    assert ("PI 1", "2025-05") not in rows  # the value is recorded: taken as on time


def test_values_received_column_is_read_day_first(tmp_path: Path) -> None:
    values = VALUES.replace("status\n", "status,received\n").replace(
        "PI 2,2025-05,4,final", "PI 2,2025-05,4,final,30/06/2025"
    )
    folder = write_bundle(tmp_path / "b", values=values, returns="indicator,period,received\n")
    rows = _returns(folder, dt.date(2025, 8, 1))
    # before: '30/06/2025' was not ISO, so the figure counted as on time
    assert rows[("PI 2", "2025-05")][3:] == (
        dt.date(2025, 6, 15), dt.date(2025, 6, 30), "late", 15
    )  # fmt: skip


def test_an_unreadable_received_date_in_values_is_a_clear_error(tmp_path: Path) -> None:
    values = VALUES.replace("status\n", "status,received\n").replace(
        "PI 2,2025-05,4,final", "PI 2,2025-05,4,final,June the 30th"
    )
    folder = write_bundle(tmp_path / "b", values=values, returns="indicator,period,received\n")
    code, _, err = run("report", "data-quality", str(folder), "--period", "2025/26 Q1",
                       "--on", "2025-08-01", "--format", "json")  # fmt: skip
    assert code == 2
    assert "values.csv" in err
    assert "received" in err
    assert "June the 30th" in err
    assert "Traceback" not in err


# --- meeting-based due dates move off bank holidays ----------------------------------------


def test_a_meeting_on_a_bank_holiday_moves_to_the_next_working_day() -> None:
    rule = parse_due_rule("first Management Team meeting at least 4 weeks after period end")
    mondays = MeetingSchedule("Management Team", (), (parse_recurrence("every Monday"),))
    # 4 May 2026 is the early May bank holiday, a Monday
    assert rule.due(dt.date(2026, 3, 31), ENGLAND, [mondays]) == dt.date(2026, 5, 5)
    assert rule.due(dt.date(2025, 12, 31), ENGLAND, [mondays]) == dt.date(2026, 2, 2)


def test_the_rossendale_business_plans_are_not_due_on_a_bank_holiday() -> None:
    framework = load_bundle(example_path("rossendale"))
    cycle = framework.cycle
    schedule = schedule_for_year(cycle.arrangements, FinancialYear(2025), cycle.calendar,
                                 cycle.meetings)  # fmt: skip
    [q4] = [o for o in schedule.for_arrangement("business-plans") if o.period.label.endswith("Q4")]
    assert q4.report_due == dt.date(2026, 5, 5)


@given(
    st.dates(dt.date(2024, 1, 1), dt.date(2030, 12, 31)),
    st.sampled_from(
        ["every Monday", "every Friday", "4th Wednesday monthly", "1st Monday monthly"]
    ),
    st.integers(1, 8),
)
def test_meeting_due_dates_are_working_days(anchor: dt.date, recurrence: str, weeks: int) -> None:
    rule = parse_due_rule(f"first Cabinet meeting at least {weeks} weeks after period end")
    meetings = [MeetingSchedule("Cabinet", (), (parse_recurrence(recurrence),))]
    due = rule.due(anchor, ENGLAND, meetings)
    assert ENGLAND.is_working_day(due)
    assert due > anchor
