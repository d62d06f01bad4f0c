"""Built-in store backends: ``memory://`` and ``sqlite:///path``, from
:func:`goldenthread.storage.url.builtin_store_backends`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from goldenthread.hookspecs import hookimpl

if TYPE_CHECKING:
    from goldenthread.storage.base import StoreBackend

__all__ = ["goldenthread_store_backends"]


@hookimpl
def goldenthread_store_backends() -> list[StoreBackend]:
    """The in-memory store (``memory://``) and the embedded SQLite store (``sqlite:///``)."""
    # Imported when a store is opened, not when every plugin manager registers this module.
    from goldenthread.storage.url import builtin_store_backends

    return builtin_store_backends()
