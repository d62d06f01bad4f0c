"""Building plugin managers and reading what their plugins offer.

:func:`get_plugin_manager` builds a fresh :class:`pluggy.PluginManager` on every call; there
is no module-level manager, so two contexts (two councils in one process, or a test and the
code it tests) never share plugins.  The manager knows the specifications of
:mod:`goldenthread.hookspecs` and holds, in this order:

1. the built-in plugins (:data:`goldenthread.builtins.BUILTIN_PLUGINS`), registered under
   their module names exactly like third-party plugins, so they can be blocked and
   overridden the same way;
2. the plugins of every installed distribution's ``goldenthread`` entry-point group,
   registered under their entry-point names;
3. the ``extra`` plugin objects passed by the caller.

Then :meth:`~pluggy.PluginManager.check_pending` makes a misspelt hook implementation (a
function marked ``@hookimpl`` whose name is not a specification) fail at once with
:class:`pluggy.PluginValidationError`, instead of being silently ignored.

:func:`collect` turns a collection hook into a name-keyed :class:`Registry`; two plugins
offering the same name is a :class:`DuplicateNameError` unless the caller says which to
prefer.  :func:`plugin_listing` describes the loaded plugins for ``goldenthread plugins``.
"""

from __future__ import annotations

import importlib
import types
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Generic, TypeVar

import pluggy
from attrs import field, frozen

from goldenthread import hookspecs
from goldenthread.builtins import BUILTIN_PLUGINS
from goldenthread.errors import GoldenthreadError
from goldenthread.indicators.rag import RagRule, RagRules

__all__ = [
    "COLLECTION_HOOKS",
    "Collection",
    "DuplicateNameError",
    "PluginError",
    "PluginInfo",
    "Registry",
    "UnknownNameError",
    "branding_for",
    "collect",
    "get_plugin_manager",
    "plugin_listing",
    "rag_rules_for",
]

T = TypeVar("T")

ENTRY_POINT_GROUP = hookspecs.PROJECT_NAME
"""The entry-point group plugins are loaded from: ``goldenthread``."""


class PluginError(GoldenthreadError):
    """A plugin, or the combination of installed plugins, cannot be used as it stands."""


class DuplicateNameError(PluginError):
    """Two plugins (or one plugin twice) offer an object under the same name."""


class UnknownNameError(PluginError, KeyError):
    """No plugin offers an object under the requested name."""

    def __str__(self) -> str:
        # KeyError would otherwise show the message quoted, as a repr.
        return str(self.args[0]) if self.args else ""


@frozen
class Collection:
    """How one collection hook's objects are keyed.

    Attributes:
        hook: the hook's full name, e.g. ``goldenthread_rag_rules``.
        key: the attribute of each returned object that names it (``name``, or ``scheme``
            for store backends).
        noun: what one object is called in messages, e.g. ``RAG rule``.
    """

    hook: str
    key: str
    noun: str


COLLECTION_HOOKS: Mapping[str, Collection] = types.MappingProxyType(
    {
        short: Collection(f"goldenthread_{short}", key, noun)
        for short, key, noun in (
            ("store_backends", "scheme", "store backend"),
            ("rag_rules", "name", "RAG rule"),
            ("risk_matrices", "name", "risk matrix"),
            ("risk_scoring_formulas", "name", "risk scoring formula"),
            ("holiday_calendars", "name", "holiday calendar"),
            ("level_presets", "name", "level preset"),
            ("terminology", "name", "terminology preset"),
            ("branding_presets", "name", "branding preset"),
            ("report_kinds", "name", "report kind"),
            ("report_formats", "name", "report format"),
        )
    }
)
"""Every collection hook, by short name (the hook name without ``goldenthread_``)."""


def get_plugin_manager(
    *,
    entry_points: bool = True,
    block: Iterable[str] = (),
    extra: Iterable[object] = (),
) -> pluggy.PluginManager:
    """A new plugin manager holding the built-in, installed and ``extra`` plugins.

    Args:
        entry_points: load the plugins of the ``goldenthread`` entry-point group of every
            installed distribution (turn off for a hermetic manager, e.g. in tests).
        block: plugin names never to register: a built-in's module name (e.g.
            ``goldenthread.builtins.rag``), an entry-point name, or an ``extra`` plugin's
            name.  Naming a plugin that is not installed is allowed.
        extra: further plugin objects (modules, classes or instances with ``@hookimpl``
            functions), registered last, so their branding is asked first.  Each is
            registered under its :func:`plugin_name`.

    Raises:
        pluggy.PluginValidationError: a plugin implements a hook that does not exist (for
            example a misspelt name) or with arguments the specification does not have.
        PluginError: two plugins would be registered under the same name.
    """
    pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    pm.add_hookspecs(hookspecs)
    for name in block:
        pm.set_blocked(name)
    for module_name in BUILTIN_PLUGINS:
        if not pm.is_blocked(module_name):
            _register(pm, importlib.import_module(module_name), module_name)
    if entry_points:
        pm.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
    for plugin in extra:
        name = plugin_name(plugin)
        if not pm.is_blocked(name):
            _register(pm, plugin, name)
    pm.check_pending()
    return pm


