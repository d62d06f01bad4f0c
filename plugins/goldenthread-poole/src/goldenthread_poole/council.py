"""The Poole-style framework this package configures, read from its ``council.toml``.

``council.toml`` (shipped inside the package) holds the same sections a bundle's
``framework.toml`` does; :class:`goldenthread.council_plugin.CouncilPlugin` reads it afresh
on every call and checks it with goldenthread's own readers, so a mistake in it is reported
exactly as it would be in a bundle: one error listing every problem, each naming the file
and key.
"""

from __future__ import annotations

from goldenthread.council_plugin import CouncilPlugin

__all__ = [
    "COUNCIL",
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

COUNCIL = CouncilPlugin("goldenthread_poole", organisation="poole", preset="poole-borough")
"""This package's council: its ``council.toml``, organisation code and preset name."""

ORGANISATION = COUNCIL.organisation
"""The ``[organisation] code`` this package brands (``poole``)."""

PRESET = COUNCIL.preset
"""The name of this package's level and terminology presets (``poole-borough``).

Not ``poole``: goldenthread's built-in level preset already has that name, and two
plugins offering one name is an error.
"""

SOURCE = COUNCIL.source
"""How problems in the packaged configuration name their file."""

settings = COUNCIL.settings
levels = COUNCIL.levels
branding = COUNCIL.branding
terminology = COUNCIL.terminology
cycle = COUNCIL.cycle
arrangements = COUNCIL.arrangements
