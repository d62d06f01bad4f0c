"""Branding: how a council's reports look and what they call things.

A :class:`Branding` holds the organisation's name, an optional logo, a colour
:class:`Palette`, a font stack and a :class:`Terminology` (what each level of the golden
thread is called, the labels of the RAG statuses, and any other wording such as
"Service Unit Business Plan" for "service plan").

Every colour pair that carries text is checked when the branding is built: the
contrast ratio (WCAG 2.x, :func:`contrast_ratio`) must be at least 4.5:1, as WCAG 2.2
AA requires for normal text, and chart series colours must reach 3:1 against the page
background (non-text contrast).  A branding that fails raises one
:class:`BrandingError` listing every failing pair, so a council sees all it must fix.

The logo must be a ``data:`` URI (PNG or SVG, base64), never a link: reports are
self-contained and load nothing from elsewhere.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterable, Mapping
from typing import Any

from attrs import field, frozen

from goldenthread.errors import InputError, Problem

__all__ = [
    "DEFAULT_FONT_STACK",
    "MIN_NON_TEXT_CONTRAST",
    "MIN_TEXT_CONTRAST",
    "STATUSES",
    "Branding",
    "BrandingError",
    "Palette",
    "StatusStyle",
    "Terminology",
    "branding_from_mapping",
    "contrast_ratio",
    "default_branding",
    "logo_data_uri",
    "normalise_colour",
    "parse_colour",
    "readable_text_colour",
    "relative_luminance",
]

MIN_TEXT_CONTRAST = 4.5
"""WCAG 2.2 AA minimum contrast ratio for normal text (success criterion 1.4.3)."""

MIN_NON_TEXT_CONTRAST = 3.0
"""WCAG 2.2 AA minimum contrast ratio for graphical objects (success criterion 1.4.11)."""

DEFAULT_FONT_STACK = (
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
)
"""System fonts only: a report never downloads a web font."""

_HEX = re.compile(r"#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_FONT_STACK = re.compile(r"[A-Za-z0-9 ,\"'\-]+")
_LOGO = re.compile(r"data:(image/png|image/svg\+xml);base64,([A-Za-z0-9+/]+={0,2})")

STATUSES = (
    "green",
    "amber",
    "red",
    "no-data",
    "no-target",
    "data-only",
    "not-applicable",
    "not-yet-due",
)
"""The RAG statuses a report can show (the same keys as ``goldenthread assess``)."""


class BrandingError(InputError):
    """A branding that cannot be accepted: a bad colour, too little contrast, a bad logo.

    Each :class:`~goldenthread.errors.Problem` names the setting in ``column`` (for
    example ``palette.text``) and, when the branding was read from a file, that file.
    """


def parse_colour(text: str) -> tuple[int, int, int]:
    """Read a hex colour (``#1d70b8``, ``1d70b8`` or ``#17b``) into red, green, blue 0-255.

    Raises:
        ValueError: the text is not a 3- or 6-digit hex colour.
    """
    match = _HEX.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"{text!r} is not a hex colour such as #1d70b8")
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def normalise_colour(text: str) -> str:
    """A hex colour in the form ``#rrggbb`` (lower case), from any form :func:`parse_colour` reads.

    Raises:
        ValueError: the text is not a hex colour.
    """
    red, green, blue = parse_colour(text)
    return f"#{red:02x}{green:02x}{blue:02x}"


def relative_luminance(colour: str) -> float:
    """The WCAG 2.x relative luminance of a hex colour: 0.0 for black, 1.0 for white."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = parse_colour(colour)
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast_ratio(foreground: str, background: str) -> float:
    """The WCAG 2.x contrast ratio of two hex colours, from 1.0 (same) to 21.0.

    The ratio is ``(L1 + 0.05) / (L2 + 0.05)`` with ``L1`` the lighter relative
    luminance, so it does not depend on which colour is the foreground.
    """
    first = relative_luminance(foreground)
    second = relative_luminance(background)
    lighter, darker = max(first, second), min(first, second)
    return (lighter + 0.05) / (darker + 0.05)


def readable_text_colour(background: str, dark: str = "#000000", light: str = "#ffffff") -> str:
    """Whichever of ``dark`` and ``light`` has the higher contrast on ``background``.

    With the defaults the result always reaches 4.5:1, whatever the background: the
    renderers use it for text on colours they do not choose, such as heat map cells.
    """
    if contrast_ratio(dark, background) >= contrast_ratio(light, background):
        return normalise_colour(dark)
    return normalise_colour(light)


def logo_data_uri(data: bytes, media_type: str) -> str:
    """Build a logo ``data:`` URI from the bytes of a PNG or SVG file.

    Raises:
        ValueError: ``media_type`` is not ``image/png`` or ``image/svg+xml``.
    """
    if media_type not in ("image/png", "image/svg+xml"):
        raise ValueError(f"a logo must be image/png or image/svg+xml, not {media_type!r}")
    return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"


@frozen
class StatusStyle:
    """The colours of one RAG status badge: text ``foreground`` on ``background``."""

    foreground: str = field(converter=normalise_colour)
    background: str = field(converter=normalise_colour)


_DEFAULT_STATUS_STYLES: dict[str, StatusStyle] = {
    "green": StatusStyle("#ffffff", "#00703c"),
    "amber": StatusStyle("#0b0c0c", "#ffdd00"),
    "red": StatusStyle("#ffffff", "#b10e1e"),
    "no-data": StatusStyle("#0b0c0c", "#f3f2f1"),
    "no-target": StatusStyle("#0b0c0c", "#e8f1f8"),
    "data-only": StatusStyle("#0b0c0c", "#ffffff"),
    "not-applicable": StatusStyle("#0b0c0c", "#ebe9e7"),
    "not-yet-due": StatusStyle("#0b0c0c", "#f4f8fb"),
}


def _status_styles(value: Mapping[str, StatusStyle] | None) -> tuple[tuple[str, StatusStyle], ...]:
    merged = dict(_DEFAULT_STATUS_STYLES)
    if value is not None:
        merged.update(value)
    return tuple((key, merged[key]) for key in sorted(merged))


def _colours(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(normalise_colour(v) for v in value)


@frozen
class Palette:
    """The colours of a report.

    Attributes:
        text: body text colour.
        background: page background colour.
        primary: headings, links and the header band's border.
        muted: secondary text such as metadata and captions.
        status_styles: one :class:`StatusStyle` per RAG status key; any status left out
            keeps its default style.
        series: chart series colours, used in order.
    """

    text: str = field(default="#0b0c0c", converter=normalise_colour)
    background: str = field(default="#ffffff", converter=normalise_colour)
    primary: str = field(default="#1d4f91", converter=normalise_colour)
    muted: str = field(default="#505a5f", converter=normalise_colour)
    status_styles: tuple[tuple[str, StatusStyle], ...] = field(
        default=None, converter=_status_styles
    )
    series: tuple[str, ...] = field(
        default=("#1d4f91", "#b10e1e", "#00703c", "#6f3c97", "#8f4e00"), converter=_colours
    )

    def status_style(self, status: str) -> StatusStyle:
        """The badge colours of a RAG status key such as ``"amber"``."""
        return dict(self.status_styles)[status]

    def problems(self) -> list[Problem]:
        """Every colour pair below its WCAG minimum contrast, as problems naming the setting."""
        found: list[Problem] = []

        def check(name: str, fg: str, bg: str, minimum: float, what: str) -> None:
            ratio = contrast_ratio(fg, bg)
            if ratio < minimum:
                found.append(
                    Problem(
                        f"{what} {fg} on {bg} has contrast {ratio:.2f}:1, "
                        f"below the {minimum}:1 WCAG 2.2 AA minimum",
                        column=name,
                    )
                )

        check("palette.text", self.text, self.background, MIN_TEXT_CONTRAST, "text")
        check("palette.primary", self.primary, self.background, MIN_TEXT_CONTRAST, "primary")
        check("palette.muted", self.muted, self.background, MIN_TEXT_CONTRAST, "muted text")
        for key, style in self.status_styles:
            check(
                f"palette.status_styles.{key}",
                style.foreground,
                style.background,
                MIN_TEXT_CONTRAST,
                f"{key} status text",
            )
        for index, colour in enumerate(self.series):
            check(
                f"palette.series[{index}]",
                colour,
                self.background,
                MIN_NON_TEXT_CONTRAST,
                "chart series colour",
            )
        if not self.series:
            found.append(
                Problem("at least one chart series colour is needed", column="palette.series")
            )
        unknown = sorted({key for key, _ in self.status_styles} - set(STATUSES))
        if unknown:
            found.append(
                Problem(
                    f"unknown RAG status(es) {', '.join(unknown)}; expected {', '.join(STATUSES)}",
                    column="palette.status_styles",
                )
            )
        return found


def _pairs(value: Mapping[str, str] | Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple(sorted((str(k), str(v)) for k, v in items))


_DEFAULT_STATUS_LABELS = {
    "green": "Green",
    "amber": "Amber",
    "red": "Red",
    "no-data": "No data",
    "no-target": "No target",
    "data-only": "Data only",
    "not-applicable": "Not applicable",
    "not-yet-due": "Not yet due",
}

_DEFAULT_LEVEL_NAMES = {
    "national": "National",
    "partnership": "Partnership strategy",
    "corporate": "Corporate plan",
    "service": "Service plan",
    "team": "Team plan",
    "individual": "Individual plan",
}


@frozen
class Terminology:
    """What the council calls things.

    Attributes:
        levels: level key → the name used for plans at that level (``service`` →
            ``Service Unit Business Plan``).
        statuses: RAG status key → label (``amber`` → ``Amber (within tolerance)``).
        terms: any other generic term → the council's word (``indicator`` →
            ``performance indicator``).

    Lookups fall back to generic defaults, so an empty terminology is valid.
    """

    levels: tuple[tuple[str, str], ...] = field(default=(), converter=_pairs)
    statuses: tuple[tuple[str, str], ...] = field(default=(), converter=_pairs)
    terms: tuple[tuple[str, str], ...] = field(default=(), converter=_pairs)

    def level(self, key: str) -> str:
        """The name of a level: the council's own, the generic default, or the key itself."""
        return dict(self.levels).get(key) or _DEFAULT_LEVEL_NAMES.get(key, key)

    def status(self, status: str) -> str:
        """The label of a RAG status key such as ``no-data``."""
        return dict(self.statuses).get(status) or _DEFAULT_STATUS_LABELS.get(status, status)

    def term(self, key: str, default: str | None = None) -> str:
        """The council's word for a generic term, else ``default``, else the key."""
        found = dict(self.terms).get(key)
        if found:
            return found
        return key if default is None else default

    def problems(self) -> list[Problem]:
        """Empty names and labels for unknown statuses, as problems naming the setting."""
        found = [
            Problem("a name cannot be empty", column=f"terminology.{group}.{key}")
            for group, pairs in (
                ("levels", self.levels),
                ("statuses", self.statuses),
                ("terms", self.terms),
            )
            for key, value in pairs
            if not value.strip()
        ]
        found.extend(
            Problem(
                f"unknown RAG status {key!r}; expected one of {', '.join(STATUSES)}",
                column=f"terminology.statuses.{key}",
            )
            for key, _ in self.statuses
            if key not in STATUSES
        )
        return found


@frozen
class Branding:
    """A council's look and wording, checked for accessibility when it is built.

    Attributes:
        organisation_name: the full name shown in every report's header.
        short_name: a short form for tight spaces (defaults to the full name).
        logo: a ``data:image/png;base64,…`` or ``data:image/svg+xml;base64,…`` URI,
            or ``None``; links to other places are refused.
        logo_alt: the logo's text alternative (defaults to the organisation's name).
        palette: the colours; every text pair must reach 4.5:1.
        font_family: a CSS font stack of installed fonts (letters, digits, spaces,
            commas, quotes and hyphens only).
        terminology: the council's names for levels, statuses and terms.

    Raises:
        BrandingError: listing every failing setting.
    """

    organisation_name: str
    short_name: str = field(default="")
    logo: str | None = None
    logo_alt: str = field(default="")
    palette: Palette = field(factory=Palette)
    font_family: str = DEFAULT_FONT_STACK
    terminology: Terminology = field(factory=Terminology)

    def __attrs_post_init__(self) -> None:
        if not self.short_name:
            object.__setattr__(self, "short_name", self.organisation_name)
        if not self.logo_alt:
            object.__setattr__(self, "logo_alt", f"{self.organisation_name} logo")
        problems = self.problems()
        if problems:
            raise BrandingError(problems)

    def problems(self) -> list[Problem]:
        """Everything wrong with this branding (empty when it is acceptable)."""
        found: list[Problem] = []
        if not self.organisation_name.strip():
            found.append(
                Problem("the organisation name cannot be empty", column="organisation_name")
            )
        if self.logo is not None:
            found.extend(_logo_problems(self.logo))
        if not _FONT_STACK.fullmatch(self.font_family):
            found.append(
                Problem(
                    "a font stack may hold only letters, digits, spaces, commas, quotes "
                    f"and hyphens, not {self.font_family!r}",
                    column="font_family",
                )
            )
        found.extend(self.palette.problems())
        found.extend(self.terminology.problems())
        return found


def _logo_problems(logo: str) -> list[Problem]:
    match = _LOGO.fullmatch(logo)
    if match is None:
        return [
            Problem(
                "the logo must be a data:image/png;base64 or data:image/svg+xml;base64 URI "
                "(reports load nothing from other places)",
                column="logo",
            )
        ]
    try:
        base64.b64decode(match.group(2), validate=True)
    except binascii.Error as error:
        return [Problem(f"the logo's base64 data is damaged: {error}", column="logo")]
    return []


def default_branding(organisation_name: str = "goldenthread") -> Branding:
    """The built-in branding: accessible GOV.UK-like colours, system fonts, generic terms."""
    return Branding(organisation_name=organisation_name)


def branding_from_mapping(
    data: Mapping[str, Any], file: str | None = None, organisation_name: str | None = None
) -> Branding:
    """Build a :class:`Branding` from plain data, such as a ``[branding]`` TOML table.

    Keys: ``organisation_name`` (required unless ``organisation_name`` is passed, as a
    bundle loader does with the ``[organisation]`` section's ``name``), ``short_name``,
    ``logo``, ``logo_alt``, ``font_family``; ``palette`` with ``text``, ``background``,
    ``primary``, ``muted``, ``series`` (a list) and ``status`` (status key →
    ``{foreground, background}``);
    ``terminology`` with ``levels``, ``statuses`` and ``terms`` tables of strings.

    Raises:
        BrandingError: every problem found, each naming ``file`` and the setting.
    """
    problems: list[Problem] = []

    def problem(reason: str, column: str) -> None:
        problems.append(Problem(reason, file=file, column=column))

    known = {
        "organisation_name",
        "short_name",
        "logo",
        "logo_alt",
        "font_family",
        "palette",
        "terminology",
    }
    for key in sorted(set(data) - known):
        problem(f"unknown branding setting; expected one of {', '.join(sorted(known))}", key)

    def text(mapping: Mapping[str, Any], key: str, column: str) -> str | None:
        value = mapping.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            problem(f"expected text, found {value!r}", column)
            return None
        return value

    def colour(mapping: Mapping[str, Any], key: str, column: str) -> str | None:
        value = text(mapping, key, column)
        if value is None:
            return None
        try:
            return normalise_colour(value)
        except ValueError as error:
            problem(str(error), column)
            return None

    def table(mapping: Mapping[str, Any], key: str, column: str) -> Mapping[str, Any]:
        value = mapping.get(key, {})
        if not isinstance(value, Mapping):
            problem("expected a table of settings", column)
            return {}
        return value

    name = text(data, "organisation_name", "organisation_name") or organisation_name
    if name is None and "organisation_name" not in data:
        problem("the organisation name is required", "organisation_name")

    palette_data = table(data, "palette", "palette")
    palette_kwargs: dict[str, Any] = {}
    for key in ("text", "background", "primary", "muted"):
        value = colour(palette_data, key, f"palette.{key}")
        if value is not None:
            palette_kwargs[key] = value
    series = palette_data.get("series")
    if series is not None:
        if isinstance(series, list) and all(isinstance(s, str) for s in series):
            colours = [colour({"c": s}, "c", f"palette.series[{i}]") for i, s in enumerate(series)]
            palette_kwargs["series"] = tuple(c for c in colours if c is not None)
        else:
            problem("expected a list of hex colours", "palette.series")
    styles: dict[str, StatusStyle] = {}
    for key, value in table(palette_data, "status", "palette.status").items():
        column = f"palette.status.{key}"
        if not isinstance(value, Mapping):
            problem("expected a table with foreground and background", column)
            continue
        fg = colour(value, "foreground", f"{column}.foreground")
        bg = colour(value, "background", f"{column}.background")
        if fg is None or bg is None:
            if "foreground" not in value or "background" not in value:
                problem("both foreground and background are required", column)
            continue
        styles[str(key)] = StatusStyle(fg, bg)
    palette_kwargs["status_styles"] = styles

    terminology_data = table(data, "terminology", "terminology")
    groups: dict[str, dict[str, str]] = {}
    for group in ("levels", "statuses", "terms"):
        groups[group] = {}
        for key, value in table(terminology_data, group, f"terminology.{group}").items():
            if isinstance(value, str):
                groups[group][str(key)] = value
            else:
                problem(f"expected text, found {value!r}", f"terminology.{group}.{key}")

    if problems:
        raise BrandingError(problems)
    try:
        return Branding(
            organisation_name=name or "",
            short_name=text(data, "short_name", "short_name") or "",
            logo=text(data, "logo", "logo"),
            logo_alt=text(data, "logo_alt", "logo_alt") or "",
            font_family=text(data, "font_family", "font_family") or DEFAULT_FONT_STACK,
            palette=Palette(**palette_kwargs),
            terminology=Terminology(**groups),
        )
    except BrandingError as error:
        raise BrandingError(
            Problem(p.reason, file=file, row=p.row, column=p.column) for p in error.problems
        ) from None
