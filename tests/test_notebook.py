"""Notebook display: HTML fragments for assessments, risks, heat maps and the thread."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache
from html.parser import HTMLParser

import pytest
from attrs import evolve
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.branding import Terminology
from goldenthread.examples import example_path
from goldenthread.framework import Framework
from goldenthread.indicators.assess import Assessment, assess, assess_all
from goldenthread.indicators.direction import Direction
from goldenthread.indicators.polarity import DataStatus
from goldenthread.indicators.rag import RagStatus
from goldenthread.indicators.targets import ResolvedTarget
from goldenthread.io.bundle import load_bundle
from goldenthread.notebook import (
    Assessments,
    Register,
    assessment_html,
    assessments_table,
    direction_text,
    figure_text,
    heat_map_html,
    rating_text,
    risks_table,
    scored_risk_html,
    status_text,
)
from goldenthread.periods import Month, Quarter
from goldenthread.risk.assessment import ScoredRisk, assess_register
from goldenthread.risk.heatmap import heat_map
from goldenthread.risk.register import Nature

QUARTER = Quarter(2025, 1)


@cache
def rossendale() -> Framework:
    return load_bundle(example_path("rossendale"))


@cache
def assessments() -> tuple[Assessment, ...]:
    return tuple(assess_all(rossendale().indicators, QUARTER))


@cache
def scored() -> tuple[ScoredRisk, ...]:
    framework = rossendale()
    return assess_register(framework.risks, framework.risk_settings)


class Parsed(HTMLParser):
    """The tags, attributes and text of an HTML fragment."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    @property
    def data(self) -> str:
        return "".join(self.text)

    def names(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def assert_accessible(markup: str) -> Parsed:
    """Every table has a caption and every heading a scope."""
    parsed = Parsed(markup)
    tables = parsed.names("table")
    assert tables
    assert len(parsed.names("caption")) == len(tables)
    headings = parsed.names("th")
    assert headings
    assert all(h.get("scope") in {"col", "row"} for h in headings)
    return parsed


# ---------------------------------------------------------------- text helpers


def test_status_text_has_symbol_and_words() -> None:
    assert status_text(RagStatus.AMBER) == "▲ Amber"
    assert status_text(RagStatus.NO_DATA) == "○ No data"
    custom = Terminology(statuses={"amber": "Amber (within tolerance)"})
    assert status_text(RagStatus.AMBER, custom) == "▲ Amber (within tolerance)"


def test_direction_text() -> None:
    assert direction_text(Direction.IMPROVING) == "↗ Improving"
    assert direction_text(Direction.NO_CHANGE) == "→ No change"
    assert direction_text(None) == "—"


def test_figure_text_by_unit() -> None:
    assert figure_text(Decimal("84.55"), 1, "%") == "84.6%"
    assert figure_text(Decimal("1234.5"), 2, "£") == "£1,234.50"
    assert figure_text(Decimal("-9.25"), 1, "days") == "−9.3 days"
    assert figure_text(Decimal("7"), 0) == "7"
    assert figure_text(None, 2, "%") == "—"


def test_rating_text() -> None:
    risk = scored()[0]
    assert risk.current is not None
    text = rating_text(risk.current)
    assert text.startswith(f"Score {risk.current.score} ({risk.current.level})")
    assert f"likelihood {risk.current.likelihood}, impact {risk.current.impact}" in text
    assert rating_text(None) == "—"


# ---------------------------------------------------------------- assessments


def test_assessment_repr_html_is_the_notebook_fragment() -> None:
    first = assessments()[0]
    assert first._repr_html_() == assessment_html(first)


def test_assessment_html_shows_figures_status_and_direction() -> None:
    a = evolve(
        assessments()[0],
        value=Decimal("84.55"),
        unit="%",
        decimals=1,
        target=ResolvedTarget(Decimal("85")),
        status=RagStatus.AMBER,
        direction=Direction.WORSENING,
        data_status=DataStatus.PROVISIONAL,
    )
    parsed = assert_accessible(assessment_html(a))
    assert f"{a.indicator} {a.title}, 2025/26 Q1" in parsed.data
    assert "84.6%" in parsed.data
    assert "85.0%" in parsed.data
    assert "▲ Amber" in parsed.data
    assert "↘ Worsening" in parsed.data
    assert "provisional" in parsed.data
    status_cells = [t for t in parsed.names("td") if "gt-status-amber" in (t.get("class") or "")]
    assert len(status_cells) == 1


def test_assessment_html_explains_a_missing_value() -> None:
    a = evolve(assessments()[0], value=None, value_state="not-yet-due", reason="")
    assert "not yet due" in Parsed(assessment_html(a)).data
    b = evolve(a, value_state="undefined", reason="zero denominator")
    assert "undefined: zero denominator" in Parsed(assessment_html(b)).data


def test_assessment_html_shows_a_range_target() -> None:
    a = evolve(
        assessments()[0],
        unit="days",
        decimals=0,
        target=ResolvedTarget(None, lower=Decimal(5), upper=Decimal(8)),
    )
    assert "5 days to 8 days" in Parsed(assessment_html(a)).data


def test_assessments_table_has_a_row_per_assessment_and_counts_statuses() -> None:
    items = assessments()
    parsed = assert_accessible(assessments_table(items))
    row_headings = [h for h in parsed.names("th") if h.get("scope") == "row"]
    assert len(row_headings) == len(items)
    greens = sum(a.status is RagStatus.GREEN for a in items)
    assert f"{len(items)} indicators, 2025/26 Q1" in parsed.data
    assert f"{greens} Green" in parsed.data


def test_assessments_table_caption_can_be_given_and_empty_is_valid() -> None:
    parsed = assert_accessible(assessments_table((), caption="Nothing to show"))
    assert parsed.data.startswith("Nothing to show")
    assert "0 indicators" in Parsed(assessments_table(())).data


def test_assessments_wrapper_is_a_sequence_with_html() -> None:
    items = assessments()
    wrapped = Assessments(list(items))
    assert len(wrapped) == len(items)
    assert wrapped[0] == items[0]
    assert list(wrapped[1:3]) == list(items[1:3])
    assert list(wrapped) == list(items)
    assert wrapped._repr_html_() == assessments_table(items)
    custom = Terminology(statuses={"green": "On target"})
    assert "● On target" in Assessments(items, custom)._repr_html_()


# ---------------------------------------------------------------- risks


def test_scored_risk_repr_html() -> None:
    risk = scored()[0]
    parsed = assert_accessible(risk._repr_html_())
    assert f"Risk {risk.risk.id}: {risk.risk.title}" in parsed.data
    assert risk.risk.owner in parsed.data
    assert rating_text(risk.current) in parsed.data
    assert risk._repr_html_() == scored_risk_html(risk)


def test_scored_risk_html_states_appetite_and_escalation() -> None:
    escalated = next(s for s in scored() if s.escalate)
    text = Parsed(scored_risk_html(escalated)).data
    assert f"to {escalated.escalations[0].escalate_to.value}:" in text
    calm = evolve(escalated, escalations=(), within_appetite=True)
    assert "within (" in Parsed(scored_risk_html(calm)).data
    opportunity = evolve(
        calm, risk=evolve(calm.risk, nature=Nature.OPPORTUNITY), within_appetite=None
    )
    text = Parsed(scored_risk_html(opportunity)).data
    assert "not judged" in text
    assert "opportunity" in text


def test_risks_table_row_per_risk_and_caption_counts() -> None:
    items = scored()
    parsed = assert_accessible(risks_table(items))
    assert len([h for h in parsed.names("th") if h.get("scope") == "row"]) == len(items)
    outside = sum(s.within_appetite is False for s in items)
    escalate = sum(s.escalate for s in items)
    assert f"{len(items)} risks: {outside} outside appetite, {escalate} to escalate" in parsed.data
    unrated = evolve(items[0], current=None)
    assert "—" in Parsed(risks_table([unrated])).data
    assert "1 risk:" in Parsed(risks_table([unrated])).data


def test_register_wrapper() -> None:
    items = scored()
    wrapped = Register(items)
    assert len(wrapped) == len(items)
    assert wrapped[-1] == items[-1]
    assert list(wrapped) == list(items)
    assert list(wrapped[:2]) == list(items[:2])
    assert wrapped._repr_html_() == risks_table(items)


# ---------------------------------------------------------------- heat map and thread


def test_heat_map_repr_html_is_the_accessible_table() -> None:
    framework = rossendale()
    hm = heat_map(scored(), framework.risk_settings.matrix, "current")
    assert hm._repr_html_() == heat_map_html(hm)
    parsed = assert_accessible(hm._repr_html_())
    assert f"Current risk ratings: {hm.total} risks" in parsed.data


def test_heat_map_html_notes_unrated_risks() -> None:
    framework = rossendale()
    items = [evolve(s, target=None) for s in scored()[:2]]
    hm = heat_map(items, framework.risk_settings.matrix, "target")
    assert "2 risks have no target rating." in Parsed(heat_map_html(hm)).data
    one = heat_map(items[:1], framework.risk_settings.matrix, "target")
    assert "1 risk has no target rating." in Parsed(heat_map_html(one)).data


def test_thread_has_html() -> None:
    markup = rossendale().thread._repr_html_()
    assert rossendale().thread.items[0].title in Parsed(markup).data


# ---------------------------------------------------------------- escaping

TEXT = st.text(min_size=1, max_size=40).filter(lambda t: t.strip() == t and t != "")
HOSTILE = st.sampled_from(['<script>alert("x")</script>', "a & b", "</td></tr>", "'\"><img>"])


@given(st.one_of(TEXT, HOSTILE), st.one_of(TEXT, HOSTILE))
def test_assessment_text_is_escaped(code: str, title: str) -> None:
    a = evolve(assessments()[0], indicator=code, title=title)
    benign = Parsed(assessment_html(assessments()[0]))
    for markup in (assessment_html(a), assessments_table([a])):
        parsed = Parsed(markup)
        assert code in parsed.data
        assert title in parsed.data
        assert {name for name, _ in parsed.tags} <= {name for name, _ in benign.tags}
    assert len(Parsed(assessment_html(a)).tags) == len(benign.tags)


@given(st.one_of(TEXT, HOSTILE), st.one_of(TEXT, HOSTILE), st.one_of(TEXT, HOSTILE))
def test_risk_text_is_escaped(risk_id: str, title: str, owner: str) -> None:
    original = scored()[0]
    s = evolve(original, risk=evolve(original.risk, id=risk_id, title=title, owner=owner))
    for markup, plain in (
        (scored_risk_html(s), scored_risk_html(original)),
        (risks_table([s]), risks_table([original])),
    ):
        parsed = Parsed(markup)
        assert risk_id in parsed.data
        assert title in parsed.data
        assert owner in parsed.data
        assert [name for name, _ in parsed.tags] == [name for name, _ in Parsed(plain).tags]


@given(st.one_of(TEXT, HOSTILE))
def test_caption_and_terminology_are_escaped(text: str) -> None:
    parsed = Parsed(assessments_table(assessments()[:1], caption=text))
    assert parsed.data.startswith(text)
    custom = Terminology(statuses={s.value: text for s in RagStatus})
    parsed = Parsed(assessments_table(assessments()[:1], custom))
    assert f"{text}" in parsed.data
    assert len(parsed.names("table")) == 1


@pytest.mark.parametrize("status", list(RagStatus))
def test_every_status_has_symbol_words_and_tint(status: RagStatus) -> None:
    a = evolve(assessments()[0], status=status)
    parsed = Parsed(assessment_html(a))
    cells = [t for t in parsed.names("td") if f"gt-status-{status.value}" in (t.get("class") or "")]
    assert cells
    assert all("background-color:#" in (c.get("style") or "") for c in cells)
    assert status_text(status) in parsed.data


def test_notebooks_show_the_new_statuses_and_why() -> None:
    framework = rossendale()
    on = dt.date(2025, 11, 30)
    pending = assess_all(framework.indicators, Quarter(2025, 3), as_at=on)
    parsed = assert_accessible(assessments_table(pending))
    assert "◔ Not yet due" in parsed.data
    assert "had not ended on the day the report is judged" in parsed.data
    assert f"{sum(a.status is RagStatus.NOT_YET_DUE for a in pending)} Not yet due" in parsed.data
    closed = assess(framework.indicators, "LPI 02", Month(2022, 1), as_at=on)
    one = assert_accessible(assessment_html(closed))
    assert "⊘ Not applicable" in one.data
    assert "Recorded as not applicable" in one.data
    visits = assess(framework.indicators, "LPI 02", Quarter(2025, 2), as_at=on)
    assert "64,327 visits is 7.2% above the planned 60,027 visits" in (
        Parsed(assessment_html(visits)).data
    )
