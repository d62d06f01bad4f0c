"""Lazy re-exports: a package's public names are imported from their modules on first use.

Each package ``__init__`` of goldenthread lists its public names in ``__all__`` and
imports them under ``if TYPE_CHECKING:`` (so mypy and readers see exactly where each name
comes from), then hands the same mapping to :func:`lazy_exports`, which returns the
module-level ``__getattr__`` and ``__dir__`` of :pep:`562`.  ``import goldenthread`` then
costs almost nothing, ``from goldenthread.reports import render`` imports
:mod:`goldenthread.reports.render` (and Jinja2) only when it is written, and a command
that never touches reports never pays for them.  See ``docs/decisions/lazy-imports.md``.

One subtlety: three packages export a function or class with the same name as one of
their submodules (``goldenthread.indicators.assess``, ``goldenthread.reports.render`` and
``goldenthread.thread.coverage``).  Importing the submodule makes Python set the package
attribute to the *module*; an eager ``from .render import render`` used to overwrite it
with the function straight away.  :func:`lazy_exports` gives such a package a module class
that refuses that assignment, so the public name always means the function, as before.
"""

from __future__ import annotations

import importlib
import sys
import types

TYPE_CHECKING = False
"""``typing.TYPE_CHECKING`` without importing :mod:`typing` (about 5 ms) at start-up.

Type checkers treat any name ``TYPE_CHECKING`` as true, so a package's ``if TYPE_CHECKING:``
imports are what mypy and readers see, while at run time they are skipped."""

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping
    from typing import Any

__all__ = ["TYPE_CHECKING", "lazy_exports"]


class _LazyPackage(types.ModuleType):
    """A package whose public name ``X`` is never replaced by its submodule ``X``."""

    _shadowed: frozenset[str] = frozenset()

    def __setattr__(self, name: str, value: Any) -> None:
        if (
            name in self._shadowed
            and isinstance(value, types.ModuleType)
            and value.__name__ == f"{self.__name__}.{name}"
        ):
            # The import system announcing the submodule: keep the public name instead.
            return
        super().__setattr__(name, value)


def _submodule(package: str, name: str) -> types.ModuleType:
    full = f"{package}.{name}"
    try:
        return importlib.import_module(full)
    except ModuleNotFoundError as exc:
        if exc.name != full:
            raise  # the submodule exists but something it imports does not
        raise AttributeError(f"module {package!r} has no attribute {name!r}") from None


def lazy_exports(
    package: str,
    exports: Mapping[str, Iterable[str]],
    submodules: Iterable[str] = (),
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of a package whose names load on first use.

    Args:
        package: the package's ``__name__``.
        exports: for each module (a full dotted name), the names the package re-exports
            from it.
        submodules: the package's own submodules it exports as names (e.g.
            ``goldenthread.cycles`` as ``cycles``).  Any other submodule is still an
            attribute of the package, imported when first used, as it was when every
            package imported all of its modules.

    Raises:
        ValueError: a name is exported twice.
    """
    origin: dict[str, str] = {}
    for module_name, names in exports.items():
        for name in names:
            if name in origin:
                raise ValueError(f"{package} exports {name!r} twice")
            origin[name] = module_name
    modules = frozenset(submodules)
    shadowed = frozenset(
        name for name, module_name in origin.items() if module_name == f"{package}.{name}"
    )
    this = sys.modules[package]
    if shadowed:
        this.__class__ = _LazyPackage
        # Set on the module itself through object's setattr: ours would keep it.
        types.ModuleType.__setattr__(this, "_shadowed", shadowed)

    def getattr_(name: str) -> Any:
        module_name = origin.get(name)
        if module_name is not None:
            value = getattr(importlib.import_module(module_name), name)
        elif name in modules:
            value = importlib.import_module(f"{package}.{name}")
        elif name.startswith("__"):
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        else:
            # Any other submodule, as ``goldenthread.risk.matrix`` after ``import
            # goldenthread``: the eager packages had imported them all.
            value = _submodule(package, name)
        # Remember it, so the next use is an ordinary attribute lookup.
        types.ModuleType.__setattr__(this, name, value)
        return value

    def dir_() -> list[str]:
        return sorted(set(vars(this)) | origin.keys() | modules)

    return getattr_, dir_
