"""Findings: what the integrity, consistency and data quality checks report.

Every check in goldenthread (the golden thread's integrity checks, risk consistency
checks, indicator data quality rules) reports :class:`Finding` objects with a stable
``code`` so councils can filter, count and track them across runs.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from attrs import frozen

__all__ = ["Finding", "Severity", "has_errors"]


class Severity(enum.Enum):
    """How serious a finding is.  ``error`` findings make ``goldenthread check`` exit 1."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for error, 1 for warning, 2 for info: sort by it to put the worst first."""
        return _RANK[self]


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@frozen
class Finding:
    """One result of a check.

    Attributes:
        code: a stable, hyphenated code such as ``orphan`` or ``current-above-inherent``.
        severity: how serious it is.
        item: the id of the item, indicator or risk it is about (``None`` when it is about
            the framework as a whole).
        message: a sentence an officer can act on.
    """

    code: str
    severity: Severity
    item: str | None
    message: str

    def to_dict(self) -> dict[str, str | None]:
        """The JSON shape the CLI prints: ``{code, severity, item, message}``."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "item": self.item,
            "message": self.message,
        }


def has_errors(findings: Iterable[Finding]) -> bool:
    """Whether any finding is of error severity."""
    return any(f.severity is Severity.ERROR for f in findings)
