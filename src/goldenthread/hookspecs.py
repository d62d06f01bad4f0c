"""The hook specifications: every point at which a plugin can extend goldenthread.

A plugin is any object (usually a module) with functions named after these specifications
and marked with :data:`hookimpl`::

    from goldenthread.hookspecs import hookimpl

    @hookimpl
    def goldenthread_rag_rules():
        return [MyCouncilRule()]

and registered either through the ``goldenthread`` entry-point group of an installed
distribution or by passing it to :func:`goldenthread.plugins.get_plugin_manager`.

There are three kinds of hook:

*Collection hooks* (``goldenthread_store_backends`` ... ``goldenthread_report_formats``)
    take no arguments and return a list of *named* objects.  goldenthread never lets plugin
    order decide between two offerings: :func:`goldenthread.plugins.collect` gathers every
    plugin's list into one registry keyed by name (by URL scheme for store backends), and
    two plugins offering the same name is an error unless the caller says which plugin to
    prefer.  The caller then chooses an object by its name (a bundle's ``framework.toml``
    names the RAG rule, the matrix, the scoring formula, the calendar, the level preset,
    the terminology preset and the branding preset; see
    :data:`goldenthread.plugins.SELECTABLE`).  A plugin that has
    nothing to offer for a hook simply does not implement it.

*The branding hook* (:func:`goldenthread_branding`) is the one ``firstresult`` override:
    the first plugin to return something other than ``None`` wins, later-registered plugins
    are asked first, and the built-in default branding is asked last.

*The converter hook* (:func:`goldenthread_converter_hooks`) lets a plugin teach the
    serialisation converter about its own types.

Names are compared exactly (case-sensitive); choose lower-case, hyphenated names such as
``council-5x5`` and prefix them with your council or package when they might clash.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

import pluggy

if TYPE_CHECKING:
    import cattrs

__all__ = [
    "Named",
    "StoreBackendLike",
    "goldenthread_branding",
    "goldenthread_branding_presets",
    "goldenthread_converter_hooks",
    "goldenthread_holiday_calendars",
    "goldenthread_level_presets",
    "goldenthread_rag_rules",
    "goldenthread_report_formats",
    "goldenthread_report_kinds",
    "goldenthread_risk_matrices",
    "goldenthread_risk_scoring_formulas",
    "goldenthread_store_backends",
    "goldenthread_terminology",
    "hookimpl",
    "hookspec",
]

PROJECT_NAME = "goldenthread"
"""The pluggy project name; also the entry-point group plugins are loaded from."""

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
"""Marks a function in this module as a hook specification."""

hookimpl = pluggy.HookimplMarker(PROJECT_NAME)
"""Marks a plugin's function as the implementation of the hook of the same name.

Re-exported as ``goldenthread.hookimpl``.  Accepts pluggy's options, e.g.
``@hookimpl(trylast=True)``.
"""


class Named(Protocol):
    """What every object a collection hook returns must have: a ``name``.

    The name is how a council chooses the object (in ``framework.toml`` or on the command
    line) and must be unique across all installed plugins for that hook.
    """

    @property
    def name(self) -> str:
        """The object's registry name, e.g. ``default`` or ``kent-floor``."""
        ...


class StoreBackendLike(Protocol):
    """What :func:`goldenthread_store_backends` returns: a store backend for one URL scheme.

    The concrete base class is ``goldenthread.storage.base.StoreBackend``; this protocol
    states only what the plugin seam relies on.
    """

    @property
    def scheme(self) -> str:
        """The URL scheme the backend serves, without ``://`` (``sqlite``, ``postgres``)."""
        ...

    def open(self, url: str) -> Any:
        """Open (creating if need be) the store at ``url`` and return it."""
        ...


@hookspec
def goldenthread_store_backends() -> list[StoreBackendLike]:  # type: ignore[empty-body]
    """Store backends, one per URL scheme.

    Return a list of backend objects, each with a ``scheme`` (the part of a store URL before
    ``://``, e.g. ``postgres``) and an ``open(url)`` method returning a store that passes the
    storage conformance suite (``goldenthread.testing.conformance``).  ``open_store(url)``
    picks the backend by the URL's scheme; two plugins serving the same scheme is an error.
    The built-in plugin serves ``sqlite`` and ``memory``.
    """


@hookspec
def goldenthread_rag_rules() -> list[Named]:  # type: ignore[empty-body]
    """RAG rules: named ways of turning a value and its target into a RAG status.

    Return a list of rules, each with a ``name`` (the value a bundle selects it by, e.g.
    ``tolerance``, ``havering``, ``kent``) and callable as ``rule(inp)`` with a
    ``goldenthread.indicators.rag.RagInput``, returning a ``RagStatus``.
    ``goldenthread.builtins.rag.NamedRule(name, function)`` gives a plain function its
    name.  A rule is a pure function of its input: it must not read the clock, files or
    other plugins.  The built-in rules are ``tolerance``, ``havering``, ``kent``,
    ``medway`` and ``activity-range``.  A rule is only called with a value that has a
    target (``goldenthread.indicators.rag.rate`` settles ``data-only``,
    ``not-applicable``, ``not-yet-due``, ``no-data`` and ``no-target`` first); an
    optional ``explain(inp, status)`` method words the reason a report shows.
    """


@hookspec
def goldenthread_risk_matrices() -> list[Named]:  # type: ignore[empty-body]
    """Risk matrix presets: named ``goldenthread.risk`` matrices.

    Return a list of ``goldenthread.risk.matrix.RiskMatrix`` objects (likelihood x impact
    with score bands, or an explicit grid), each with the ``name`` a bundle's risk settings
    select it by (``[risk] matrix = "NAME"`` in ``framework.toml``).  Scales are 1-based;
    likelihood is always the first axis.  The built-in matrices are ``default-5x5``,
    ``4x4`` and ``3x3``.
    """


