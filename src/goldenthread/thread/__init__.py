"""The golden thread: plans, objectives and actions from national priorities to people.

Build a :class:`Thread` from :class:`Item` and :class:`Link` records (or read one from a
bundle with :func:`goldenthread.io.thread.load_thread`), then ask it questions:

* :func:`trace_up` / :func:`trace_down`: the paths to the priorities an item serves, and
  everything contributing to a priority, level by level;
* :func:`coverage` and :func:`health`: how far each priority reaches, and a summary;
* :func:`rollup`: progress of actions against straight-line expectation, rolled up to
  objectives by a selectable :class:`RollupRule`;
* :func:`check_thread`: the integrity checks (:data:`CODES`), with the confidentiality
  checks of :func:`check_confidentiality`;
* :func:`effective_classifications`: who may see each item, inherited down the thread;
* :func:`render_tree`, :func:`to_dot`, :func:`to_mermaid`: the tree and the diagrams.
"""

from __future__ import annotations

from goldenthread._lazy import TYPE_CHECKING, lazy_exports

if TYPE_CHECKING:
    from goldenthread.thread.checks import CODES, check_thread
    from goldenthread.thread.confidentiality import (
        check_confidentiality,
        effective_classifications,
        required_classifications,
    )
    from goldenthread.thread.coverage import Coverage, Health, PriorityCoverage, coverage, health
    from goldenthread.thread.cycles import find_cycles
    from goldenthread.thread.diagram import to_dot, to_mermaid
    from goldenthread.thread.graph import Thread
    from goldenthread.thread.items import (
        ALLOWED_STATUSES,
        CONTRIBUTES,
        IndicatorLink,
        Item,
        ItemKind,
        ItemStatus,
        Link,
        ProgressUpdate,
    )
    from goldenthread.thread.levels import Classification, Level, LevelScheme, OwnerKind, Span
    from goldenthread.thread.organisations import Organisation
    from goldenthread.thread.presets import GENERIC, POOLE, PRESETS, ROSSENDALE, preset
    from goldenthread.thread.progress import (
        Assessment,
        RollupRule,
        RollupStatus,
        assess_action,
        combine,
        expected_progress,
        rollup,
    )
    from goldenthread.thread.trace import ancestors, contributors, descendants, trace_down, trace_up
    from goldenthread.thread.tree import describe, render_tree, tree_html, walk

__all__ = [
    "ALLOWED_STATUSES",
    "CODES",
    "CONTRIBUTES",
    "GENERIC",
    "POOLE",
    "PRESETS",
    "ROSSENDALE",
    "Assessment",
    "Classification",
    "Coverage",
    "Health",
    "IndicatorLink",
    "Item",
    "ItemKind",
    "ItemStatus",
    "Level",
    "LevelScheme",
    "Link",
    "Organisation",
    "OwnerKind",
    "PriorityCoverage",
    "ProgressUpdate",
    "RollupRule",
    "RollupStatus",
    "Span",
    "Thread",
    "ancestors",
    "assess_action",
    "check_confidentiality",
    "check_thread",
    "combine",
    "contributors",
    "coverage",
    "descendants",
    "describe",
    "effective_classifications",
    "expected_progress",
    "find_cycles",
    "health",
    "preset",
    "render_tree",
    "required_classifications",
    "rollup",
    "to_dot",
    "to_mermaid",
    "trace_down",
    "trace_up",
    "tree_html",
    "walk",
]

if not TYPE_CHECKING:
    __getattr__, __dir__ = lazy_exports(
        __name__,
        {
            "goldenthread.thread.checks": ("CODES", "check_thread"),
            "goldenthread.thread.confidentiality": (
                "check_confidentiality",
                "effective_classifications",
                "required_classifications",
            ),
            "goldenthread.thread.coverage": (
                "Coverage",
                "Health",
                "PriorityCoverage",
                "coverage",
                "health",
            ),
            "goldenthread.thread.cycles": ("find_cycles",),
            "goldenthread.thread.diagram": ("to_dot", "to_mermaid"),
            "goldenthread.thread.graph": ("Thread",),
            "goldenthread.thread.items": (
                "ALLOWED_STATUSES",
                "CONTRIBUTES",
                "IndicatorLink",
                "Item",
                "ItemKind",
                "ItemStatus",
                "Link",
                "ProgressUpdate",
            ),
            "goldenthread.thread.levels": (
                "Classification",
                "Level",
                "LevelScheme",
                "OwnerKind",
                "Span",
            ),
            "goldenthread.thread.organisations": ("Organisation",),
            "goldenthread.thread.presets": ("GENERIC", "POOLE", "PRESETS", "ROSSENDALE", "preset"),
            "goldenthread.thread.progress": (
                "Assessment",
                "RollupRule",
                "RollupStatus",
                "assess_action",
                "combine",
                "expected_progress",
                "rollup",
            ),
            "goldenthread.thread.trace": (
                "ancestors",
                "contributors",
                "descendants",
                "trace_down",
                "trace_up",
            ),
            "goldenthread.thread.tree": ("describe", "render_tree", "tree_html", "walk"),
        },
    )
