"""The goldenthread plugin: Poole's level preset, terminology, branding preset and branding.

Loaded through the ``goldenthread`` entry-point group (``poole``) by
:func:`goldenthread.plugins.get_plugin_manager`.  The hooks are
:data:`goldenthread_poole.council.COUNCIL`'s methods.
"""

from __future__ import annotations

from goldenthread_poole.council import COUNCIL

__all__ = [
    "goldenthread_branding",
    "goldenthread_branding_presets",
    "goldenthread_level_presets",
    "goldenthread_terminology",
]

goldenthread_level_presets = COUNCIL.goldenthread_level_presets
goldenthread_terminology = COUNCIL.goldenthread_terminology
goldenthread_branding_presets = COUNCIL.goldenthread_branding_presets
goldenthread_branding = COUNCIL.goldenthread_branding
