"""Per-indicator validation rules: the ``minimum``, ``maximum`` and ``max_change`` columns."""

from __future__ import annotations

import datetime as dt
import tempfile
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from goldenthread.errors import BundleError
from goldenthread.framework import Authority, Framework
from goldenthread.indicators.dataset import IndicatorSet
from goldenthread.indicators.definition import (
    Aggregation,
    IndicatorDefinition,
    Tolerance,
    ToleranceKind,
)
from goldenthread.indicators.polarity import Polarity
from goldenthread.indicators.quality import ValidationRule, validate_value
from goldenthread.io.bundle import load_bundle
from goldenthread.io.export import export_bundle
from goldenthread.io.indicators import INDICATOR_COLUMNS, read_indicators
from goldenthread.io.tables import read_csv_text
from goldenthread.io.template import GUIDANCE, write_template
from goldenthread.periods import Frequency, Month, parse_period
from goldenthread.reports import Findings
from goldenthread.reports.builders import DataQualityReport
from goldenthread.reports.builders.data_quality import validation_rule
from goldenthread.serialise import from_json, make_converter, to_json
from goldenthread.testing import strategies as gts
from tests.io.frameworks import example, without_source

HEADER = "code,title,polarity,aggregation,frequency,unit,minimum,maximum,max_change\n"
CONVERTER = make_converter()
H1 = parse_period("2025/26 H1")
TODAY = dt.date(2025, 11, 1)


def _read(rows: str) -> tuple[IndicatorDefinition, ...]:
    return read_indicators(read_csv_text(HEADER + rows, "indicators.csv"))


def _problems(rows: str) -> list[str]:
    with pytest.raises(BundleError) as caught:
        _read(rows)
    return [str(p) for p in caught.value.problems]


def _definition(
    unit: str = "days",
    minimum: Decimal | None = None,
    maximum: Decimal | None = None,
    max_change: Tolerance | None = None,
) -> IndicatorDefinition:
    return IndicatorDefinition(
        "LPI 06",
        "Days to licence",
        Polarity.LOWER,
        Aggregation.MEAN,
        Frequency.MONTHLY,
        unit=unit,
        minimum=minimum,
        maximum=maximum,
        max_change=max_change,
    )


bounds = st.decimals(-1000, 1000, places=2)
changes = st.none() | st.builds(
    Tolerance, st.sampled_from(ToleranceKind), st.decimals(0, 100, places=1)
)


@st.composite
def ruled_definitions(draw: st.DrawFn) -> IndicatorDefinition:
    """Any indicator definition with its own minimum, maximum and maximum change drawn."""
    low, high = draw(st.none() | bounds), draw(st.none() | bounds)
    if low is not None and high is not None and low > high:
        low, high = high, low
    return attrs.evolve(
        draw(gts.indicator_definitions()), minimum=low, maximum=high, max_change=draw(changes)
    )


# -- reading ----------------------------------------------------------------------------------


def test_the_columns_are_read_as_typed_fields() -> None:
    relative, absolute, plain = _read(
        "NI 157a,Majors,higher,ratio,monthly,%,40,100,25%\n"
        "LPI 06,Days to licence,lower,mean,monthly,days,,30,2.5\n"
        "NI 196,Fly-tipping,none,sum,monthly,incidents,,,\n"
    )
    assert (relative.minimum, relative.maximum) == (Decimal(40), Decimal(100))
    assert relative.max_change == Tolerance(ToleranceKind.RELATIVE, Decimal(25))
    assert (absolute.minimum, absolute.maximum) == (None, Decimal(30))
    assert absolute.max_change == Tolerance(ToleranceKind.ABSOLUTE, Decimal("2.5"))
    assert (plain.minimum, plain.maximum, plain.max_change) == (None, None, None)
    assert "max_change" not in plain.extras


def test_numeric_cells_follow_the_bundle_number_rules() -> None:
    (definition,) = _read('LPI 10,Arrears,higher,sum,monthly,£,"-1,000","£5,000",\n')
    assert definition.minimum == Decimal(-1000)
    assert definition.maximum == Decimal(5000)


