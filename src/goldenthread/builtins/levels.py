"""Built-in level presets: ``generic``, ``rossendale`` and ``poole``, from
:data:`goldenthread.thread.presets.PRESETS`."""

from __future__ import annotations

from attrs import frozen

from goldenthread.hookspecs import hookimpl
from goldenthread.thread.levels import Level, LevelScheme
from goldenthread.thread.presets import PRESETS

__all__ = ["LevelPreset", "goldenthread_level_presets"]


@frozen
class LevelPreset:
    """A level scheme with the name a bundle selects it by.

    Plugin authors offer their own schemes as ``LevelPreset("acme", scheme)``.
    """

    name: str
    scheme: LevelScheme

    @property
    def levels(self) -> tuple[Level, ...]:
        """The scheme's levels, from the top."""
        return self.scheme.levels


@hookimpl
def goldenthread_level_presets() -> list[LevelPreset]:
    """The generic six levels and the two seed councils' threads."""
    return [LevelPreset(name, scheme) for name, scheme in PRESETS.items()]
