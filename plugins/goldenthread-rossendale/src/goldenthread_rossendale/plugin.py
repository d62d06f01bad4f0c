"""The goldenthread plugin: Rossendale's level preset, terminology and branding.

Loaded through the ``goldenthread`` entry-point group (``rossendale``) by
:func:`goldenthread.plugins.get_plugin_manager`.
"""

from __future__ import annotations

from goldenthread.branding import Branding
from goldenthread.builtins.levels import LevelPreset
from goldenthread.builtins.terminology import TerminologyPreset
from goldenthread.hookspecs import hookimpl
from goldenthread_rossendale.council import ORGANISATION, PRESET, branding, levels, terminology

__all__ = ["goldenthread_branding", "goldenthread_level_presets", "goldenthread_terminology"]


@hookimpl
def goldenthread_level_presets() -> list[LevelPreset]:
    """The ``rossendale-borough`` level scheme."""
    return [LevelPreset(PRESET, levels())]


@hookimpl
def goldenthread_terminology() -> list[TerminologyPreset]:
    """The ``rossendale-borough`` terminology."""
    return [TerminologyPreset(PRESET, terminology())]


@hookimpl
def goldenthread_branding(organisation: str) -> Branding | None:
    """Rossendale's branding for the organisation code ``rossendale``, else ``None``."""
    return branding() if organisation == ORGANISATION else None
