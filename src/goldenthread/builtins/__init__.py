"""goldenthread's built-in plugins: its default behaviour, offered through the plugin seam.

Each module of this package implements the hooks of one family (for example
``goldenthread.builtins.rag`` offers the published RAG rules) and is registered by
:func:`goldenthread.plugins.get_plugin_manager` under its module name, exactly like a
third-party plugin, so a council can block or override any of them.
"""

from __future__ import annotations

from goldenthread._lazy import TYPE_CHECKING, lazy_exports

__all__ = ["BUILTIN_PLUGINS"]

BUILTIN_PLUGINS: tuple[str, ...] = (
    "goldenthread.builtins.storage",
    "goldenthread.builtins.rag",
    "goldenthread.builtins.risk",
    "goldenthread.builtins.calendars",
    "goldenthread.builtins.levels",
    "goldenthread.builtins.branding",
    "goldenthread.builtins.terminology",
    "goldenthread.builtins.reports",
)
"""The module names of the built-in plugins, in the order they are registered."""

if not TYPE_CHECKING:
    # A plugin module (``goldenthread.builtins.rag``) is reachable as an attribute,
    # imported when first used.
    __getattr__, __dir__ = lazy_exports(__name__, {})
