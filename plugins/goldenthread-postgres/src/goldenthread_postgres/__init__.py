"""goldenthread-postgres: a PostgreSQL store backend for goldenthread (psycopg 3).

Install it and open a store with a plugin manager::

    from goldenthread.plugins import get_plugin_manager
    from goldenthread.storage import open_store

    store = open_store("postgresql://user@host/db", plugin_manager=get_plugin_manager())
"""

from goldenthread_postgres.store import (
    POSTGRES_MIGRATIONS,
    PostgresBackend,
    PostgresStore,
    migrate_postgres,
)

__all__ = ["POSTGRES_MIGRATIONS", "PostgresBackend", "PostgresStore", "migrate_postgres"]
