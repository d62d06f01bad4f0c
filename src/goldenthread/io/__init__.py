"""Reading and writing bundles: the folders and workbooks councils keep their framework in."""

from goldenthread._lazy import TYPE_CHECKING, lazy_exports

if not TYPE_CHECKING:
    # Nothing is re-exported; a module (``goldenthread.io.bundle``) is still reachable as
    # an attribute, imported when first used.
    __getattr__, __dir__ = lazy_exports(__name__, {})
