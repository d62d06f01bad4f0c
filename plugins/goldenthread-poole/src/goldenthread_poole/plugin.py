"""The goldenthread plugin: Poole's level preset, terminology and branding.

Loaded through the ``goldenthread`` entry-point group (``poole``) by
:func:`goldenthread.plugins.get_plugin_manager`.
"""

from __future__ import annotations

from goldenthread.branding import Branding
from goldenthread.builtins.levels import LevelPreset
from goldenthread.builtins.terminology import TerminologyPreset
from goldenthread.hookspecs import hookimpl
from goldenthread_poole.council import ORGANISATION, PRESET, branding, levels, terminology

__all__ = ["goldenthread_branding", "goldenthread_level_presets", "goldenthread_terminology"]


@hookimpl
def goldenthread_level_presets() -> list[LevelPreset]:
    """The ``poole-borough`` level scheme."""
    return [LevelPreset(PRESET, levels())]


@hookimpl
def goldenthread_terminology() -> list[TerminologyPreset]:
    """The ``poole-borough`` terminology."""
    return [TerminologyPreset(PRESET, terminology())]


@hookimpl
def goldenthread_branding(organisation: str) -> Branding | None:
    """Poole's branding for the organisation code ``poole``, else ``None``."""
    return branding() if organisation == ORGANISATION else None