def test_every_bad_cell_is_named_with_file_row_and_column() -> None:
    problems = _problems(
        "NI 157a,Majors,higher,ratio,monthly,%,lots,,\n"
        "NI 157b,Minors,higher,ratio,monthly,%,,n/a,\n"
        "NI 157c,Others,higher,ratio,monthly,%,,,-5%\n"
        "BV 8,Invoices,higher,ratio,monthly,%,,,a lot\n"
    )
    assert len(problems) == 4
    assert problems[0].startswith("indicators.csv, row 2, column 'minimum':")
    assert "cannot read 'lots' as a number" in problems[0]
    assert problems[1].startswith("indicators.csv, row 3, column 'maximum':")
    assert "expected a number or nothing, not 'n/a'" in problems[1]
    for problem, row, text in ((problems[2], 4, "-5%"), (problems[3], 5, "a lot")):
        assert problem.startswith(f"indicators.csv, row {row}, column 'max_change':")
        assert f"cannot read tolerance {text!r}" in problem


def test_a_minimum_above_the_maximum_is_a_problem() -> None:
    (problem,) = _problems("NI 157a,Majors,higher,ratio,monthly,%,90,80,\n")
    assert problem == (
        "indicators.csv, row 2, column 'minimum': the minimum 90 is above the maximum 80"
    )


def test_a_definition_refuses_a_minimum_above_its_maximum() -> None:
    with pytest.raises(ValueError, match=r"LPI 06: the minimum \(5\) is above the maximum \(4\)"):
        _definition(minimum=Decimal(5), maximum=Decimal(4))


# -- writing and converting -------------------------------------------------------------------


@given(ruled_definitions())
def test_the_converter_round_trips_the_rule_fields(definition: IndicatorDefinition) -> None:
    back = from_json(to_json(definition, converter=CONVERTER), IndicatorDefinition)
    assert back == definition
    assert (back.minimum, back.maximum, back.max_change) == (
        definition.minimum,
        definition.maximum,
        definition.max_change,
    )


def test_the_examples_carry_rules_and_export_them(tmp_path: Path) -> None:
    for name, code in (("poole", "POOLE 06"), ("rossendale", "LPI 06")):
        framework = example(name)
        ruled = framework.indicators.definitions[code]
        assert ruled.maximum is not None
        assert ruled.max_change is not None
        assert ruled.max_change.kind is ToleranceKind.ABSOLUTE
        back = load_bundle(export_bundle(framework, tmp_path / name))
        assert without_source(back) == without_source(framework)
        assert back.indicators.definitions[code].max_change == ruled.max_change


@given(st.lists(st.tuples(st.none() | bounds, st.none() | bounds, changes), min_size=1, max_size=4))
def test_any_rules_round_trip_through_an_exported_bundle(
    rules: list[tuple[Decimal | None, Decimal | None, Tolerance | None]],
) -> None:
    definitions = []
    for number, (low, high, change) in enumerate(rules):
        if low is not None and high is not None and low > high:
            low, high = high, low
        definitions.append(
            attrs.evolve(
                _definition(), code=f"X {number}", minimum=low, maximum=high, max_change=change
            )
        )
    framework = Framework(Authority("Test council"), indicators=IndicatorSet.build(definitions))
    with tempfile.TemporaryDirectory() as folder:
        back = load_bundle(export_bundle(framework, Path(folder)))
    assert list(back.indicators.definitions.values()) == definitions


def test_the_template_lists_the_columns_with_guidance(tmp_path: Path) -> None:
    for column in ("minimum", "maximum", "max_change"):
        assert column in INDICATOR_COLUMNS
        assert GUIDANCE["indicators"][column]
    book = load_workbook(write_template(tmp_path / "council.xlsx"))
    header = [cell.value for cell in book["indicators"][1]]
    assert header[-3:] == ["minimum", "maximum", "max_change"]
    explained = {(row[0], row[1]) for row in book["guidance"].iter_rows(values_only=True)}
    assert ("indicators", "max_change") in explained


# -- the rule used by the data quality report ------------------------------------------------


def test_without_own_rules_the_derived_defaults_apply() -> None:
    rule = validation_rule(_definition(unit="%"), Decimal(50))
    assert (rule.minimum, rule.maximum, rule.max_change_percent) == (
        Decimal(0),
        Decimal(100),
        Decimal(50),
    )
    assert rule.max_change_amount is None


