"""Loading the plugin, which needs no server: psycopg is imported only when it is used."""

from __future__ import annotations

import subprocess
import sys


def test_loading_the_plugin_does_not_import_psycopg() -> None:
    """Every goldenthread command registers the installed plugins; psycopg is imported only
    when a PostgreSQL store is opened (or a name of the package is used)."""
    code = (
        "import sys\n"
        "from goldenthread.plugins import collect, get_plugin_manager\n"
        "backends = collect(get_plugin_manager(), 'store_backends')\n"
        "assert 'postgresql' in backends and 'postgres' in backends\n"
        "assert 'psycopg' not in sys.modules, 'psycopg imported at registration'\n"
        "import goldenthread_postgres\n"
        "assert goldenthread_postgres.PostgresStore.__name__ == 'PostgresStore'\n"
        "assert 'psycopg' in sys.modules\n"
    )
    done = subprocess.run(  # noqa: S603 - our own interpreter running our own code
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
