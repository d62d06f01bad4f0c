"""Opening a store by URL: ``memory://``, ``sqlite:///PATH`` and plugin schemes.

The part of the URL before ``://`` chooses the backend.  Without a plugin manager only the
built-in backends (:func:`builtin_store_backends`) are used; with one, the backends every
registered plugin offers through the ``goldenthread_store_backends`` hook (which include the
built-ins, registered as a default plugin, and installed packages such as
``goldenthread-postgres`` for ``postgresql://``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, cast

from goldenthread.storage.base import Store, StoreBackend, StoreError
from goldenthread.storage.memory import MemoryBackend
from goldenthread.storage.sqlite import SQLiteBackend

if TYPE_CHECKING:
    import pluggy

__all__ = ["UnknownSchemeError", "builtin_store_backends", "open_store", "url_scheme"]


class UnknownSchemeError(StoreError):
    """No backend serves the scheme of a store URL."""


def builtin_store_backends() -> list[StoreBackend]:
    """The built-in backends: ``memory`` and ``sqlite`` (for the built-in plugin)."""
    return [MemoryBackend(), SQLiteBackend()]


def url_scheme(url: str) -> str:
    """The scheme of a store URL (the part before ``://``).

    Raises:
        StoreError: the URL has no ``scheme://`` prefix.
    """
    scheme, sep, _ = url.partition("://")
    if not sep or not scheme:
        raise StoreError(
            f"{url!r} is not a store URL; expected scheme://..., e.g. sqlite:///goldenthread.db"
        )
    return scheme


def _backends(plugin_manager: pluggy.PluginManager | None) -> Mapping[str, StoreBackend]:
    if plugin_manager is None:
        return {b.scheme: b for b in builtin_store_backends()}
    from goldenthread.plugins import collect

    return cast(Mapping[str, StoreBackend], collect(plugin_manager, "store_backends"))


def open_store(url: str, *, plugin_manager: pluggy.PluginManager | None = None) -> Store:
    """Open (creating and migrating if need be) the store at ``url``.

    Args:
        url: ``memory://`` (a new empty in-memory store), ``sqlite:///relative.db``,
            ``sqlite:////absolute/path.db``, or a scheme a plugin serves.
        plugin_manager: a manager from :func:`goldenthread.plugins.get_plugin_manager`;
            without one only the built-in backends are available.

    Raises:
        UnknownSchemeError: no backend serves the URL's scheme (the message lists those
            that do).
        StoreError: the URL is malformed for its backend, or the store cannot be opened.
    """
    scheme = url_scheme(url)
    backends = _backends(plugin_manager)
    if scheme not in backends:
        known = ", ".join(f"{s}://" for s in sorted(backends))
        hint = (
            "" if plugin_manager is not None else "; pass plugin_manager= to use installed plugins"
        )
        raise UnknownSchemeError(f"no store backend for {scheme}:// (known: {known}){hint}")
    return backends[scheme].open(url)