def test_own_rules_override_the_derived_defaults() -> None:
    own = _definition(
        unit="%", minimum=Decimal(60), max_change=Tolerance(ToleranceKind.ABSOLUTE, Decimal(5))
    )
    rule = validation_rule(own, Decimal(50))
    assert (rule.minimum, rule.maximum) == (Decimal(60), Decimal(100))
    assert (rule.max_change_percent, rule.max_change_amount) == (None, Decimal(5))
    relative = _definition(max_change=Tolerance(ToleranceKind.RELATIVE, Decimal(20)))
    assert validation_rule(relative, Decimal(50)).max_change_percent == Decimal(20)


def test_an_own_bound_beyond_the_derived_range_wins() -> None:
    rule = validation_rule(_definition(unit="%", minimum=Decimal(120)), Decimal(50))
    assert (rule.minimum, rule.maximum) == (Decimal(120), None)


@given(ruled_definitions(), st.decimals(0, 200, places=0))
def test_an_indicators_own_rule_always_wins(
    definition: IndicatorDefinition, default: Decimal
) -> None:
    rule = validation_rule(definition, default)
    if definition.minimum is not None:
        assert rule.minimum == definition.minimum
    if definition.maximum is not None:
        assert rule.maximum == definition.maximum
    change = definition.max_change
    if change is None:
        # a running total is not put to the default percentage test (it doubles in May)
        expected = None if definition.aggregation is Aggregation.CUMULATIVE else default
        assert (rule.max_change_percent, rule.max_change_amount) == (expected, None)
    elif change.kind is ToleranceKind.RELATIVE:
        assert (rule.max_change_percent, rule.max_change_amount) == (change.amount, None)
    else:
        assert (rule.max_change_percent, rule.max_change_amount) == (None, change.amount)


def test_an_absolute_change_beyond_the_limit_is_flagged() -> None:
    rule = ValidationRule("LPI 06", max_change_amount=Decimal(3))
    (finding,) = validate_value(rule, Month(2025, 9), Decimal("14.0"), history=[Decimal("18.1")])
    assert finding.code == "unusual-change"
    assert finding.message == (
        "LPI 06 2025-09: 14.0 is a change of 4.1 from 18.1 last period (more than 3); "
        "please check it"
    )
    assert validate_value(rule, Month(2025, 9), Decimal("15.1"), history=[Decimal("18.1")]) == ()


def test_a_negative_absolute_change_limit_is_refused() -> None:
    with pytest.raises(ValueError, match="max_change_amount must not be negative, not -1"):
        ValidationRule("LPI 06", max_change_amount=Decimal(-1))


@given(
    st.decimals(-1000, 1000, places=2),
    st.decimals(-1000, 1000, places=2),
    st.decimals(0, 500, places=1),
    st.decimals(0, 500, places=1),
)
def test_a_looser_change_limit_never_flags_more(
    value: Decimal, previous: Decimal, limit: Decimal, extra: Decimal
) -> None:
    def flagged(amount: Decimal) -> bool:
        rule = ValidationRule("X", max_change_amount=amount)
        return bool(validate_value(rule, Month(2025, 9), value, history=[previous]))

    assert flagged(limit) == (abs(value - previous) > limit)
    if flagged(limit + extra):
        assert flagged(limit)


def _validation_findings(framework: Framework) -> list[tuple[str, str, str]]:
    report = DataQualityReport().build(framework, H1, today=TODAY)
    section = next(s for s in report.sections if s.id == "validation")
    found = next(b for b in section.blocks if isinstance(b, Findings))
    return [(f.item or "", f.code, f.message) for f in found.findings]


def test_the_poole_report_shows_the_examples_own_rules() -> None:
    findings = _validation_findings(example("poole"))
    assert (
        "POOLE 06",
        "out-of-range",
        "POOLE 06 2025-05: 18.3 is above the allowed maximum of 18",
    ) in (findings)
    assert (
        "POOLE 06",
        "unusual-change",
        "POOLE 06 2025-09: 14.0 is a change of 4.1 from 18.1 last period (more than 3); "
        "please check it",
    ) in findings


def test_the_rossendale_report_shows_the_examples_own_rules() -> None:
    findings = _validation_findings(example("rossendale"))
    codes = {code for item, code, _ in findings if item == "LPI 06"}
    assert codes == {"out-of-range", "unusual-change"}
