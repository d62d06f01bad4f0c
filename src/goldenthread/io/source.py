"""Reading a framework from wherever it is kept: a bundle or a store.

Every command that reads a framework takes a SOURCE, which :func:`load_source` opens:
a store URL (anything with a ``scheme://`` prefix: ``sqlite:///goldenthread.db``,
``postgresql://...`` through an installed plugin) is read with
:func:`~goldenthread.io.persist.load_framework`, with the installed plugins' store
backends and converter hooks; anything else is a bundle (a folder or an
``.xlsx`` workbook) read with :func:`~goldenthread.io.bundle.load_bundle`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs
import pluggy

from goldenthread.errors import InputError, Problem
from goldenthread.framework import Framework, check_parts
from goldenthread.io.bundle import load_bundle
from goldenthread.io.persist import describe_codes, load_framework
from goldenthread.io.presets import presets_for
from goldenthread.plugins import collect, get_plugin_manager, rag_rules_for
from goldenthread.serialise import make_converter
from goldenthread.storage import open_store

__all__ = ["is_store_url", "load_source"]


def is_store_url(source: str) -> bool:
    """Whether ``source`` names a store (``scheme://...``) rather than a bundle path."""
    scheme, sep, _ = source.partition("://")
    return bool(sep) and scheme.replace("+", "").replace("-", "").replace(".", "").isalnum()


def load_source(
    source: str,
    *,
    as_at: dt.datetime | None = None,
    plugin_manager: pluggy.PluginManager | None = None,
    organisation: str | None = None,
    parts: Iterable[str] | None = None,
) -> Framework:
    """The framework held by ``source``: a store URL or a bundle path.

    Args:
        source: ``sqlite:///PATH`` (or another scheme an installed plugin serves), or the
            path of a bundle folder or workbook.  (``memory://`` opens a new empty store,
            so it holds no framework.)
        as_at: a timezone-aware moment to reproduce the framework as it stood then; only a
            store keeps history.
        plugin_manager: the plugins to use (default: a new
            :func:`~goldenthread.plugins.get_plugin_manager` with the installed plugins):
            their store backends and converter hooks read a store, ``[cycle] calendar``
            may name any of their holiday calendars, ``[risk]``, ``[thread]`` and
            ``[branding]`` any of their matrices, scoring formulas, level, terminology
            and branding presets (:mod:`goldenthread.io.presets`), and their RAG rules
            become the framework's :attr:`~goldenthread.framework.Framework.rag_rules`.
        organisation: the code of the council to read (``[organisation] code``).  A store
            may hold many councils: ``None`` (the default) reads the only one it holds.
            A bundle holds one council; a code other than its own is refused.
        parts: the :data:`~goldenthread.framework.PARTS` to read (default: all), so a
            command reads only what it uses; the others keep their empty defaults.

    Raises:
        BundleError: the bundle has problems (every one is listed).
        InputError: ``as_at`` is given for a bundle, or is naive.
        NoFrameworkError: the store holds no framework (at that moment).
        OrganisationError: ``organisation`` is ``None`` and the store holds several
            councils, or no council held has that code (the message names the codes held).
        StoreError: the store cannot be opened (an unknown scheme, a bad URL).
        PluginError: two plugins offer one RAG rule or calendar name, or a rule is not
            callable.
    """
    if not is_store_url(source) and as_at is not None:
        raise InputError(
            [
                Problem(
                    f"{source} is a bundle, which has no history; --as-at needs a store "
                    "URL such as sqlite:///goldenthread.db",
                    source,
                    None,
                    "as_at",
                )
            ]
        )
    wanted = check_parts(parts)
    pm = plugin_manager or get_plugin_manager()
    calendars = dict(collect(pm, "holiday_calendars")) if "cycle" in wanted else {}
    rag_rules = rag_rules_for(pm)
    presets = presets_for(pm)
    if not is_store_url(source):
        framework = load_bundle(
            source, calendars=calendars, rag_rules=rag_rules, presets=presets, parts=wanted
        )
        code = framework.organisation.code
        if organisation is not None and organisation != code:
            raise InputError(
                [
                    Problem(
                        f"the bundle holds the council {describe_codes([code])}, not "
                        f"{organisation!r}",
                        source,
                        None,
                        "organisation",
                    )
                ]
            )
    else:
        with open_store(source, plugin_manager=pm, read_only=True) as store:
            framework = load_framework(
                store,
                as_at=as_at,
                source=source,
                converter=make_converter(pm),
                calendars=calendars,
                organisation=organisation,
                presets=presets,
                parts=wanted,
            )
    return attrs.evolve(framework, rag_rules=rag_rules)
