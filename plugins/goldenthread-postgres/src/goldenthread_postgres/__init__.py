"""goldenthread-postgres: a PostgreSQL store backend for goldenthread (psycopg 3).

Install it and open a store by URL (the installed plugins serve any scheme the built-in
backends do not)::

    from goldenthread.storage import open_store

    store = open_store("postgresql://user@host/db")

The names below are loaded from :mod:`goldenthread_postgres.store` on first use, so that
registering the plugin (which every ``goldenthread`` command does) does not import psycopg
until a PostgreSQL store is opened.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from goldenthread_postgres.store import (
        POSTGRES_MIGRATIONS,
        PostgresBackend,
        PostgresStore,
        migrate_postgres,
    )

__all__ = ["POSTGRES_MIGRATIONS", "PostgresBackend", "PostgresStore", "migrate_postgres"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(importlib.import_module("goldenthread_postgres.store"), name)
    raise AttributeError(f"module 'goldenthread_postgres' has no attribute {name!r}")
