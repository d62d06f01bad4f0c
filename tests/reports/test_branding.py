from __future__ import annotations

import base64
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.branding import (
    MIN_TEXT_CONTRAST,
    Branding,
    BrandingError,
    Palette,
    StatusStyle,
    Terminology,
    branding_from_mapping,
    contrast_ratio,
    default_branding,
    logo_data_uri,
    parse_colour,
    readable_text_colour,
    relative_luminance,
)

EXAMPLES = Path(__file__).parents[2] / "src" / "goldenthread" / "examples"

colours = st.integers(0, 0xFFFFFF).map(lambda n: f"#{n:06x}")


@given(colours, colours)
def test_contrast_is_symmetric(first: str, second: str) -> None:
    assert contrast_ratio(first, second) == contrast_ratio(second, first)


@given(colours, colours)
def test_contrast_lies_between_1_and_21(first: str, second: str) -> None:
    assert 1.0 <= contrast_ratio(first, second) <= 21.0 + 1e-9


@given(colours)
def test_a_colour_against_itself_has_contrast_1(colour: str) -> None:
    assert contrast_ratio(colour, colour) == pytest.approx(1.0)


@given(colours, colours, colours)
def test_contrast_grows_with_the_luminance_gap(fg: str, bg: str, other: str) -> None:
    # Against one background, the colour further away in luminance contrasts more.
    gap_fg = abs(relative_luminance(fg) - relative_luminance(bg))
    gap_other = abs(relative_luminance(other) - relative_luminance(bg))
    lighter_both = relative_luminance(fg) >= relative_luminance(bg) and relative_luminance(
        other
    ) >= relative_luminance(bg)
    if lighter_both and gap_fg >= gap_other:
        assert contrast_ratio(fg, bg) >= contrast_ratio(other, bg) - 1e-12


@given(colours)
def test_readable_text_colour_always_reaches_aa(background: str) -> None:
    assert contrast_ratio(readable_text_colour(background), background) >= MIN_TEXT_CONTRAST


def test_black_on_white_is_21() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#000", "fff") == pytest.approx(21.0)


def test_known_contrast_values() -> None:
    # Reference values from the WebAIM contrast checker.
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#1d70b8", "#ffffff") == pytest.approx(5.17, abs=0.01)


@pytest.mark.parametrize("text", ["red", "#12345", "#gggggg", "", "#1234567"])
def test_parse_colour_rejects_non_hex(text: str) -> None:
    with pytest.raises(ValueError, match="is not a hex colour such as #1d70b8"):
        parse_colour(text)


def test_parse_colour_reads_short_and_long_forms() -> None:
    assert parse_colour("#1d70b8") == (0x1D, 0x70, 0xB8)
    assert parse_colour("17b") == (0x11, 0x77, 0xBB)


def test_default_branding_passes_its_own_checks() -> None:
    branding = default_branding("Poole")
    assert branding.problems() == []
    assert branding.short_name == "Poole"
    assert branding.logo_alt == "Poole logo"
    for status in ("green", "amber", "red", "no-data", "no-target", "data-only"):
        style = branding.palette.status_style(status)
        assert contrast_ratio(style.foreground, style.background) >= MIN_TEXT_CONTRAST


def test_low_contrast_text_is_rejected_naming_the_setting() -> None:
    with pytest.raises(BrandingError) as error:
        Branding("Poole", palette=Palette(text="#777777", background="#ffffff"))
    (problem,) = error.value.problems
    assert problem.column == "palette.text"
    assert "contrast 4.48:1, below the 4.5:1 WCAG 2.2 AA minimum" in problem.reason


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(BrandingError) as error:
        Branding(
            "",
            logo="https://example.org/logo.png",
            font_family="Arial; background: url(https://x)",
            palette=Palette(
                primary="#ffff00",
                status_styles={
                    "amber": StatusStyle("#ffffff", "#ffdd00"),
                    "purple": StatusStyle("#000", "#fff"),
                },
                series=("#eeeeee",),
            ),
            terminology=Terminology(statuses={"green": " "}),
        )
    columns = [p.column for p in error.value.problems]
    assert columns == [
        "organisation_name",
        "logo",
        "font_family",
        "palette.primary",
        "palette.status_styles.amber",
        "palette.series[0]",
        "palette.status_styles",
        "terminology.statuses.green",
    ]
    message = str(error.value)
    assert message.startswith("8 problems:")
    assert "reports load nothing from other places" in message
    assert "unknown RAG status(es) purple" in message
    assert "chart series colour #eeeeee on #ffffff has contrast 1.16:1, below the 3.0:1" in message


