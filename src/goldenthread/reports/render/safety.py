"""Spreadsheet formula-injection neutralisation for CSV and XLSX output.

A spreadsheet treats a cell whose text begins with ``=``, ``+``, ``-`` or ``@`` (and, in
some programs, a tab or carriage return) as a formula, so text such as
``=HYPERLINK("http://evil.example", "click")`` typed into commentary could run when a
council officer opens an export.  Following the OWASP guidance on CSV injection, such
text gets a leading apostrophe, which spreadsheets show as text.

Only *text* is neutralised: genuine numbers (``int`` or ``Decimal``, including negative
ones such as ``-5``) are written as numbers and left alone.
"""

from __future__ import annotations

__all__ = ["FORMULA_TRIGGERS", "neutralise_cell"]

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""Leading characters that make a spreadsheet read text as a formula."""


def neutralise_cell(text: str) -> str:
    """Text made safe for a spreadsheet cell: prefixed with ``'`` if it could be a formula.

    >>> neutralise_cell("=1+1")
    "'=1+1"
    >>> neutralise_cell("Net spend")
    'Net spend'
    """
    return f"'{text}" if text.startswith(FORMULA_TRIGGERS) else text
