"""Organisations and partners that lead and contribute to the thread's objectives.

Rossendale's eleven strategic objectives are shared: the council leads some and
contributes to all, alongside the Police, the Primary Care Trust, the County Council and
the Local Strategic Partnership.  An :class:`Organisation` is one of them; an item names
its lead organisation and its contributing partners by key.
"""

from __future__ import annotations

from collections.abc import Iterable

from attrs import field, frozen

__all__ = ["Organisation"]


def _str_tuple(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


@frozen
class Organisation:
    """A council, partner body or partnership.

    Attributes:
        key: the key items use in their ``lead`` and ``partners`` columns, e.g. ``police``.
        name: the organisation's name.
        kind: a free description such as ``council``, ``police``, ``health``, ``county``
            or ``partnership``.
        members: for a partnership, the keys of its member organisations.
    """

    key: str
    name: str
    kind: str = "partner"
    members: tuple[str, ...] = field(default=(), converter=_str_tuple)
