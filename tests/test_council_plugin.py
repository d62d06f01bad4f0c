"""CouncilPlugin: a council's levels, terminology, branding and cycle from its council.toml."""

from __future__ import annotations

import sys
import tomllib
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.branding import BrandingError
from goldenthread.council_plugin import CouncilPlugin
from goldenthread.errors import BundleError, InputError
from goldenthread.plugins import branding_for, collect, get_plugin_manager, plugin_listing

LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    '<rect width="10" height="10" fill="#00567a"/></svg>'
)

LEVELS = """
[[levels]]
key = "corporate"
name = "Corporate Plan"
owner = "council"
span = "three-year"
classification = "public"

[[levels]]
key = "service"
name = "Service Plans"
owner = "service"
span = "annual"
classification = "public"
"""

CYCLE = """
[cycle]
calendar = "england-and-wales"

[[meetings]]
body = "Cabinet"
recurrence = "2nd Tuesday monthly"

[[monitoring]]
key = "service-plans"
what = "Service Plans"
who = ["Heads of service"]
frequency = "quarterly"
report_due = "last working day of the following month"
concerns = "service"
"""

BRANDING = """
[branding]
organisation_name = "Borough of Testham"
short_name = "Testham"

[branding.palette]
primary = "#00567a"

[branding.terminology.levels]
service = "Service Unit Plan"

[branding.terminology.statuses]
amber = "Amber (within tolerance)"
"""

GOOD = LEVELS + CYCLE + BRANDING

MakeCouncil = Callable[[str], CouncilPlugin]


@pytest.fixture
def make_council(tmp_path: Path) -> Iterator[MakeCouncil]:
    """Build an importable package holding ``council.toml`` and ``logo.svg``."""
    names: list[str] = []

    def make(text: str) -> CouncilPlugin:
        name = f"council_{uuid.uuid4().hex}"
        package = tmp_path / name
        package.mkdir()
        (package / "__init__.py").write_text("", encoding="utf-8")
        (package / "council.toml").write_text(text, encoding="utf-8")
        (package / "logo.svg").write_text(LOGO, encoding="utf-8")
        names.append(name)
        return CouncilPlugin(name, organisation="testham", preset="testham-borough")

    sys.path.insert(0, str(tmp_path))
    try:
        yield make
    finally:
        sys.path.remove(str(tmp_path))
        for name in names:
            sys.modules.pop(name, None)


def test_the_source_names_the_packaged_file(make_council: MakeCouncil) -> None:
    council = make_council(GOOD)
    assert council.source == f"{council.package}/council.toml"
    assert council.year_start_month == 4


def test_settings_are_the_parsed_file(make_council: MakeCouncil) -> None:
    settings = make_council(GOOD).settings()
    assert settings["branding"]["short_name"] == "Testham"
    assert [level["key"] for level in settings["levels"]] == ["corporate", "service"]


def test_levels_branding_terminology_and_cycle_come_from_the_file(
    make_council: MakeCouncil,
) -> None:
    council = make_council(GOOD)
    assert [level.key for level in council.levels().levels] == ["corporate", "service"]
    branding = council.branding()
    assert branding.organisation_name == "Borough of Testham"
    assert branding.logo is not None
    assert branding.logo.startswith("data:image/svg+xml;base64,")
    assert council.terminology() == branding.terminology
    assert council.terminology().level("service") == "Service Unit Plan"
    assert [a.key for a in council.arrangements()] == ["service-plans"]
    assert council.cycle().arrangements == council.arrangements()


def test_the_hooks_offer_the_presets_and_branding_through_a_plugin_manager(
    make_council: MakeCouncil,
) -> None:
    council = make_council(GOOD)
    pm = get_plugin_manager(entry_points=False, extra=[council])
    assert collect(pm, "level_presets")["testham-borough"].scheme == council.levels()
    words = collect(pm, "terminology")["testham-borough"].terminology
    assert words.status("amber") == "Amber (within tolerance)"
    assert branding_for(pm, "testham") == council.branding()
    assert branding_for(pm, "elsewhere").organisation_name == "goldenthread"
    assert collect(pm, "branding_presets")["testham-borough"].branding == council.branding()
    [info] = [i for i in plugin_listing(pm) if i.module == "goldenthread.council_plugin"]
    assert info.hooks == (
        "goldenthread_branding",
        "goldenthread_branding_presets",
        "goldenthread_level_presets",
        "goldenthread_terminology",
    )


@given(st.text(max_size=20).filter(lambda code: code != "testham"))
def test_branding_is_none_for_every_other_organisation_code(code: str) -> None:
    # answering None reads nothing, so the package need not exist
    council = CouncilPlugin("goldenthread_no_such_package", organisation="testham", preset="p")
    assert council.goldenthread_branding(organisation=code) is None


def test_malformed_toml_is_a_toml_error(make_council: MakeCouncil) -> None:
    council = make_council("[branding\n")
    with pytest.raises(tomllib.TOMLDecodeError):
        council.settings()


def test_bad_levels_are_reported_naming_the_file_and_setting(make_council: MakeCouncil) -> None:
    bad = LEVELS.replace('owner = "service"', 'owner = "nobody"')
    council = make_council(bad.replace('span = "three-year"', 'span = "forever"') + BRANDING)
    with pytest.raises(BundleError) as caught:
        council.levels()
    found = {(p.file, p.column): p.reason for p in caught.value.problems}
    assert set(found) == {(council.source, "levels[1].span"), (council.source, "levels[2].owner")}
    assert found[council.source, "levels[2].owner"] == (
        "unknown owner kind 'nobody'; expected one of partnership, council, service, team, person"
    )
    with pytest.raises(BundleError):
        council.goldenthread_level_presets()


BAD_SETTINGS = [
    pytest.param(
        ('primary = "#00567a"', 'primary = "#ffffff"'),
        BrandingError,
        ("branding", "terminology"),
        "palette.primary",
        "primary #ffffff on #ffffff has contrast 1.00:1, below the 4.5:1 WCAG 2.2 AA minimum",
        id="branding",
    ),
    pytest.param(
        ('frequency = "quarterly"', 'frequency = "fortnightly"'),
        BundleError,
        ("cycle", "arrangements"),
        "monitoring[1].frequency",
        "arrangement 'service-plans': unknown frequency 'fortnightly'; "
        "expected one of monthly, quarterly, half-yearly, annual",
        id="cycle",
    ),
]


@pytest.mark.parametrize(("edit", "error", "methods", "column", "reason"), BAD_SETTINGS)
def test_a_bad_setting_is_reported_naming_the_file_and_setting(
    make_council: MakeCouncil,
    edit: tuple[str, str],
    error: type[InputError],
    methods: tuple[str, ...],
    column: str,
    reason: str,
) -> None:
    council = make_council(GOOD.replace(*edit))
    for method in methods:
        with pytest.raises(error) as caught:
            getattr(council, method)()
        [problem] = caught.value.problems
        assert (problem.file, problem.column, problem.reason) == (council.source, column, reason)


def test_bad_branding_fails_the_branding_and_terminology_hooks(make_council: MakeCouncil) -> None:
    council = make_council(GOOD.replace('primary = "#00567a"', 'primary = "#ffffff"'))
    with pytest.raises(BrandingError, match="primary #ffffff"):
        council.goldenthread_branding(organisation="testham")
    with pytest.raises(BrandingError, match="primary #ffffff"):
        council.goldenthread_terminology()
    assert council.goldenthread_branding(organisation="elsewhere") is None
