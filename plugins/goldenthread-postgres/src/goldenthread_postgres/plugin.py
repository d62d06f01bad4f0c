"""The goldenthread plugin: registers the ``postgresql://`` and ``postgres://`` schemes.

Loaded through the ``goldenthread`` entry-point group (``postgres``) by
:func:`goldenthread.plugins.get_plugin_manager`.  The backends it offers import psycopg
only when a store is opened, so loading the plugin costs every command nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from attrs import frozen

from goldenthread.hookspecs import hookimpl
from goldenthread.storage.base import StoreBackend

if TYPE_CHECKING:
    from goldenthread_postgres.store import PostgresStore

__all__ = ["PostgresScheme", "goldenthread_store_backends"]


@frozen
class PostgresScheme:
    """The PostgreSQL backend for one scheme, loaded on first use.

    ``open(url)`` is :meth:`goldenthread_postgres.store.PostgresBackend.open`.
    """

    scheme: str

    def open(self, url: str) -> PostgresStore:
        """Open (creating and migrating if need be) the store at ``url``."""
        from goldenthread_postgres.store import PostgresBackend

        return PostgresBackend(self.scheme).open(url)


@hookimpl
def goldenthread_store_backends() -> list[StoreBackend]:
    """The PostgreSQL backend, under ``postgresql`` and its alias ``postgres``."""
    return [PostgresScheme("postgresql"), PostgresScheme("postgres")]
