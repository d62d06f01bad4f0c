"""Reading indicators.csv, values.csv and targets.csv: good rows and every bad-input path."""

from __future__ import annotations

from decimal import Decimal

import pytest

from goldenthread.errors import BundleError
from goldenthread.indicators.definition import Aggregation, Classification, ToleranceKind
from goldenthread.indicators.numbers import ValueState
from goldenthread.indicators.polarity import DataStatus, Polarity
from goldenthread.io.indicators import (
    IndicatorDefaults,
    load_indicator_set,
    read_indicators,
    read_targets,
    read_values,
)
from goldenthread.io.tables import read_csv_text
from goldenthread.periods import FinancialYear, Frequency, Month, Quarter

HEADER = (
    "Code,Title,Polarity,Aggregation,Frequency,Unit,Decimals,Tolerance,Factor,Statutory,"
    "RAG rule,Profile,Classification,Ward\n"
)
INDICATORS = (
    HEADER
    + """\
NI 157a,Major applications in 13 weeks,higher,ratio,monthly,%,1,5%,100,yes,,,public,all
BV 12,Days lost to sickness per FTE,lower is better,last,monthly,days,2,0.5,,no,havering,,internal,
NI 155,Affordable homes delivered,higher,sum,quarterly,homes,,,,,,10;20;30;40,,
LPI 10,Council tax arrears collected,higher,sum,monthly,£,0,10%,,,,,,
"""
)


def _definitions() -> dict[str, object]:
    return {d.code: d for d in read_indicators(read_csv_text(INDICATORS, "indicators.csv"))}


def _problems(exc: pytest.ExceptionInfo[BundleError]) -> list[str]:
    return [str(p) for p in exc.value.problems]


def test_read_indicators() -> None:
    defs = read_indicators(
        read_csv_text(INDICATORS, "indicators.csv"),
        IndicatorDefaults(decimals=1, rag_rule="kent"),
    )
    ni157, bv12, ni155, lpi10 = defs
    assert ni157.polarity is Polarity.HIGHER
    assert ni157.aggregation is Aggregation.RATIO
    assert ni157.factor == Decimal(100)
    assert ni157.statutory is True
    assert ni157.rag_rule == "kent"
    assert ni157.extras == {"ward": "all"}
    assert bv12.polarity is Polarity.LOWER
    assert bv12.tolerance.kind is ToleranceKind.ABSOLUTE
    assert bv12.rag_rule == "havering"
    assert bv12.classification is Classification.INTERNAL
    assert ni155.frequency is Frequency.QUARTERLY
    assert ni155.decimals == 1
    assert ni155.profile == (Decimal(10), Decimal(20), Decimal(30), Decimal(40))
    assert lpi10.unit == "£"


def test_bad_indicators_are_all_reported() -> None:
    text = """\
code,title,polarity,aggregation,frequency,decimals,tolerance,factor,statutory,profile,annualise,classification
,No code,higher,sum,monthly,,,,,,,
A1,,up,total,quarter,,,,,,,
A2,Bad cells,sideways,median,fortnightly,eleven,-5%,0,maybe,lumpy;x,perhaps,secret
A3,Too few weights,higher,sum,quarterly,,,,,1;2,,
A4,Annualised ratio,higher,ratio,monthly,,,,,,yes,
A5,Empty polarity,,sum,monthly,,,,,,,
A5,Twice,higher,sum,monthly,,,,,,,
"""
    with pytest.raises(BundleError) as info:
        read_indicators(read_csv_text(text, "indicators.csv"))
    problems = _problems(info)
    expected = [
        "indicators.csv, row 2, column 'code': an indicator needs a code",
        "indicators.csv, row 3, column 'title': an indicator needs a title",
        "indicators.csv, row 4, column 'polarity': unknown polarity 'sideways'",
        "indicators.csv, row 4, column 'aggregation': unknown aggregation 'median'",
        "indicators.csv, row 4, column 'frequency': unknown frequency 'fortnightly'",
        "indicators.csv, row 4, column 'tolerance': cannot read tolerance '-5%'",
        "indicators.csv, row 4, column 'profile': cannot read profile 'lumpy;x'",
        "indicators.csv, row 4, column 'classification': unknown classification 'secret'",
        "indicators.csv, row 4, column 'decimals': expected a whole number 0-6, not 'eleven'",
        "indicators.csv, row 4, column 'factor': the factor must be positive, not 0",
        "indicators.csv, row 4, column 'annualise': expected yes or no, not 'perhaps'",
        "indicators.csv, row 4, column 'statutory': expected yes or no, not 'maybe'",
        "indicators.csv, row 5, column 'profile': A3: a quarterly profile needs 4 weights, not 2",
        "indicators.csv, row 6, column 'annualise': A4: only 'sum' indicators can be annualised",
        "indicators.csv, row 7, column 'polarity': the polarity is empty",
        "indicators.csv, row 8, column 'code': 'A5' is already defined in row 7",
    ]
    for message in expected:
        assert any(p.startswith(message) for p in problems), message
    assert len(problems) == len(expected)


