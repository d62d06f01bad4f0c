"""Opening a store by URL: ``memory://``, ``sqlite:///PATH`` and plugin schemes.

The part of the URL before ``://`` chooses the backend: with a plugin manager, among the
backends every registered plugin offers through the ``goldenthread_store_backends`` hook
(which include the built-ins, registered as a default plugin); without one, the built-in
backends (:func:`builtin_store_backends`) serve ``memory://`` and ``sqlite://`` directly,
and any other scheme is looked up among the installed plugins (a new
:func:`~goldenthread.plugins.get_plugin_manager`), so
``open_store("postgresql://...")`` works once ``goldenthread-postgres`` is installed.

``open_store(url, read_only=True)`` is how reading commands open a store: it never
creates one (``sqlite:///missing.db`` is an error naming the path).  An SQLite URL must
name a file: ``sqlite:///:memory:`` keeps nothing once the command ends and is refused.
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


def _backends(
    scheme: str, plugin_manager: pluggy.PluginManager | None
) -> Mapping[str, StoreBackend]:
    if plugin_manager is None:
        builtin = {b.scheme: b for b in builtin_store_backends()}
        if scheme in builtin:
            return builtin
    from goldenthread.plugins import collect, get_plugin_manager

    pm = plugin_manager or get_plugin_manager()
    return cast(Mapping[str, StoreBackend], collect(pm, "store_backends"))


def open_store(
    url: str, *, plugin_manager: pluggy.PluginManager | None = None, read_only: bool = False
) -> Store:
    """Open (creating and migrating if need be) the store at ``url``.

    With ``read_only`` (what every reading command asks for) the store must already
    exist: a backend offering ``open_for_reading(url)`` (the SQLite backend does: SQLite's
    ``mode=ro``, and a missing file is an error naming its path) opens it that way, so
    reading never creates a store; any other backend is opened with ``open(url)``.

    Args:
        url: ``memory://`` (a new empty in-memory store), ``sqlite:///relative.db``,
            ``sqlite:////absolute/path.db``, or a scheme a plugin serves.
        plugin_manager: a manager from :func:`goldenthread.plugins.get_plugin_manager`;
            without one, ``memory`` and ``sqlite`` are served by the built-in backends and
            any other scheme by the installed plugins.
        read_only: open an existing store for reading, never creating one.

    Raises:
        UnknownSchemeError: no backend serves the URL's scheme (the message lists those
            that do).
        StoreError: the URL is malformed for its backend, or the store cannot be opened.
    """
    scheme = url_scheme(url)
    backends = _backends(scheme, plugin_manager)
    if scheme not in backends:
        known = ", ".join(f"{s}://" for s in sorted(backends))
        hint = "" if plugin_manager is not None else " (installed plugins included)"
        raise UnknownSchemeError(f"no store backend for {scheme}:// (known: {known}){hint}")
    backend = backends[scheme]
    reader = getattr(backend, "open_for_reading", None) if read_only else None
    if callable(reader):
        return cast(Store, reader(url))
    return backend.open(url)