@hookspec
def goldenthread_risk_scoring_formulas() -> list[Named]:  # type: ignore[empty-body]
    """Risk scoring formulas: named ways of combining likelihood and impact into a score.

    Return a list of ``goldenthread.risk.scoring.Formula`` objects, each with a ``name``
    (e.g. ``product``) and callable as ``formula(likelihood, impact) -> int`` on the
    1-based scales.  A formula must be monotonic: a higher likelihood or impact never gives
    a lower score.  A bundle chooses one with ``[risk] scoring = "NAME"`` (or a matrix
    table's ``formula``).  A matrix is serialised with its formula's name, so the name must
    stay stable.
    """


@hookspec
def goldenthread_holiday_calendars() -> list[Named]:  # type: ignore[empty-body]
    """Holiday calendars used to move meeting and deadline dates off non-working days.

    Return a list of calendars, each following the
    ``goldenthread.cycles.calendars.WorkingDayCalendar`` protocol: a ``name`` (e.g.
    ``england-and-wales``), ``is_working_day(day)`` and ``add_working_days(day, n)``.
    The built-in calendars are ``england-and-wales``, ``scotland``, ``northern-ireland``
    and ``weekends-only``.
    """


@hookspec
def goldenthread_level_presets() -> list[Named]:  # type: ignore[empty-body]
    """Level presets: named, ordered lists of the golden thread's levels.

    Return a list of presets, each with a ``name`` (e.g. ``generic``, ``rossendale``,
    ``poole``) and a ``scheme``: a ``goldenthread.thread.levels.LevelScheme`` holding the
    levels from the top down.  ``goldenthread.builtins.levels.LevelPreset(name, scheme)``
    is such an object.  A bundle chooses one with ``[thread] levels = "NAME"`` instead of
    listing ``[[levels]]``.  Levels, their names and their number are always
    configuration; a preset is a convenient starting point.
    """


@hookspec
def goldenthread_terminology() -> list[Named]:  # type: ignore[empty-body]
    """Terminology presets: what a council calls the generic concepts.

    Return a list of presets, each with a ``name`` and a ``terminology``: a
    ``goldenthread.branding.Terminology`` saying what the council calls levels, RAG
    statuses and other generic terms (``service`` plan → ``Business Plan``).
    ``goldenthread.builtins.terminology.TerminologyPreset(name, terminology)`` is such an
    object.  A bundle chooses one with ``[branding] terminology = "NAME"``; reports use the
    chosen preset's words, and a term missing from a preset keeps its generic name.
    """


@hookspec
def goldenthread_branding_presets() -> list[Named]:  # type: ignore[empty-body]
    """Branding presets: a council's whole look (name, logo, colours, fonts, terminology)
    under a name any bundle can choose.

    Return a list of presets, each with a ``name`` (e.g. ``rossendale-borough``) and a
    ``branding``: a ``goldenthread.branding.Branding``.
    ``goldenthread.builtins.branding.BrandingPreset(name, branding)`` is such an object.
    A bundle selects one with ``[branding] preset = "NAME"``; any other ``[branding]`` key
    given beside it replaces that part of the preset.  Unlike
    :func:`goldenthread_branding`, which answers for an organisation code, a preset is
    chosen by name, so ``goldenthread plugins`` can list it.
    """


@hookspec(firstresult=True)
def goldenthread_branding(organisation: str) -> Any:
    """The branding (name, logo, colours, fonts) for reports about ``organisation``.

    ``organisation`` is the ``code`` of the bundle's ``[organisation]`` section (e.g.
    ``rossendale``).  Return a ``goldenthread.branding.Branding`` for an organisation you
    brand, or ``None`` to let the next plugin answer.  This is the only ``firstresult`` hook:
    the plugin registered last is asked first, and the built-in default branding
    (``goldenthread.branding.default_branding()``, marked ``trylast``) answers when no
    other plugin does.
    """


@hookspec
def goldenthread_report_kinds() -> list[Named]:  # type: ignore[empty-body]
    """Report kinds: named report builders such as ``performance``, ``risk`` or ``thread``.

    Return a list of report kinds, each with a ``name`` (the ``KIND`` of
    ``goldenthread report KIND``) and the builder interface of ``goldenthread.reports``:
    it turns a framework, a period and an as-at moment into a report document.
    """


@hookspec
def goldenthread_report_formats() -> list[Named]:  # type: ignore[empty-body]
    """Report formats: named renderers such as ``html``, ``csv`` or ``xlsx``.

    Return a list of renderers following the ``goldenthread.reports.render.Renderer``
    protocol: a ``name`` (``html``), a ``media_type``, a file ``extension`` and
    ``render(report, branding)`` returning the rendered ``goldenthread.reports.Report`` as
    text or bytes.  The built-in
    formats are ``html``, ``markdown``, ``csv``, ``xlsx`` and ``json``.
    """


@hookspec
def goldenthread_converter_hooks(converter: cattrs.Converter, pm: pluggy.PluginManager) -> None:
    """Register structure and unstructure hooks for the plugin's own types.

    Called once on every converter :func:`goldenthread.serialise.make_converter` builds,
    after goldenthread's own rules, so a plugin can add types but should not replace the
    handling of goldenthread's types.  Unstructure to JSON-compatible values (``str``,
    ``int``, ``float``, ``bool``, ``None``, lists and string-keyed dicts) so the object
    round-trips through both JSON and TOML.  ``pm`` is the plugin manager the converter is
    built for: use it (with :func:`goldenthread.plugins.collect`) to write an object that
    holds code, such as a scoring formula, by its registry name and find it again by that
    name.  Declare only the arguments you use.  Return nothing.
    """