def test_logo_must_be_a_png_or_svg_data_uri() -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'
    uri = logo_data_uri(svg, "image/svg+xml")
    assert Branding("Poole", logo=uri).logo == uri
    with pytest.raises(BrandingError, match="must be a data:image/png;base64"):
        Branding("Poole", logo="data:text/html;base64," + base64.b64encode(b"<p>").decode())
    with pytest.raises(BrandingError, match="the logo's base64 data is damaged"):
        Branding("Poole", logo="data:image/png;base64,abc")
    with pytest.raises(
        ValueError, match="a logo must be image/png or image/svg\\+xml, not 'image/gif'"
    ):
        logo_data_uri(b"GIF89a", "image/gif")


def test_terminology_falls_back_to_generic_defaults() -> None:
    terms = Terminology(
        levels={"service": "Service Unit Business Plan"},
        statuses={"amber": "Amber (within tolerance)"},
        terms={"indicator": "performance indicator"},
    )
    assert terms.level("service") == "Service Unit Business Plan"
    assert terms.level("corporate") == "Corporate plan"
    assert terms.level("ward") == "ward"
    assert terms.status("amber") == "Amber (within tolerance)"
    assert terms.status("no-data") == "No data"
    assert terms.term("indicator") == "performance indicator"
    assert terms.term("risk", "Risk") == "Risk"
    assert terms.term("risk") == "risk"
    assert hash(terms) == hash(
        Terminology(
            **{
                "levels": {"service": "Service Unit Business Plan"},
                "statuses": {"amber": "Amber (within tolerance)"},
                "terms": {"indicator": "performance indicator"},
            }
        )
    )


def test_branding_from_mapping_reads_a_toml_table() -> None:
    branding = branding_from_mapping(
        {
            "organisation_name": "Borough of Poole",
            "short_name": "Poole",
            "font_family": '"Trebuchet MS", sans-serif',
            "palette": {
                "primary": "#00567a",
                "series": ["#00567a", "#8a1538"],
                "status": {"amber": {"foreground": "#000000", "background": "#ffbf47"}},
            },
            "terminology": {
                "levels": {"service": "Service Unit Business Plan"},
                "statuses": {"red": "Off target"},
            },
        },
        file="framework.toml",
    )
    assert branding.short_name == "Poole"
    assert branding.palette.primary == "#00567a"
    assert branding.palette.status_style("amber") == StatusStyle("#000000", "#ffbf47")
    assert branding.palette.status_style("red") == StatusStyle("#ffffff", "#b10e1e")
    assert branding.terminology.level("service") == "Service Unit Business Plan"
    assert branding.terminology.status("red") == "Off target"


def test_branding_from_mapping_names_the_file_and_every_bad_setting() -> None:
    with pytest.raises(BrandingError) as error:
        branding_from_mapping(
            {
                "colour": "blue",
                "palette": {
                    "text": "black",
                    "series": "#000000",
                    "status": {"red": {"foreground": "#fff"}},
                },
                "terminology": {"levels": {"service": 3}},
            },
            file="framework.toml",
        )
    problems = error.value.problems
    assert {p.file for p in problems} == {"framework.toml"}
    assert [(p.column, p.reason) for p in problems] == [
        (
            "colour",
            "unknown branding setting; expected one of font_family, logo, logo_alt, "
            "organisation_name, palette, short_name, terminology",
        ),
        ("organisation_name", "the organisation name is required"),
        ("palette.text", "'black' is not a hex colour such as #1d70b8"),
        ("palette.series", "expected a list of hex colours"),
        ("palette.status.red", "both foreground and background are required"),
        ("terminology.levels.service", "expected text, found 3"),
    ]


def test_branding_from_mapping_reports_contrast_failures_with_the_file() -> None:
    with pytest.raises(BrandingError) as error:
        branding_from_mapping(
            {"organisation_name": "Poole", "palette": {"muted": "#aaaaaa"}}, file="branding.toml"
        )
    (problem,) = error.value.problems
    assert (problem.file, problem.column) == ("branding.toml", "palette.muted")
    assert str(problem).startswith("branding.toml, column 'palette.muted': muted text #aaaaaa")


@pytest.mark.parametrize("council", ["rossendale", "poole"])
def test_example_councils_branding_sections_are_accessible(council: str) -> None:
    path = EXAMPLES / council / "framework.toml"
    framework = tomllib.loads(path.read_text(encoding="utf-8"))
    branding = branding_from_mapping(
        framework["branding"], file=str(path), organisation_name=framework["organisation"]["name"]
    )
    assert branding.organisation_name == framework["organisation"]["name"]
    assert branding.problems() == []
    assert branding.terminology.term("service_plan") in {
        "Business Plan",
        "Service Unit Business Plan",
    }
