"""Small plugins that implement every hook, as a council's own plugin would.

:mod:`tests.plugins.sample_plugins` itself is a module plugin implementing every hook once;
the classes further down are plugins used to test conflicts and overrides.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import cattrs
from attrs import frozen

from goldenthread.framework import Framework
from goldenthread.hookspecs import hookimpl
from goldenthread.indicators.polarity import Polarity
from goldenthread.indicators.rag import RagInput, RagStatus
from goldenthread.periods import Period
from goldenthread.reports.model import Paragraph, Report, Section

# -- the objects the sample plugin offers ----------------------------------------------------


@frozen
class SampleStore:
    """What the sample backend opens: it only remembers its URL."""

    url: str


@frozen
class SampleBackend:
    """A store backend serving ``sample://`` URLs."""

    scheme: str

    def open(self, url: str) -> SampleStore:
        return SampleStore(url)


@frozen
class ThresholdRule:
    """A RAG rule: green when the value reaches ``threshold`` percent of the target (in the
    indicator's good direction), otherwise red."""

    name: str
    threshold: int

    def __call__(self, inp: RagInput) -> RagStatus:
        if inp.value is None:
            return RagStatus.NO_DATA
        if inp.target is None:
            return RagStatus.NO_TARGET
        if inp.polarity is Polarity.LOWER:
            met = inp.value * self.threshold <= inp.target * 100
        else:
            met = inp.value * 100 >= inp.target * self.threshold
        return RagStatus.GREEN if met else RagStatus.RED


@frozen
class GridMatrix:
    """A square risk matrix preset of ``size`` levels a side."""

    name: str
    size: int


@frozen
class SumFormula:
    """A scoring formula: likelihood + impact."""

    name: str

    def __call__(self, likelihood: int, impact: int) -> int:
        return likelihood + impact


@frozen
class FixedCalendar:
    """A holiday calendar with a fixed set of closure days."""

    name: str
    closures: frozenset[dt.date]

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() < 5 and day not in self.closures

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        step = 1 if n >= 0 else -1
        for _ in range(abs(n)):
            day += dt.timedelta(days=step)
            while not self.is_working_day(day):
                day += dt.timedelta(days=step)
        return day


@frozen
class LevelPreset:
    """A level preset: level names from the top."""

    name: str
    levels: tuple[str, ...]


@frozen
class Terminology:
    """A terminology preset: generic term to the council's word."""

    name: str
    words: Mapping[str, str]

    def term(self, generic: str) -> str:
        return self.words.get(generic, generic)


@frozen
class Branding:
    """Branding for one organisation."""

    organisation: str
    colour: str


@frozen
class ReportKind:
    """A report kind: one section listing the framework's indicator titles."""

    name: str
    title: str = "Indicator list"

    def build(
        self,
        framework: Framework,
        period: Period,
        *,
        as_at: dt.datetime | None = None,
        today: dt.date,
    ) -> Report:
        titles = sorted(d.title for d in framework.indicators.definitions.values())
        return Report(
            kind=self.name,
            title=f"{self.title}, {period.label}",
            organisation=framework.organisation.name,
            sections=[Section("Indicators", [Paragraph(t) for t in titles])],
            period_label=period.label,
        )


@frozen
class ReportFormat:
    """A report format: the title, then one line per paragraph, as plain text."""

    name: str
    media_type: str = "text/plain; charset=utf-8"
    extension: str = ".lines"

    def render(self, report: Report, branding: Any) -> str:
        lines = [report.title]
        for section in report.sections:
            lines.extend(block.text for block in section.blocks if isinstance(block, Paragraph))
        return "\n".join(lines) + "\n"


@frozen
class Colour:
    """A plugin-defined type the converter learns about through the converter hook."""

    red: int
    green: int
    blue: int

    @property
    def hex(self) -> str:
        return f"#{self.red:02x}{self.green:02x}{self.blue:02x}"

    @classmethod
    def parse(cls, text: str) -> Colour:
        if len(text) != 7 or not text.startswith("#"):
            raise ValueError(f"expected a colour #rrggbb, got {text!r}")
        return cls(int(text[1:3], 16), int(text[3:5], 16), int(text[5:7], 16))


