"""The Rossendale-style framework this package configures, read from its ``council.toml``.

``council.toml`` (shipped inside the package) holds the same sections a bundle's
``framework.toml`` does: ``[[levels]]``, ``[cycle]``, ``[[meetings]]``, ``[[monitoring]]``
and ``[branding]`` (with its ``terminology``).  Each function here reads the file afresh
and checks it with goldenthread's own readers, so a mistake in it is reported exactly as
it would be in a bundle: one error listing every problem, each naming the file and key.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any

from goldenthread.branding import Branding, Terminology, branding_from_mapping, logo_data_uri
from goldenthread.cycles.arrangements import Arrangement
from goldenthread.io.cycles import CycleConfig, read_cycles
from goldenthread.io.thread import levels_from_toml
from goldenthread.thread.levels import LevelScheme

__all__ = [
    "ORGANISATION",
    "PRESET",
    "SOURCE",
    "arrangements",
    "branding",
    "cycle",
    "levels",
    "settings",
    "terminology",
]

ORGANISATION = "rossendale"
"""The ``[organisation] code`` this package brands."""

PRESET = "rossendale-borough"
"""The name of this package's level and terminology presets.

Not ``rossendale``: goldenthread's built-in level preset already has that name, and two
plugins offering one name is an error.
"""

SOURCE = "goldenthread_rossendale/council.toml"
"""How problems in the packaged configuration name their file."""

_YEAR_START_MONTH = 4


def settings() -> dict[str, Any]:
    """The parsed ``council.toml``."""
    package = resources.files(__package__ or "goldenthread_rossendale")
    return tomllib.loads(package.joinpath("council.toml").read_text(encoding="utf-8"))


def levels() -> LevelScheme:
    """The thread's six levels, from national priorities to Personal Development Interviews.

    Raises:
        BundleError: the packaged ``[[levels]]`` are invalid.
    """
    return levels_from_toml(settings(), SOURCE)


def branding() -> Branding:
    """Rossendale's branding: name, the packaged logo, purple palette, fonts and words.

    Raises:
        BrandingError: the packaged ``[branding]`` fails a check, such as contrast.
    """
    package = resources.files(__package__ or "goldenthread_rossendale")
    logo = logo_data_uri(package.joinpath("logo.svg").read_bytes(), "image/svg+xml")
    return branding_from_mapping({**settings()["branding"], "logo": logo}, file=SOURCE)


def terminology() -> Terminology:
    """What Rossendale calls things: Business Plan, Action Plan, "On target" ..."""
    return branding().terminology


def cycle() -> CycleConfig:
    """The working-day calendar, committee meetings and monitoring arrangements.

    Raises:
        BundleError: the packaged cycle sections are invalid.
    """
    return read_cycles(settings(), year_start_month=_YEAR_START_MONTH, file=SOURCE)


def arrangements() -> tuple[Arrangement, ...]:
    """What is monitored, by whom and how often (the ``[[monitoring]]`` entries).

    goldenthread has no plugin hook for monitoring arrangements; a bundle names its own in
    ``framework.toml``.  Use these as a starting point, or schedule them directly with
    :func:`goldenthread.cycles.schedule.schedule_for_year` and :func:`cycle`'s calendar
    and meetings.
    """
    return cycle().arrangements
