"""Small builders for thread tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from goldenthread.thread import Item, ItemKind

TODAY = dt.date(2013, 11, 30)


def item(item_id: str, level: str = "corporate", parent: str | None = None, **kw: Any) -> Item:
    """An item with an owner (so it is not ``unowned``) and the given fields."""
    kind = kw.pop("kind", ItemKind.OBJECTIVE)
    kw.setdefault("owner", "Someone")
    return Item(item_id, kind, kw.pop("title", f"Item {item_id}"), level, parent=parent, **kw)
