"""Run axe-core in a :class:`~tests.browser.chromium.Page` and describe what it finds.

axe-core (https://github.com/dequelabs/axe-core) is injected into the loaded page with
``Runtime.evaluate`` (the DevTools protocol is not bound by the page's content security
policy, so the report's "no scripts" policy stays in force for everything else) and run
with the WCAG 2.0, 2.1 and 2.2 level A and AA rules only.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from attrs import frozen

from tests.browser.chromium import Page

__all__ = ["WCAG_TAGS", "Violation", "describe", "run_axe"]

#: The axe-core rule tags for WCAG 2.2 level AA (which includes 2.0, 2.1 and level A).
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa")


@frozen
class Violation:
    """One axe-core rule that failed: its id, impact, help text and the failing elements.

    ``nodes`` holds, for each failing element, its CSS selector, its HTML (shortened)
    and axe's summary of how to fix it.
    """

    rule: str
    impact: str
    help: str
    help_url: str
    nodes: tuple[tuple[str, str, str], ...]


def _violation(data: dict[str, Any]) -> Violation:
    nodes = tuple(
        (
            " ".join(json.dumps(t) if not isinstance(t, str) else t for t in node["target"]),
            node.get("html", "")[:200],
            node.get("failureSummary", ""),
        )
        for node in data["nodes"]
    )
    return Violation(
        data["id"], data.get("impact") or "", data["help"], data.get("helpUrl", ""), nodes
    )


def run_axe(page: Page, axe_source: str, tags: Sequence[str] = WCAG_TAGS) -> list[Violation]:
    """Inject axe-core into ``page`` (if not already there), run it, return its violations."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(axe_source)
    options = json.dumps(
        {"runOnly": {"type": "tag", "values": list(tags)}, "resultTypes": ["violations"]}
    )
    violations = page.evaluate(
        f"axe.run(document, {options}).then(result => result.violations)", await_promise=True
    )
    return [_violation(v) for v in violations]


def describe(violations: Sequence[Violation]) -> str:
    """The violations as readable text: rule, impact, help, then each failing element."""
    lines = []
    for violation in violations:
        lines.append(
            f"{violation.rule} ({violation.impact}): {violation.help} <{violation.help_url}>"
        )
        for target, html, summary in violation.nodes:
            lines.append(f"  at {target}: {html}")
            lines.extend(f"      {line}" for line in summary.splitlines())
    return "\n".join(lines)
