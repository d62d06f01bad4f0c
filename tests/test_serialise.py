"""The serialisation converter: JSON and TOML round trips and every rejected input."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from decimal import Decimal

import pytest
from attrs import frozen
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.errors import InputError, Problem
from goldenthread.findings import Finding, Severity
from goldenthread.framework import Authority
from goldenthread.indicators.benchmarking import ComparatorGroup
from goldenthread.indicators.comparison import PublishedValue
from goldenthread.indicators.definition import Aggregation, IndicatorDefinition
from goldenthread.indicators.polarity import Polarity
from goldenthread.indicators.spotcheck import RecordedCheck
from goldenthread.indicators.targets import Target
from goldenthread.indicators.values import IndicatorValue
from goldenthread.periods import FinancialYear, Frequency, HalfYear, Month, Period, Quarter
from goldenthread.risk.register import Risk
from goldenthread.risk.trends import Review
from goldenthread.serialise import (
    SerialiseError,
    from_json,
    from_toml,
    make_converter,
    to_json,
    to_toml,
)
from goldenthread.testing import strategies as gts
from goldenthread.thread.items import IndicatorLink, Item, Link
from goldenthread.thread.levels import LevelScheme
from goldenthread.thread.organisations import Organisation
from goldenthread.thread.presets import GENERIC, POOLE, ROSSENDALE

CONVERTER = make_converter()


@frozen
class Sample:
    """A record holding every kind of value the converter has a rule for."""

    amount: Decimal
    when: dt.datetime
    due: dt.date
    tags: frozenset[str]
    periods: tuple[Period, ...]
    severity: Severity
    note: str | None = None


samples = st.builds(
    Sample,
    amount=gts.decimals(),
    when=gts.utc_datetimes(),
    due=st.dates(),
    tags=st.frozensets(st.text(), max_size=4),
    periods=st.lists(gts.periods(), max_size=4).map(tuple),
    severity=st.sampled_from(Severity),
    note=st.none() | st.text(),
)


def json_round_trip(obj: object, cls: type[object]) -> object:
    return from_json(to_json(obj, converter=CONVERTER), cls, converter=CONVERTER)


def toml_round_trip(obj: object, cls: type[object]) -> object:
    return from_toml(to_toml(obj, converter=CONVERTER), cls, converter=CONVERTER)


# -- round trips -----------------------------------------------------------------------------


@given(gts.periods())
def test_every_period_round_trips_as_its_own_kind_and_as_period(period: Period) -> None:
    for cls in (type(period), Period):
        assert json_round_trip(period, cls) == period
        assert toml_round_trip(period, cls) == period


@given(gts.months())
def test_a_month_keeps_its_year_start(month: Month) -> None:
    back = json_round_trip(month, Month)
    assert isinstance(back, Month)
    assert back.year_start_month == month.year_start_month
    assert back.financial_year == month.financial_year


@given(gts.findings())
def test_findings_round_trip(finding: Finding) -> None:
    assert json_round_trip(finding, Finding) == finding
    assert toml_round_trip(finding, Finding) == finding


@given(st.lists(gts.findings(), max_size=5))
def test_a_list_of_findings_round_trips_as_json(findings: list[Finding]) -> None:
    text = to_json(findings, converter=CONVERTER)
    assert from_json(text, list[Finding], converter=CONVERTER) == findings


def test_the_default_converter_is_used_when_none_is_given() -> None:
    findings = [Finding("orphan", Severity.ERROR, "T1", "No parent.")]
    assert from_json(to_json(findings), list[Finding]) == findings
    assert from_toml(to_toml(findings[0]), Finding) == findings[0]


@given(gts.problems())
def test_problems_round_trip(problem: Problem) -> None:
    assert json_round_trip(problem, Problem) == problem
    assert toml_round_trip(problem, Problem) == problem


@given(samples)
def test_every_value_rule_round_trips(sample: Sample) -> None:
    assert json_round_trip(sample, Sample) == sample
    assert toml_round_trip(sample, Sample) == sample


@given(gts.decimals())
def test_decimals_are_exact_strings(amount: Decimal) -> None:
    text = CONVERTER.unstructure(amount)
    assert text == str(amount)
    back = CONVERTER.structure(text, Decimal)
    assert back == amount
    assert back.as_tuple() == amount.as_tuple()  # trailing zeros and exponent kept


@given(gts.aware_datetimes())
def test_aware_timestamps_become_the_same_instant_in_utc(when: dt.datetime) -> None:
    text = CONVERTER.unstructure(when)
    assert text.endswith("+00:00")
    back = CONVERTER.structure(text, dt.datetime)
    assert back == when
    assert back.utcoffset() == dt.timedelta(0)


@given(st.frozensets(st.integers()))
def test_sets_are_written_sorted(values: frozenset[int]) -> None:
    assert CONVERTER.unstructure(values) == sorted(values)


# -- encodings -------------------------------------------------------------------------------


def test_a_quarter_is_written_as_its_label_and_year_start() -> None:
    assert json.loads(to_json(Quarter(2024, 2))) == {"label": "2024/25 Q2", "year_start_month": 4}


def test_a_bare_period_label_means_an_april_year_start() -> None:
    assert from_json('"2024/25 H1"', Period) == HalfYear(2024, 1)
    assert from_json('"2024-09"', Month) == Month(2024, 9, 4)


def test_toml_leaves_out_none_and_reads_it_back() -> None:
    finding = Finding("orphan", Severity.WARNING, None, "No parent.")
    text = to_toml(finding)
    assert "item" not in text
    assert from_toml(text, Finding) == finding


def test_json_keeps_none_as_null() -> None:
    assert json.loads(to_json(Problem("bad")))["file"] is None


def test_decimal_accepts_integers_and_floats_by_their_shortest_repr() -> None:
    assert CONVERTER.structure(12, Decimal) == Decimal(12)
    assert str(CONVERTER.structure(0.1, Decimal)) == "0.1"


def test_toml_native_dates_and_timestamps_are_read() -> None:
    text = (
        'amount = "1.50"\nwhen = 2024-09-30T10:00:00+01:00\ndue = 2024-10-01\n'
        'tags = []\nperiods = ["2024/25 Q2"]\nseverity = "info"\n'
    )
    sample = from_toml(text, Sample)
    assert sample.when == dt.datetime(2024, 9, 30, 9, tzinfo=dt.UTC)
    assert sample.due == dt.date(2024, 10, 1)
    assert sample.periods == (Quarter(2024, 2),)
    assert sample.note is None


# -- rejected input --------------------------------------------------------------------------


def reasons(error: InputError) -> list[str]:
    return [p.reason for p in error.problems]


def test_a_naive_timestamp_is_not_written() -> None:
    with pytest.raises(SerialiseError, match="naive timestamp 2024-01-01T00:00:00; timestamps"):
        to_json(dt.datetime(2024, 1, 1))


def test_a_naive_timestamp_is_not_read() -> None:
    with pytest.raises(InputError) as caught:
        from_json('"2024-01-01T09:30:00"', dt.datetime)
    assert reasons(caught.value) == [
        "$: timestamp 2024-01-01T09:30:00 has no time zone; write it in UTC, e.g. "
        "2024-01-01T09:30:00+00:00"
    ]


def test_a_non_finite_decimal_is_rejected_both_ways() -> None:
    with pytest.raises(SerialiseError, match="non-finite decimal NaN"):
        to_json(Decimal("NaN"))
    with pytest.raises(InputError, match="expected a finite decimal number, got 'Infinity'"):
        from_json('"Infinity"', Decimal)


def test_bad_scalars_are_rejected_not_coerced() -> None:
    cases = [
        ('"12"', int, "$: expected a whole number, got str '12'"),
        ("1.5", int, "$: expected a whole number, got float 1.5"),
        ("true", int, "$: expected a whole number, got bool True"),
        ("3", str, "$: expected text, got int 3"),
        ("1", bool, "$: expected true or false, got int 1"),
        ('"x"', float, "$: expected a number, got str 'x'"),
        ('"12,5"', Decimal, "$: expected a decimal number, got '12,5'"),
        ("true", Decimal, "$: expected a decimal number, got bool True"),
        ('"30/09/2024"', dt.date, "$: expected an ISO 8601 date (YYYY-MM-DD), got '30/09/2024'"),
        (
            '"2024-09-30T00:00:00+00:00"',
            dt.date,
            "$: expected an ISO 8601 date (YYYY-MM-DD), got '2024-09-30T00:00:00+00:00'",
        ),
        ('"soon"', dt.datetime, "$: expected an ISO 8601 timestamp, got 'soon'"),
    ]
    for text, cls, reason in cases:
        with pytest.raises(InputError) as caught:
            from_json(text, cls)
        assert reasons(caught.value) == [reason], text


def test_every_problem_of_a_document_is_listed_with_its_path_and_file() -> None:
    text = '{"code": 1, "severity": "fatal", "message": "m", "colour": "red"}'
    with pytest.raises(InputError) as caught:
        from_json(text, Finding, file="findings.json")
    assert {p.file for p in caught.value.problems} == {"findings.json"}
    assert sorted(reasons(caught.value)) == [
        "$.code: expected text, got int 1",
        "$.severity: 'fatal' is not a Severity; expected one of 'error', 'warning', 'info'",
        "$: unknown field(s): 'colour'",
    ]


def test_a_missing_required_field_is_named() -> None:
    with pytest.raises(InputError) as caught:
        from_json('{"code": "x", "severity": "info"}', Finding)
    assert reasons(caught.value) == ["$.message: required field missing"]


def test_a_nested_problem_has_its_full_path() -> None:
    with pytest.raises(InputError) as caught:
        from_json('[{"code": "x", "severity": "info", "message": 2}]', list[Finding])
    assert reasons(caught.value) == ["$[0].message: expected text, got int 2"]


def test_text_that_is_not_json_or_toml_is_rejected() -> None:
    with pytest.raises(InputError) as caught:
        from_json('{"code": ', Finding, file="f.json")
    assert str(caught.value) == "f.json, row 1: not valid JSON: Expecting value (column 10)"
    with pytest.raises(InputError, match=r"^f.toml: not valid TOML: "):
        from_toml("code = ", Finding, file="f.toml")


def test_a_table_is_needed_where_an_object_is_expected() -> None:
    with pytest.raises(InputError) as caught:
        from_json('"orphan"', Finding)
    assert reasons(caught.value) == ["$: expected a table of Finding fields, got str 'orphan'"]


def test_period_tables_are_checked() -> None:
    cases = [
        (
            '{"label": "2024/25", "year_start_month": 4}',
            Quarter,
            "$: '2024/25' is a FinancialYear, not a Quarter",
        ),
        (
            '{"label": "Q2 2024/25", "year_start_month": 4}',
            Quarter,
            "$: 'Q2 2024/25' is not the canonical label of '2024/25 Q2'",
        ),
        (
            '{"label": "2024/25", "kind": "year"}',
            FinancialYear,
            "$: expected a period as {label, year_start_month}, got keys 'kind', 'label'",
        ),
        ("2024", Period, "$: expected a period, got int 2024"),
    ]
    for text, cls, reason in cases:
        with pytest.raises(InputError) as caught:
            from_json(text, cls)
        assert reasons(caught.value) == [reason], text


def test_a_bad_year_start_month_reports_the_period_error() -> None:
    with pytest.raises(InputError) as caught:
        from_json('{"label": "2024/25", "year_start_month": 13}', Period)
    assert reasons(caught.value) == ["$: year_start_month must be a month number 1-12, not 13"]


def test_toml_cannot_hold_none_in_an_array_or_a_bare_value() -> None:
    with pytest.raises(SerialiseError, match=r"TOML cannot hold None inside an array \(at \$\.x\)"):
        to_toml({"x": [1, None]})
    with pytest.raises(SerialiseError, match="a TOML document is a table; list serialises to list"):
        to_toml([Finding("a", Severity.INFO, None, "m")])


def test_nan_is_not_written_as_json() -> None:
    with pytest.raises(SerialiseError, match="cannot write as JSON"):
        to_json(float("nan"))


def test_sets_of_records_are_written_in_a_stable_order() -> None:
    one = frozenset({Quarter(2024, 2), Month(2024, 9), FinancialYear(2023)})
    two = frozenset({FinancialYear(2023), Month(2024, 9), Quarter(2024, 2)})
    assert to_json(one, unstructure_as=frozenset[Period]) == to_json(
        two, unstructure_as=frozenset[Period]
    )
    assert from_json(to_json(one, unstructure_as=frozenset[Period]), frozenset[Period]) == one


# -- domain objects ----------------------------------------------------------------------------


@given(gts.risks())
def test_risks_round_trip(risk: Risk) -> None:
    assert json_round_trip(risk, Risk) == risk
    assert toml_round_trip(risk, Risk) == risk


@given(gts.items())
def test_thread_items_round_trip(item: Item) -> None:
    assert json_round_trip(item, Item) == item
    assert toml_round_trip(item, Item) == item


@given(gts.links())
def test_links_round_trip(link: Link) -> None:
    assert json_round_trip(link, Link) == link
    assert toml_round_trip(link, Link) == link


@pytest.mark.parametrize(
    ("strategy", "cls"),
    [
        (gts.authorities(), Authority),
        (gts.organisations(), Organisation),
        (gts.indicator_links(), IndicatorLink),
        (gts.risk_reviews(), Review),
        (gts.published_values(), PublishedValue),
        (gts.comparator_groups(), ComparatorGroup),
        (gts.recorded_checks(), RecordedCheck),
    ],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_the_frameworks_other_records_round_trip(
    strategy: st.SearchStrategy[object], cls: type[object]
) -> None:
    @given(strategy)
    def check(obj: object) -> None:
        assert json_round_trip(obj, cls) == obj
        assert toml_round_trip(obj, cls) == obj

    check()


@given(gts.indicator_definitions())
def test_indicator_definitions_round_trip(definition: IndicatorDefinition) -> None:
    for back in (
        json_round_trip(definition, IndicatorDefinition),
        toml_round_trip(definition, IndicatorDefinition),
    ):
        assert back == definition
        assert back.extras == definition.extras  # not compared by ==


@given(gts.targets())
def test_targets_round_trip(target: Target) -> None:
    assert json_round_trip(target, Target) == target
    assert toml_round_trip(target, Target) == target


@given(gts.indicator_values())
def test_indicator_values_round_trip(value: IndicatorValue) -> None:
    assert json_round_trip(value, IndicatorValue) == value
    assert toml_round_trip(value, IndicatorValue) == value


def test_the_level_presets_round_trip() -> None:
    for scheme in (GENERIC, ROSSENDALE, POOLE):
        assert json_round_trip(scheme, LevelScheme) == scheme
        assert toml_round_trip(scheme, LevelScheme) == scheme


def test_a_profile_of_weights_is_an_array_and_a_named_profile_text() -> None:
    weights = (Decimal(1), Decimal(2), Decimal(3), Decimal(4))
    definition = IndicatorDefinition(
        "NI1", "Homes", Polarity.HIGHER, Aggregation.SUM, Frequency.QUARTERLY, profile=weights
    )
    assert json.loads(to_json(definition))["profile"] == ["1", "2", "3", "4"]
    assert from_json(to_json(definition), IndicatorDefinition).profile == weights


def test_an_ambiguous_union_is_reported() -> None:
    with pytest.raises(InputError) as caught:
        from_json('"1"', Decimal | str)
    assert reasons(caught.value) == [
        "$: '1' could be any of Decimal or str; the union is ambiguous"
    ]
    with pytest.raises(InputError) as caught:
        from_json("[1]", int | str)
    assert reasons(caught.value) == ["$: expected int or str, got list [1]"]


def test_a_function_is_not_serialised_silently() -> None:
    with pytest.raises(SerialiseError, match="cannot serialise the function"):
        make_converter().unstructure(len, Callable[[str], int])


def test_mapping_keys_must_be_text() -> None:
    with pytest.raises(
        SerialiseError, match=r"mapping keys must serialise to text, not int 1 \(at \$\.a\)"
    ):
        to_json({"a": {1: "x"}})
    with pytest.raises(SerialiseError, match="cannot serialise dict: "):
        to_json({Quarter(2024, 1): "x"}, unstructure_as=dict[Period, str])
    assert json.loads(to_json({Severity.ERROR: 1}, unstructure_as=dict[Severity, int])) == {
        "error": 1
    }


def test_domain_validation_errors_are_listed_with_their_paths() -> None:
    text = (
        '[{"indicator": "NI1", "period": "2024/25", "state": "present"},'
        ' {"indicator": "NI2", "period": "2024/25 Q5"}]'
    )
    with pytest.raises(InputError) as caught:
        from_json(text, list[IndicatorValue], file="values.json")
    assert [str(p) for p in caught.value.problems] == [
        "values.json: $[0]: NI1 2024/25: a present value needs a value or both a numerator "
        "and a denominator",
        "values.json: $[1].period: '2024/25 Q5': quarter must be Q1-Q4, not Q5",
    ]
