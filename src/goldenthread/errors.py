"""Errors raised by goldenthread, and the :class:`Problem` record that names bad input.

Every error about bad input names *where* the problem is (file, row, column) and *why*,
so a council officer can find and fix the cell in their spreadsheet.  An import that
finds problems reports all of them at once and stores nothing.

:func:`text_problem` is the one rule for text taken in from outside (cells, settings,
command-line values): it must be UTF-8 and hold no control characters (a NUL byte, say,
which SQLite would keep and PostgreSQL refuses); tabs and line breaks are allowed only
where text may run over several lines (notes, commentary), never in an id or a code.
"""

from __future__ import annotations

from collections.abc import Iterable

from attrs import frozen

__all__ = [
    "BundleError",
    "GoldenthreadError",
    "InputError",
    "PeriodError",
    "Problem",
    "text_problem",
]


@frozen
class Problem:
    """One thing wrong with the input: where it is and why it was rejected.

    ``row`` is the spreadsheet row number (the header is row 1, the first data row is
    row 2), so it matches what the officer sees in Excel.  Any of ``file``, ``row`` and
    ``column`` may be ``None`` when the problem is not tied to one cell.
    """

    reason: str
    file: str | None = None
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = []
        if self.file is not None:
            where.append(self.file)
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        return f"{', '.join(where)}: {self.reason}" if where else self.reason


class GoldenthreadError(Exception):
    """Base class of every error goldenthread raises on purpose."""


class InputError(GoldenthreadError, ValueError):
    """Bad input: text, a file or a value that cannot be accepted.

    ``problems`` lists every problem found, each with its place and reason.
    """

    def __init__(self, problems: Iterable[Problem] | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems)]
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self._message())

    def _message(self) -> str:
        if len(self.problems) == 1:
            return str(self.problems[0])
        lines = [f"{len(self.problems)} problems:"]
        lines.extend(f"  - {p}" for p in self.problems)
        return "\n".join(lines)


class PeriodError(InputError):
    """A period label or period arithmetic that cannot be accepted."""


class BundleError(InputError):
    """A bundle (folder or workbook) with rows that cannot be accepted.

    Raised after the whole bundle has been read, listing every problem, so one run shows
    everything the council must fix.
    """


def text_problem(text: str | None, *, multiline: bool = False) -> str | None:
    """Why ``text`` cannot be taken in, or ``None`` when it can (see the module notes).

    >>> text_problem("ok"), text_problem("a\\x00b")
    (None, 'contains the control character U+0000; remove it')

    Args:
        text: the text (``None`` is accepted: nothing was given).
        multiline: whether tabs and line breaks are allowed (free text, not ids).
    """
    if text is None:
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return f"{text!r} is not valid UTF-8 text"
    for ch in text:
        code = ord(ch)
        if (code < 0x20 and not (multiline and ch in "\t\n\r")) or 0x7F <= code < 0xA0:
            return f"contains the control character U+{code:04X}; remove it"
    return None
