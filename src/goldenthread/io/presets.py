"""The named things a ``framework.toml`` selects, and reading the selections.

A council chooses, by name, from what goldenthread and its installed plugins offer:

=====================================  ===============================================
``framework.toml``                     chooses from
=====================================  ===============================================
``[risk] matrix = "NAME"``             ``goldenthread_risk_matrices``
``[risk] scoring = "NAME"``            ``goldenthread_risk_scoring_formulas`` (also
                                       ``[risk.matrix] formula``)
``[thread] levels = "NAME"``           ``goldenthread_level_presets`` (instead of
                                       ``[[levels]]``)
``[thread] rollup = "RULE"``           ``worst-of``, ``majority``, ``weighted``
``[thread] rollup_tolerance = N``      percentage points an action may lag (default 10)
``[branding] preset = "NAME"``         ``goldenthread_branding_presets``
``[branding] terminology = "NAME"``    ``goldenthread_terminology`` (a table there gives
                                       the words instead)
``[indicators] rag_rule = "NAME"``     ``goldenthread_rag_rules``
``[cycle] calendar = "NAME"``          ``goldenthread_holiday_calendars``
=====================================  ===============================================

:class:`Presets` holds the first five registries; :func:`builtin_presets` gives
goldenthread's own, :func:`presets_for` every plugin's of a plugin manager
(:func:`~goldenthread.io.source.load_source` uses it, so a name resolves when a bundle or
a store is read).  An unknown name is a problem naming the file, the key and the names on
offer.
"""

from __future__ import annotations

import types
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs
import pluggy
from attrs import field, frozen

from goldenthread.branding import Branding, Terminology, branding_from_mapping
from goldenthread.builtins.terminology import GENERIC_TERMINOLOGY
from goldenthread.errors import BundleError, Problem
from goldenthread.plugins import PluginError, Registry, collect
from goldenthread.risk.matrix import RiskMatrix
from goldenthread.risk.presets import PRESETS as MATRIX_PRESETS
from goldenthread.risk.scoring import BUILTIN_FORMULAS, Formula
from goldenthread.thread.levels import LevelScheme
from goldenthread.thread.presets import PRESETS as LEVEL_PRESETS
from goldenthread.thread.progress import DEFAULT_TOLERANCE, RollupRule, RollupSettings

__all__ = [
    "SELECTABLE",
    "Presets",
    "ThreadSettings",
    "branding_from_settings",
    "builtin_presets",
    "presets_for",
    "thread_settings_from_toml",
    "unknown_name",
]