def test_missing_columns() -> None:
    with pytest.raises(BundleError, match="missing required column 'aggregation'"):
        read_indicators(read_csv_text("code,title,polarity,frequency\n", "indicators.csv"))
    with pytest.raises(BundleError, match="missing required column 'value'"):
        read_values(read_csv_text("indicator,period,numerator\n", "values.csv"), {})
    with pytest.raises(BundleError, match="missing required column 'period'"):
        read_targets(read_csv_text("indicator,target\n", "targets.csv"), {})


VALUES = """\
indicator,period,value,numerator,denominator,status,note,note_date,entered_by,source_ref
NI 157a,2024-04,,7,10,verified,,,J Smith,PS2
NI 157a,Sep-24,75.0,3,4,provisional,,,,
NI 157a,2024-05,tbc,,,,late return,2024-06-20,,
NI 157a,2024-06,N/A,,,,,,,
NI 157a,2024-07,not yet due,,,,,,,
BV 12,2024-04,"1,234.5",,,estimated,,,,
LPI 10,2024-04,"£12,000",,,,,,,
NI 155,2024/25 Q1,0,,,,,,,
NI 155,2024/25,12,,,,,,,
NI 157a,2024-08,12%,,,,,,,
"""


def test_read_values() -> None:
    values = read_values(
        read_csv_text(VALUES, "values.csv"),
        _definitions(),  # type: ignore[arg-type]
        defaults=IndicatorDefaults(status=DataStatus.QUALIFIED),
    )
    by = {(v.indicator, v.period): v for v in values}
    first = by["NI 157a", Month(2024, 4)]
    assert (first.numerator, first.denominator, first.value) == (Decimal(7), Decimal(10), None)
    assert first.status is DataStatus.VERIFIED
    assert first.entered_by == "J Smith"
    assert first.extras == {"source_ref": "PS2"}
    assert by["NI 157a", Month(2024, 9)].value == Decimal("75.0")
    late = by["NI 157a", Month(2024, 5)]
    assert late.state is ValueState.MISSING
    assert late.note == "late return"
    assert late.note_date is not None
    assert late.status is DataStatus.QUALIFIED
    assert by["NI 157a", Month(2024, 6)].state is ValueState.NOT_APPLICABLE
    assert by["NI 157a", Month(2024, 7)].state is ValueState.NOT_YET_DUE
    assert by["BV 12", Month(2024, 4)].value == Decimal("1234.5")
    assert by["LPI 10", Month(2024, 4)].value == Decimal(12000)
    assert by["NI 155", Quarter(2024, 1)].value == Decimal(0)
    assert by["NI 155", FinancialYear(2024)].value == Decimal(12)
    assert by["NI 157a", Month(2024, 8)].value == Decimal(12)


def test_bad_values_are_all_reported() -> None:
    text = """\
indicator,period,value,numerator,denominator,status,note_date
NI 999,2024-04,1,,,,
NI 157a,2024/26,1,,,,
NI 157a,2024-04,abc,,,,
NI 157a,2024-05,,3,,,
NI 157a,2024-06,,3,-4,,
NI 157a,2024-07,80.0,3,4,,
NI 157a,2024-08,5,3,0,,
NI 157a,2024-09,N/A,3,4,,
NI 157a,2024-10,,x,4,,
NI 157a,2024-11,1,,,checked,
NI 157a,2024-12,1,,,,12/31/2024
NI 155,2024-04,1,,,,
BV 12,2024-04,12%,,,,
NI 157a,2025-01,1,,,,
NI 157a,Jan-25,2,,,,
,2024-04,1,,,,
"""
    with pytest.raises(BundleError) as info:
        read_values(read_csv_text(text, "values.csv"), _definitions())  # type: ignore[arg-type]
    problems = _problems(info)
    expected = [
        "values.csv, row 2, column 'indicator': no indicator 'NI 999' is defined",
        "values.csv, row 3, column 'period': '2024/26': the second year must follow the first",
        "values.csv, row 4, column 'value': cannot read 'abc' as a number",
        "values.csv, row 5, column 'denominator': a numerator needs a denominator",
        "values.csv, row 6, column 'denominator': the denominator must not be negative, not -4",
        "values.csv, row 7, column 'value': the value 80.0 disagrees with numerator / "
        "denominator × 100 = 75.0",
        "values.csv, row 8, column 'value': a value is given with a zero denominator",
        "values.csv, row 9, column 'value': the value says 'N/A' but counts are given",
        "values.csv, row 10, column 'numerator': cannot read 'x' as a number",
        "values.csv, row 11, column 'status': unknown data status 'checked'",
        "values.csv, row 12, column 'note_date': not a date: '12/31/2024' is month first",
        "values.csv, row 13, column 'period': NI 155 is collected quarterly, so it has no "
        "value for 2024-04",
        "values.csv, row 14, column 'value': '12%' is a percentage but the indicator's unit "
        "is 'days'",
        "values.csv, row 16, column 'period': NI 157a 2025-01 already has a value in row 15",
        "values.csv, row 17, column 'indicator': the indicator code is empty",
    ]
    for message in expected:
        assert any(p.startswith(message) for p in problems), message
    assert len(problems) == len(expected)