def plugin_name(plugin: object) -> str:
    """The name an ``extra`` plugin is registered under.

    A module's ``__name__``; a class's dotted name (``package.module.Class``); for any other
    object, the dotted name of its class.
    """
    if isinstance(plugin, types.ModuleType):
        return plugin.__name__
    cls = plugin if isinstance(plugin, type) else type(plugin)
    return f"{cls.__module__}.{cls.__qualname__}"


def _register(pm: pluggy.PluginManager, plugin: object, name: str) -> None:
    if pm.has_plugin(name):
        raise PluginError(f"two plugins are named {name!r}; register a differently named object")
    pm.register(plugin, name=name)


def _read_only(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    return types.MappingProxyType(dict(mapping))


@frozen
class Registry(Mapping[str, T], Generic[T]):
    """The objects of one collection hook, by name, with the plugin that offered each.

    A read-only mapping: ``registry["kent-floor"]``, ``"default" in registry``,
    ``sorted(registry)``.  Looking up a name no plugin offers raises
    :class:`UnknownNameError` (a :class:`KeyError`) listing the names that exist.
    """

    noun: str
    _entries: Mapping[str, T] = field(converter=_read_only)
    _providers: Mapping[str, str] = field(converter=_read_only)

    def __getitem__(self, name: str) -> T:
        try:
            return self._entries[name]
        except KeyError:
            raise self._unknown(name) from None

    def _unknown(self, name: str) -> UnknownNameError:
        known = ", ".join(sorted(self._entries)) or "none"
        return UnknownNameError(f"no plugin offers a {self.noun} named {name!r}; known: {known}")

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def provider(self, name: str) -> str:
        """The name of the plugin that offered ``name``.

        Raises:
            UnknownNameError: no plugin offers ``name``.
        """
        try:
            return self._providers[name]
        except KeyError:
            raise self._unknown(name) from None


def collect(
    pm: pluggy.PluginManager,
    hook: str,
    *,
    prefer: Mapping[str, str] | None = None,
) -> Registry[Any]:
    """Gather every plugin's answer to a collection hook into one :class:`Registry`.

    Each implementation is called once, in registration order; the objects it returns
    are keyed by their ``name`` (``scheme`` for store backends).  Plugin order never
    decides between two objects of the same name: that is a :class:`DuplicateNameError`
    unless ``prefer`` maps the name to the plugin that should win, e.g.
    ``collect(pm, "rag_rules", prefer={"default": "acme_rules"})``.  (To drop a plugin
    entirely, block it in :func:`get_plugin_manager`.)

    Args:
        pm: a manager from :func:`get_plugin_manager`.
        hook: the hook's short name (``"rag_rules"``) or full name
            (``"goldenthread_rag_rules"``); see :data:`COLLECTION_HOOKS`.
        prefer: object name to the name of the plugin whose object of that name to keep.

    Raises:
        PluginError: ``hook`` is not a collection hook; an implementation is a wrapper,
            raises, returns something other than a list, or returns an object without a
            string name; or ``prefer`` names an object or plugin that does not offer it.
        DuplicateNameError: two offers of one name with no preference between them.
    """
    spec = COLLECTION_HOOKS.get(hook.removeprefix("goldenthread_"))
    if spec is None:
        known = ", ".join(COLLECTION_HOOKS)
        raise PluginError(f"{hook!r} is not a collection hook; collection hooks: {known}")
    prefer = dict(prefer or {})
    offers: dict[str, list[tuple[str, object]]] = {}
    for impl in getattr(pm.hook, spec.hook).get_hookimpls():
        for obj in _call(impl, spec):
            offers.setdefault(_name_of(obj, impl.plugin_name, spec), []).append(
                (impl.plugin_name, obj)
            )
    entries: dict[str, object] = {}
    providers: dict[str, str] = {}
    for name, offered in offers.items():
        chosen = _choose(name, offered, prefer.pop(name, None), spec)
        providers[name], entries[name] = chosen
    if prefer:
        unknown = ", ".join(repr(n) for n in sorted(prefer))
        raise PluginError(f"prefer names {spec.noun} {unknown}, which no plugin offers")
    return Registry(spec.noun, entries, providers)


def _call(impl: pluggy.HookImpl, spec: Collection) -> list[object]:
    who = f"plugin {impl.plugin_name!r}"
    if impl.wrapper or impl.hookwrapper:
        raise PluginError(f"{who} wraps {spec.hook}; collection hooks cannot be wrapped")
    try:
        result = impl.function()
    except Exception as exc:
        raise PluginError(f"{who} failed in {spec.hook}: {exc}") from exc
    if not isinstance(result, list | tuple):
        raise PluginError(
            f"{who} returned {type(result).__name__} from {spec.hook}; expected a list"
        )
    return list(result)


def _name_of(obj: object, plugin: str, spec: Collection) -> str:
    name = getattr(obj, spec.key, None)
    if not isinstance(name, str) or not name:
        raise PluginError(
            f"plugin {plugin!r} returned from {spec.hook} an object without a "
            f"non-empty string {spec.key!r}: {obj!r}"
        )
    return name


def _choose(
    name: str, offered: list[tuple[str, object]], preferred: str | None, spec: Collection
) -> tuple[str, object]:
    plugins = [plugin for plugin, _ in offered]
    if preferred is not None:
        matches = [offer for offer in offered if offer[0] == preferred]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise PluginError(
                f"prefer chooses plugin {preferred!r} for {spec.noun} {name!r}, but it is "
                f"offered only by {', '.join(repr(p) for p in plugins)}"
            )
    elif len(offered) == 1:
        return offered[0]
    raise DuplicateNameError(
        f"{spec.noun} {name!r} is offered more than once, by "
        f"{', '.join(repr(p) for p in plugins)}; block one of the plugins or say which "
        f"to prefer (prefer={{{name!r}: <plugin name>}})"
    )


def branding_for(pm: pluggy.PluginManager, organisation: str) -> Any:
    """The branding for ``organisation``: the first non-``None`` plugin answer.

    Raises:
        PluginError: no plugin brands the organisation (the built-in default branding
            has been blocked and no other plugin answered).
    """
    result = pm.hook.goldenthread_branding(organisation=organisation)
    if result is None:
        raise PluginError(f"no plugin provides branding for organisation {organisation!r}")
    return result


def rag_rules_for(pm: pluggy.PluginManager, *, prefer: Mapping[str, str] | None = None) -> RagRules:
    """Every RAG rule the plugins of ``pm`` offer (the built-in ones included), as the
    registry :func:`~goldenthread.indicators.assess.assess_all` rates indicators by.

    An indicator names its rule in ``indicators.csv`` (``rag_rule``); a rule offered by an
    installed plugin is chosen exactly like a built-in one.

    Raises:
        PluginError: an offered rule is not callable, or a plugin fails (see
            :func:`collect`).
        DuplicateNameError: two plugins offer a rule of the same name and ``prefer`` does
            not say which to use.
    """
    registry = collect(pm, "rag_rules", prefer=prefer)
    rules: dict[str, RagRule] = {}
    for name in registry:
        rule = registry[name]
        if not callable(rule):
            raise PluginError(
                f"plugin {registry.provider(name)!r} offers RAG rule {name!r}, which is not "
                "callable; a rule is called with a RagInput and returns a RagStatus"
            )
        rules[name] = rule
    return RagRules(rules)


@frozen
class PluginInfo:
    """One loaded plugin, as ``goldenthread plugins`` lists it.

    Attributes:
        name: the name it is registered (and can be blocked) under.
        module: the module the plugin is, or that defines its class.
        distribution: the installed distribution it came from (entry-point plugins only).
        version: that distribution's version.
        builtin: whether it is one of goldenthread's built-in plugins.
        hooks: the hooks it implements, sorted.
    """

    name: str
    module: str
    distribution: str | None
    version: str | None
    builtin: bool
    hooks: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape ``goldenthread plugins --format json`` prints."""
        return {
            "name": self.name,
            "module": self.module,
            "distribution": self.distribution,
            "version": self.version,
            "builtin": self.builtin,
            "hooks": list(self.hooks),
        }


def plugin_listing(pm: pluggy.PluginManager) -> list[PluginInfo]:
    """Every plugin registered with ``pm``, in registration order (blocked ones left out)."""
    dists = {id(plugin): dist for plugin, dist in pm.list_plugin_distinfo()}
    listing = []
    for name, plugin in pm.list_name_plugin():
        if plugin is None:  # a blocked name
            continue
        dist = dists.get(id(plugin))
        listing.append(
            PluginInfo(
                name=name,
                module=_module_of(plugin),
                distribution=None if dist is None else dist.metadata["Name"],
                version=None if dist is None else dist.version,
                builtin=name in BUILTIN_PLUGINS,
                hooks=tuple(sorted(h.name for h in pm.get_hookcallers(plugin) or ())),
            )
        )
    return listing


def _module_of(plugin: object) -> str:
    if isinstance(plugin, types.ModuleType):
        return plugin.__name__
    if isinstance(plugin, type):
        return plugin.__module__
    return type(plugin).__module__