def _read_only(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    return types.MappingProxyType(dict(mapping))


SELECTABLE: Mapping[str, str] = types.MappingProxyType(
    {
        "rag_rules": "[indicators] rag_rule, or the rag_rule column of indicators.csv",
        "risk_matrices": "[risk] matrix",
        "risk_scoring_formulas": "[risk] scoring, or [risk.matrix] formula",
        "holiday_calendars": "[cycle] calendar",
        "level_presets": "[thread] levels",
        "terminology": "[branding] terminology",
        "branding_presets": "[branding] preset",
        "store_backends": "the scheme of a store URL (--store, SOURCE)",
        "report_kinds": "goldenthread report KIND",
        "report_formats": "goldenthread report --format, or the -o file's suffix",
    }
)
"""Where each collection hook's names are selected, by the hook's short name (as
``goldenthread plugins`` says)."""


@frozen
class Presets:
    """The named objects a ``framework.toml`` may select, each registry by name.

    Attributes:
        matrices: risk matrices (``[risk] matrix``).
        formulas: risk scoring formulas (``[risk] scoring``, ``[risk.matrix] formula``).
        levels: level schemes (``[thread] levels``).
        terminology: terminologies (``[branding] terminology``).
        brandings: brandings (``[branding] preset``).
    """

    matrices: Mapping[str, RiskMatrix] = field(converter=_read_only)
    formulas: Mapping[str, Formula] = field(converter=_read_only)
    levels: Mapping[str, LevelScheme] = field(converter=_read_only)
    terminology: Mapping[str, Terminology] = field(converter=_read_only)
    brandings: Mapping[str, Branding] = field(converter=_read_only)


def builtin_presets() -> Presets:
    """goldenthread's own: the matrices ``default-5x5`` (also ``5x5``), ``4x4`` and
    ``3x3``, the built-in scoring formulas, the level presets ``generic``,
    ``rossendale`` and ``poole``, the ``generic`` terminology, and no branding preset."""
    return Presets(
        matrices={name: factory() for name, factory in MATRIX_PRESETS.items()},
        formulas=BUILTIN_FORMULAS,
        levels=LEVEL_PRESETS,
        terminology={"generic": GENERIC_TERMINOLOGY},
        brandings={},
    )


def _part(registry: Registry[Any], attribute: str, kind: type, noun: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, offered in registry.items():
        value = offered if isinstance(offered, kind) else getattr(offered, attribute, None)
        if not isinstance(value, kind):
            raise PluginError(
                f"plugin {registry.provider(name)!r} offers {noun} {name!r} without a "
                f"{kind.__name__} (give it a {attribute!r} attribute)"
            )
        out[name] = value
    return out


def presets_for(pm: pluggy.PluginManager) -> Presets:
    """Every plugin's matrices, formulas, level presets, terminology and branding presets
    (the built-in plugins' included).  The matrix alias ``5x5`` is kept.

    Raises:
        PluginError: a plugin fails, or offers an object of the wrong kind.
        DuplicateNameError: two plugins offer one name.
    """
    matrices = _part(collect(pm, "risk_matrices"), "matrix", RiskMatrix, "risk matrix")
    for alias, factory in MATRIX_PRESETS.items():
        matrix = factory()
        if alias not in matrices and matrices.get(matrix.name) == matrix:
            matrices[alias] = matrix
    return Presets(
        matrices=matrices,
        formulas=_part(
            collect(pm, "risk_scoring_formulas"), "formula", Formula, "risk scoring formula"
        ),
        levels=_part(collect(pm, "level_presets"), "scheme", LevelScheme, "level preset"),
        terminology=_part(
            collect(pm, "terminology"), "terminology", Terminology, "terminology preset"
        ),
        brandings=_part(collect(pm, "branding_presets"), "branding", Branding, "branding preset"),
    )


def unknown_name(noun: str, name: object, known: Mapping[str, object]) -> str:
    """The reason a name is refused: what was asked for and the names on offer."""
    offered = ", ".join(sorted(known)) or "none (install a plugin that offers one)"
    return f"unknown {noun} {name!r}; the names on offer are: {offered}"


@frozen
class ThreadSettings:
    """What ``[thread]`` sets: a level preset (``None``: the ``[[levels]]`` or the
    generic levels) and the roll-up rule with its tolerance."""

    levels: LevelScheme | None = None
    rollup: RollupSettings = field(factory=RollupSettings)


_THREAD_KEYS = ("levels", "rollup", "rollup_tolerance")


def thread_settings_from_toml(
    data: Mapping[str, Any], file: str, presets: Presets | None = None
) -> ThreadSettings:
    """The ``[thread]`` section of a parsed ``framework.toml``.

    Raises:
        BundleError: every problem, each naming ``file`` and the key (``thread.rollup``).
    """
    presets = presets or builtin_presets()
    section = data.get("thread", {})
    if not isinstance(section, Mapping):
        raise BundleError([Problem("[thread] must be a table", file, None, "thread")])
    problems: list[Problem] = []
    for key in sorted(set(section) - set(_THREAD_KEYS)):
        problems.append(
            Problem(
                f"unknown key {key!r}; expected one of {', '.join(_THREAD_KEYS)}",
                file,
                None,
                f"thread.{key}",
            )
        )
    levels: LevelScheme | None = None
    if "levels" in section:
        name = section["levels"]
        if not isinstance(name, str) or name not in presets.levels:
            problems.append(
                Problem(
                    unknown_name("level preset", name, presets.levels), file, None, "thread.levels"
                )
            )
        elif "levels" in data:
            problems.append(
                Problem(
                    "[thread] levels names a preset and [[levels]] lists levels too; keep one",
                    file,
                    None,
                    "thread.levels",
                )
            )
        else:
            levels = presets.levels[name]
    rule = RollupRule.WORST_OF
    if "rollup" in section:
        try:
            rule = RollupRule.parse(str(section["rollup"]))
        except ValueError as exc:
            problems.append(Problem(str(exc), file, None, "thread.rollup"))
    tolerance = DEFAULT_TOLERANCE
    if "rollup_tolerance" in section:
        raw = section["rollup_tolerance"]
        try:
            if isinstance(raw, bool) or not isinstance(raw, int | float):
                raise InvalidOperation
            tolerance = Decimal(str(raw))
            RollupSettings(rule, tolerance)
        except (InvalidOperation, ValueError):
            problems.append(
                Problem(
                    f"must be a number of percentage points 0-100, not {raw!r}",
                    file,
                    None,
                    "thread.rollup_tolerance",
                )
            )
            tolerance = DEFAULT_TOLERANCE
    if problems:
        raise BundleError(problems)
    return ThreadSettings(levels, RollupSettings(rule, tolerance))


def branding_from_settings(
    section: Mapping[str, Any],
    *,
    file: str,
    organisation_name: str,
    presets: Presets | None = None,
) -> Branding:
    """The branding a ``[branding]`` table describes.

    ``preset = "NAME"`` starts from a branding preset, and every other key given replaces
    that part of it; without a preset the keys build a branding named after the
    organisation (:func:`~goldenthread.branding.branding_from_mapping`).
    ``terminology = "NAME"`` takes a terminology preset's words (a table gives them).

    Raises:
        BundleError: an unknown preset name (the names on offer listed).
        BrandingError: a setting fails a check, such as contrast.
    """
    presets = presets or builtin_presets()
    rest = dict(section)
    problems: list[Problem] = []
    base: Branding | None = None
    if "preset" in rest:
        name = rest.pop("preset")
        if isinstance(name, str) and name in presets.brandings:
            base = presets.brandings[name]
        else:
            problems.append(
                Problem(
                    unknown_name("branding preset", name, presets.brandings),
                    file,
                    None,
                    "branding.preset",
                )
            )
    terminology: Terminology | None = None
    if isinstance(rest.get("terminology"), str):
        name = rest.pop("terminology")
        if name in presets.terminology:
            terminology = presets.terminology[name]
        else:
            problems.append(
                Problem(
                    unknown_name("terminology preset", name, presets.terminology),
                    file,
                    None,
                    "branding.terminology",
                )
            )
    if problems:
        raise BundleError(problems)
    if base is None:
        branding = branding_from_mapping(rest, file=file, organisation_name=organisation_name)
    else:
        parsed = branding_from_mapping(rest, file=file, organisation_name=base.organisation_name)
        given = {key: getattr(parsed, key) for key in rest if hasattr(parsed, key)}
        branding = attrs.evolve(base, **given)
    if terminology is not None:
        branding = attrs.evolve(branding, terminology=terminology)
    return branding
