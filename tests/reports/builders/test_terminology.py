"""Reports name levels and plans in the council's own words."""

from __future__ import annotations

import re

import attrs
import pytest

from goldenthread.branding import Terminology
from goldenthread.framework import Framework
from goldenthread.periods import parse_period
from goldenthread.reports import Paragraph, Report, Table, render
from goldenthread.reports.builders import PerformanceReport, ServicePlanReport, ThreadReport
from goldenthread.reports.builders.common import level_name, plan_name, plan_term
from tests.reports.builders.conftest import COUNCILS, TODAY
from tests.reports.builders.helpers import section

SERVICES = {"rossendale": "BP-REG", "poole": "SU-ENV"}
PLAN_WORD = {"rossendale": "Business Plan", "poole": "Service Unit Business Plan"}
CORPORATE = {"rossendale": "Corporate Plan", "poole": "Corporate Strategy"}
OTHER = {"rossendale": "poole", "poole": "rossendale"}


def with_terminology(framework: Framework, terminology: Terminology) -> Framework:
    branding = attrs.evolve(framework.branding, terminology=terminology)
    return attrs.evolve(framework, branding=branding)


def rendered(report: Report, framework: Framework) -> dict[str, str]:
    found: dict[str, str] = {}
    for fmt in ("html", "markdown"):
        text = render(report, fmt, framework.branding)
        assert isinstance(text, str)
        found[fmt] = text
    return found


def service_plan(framework: Framework, council: str) -> Report:
    return ServicePlanReport().build(
        framework, parse_period("2025/26 Q2"), today=TODAY, service=SERVICES[council]
    )


def performance(framework: Framework) -> Report:
    return PerformanceReport().build(framework, parse_period("2025/26 H1"), today=TODAY)


def test_level_name_prefers_the_councils_terminology(frameworks: dict[str, Framework]) -> None:
    framework = with_terminology(
        frameworks["rossendale"], Terminology(levels={"service": "Service Delivery Plans"})
    )
    assert level_name(framework, "service") == "Service Delivery Plans"
    assert level_name(framework, "corporate") == "Corporate Plan"


def test_level_name_falls_back_to_the_level_scheme_then_generic_words(
    frameworks: dict[str, Framework],
) -> None:
    poole = frameworks["poole"]
    assert level_name(poole, "service") == "Service Unit Business Plans"
    assert level_name(poole, "financial") == "Medium Term Financial Plan"
    assert level_name(poole, "partnership") == "Partnership strategy"
    assert level_name(poole, "directorate") == "directorate"


def test_plan_term_is_the_councils_word_else_the_default(
    frameworks: dict[str, Framework],
) -> None:
    assert plan_term(frameworks["poole"], "service_plan", "x") == "Service Unit Business Plan"
    assert plan_term(frameworks["poole"], "team_plan", "Team plan") == "Team plan"
    assert plan_term(frameworks["rossendale"], "indicator", "x") == "performance indicator"


def test_plan_name_falls_back_to_the_level_name(frameworks: dict[str, Framework]) -> None:
    assert plan_name(frameworks["rossendale"], "service") == "Business Plan"
    assert plan_name(frameworks["rossendale"], "team") == "Action Plans"
    plain = with_terminology(frameworks["poole"], Terminology())
    assert plan_name(plain, "service") == "Service Unit Business Plans"


@pytest.mark.parametrize("council", COUNCILS)
def test_service_plan_report_uses_the_councils_word_for_the_plan(
    frameworks: dict[str, Framework], council: str
) -> None:
    framework = frameworks[council]
    report = service_plan(framework, council)
    word = PLAN_WORD[council]
    plan = framework.thread[SERVICES[council]].title
    assert report.title == f"{word} monitoring: {plan}, 2025/26 Q2"
    assert section(report, "plan").title == word
    outputs = rendered(report, framework)
    assert f"<h1>{word} monitoring: {plan}, 2025/26 Q2</h1>" in outputs["html"]
    assert f'<h2 id="plan-title">{word}</h2>' in outputs["html"]
    assert f"# {word} monitoring: {plan}, 2025/26 Q2\n" in outputs["markdown"]
    assert f"\n## {word}\n" in outputs["markdown"]
    for fmt, text in outputs.items():
        if council == "rossendale":
            assert "Service Unit Business Plan" not in text, fmt
        else:
            bare = re.findall(r"(?<!Service Unit )Business Plan monitoring", text)
            assert not bare, fmt
            assert "## Business Plan\n" not in text, fmt


@pytest.mark.parametrize("council", COUNCILS)
def test_performance_report_names_priorities_after_the_councils_corporate_plan(
    frameworks: dict[str, Framework], council: str
) -> None:
    framework = frameworks[council]
    report = performance(framework)
    own, other = CORPORATE[council], CORPORATE[OTHER[council]]
    # every indicator measures a priority, so the section says so in the council's words
    others = section(report, "other-indicators").blocks
    assert others == (Paragraph(f"Every indicator in this report measures a {own} priority."),)
    for fmt, text in rendered(report, framework).items():
        assert f"{own} priority" in text, fmt
        assert f"{other} priority" not in text, fmt
        assert "Priority:" not in text, fmt


def test_a_framework_without_terminology_uses_its_level_names(
    frameworks: dict[str, Framework],
) -> None:
    framework = with_terminology(frameworks["poole"], Terminology())
    report = service_plan(framework, "poole")
    assert report.title.startswith("Service Unit Business Plans monitoring: ")
    assert section(report, "plan").title == "Service Unit Business Plans"


def test_thread_report_names_levels_in_the_councils_words(
    frameworks: dict[str, Framework],
) -> None:
    framework = with_terminology(
        frameworks["rossendale"], Terminology(levels={"team": "Service Action Plans"})
    )
    report = ThreadReport().build(framework, parse_period("2025/26 H1"), today=TODAY)
    cover = next(b for b in section(report, "coverage").blocks if isinstance(b, Table))
    headings = [c.label for c in cover.columns]
    assert "Service Action Plans" in headings
    assert "Action Plans" not in headings
    assert "Business Plans" in headings
    text = render(report, "markdown", framework.branding)
    assert isinstance(text, str)
    assert "Service Action Plans" in text