def test_counts_as_states_rejected() -> None:
    text = "indicator,period,numerator,denominator\nNI 157a,2024-04,N/A,4\n"
    with pytest.raises(BundleError, match="expected a number or nothing, not 'N/A'"):
        read_values(read_csv_text(text, "values.csv"), _definitions())  # type: ignore[arg-type]


TARGETS = """\
indicator,period,target,lower,upper,floor,stretch,note
NI 157a,2024/25,83%,,,75,90,set by Cabinet
NI 155,2024/25,40,,,,,
BV 12,2024/25 Q1,tbc,8,9.5,,,
"""


def test_read_targets() -> None:
    targets = read_targets(read_csv_text(TARGETS, "targets.csv"), _definitions())  # type: ignore[arg-type]
    ni157, ni155, bv12 = targets
    assert (ni157.target, ni157.floor, ni157.stretch) == (Decimal(83), Decimal(75), Decimal(90))
    assert ni157.note == "set by Cabinet"
    assert ni155.period == FinancialYear(2024)
    assert (bv12.target, bv12.lower, bv12.upper) == (None, Decimal(8), Decimal("9.5"))


def test_bad_targets_are_all_reported() -> None:
    text = """\
indicator,period,target,lower,upper,floor
NI 999,2024/25,1,,,
NI 157a,someday,1,,,
NI 157a,2024/25,eighty,,,
NI 157a,2023/24,,9,8,
NI 155,2024/25,40,,,
NI 155,2024-25,41,,,
"""
    with pytest.raises(BundleError) as info:
        read_targets(read_csv_text(text, "targets.csv"), _definitions())  # type: ignore[arg-type]
    problems = _problems(info)
    expected = [
        "targets.csv, row 2, column 'indicator': no indicator 'NI 999' is defined",
        "targets.csv, row 3, column 'period': cannot read 'someday' as a period",
        "targets.csv, row 4, column 'target': cannot read 'eighty' as a number",
        "targets.csv, row 5, column 'lower': lower 9 is above upper 8",
        "targets.csv, row 7, column 'period': NI 155 2024/25 already has a target in row 6",
    ]
    for message in expected:
        assert any(p.startswith(message) for p in problems), message
    assert len(problems) == len(expected)


def test_defaults_from_framework() -> None:
    defaults = IndicatorDefaults.from_mapping(
        {
            "tolerance": "2",
            "rag_rule": "kent",
            "decimals": 1,
            "status": "verified",
            "quality": {"outlier": 3},
        }
    )
    assert defaults.tolerance.kind is ToleranceKind.ABSOLUTE
    assert (defaults.rag_rule, defaults.decimals, defaults.status) == (
        "kent",
        1,
        DataStatus.VERIFIED,
    )
    with pytest.raises(BundleError) as info:
        IndicatorDefaults.from_mapping(
            {"tolerance": "lots", "rag_rule": 3, "decimals": "1", "status": "ok", "colour": "red"}
        )
    problems = _problems(info)
    assert problems == [
        "framework.toml, column 'indicators.tolerance': cannot read tolerance 'lots'; expected "
        "a percentage such as 5% or an amount such as 2",
        "framework.toml, column 'indicators.rag_rule': rag_rule must be a rule name",
        "framework.toml, column 'indicators.decimals': decimals must be a whole number 0-6, "
        "not '1'",
        "framework.toml, column 'indicators.status': unknown data status 'ok'; expected one of "
        "provisional, estimated, qualified, final, verified",
        "framework.toml, column 'indicators.colour': unknown key 'colour'; expected tolerance, "
        "rag_rule, decimals, status",
    ]


def test_load_indicator_set_gathers_values_and_targets_problems() -> None:
    indicators = read_csv_text(INDICATORS, "indicators.csv")
    values = read_csv_text("indicator,period,value\nNI 999,2024-04,1\n", "values.csv")
    targets = read_csv_text("indicator,period,target\nNI 998,2024/25,1\n", "targets.csv")
    with pytest.raises(BundleError) as info:
        load_indicator_set(indicators, values, targets)
    assert [p.file for p in info.value.problems] == ["values.csv", "targets.csv"]
    good = load_indicator_set(
        indicators,
        read_csv_text("indicator,period,value\nNI 155,2024/25 Q1,3\n", "values.csv"),
        read_csv_text(TARGETS, "targets.csv"),
    )
    assert good.value("NI 155", Quarter(2024, 1)).value == Decimal(3)
    assert good.target("NI 155", Quarter(2024, 1)).target == Decimal(4)  # type: ignore[union-attr]