SAMPLE_HOLIDAY = dt.date(2024, 12, 27)

# -- the hook implementations ----------------------------------------------------------------


@hookimpl
def goldenthread_store_backends() -> list[SampleBackend]:
    return [SampleBackend("sample")]


@hookimpl
def goldenthread_rag_rules() -> list[ThresholdRule]:
    return [ThresholdRule("sample-ninety", 90)]


@hookimpl
def goldenthread_risk_matrices() -> list[GridMatrix]:
    return [GridMatrix("sample-3x3", 3)]


@hookimpl
def goldenthread_risk_scoring_formulas() -> list[SumFormula]:
    return [SumFormula("sample-sum")]


@hookimpl
def goldenthread_holiday_calendars() -> list[FixedCalendar]:
    return [FixedCalendar("sample-closures", frozenset({SAMPLE_HOLIDAY}))]


@hookimpl
def goldenthread_level_presets() -> list[LevelPreset]:
    return [LevelPreset("sample-levels", ("council", "service", "person"))]


@hookimpl
def goldenthread_terminology() -> list[Terminology]:
    return [Terminology("sample-words", {"service plan": "Business Plan"})]


@frozen
class BrandingPreset:
    """A named look."""

    name: str
    branding: Branding


@hookimpl
def goldenthread_branding_presets() -> list[BrandingPreset]:
    return [BrandingPreset("sample-look", Branding("sample", "#005eb8"))]


@hookimpl
def goldenthread_branding(organisation: str) -> Branding | None:
    return Branding(organisation, "#005eb8") if organisation == "sample" else None


@hookimpl
def goldenthread_report_kinds() -> list[ReportKind]:
    return [ReportKind("sample-list")]


@hookimpl
def goldenthread_report_formats() -> list[ReportFormat]:
    return [ReportFormat("sample-lines")]


@hookimpl
def goldenthread_converter_hooks(converter: cattrs.Converter) -> None:
    converter.register_unstructure_hook(Colour, lambda colour: colour.hex)
    converter.register_structure_hook(Colour, lambda value, _: Colour.parse(value))


# -- plugins for conflicts and overrides -----------------------------------------------------


class RivalRules:
    """A class plugin that offers a RAG rule named like the sample plugin's."""

    @staticmethod
    @hookimpl
    def goldenthread_rag_rules() -> list[ThresholdRule]:
        return [ThresholdRule("sample-ninety", 95), ThresholdRule("rival-only", 50)]


class CatchAllBranding:
    """An instance plugin that brands every organisation."""

    def __init__(self, colour: str) -> None:
        self.colour = colour

    @hookimpl
    def goldenthread_branding(self, organisation: str) -> Branding:
        return Branding(organisation, self.colour)


class Misspelt:
    """A plugin whose hook name is misspelt: it must fail loudly."""

    @staticmethod
    @hookimpl
    def goldenthread_rag_rule() -> list[ThresholdRule]:
        return [ThresholdRule("never", 1)]


class WrongArgument:
    """A plugin asking for an argument the hook does not pass."""

    @staticmethod
    @hookimpl
    def goldenthread_branding(organisation: str, year: int) -> None:
        return None


class Returns:
    """A plugin whose ``goldenthread_report_kinds`` returns whatever it was built with."""

    def __init__(self, result: Any) -> None:
        self.result = result

    @hookimpl
    def goldenthread_report_kinds(self) -> Any:
        return self.result


class Fails:
    """A plugin whose ``goldenthread_report_formats`` raises."""

    @staticmethod
    @hookimpl
    def goldenthread_report_formats() -> list[ReportFormat]:
        raise RuntimeError("template folder missing")


class Wraps:
    """A plugin that wraps a collection hook, which collect refuses."""

    @staticmethod
    @hookimpl(wrapper=True)
    def goldenthread_rag_rules() -> Any:
        result = yield
        return result
