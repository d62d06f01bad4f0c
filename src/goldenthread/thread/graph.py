"""The in-memory golden thread: levels, organisations, items, links and indicators.

:class:`Thread` is the aggregate every question is asked of.  It is built once from its
records and indexes them on construction (plain dictionaries and lists, linear in the
number of items and links), so tracing, coverage and the integrity checks never scan the
whole thread per item.

Upward edges come from each item's ``parent`` and from the further :class:`Link`
records; duplicate edges count once.  Edges that name a missing item are left out of the
index (the ``dangling-link`` check reports them).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from attrs import evolve, field, frozen

from goldenthread.thread.items import IndicatorLink, Item, Link
from goldenthread.thread.levels import LevelScheme
from goldenthread.thread.organisations import Organisation
from goldenthread.thread.presets import GENERIC

__all__ = ["Thread"]

_EMPTY: tuple[str, ...] = ()


def _item_tuple(items: Iterable[Item]) -> tuple[Item, ...]:
    return tuple(items)


def _link_tuple(links: Iterable[Link]) -> tuple[Link, ...]:
    return tuple(links)


def _indicator_tuple(links: Iterable[IndicatorLink]) -> tuple[IndicatorLink, ...]:
    return tuple(links)


def _org_tuple(orgs: Iterable[Organisation]) -> tuple[Organisation, ...]:
    return tuple(orgs)


@frozen
class Thread:
    """A council's golden thread.

    Attributes:
        items: every plan, objective and action (ids should be unique; the first item with
            an id is the one indexed and a repeat is a ``duplicate-id`` finding).
        levels: the level scheme (the generic one by default).
        links: further upward links beyond each item's ``parent``.
        indicators: indicator attachments.
        organisations: the organisations and partners items name.
    """

    items: tuple[Item, ...] = field(converter=_item_tuple)
    levels: LevelScheme = GENERIC
    links: tuple[Link, ...] = field(default=(), converter=_link_tuple)
    indicators: tuple[IndicatorLink, ...] = field(default=(), converter=_indicator_tuple)
    organisations: tuple[Organisation, ...] = field(default=(), converter=_org_tuple)
    _by_id: dict[str, Item] = field(init=False, eq=False, repr=False)
    _parents: dict[str, list[str]] = field(init=False, eq=False, repr=False)
    _children: dict[str, list[str]] = field(init=False, eq=False, repr=False)
    _measures: dict[str, list[str]] = field(init=False, eq=False, repr=False)
    _successor: dict[str, str] = field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        by_id: dict[str, Item] = {}
        for item in self.items:
            by_id.setdefault(item.id, item)
        parents: dict[str, list[str]] = {}
        children: dict[str, list[str]] = {}

        def add(child: str, parent: str) -> None:
            if child not in by_id or parent not in by_id:
                return
            ups = parents.get(child)
            if ups is None:
                parents[child] = [parent]
            elif parent in ups:
                return
            else:
                ups.append(parent)
            downs = children.get(parent)
            if downs is None:
                children[parent] = [child]
            else:
                downs.append(child)

        successor: dict[str, str] = {}
        for iid, item in by_id.items():
            up = item.parent
            if up is not None and up in by_id:
                parents[iid] = [up]
                downs = children.get(up)
                if downs is None:
                    children[up] = [iid]
                else:
                    downs.append(iid)
            if item.supersedes is not None and item.supersedes != iid:
                successor.setdefault(item.supersedes, iid)
        for link in self.links:
            add(link.child, link.parent)
        measures: dict[str, list[str]] = {}
        for att in self.indicators:
            codes = measures.setdefault(att.item, [])
            if att.indicator not in codes:
                codes.append(att.indicator)
        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(self, "_parents", parents)
        object.__setattr__(self, "_children", children)
        object.__setattr__(self, "_measures", measures)
        object.__setattr__(self, "_successor", successor)

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._by_id

    def __getitem__(self, item_id: str) -> Item:
        return self._by_id[item_id]

    def get(self, item_id: str) -> Item | None:
        """The item with id ``item_id``, or ``None``."""
        return self._by_id.get(item_id)

    @property
    def by_id(self) -> Mapping[str, Item]:
        """Items by id (the first item of each id)."""
        return self._by_id

    def parents(self, item_id: str) -> Sequence[str]:
        """Ids of the existing items ``item_id`` contributes to, ``parent`` first."""
        return self._parents.get(item_id, _EMPTY)

    def children(self, item_id: str) -> Sequence[str]:
        """Ids of the existing items that contribute to ``item_id``."""
        return self._children.get(item_id, _EMPTY)

    @property
    def parent_map(self) -> Mapping[str, Sequence[str]]:
        """Upward edges: each item that contributes to something, to the ids it contributes
        to (items contributing to nothing are absent).  Do not modify it."""
        return self._parents

    @property
    def child_map(self) -> Mapping[str, Sequence[str]]:
        """Downward edges: each item something contributes to, to the contributing ids.
        Do not modify it."""
        return self._children

    @property
    def measured_map(self) -> Mapping[str, Sequence[str]]:
        """Each item with indicators attached to their codes.  Do not modify it."""
        return self._measures

    @property
    def successor_map(self) -> Mapping[str, str]:
        """Each superseded id to the id of the item that supersedes it directly."""
        return self._successor

    def indicators_of(self, item_id: str) -> Sequence[str]:
        """Codes of the indicators attached to ``item_id``."""
        return self._measures.get(item_id, _EMPTY)

    def edges(self) -> list[tuple[str, str]]:
        """Every distinct upward edge ``(child, parent)`` between existing items."""
        return [(c, p) for c, ups in self._parents.items() for p in ups]

    def roots(self) -> list[str]:
        """Ids of the items that contribute to nothing, in item order."""
        return [i for i in self._by_id if i not in self._parents]

    def successor(self, item_id: str) -> str | None:
        """The id of the item that supersedes ``item_id`` directly, if any."""
        return self._successor.get(item_id)

    def current(self, item_id: str) -> str:
        """The latest version of ``item_id``, following ``supersedes`` (stops on a loop)."""
        seen = {item_id}
        current = item_id
        while (nxt := self._successor.get(current)) is not None and nxt not in seen:
            seen.add(nxt)
            current = nxt
        return current

    def with_links(self, *links: Link) -> Thread:
        """A copy with ``links`` added."""
        return Thread(
            self.items,
            self.levels,
            self.links + links,
            self.indicators,
            self.organisations,
        )

    def follow_revisions(self) -> Thread:
        """A copy in which every upward link to a superseded item points at its latest
        version instead (the item's ``parent`` and the further links)."""
        items = []
        for item in self.items:
            if item.parent is not None and item.parent in self._successor:
                item = evolve(item, parent=self.current(item.parent))
            items.append(item)
        links = tuple(
            Link(lk.child, self.current(lk.parent), lk.kind) if lk.parent in self._successor else lk
            for lk in self.links
        )
        return Thread(items, self.levels, links, self.indicators, self.organisations)

    def _repr_html_(self) -> str:
        from goldenthread.thread.tree import tree_html

        return tree_html(self)
