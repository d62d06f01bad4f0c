"""The built-in terminology preset ``generic``: goldenthread's own words for every level
and RAG status, spelt out so a council can see exactly what its own preset replaces."""

from __future__ import annotations

from attrs import frozen

from goldenthread.branding import STATUSES, Terminology
from goldenthread.hookspecs import hookimpl
from goldenthread.thread.presets import GENERIC

__all__ = ["GENERIC_TERMINOLOGY", "TerminologyPreset", "goldenthread_terminology"]


@frozen
class TerminologyPreset:
    """A :class:`~goldenthread.branding.Terminology` with the name it is chosen by.

    Plugin authors offer their own words as ``TerminologyPreset("acme", Terminology(...))``.

    Attributes:
        name: the registry name, unique across installed plugins (e.g. ``generic``).
        terminology: the council's names for levels, RAG statuses and other terms.
    """

    name: str
    terminology: Terminology


_BLANK = Terminology()

GENERIC_TERMINOLOGY = Terminology(
    levels={level.key: _BLANK.level(level.key) for level in GENERIC.levels},
    statuses={status: _BLANK.status(status) for status in STATUSES},
)
"""The generic name of every level of the generic scheme and every RAG status label."""


@hookimpl
def goldenthread_terminology() -> list[TerminologyPreset]:
    """The ``generic`` preset: :data:`GENERIC_TERMINOLOGY`."""
    return [TerminologyPreset("generic", GENERIC_TERMINOLOGY)]
