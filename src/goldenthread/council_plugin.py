"""A council's whole framework as a plugin, read from a ``council.toml`` inside its package.

A council plugin package ships one ``council.toml`` (and a ``logo.svg``) beside its modules.
The file holds the same sections a bundle's ``framework.toml`` does: ``[[levels]]``,
``[cycle]``, ``[[meetings]]``, ``[[monitoring]]`` and ``[branding]`` (with its
``terminology``).  A :class:`CouncilPlugin` names the package, the organisation code it
brands and the name of its presets; its methods read the file afresh each time and check
it with goldenthread's own readers, so a mistake in it is reported exactly as it would be
in a bundle: one error listing every problem, each naming the file (:attr:`source`) and
the setting.

Four of its methods are the plugin hooks; a package's plugin module exposes them as
module attributes so that loading the module registers them::

    COUNCIL = CouncilPlugin("goldenthread_poole", organisation="poole", preset="poole-borough")
    goldenthread_level_presets = COUNCIL.goldenthread_level_presets
    goldenthread_terminology = COUNCIL.goldenthread_terminology
    goldenthread_branding_presets = COUNCIL.goldenthread_branding_presets
    goldenthread_branding = COUNCIL.goldenthread_branding
"""

from __future__ import annotations

import tomllib
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from attrs import field, frozen

from goldenthread.branding import Branding, Terminology, branding_from_mapping, logo_data_uri
from goldenthread.builtins.branding import BrandingPreset
from goldenthread.builtins.levels import LevelPreset
from goldenthread.builtins.terminology import TerminologyPreset
from goldenthread.cycles.arrangements import Arrangement
from goldenthread.hookspecs import hookimpl
from goldenthread.io.cycles import CycleConfig, read_cycles
from goldenthread.io.thread import levels_from_toml
from goldenthread.thread.levels import LevelScheme

__all__ = ["CONFIGURATION", "LOGO", "CouncilPlugin"]

CONFIGURATION = "council.toml"
"""The name of the packaged configuration file."""

LOGO = "logo.svg"
"""The name of the packaged SVG logo."""


@frozen
class CouncilPlugin:
    """The levels, terminology, branding and monitoring cycle a council package configures.

    Attributes:
        package: the importable package holding ``council.toml`` and ``logo.svg``, such
            as ``"goldenthread_poole"``.
        organisation: the ``[organisation] code`` whose branding this plugin answers for.
        preset: the name of the level and terminology presets it offers.  Not the bare
            council name when goldenthread has a built-in preset of that name: two
            plugins offering one name is an error.
        year_start_month: the month the council's financial year starts (April, ``4``).
    """

    package: str
    organisation: str = field(kw_only=True)
    preset: str = field(kw_only=True)
    year_start_month: int = field(default=4, kw_only=True)

    @property
    def source(self) -> str:
        """How problems in the packaged configuration name their file, such as
        ``goldenthread_poole/council.toml``."""
        return f"{self.package}/{CONFIGURATION}"

    def _files(self) -> Traversable:
        return resources.files(self.package)

    def settings(self) -> dict[str, Any]:
        """The parsed ``council.toml``.

        Raises:
            tomllib.TOMLDecodeError: the file is not valid TOML.
        """
        return tomllib.loads(self._files().joinpath(CONFIGURATION).read_text(encoding="utf-8"))

    def levels(self) -> LevelScheme:
        """The thread's levels, from the ``[[levels]]`` entries.

        Raises:
            BundleError: the packaged ``[[levels]]`` are invalid.
        """
        return levels_from_toml(self.settings(), self.source)

    def branding(self) -> Branding:
        """The council's branding: its ``[branding]`` with the packaged logo.

        Raises:
            BrandingError: the packaged ``[branding]`` fails a check, such as contrast.
        """
        logo = logo_data_uri(self._files().joinpath(LOGO).read_bytes(), "image/svg+xml")
        return branding_from_mapping(
            {**self.settings()["branding"], "logo": logo}, file=self.source
        )

    def terminology(self) -> Terminology:
        """What the council calls things (the branding's ``terminology``)."""
        return self.branding().terminology

    def cycle(self) -> CycleConfig:
        """The working-day calendar, committee meetings and monitoring arrangements.

        Raises:
            BundleError: the packaged cycle sections are invalid.
        """
        return read_cycles(
            self.settings(), year_start_month=self.year_start_month, file=self.source
        )

    def arrangements(self) -> tuple[Arrangement, ...]:
        """What is monitored, by whom and how often (the ``[[monitoring]]`` entries).

        goldenthread has no plugin hook for monitoring arrangements; a bundle names its own
        in ``framework.toml``.  Use these as a starting point, or schedule them directly
        with :func:`goldenthread.cycles.schedule.schedule_for_year` and :meth:`cycle`'s
        calendar and meetings.
        """
        return self.cycle().arrangements

    @hookimpl
    def goldenthread_level_presets(self) -> list[LevelPreset]:
        """The level scheme, as the preset named :attr:`preset`."""
        return [LevelPreset(self.preset, self.levels())]

    @hookimpl
    def goldenthread_terminology(self) -> list[TerminologyPreset]:
        """The terminology, as the preset named :attr:`preset`."""
        return [TerminologyPreset(self.preset, self.terminology())]

    @hookimpl
    def goldenthread_branding_presets(self) -> list[BrandingPreset]:
        """The branding, as the preset named :attr:`preset` (any bundle may choose it
        with ``[branding] preset``)."""
        return [BrandingPreset(self.preset, self.branding())]

    @hookimpl
    def goldenthread_branding(self, organisation: str) -> Branding | None:
        """The branding for the organisation code :attr:`organisation`, else ``None``."""
        return self.branding() if organisation == self.organisation else None
