"""The goldenthread plugin: registers the ``postgresql://`` and ``postgres://`` schemes.

Loaded through the ``goldenthread`` entry-point group (``postgres``) by
:func:`goldenthread.plugins.get_plugin_manager`.
"""

from __future__ import annotations

from goldenthread.hookspecs import hookimpl
from goldenthread.storage.base import StoreBackend
from goldenthread_postgres.store import PostgresBackend

__all__ = ["goldenthread_store_backends"]


@hookimpl
def goldenthread_store_backends() -> list[StoreBackend]:
    """The PostgreSQL backend, under ``postgresql`` and its alias ``postgres``."""
    return [PostgresBackend("postgresql"), PostgresBackend("postgres")]
