"""Built-in store backends: ``memory://`` and ``sqlite:///path``, from
:func:`goldenthread.storage.url.builtin_store_backends`."""

from __future__ import annotations

from goldenthread.hookspecs import hookimpl
from goldenthread.storage.base import StoreBackend
from goldenthread.storage.url import builtin_store_backends

__all__ = ["goldenthread_store_backends"]


@hookimpl
def goldenthread_store_backends() -> list[StoreBackend]:
    """The in-memory store (``memory://``) and the embedded SQLite store (``sqlite:///``)."""
    return builtin_store_backends()
