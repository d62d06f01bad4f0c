"""The JSON renderer: the report model as plain, deterministic JSON.

The document is ``{"format": "goldenthread-report", "version": 1, "report": {...}}``.
The report keeps the model's shape: each block is an object with a ``type``
(``paragraph``, ``commentary``, ``key_values``, ``table``, ``findings``, ``bar_chart``,
``line_chart``, ``heat_map``) and the block's fields.  Exact numbers (``Decimal``) are
strings of digits (``"12.50"``) so no precision is lost; integers are numbers; dates
and timestamps are ISO 8601; statuses, directions, column kinds and severities are
their keys.  Keys keep the model's order and output is indented, so the same report
always gives the same bytes.  A cell holding a sparkline has a ``chart`` (a
``line_chart`` object without its ``type``) beside its ``text``, the chart's text
alternative; a chart point standing for a RAG status has a ``status``; a series drawn
across its gaps has ``joined``.  These keys are left out when empty.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
from attrs import frozen

from goldenthread.branding import Branding
from goldenthread.reports.model import Block, Cell, DataPoint, Report, Series

__all__ = ["JsonRenderer", "indented_json", "render_json", "report_to_dict"]

_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")


def _serialise(_instance: type | None, _field: attrs.Attribute[Any] | None, value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value


_OPTIONAL = (attrs.fields(Cell).chart, attrs.fields(DataPoint).status, attrs.fields(Series).joined)
"""Fields left out when empty (``None`` or false), so documents without sparklines, status
bars or joined series keep their shape."""


def _kept(attribute: attrs.Attribute[Any], value: Any) -> bool:
    # by identity: a Cell's status and a DataPoint's compare equal as attributes
    return (value is not None and value is not False) or not any(
        attribute is field for field in _OPTIONAL
    )


def _block(block: Block) -> dict[str, Any]:
    data = attrs.asdict(block, value_serializer=_serialise, filter=_kept)
    return {"type": _CAMEL.sub("_", type(block).__name__).lower(), **data}


def report_to_dict(report: Report) -> dict[str, Any]:
    """The report as plain data (dicts, lists, strings, integers, booleans, ``None``)."""
    data = attrs.asdict(
        report, value_serializer=_serialise, filter=lambda a, _v: a.name != "sections"
    )
    data["sections"] = [
        {"id": anchor, "title": section.title, "blocks": [_block(b) for b in section.blocks]}
        for section, anchor in zip(report.sections, report.section_ids(), strict=True)
    ]
    return data


def render_json(report: Report, branding: Branding) -> str:
    """The report as indented JSON text (branding does not change the data)."""
    document = {"format": "goldenthread-report", "version": 1, "report": report_to_dict(report)}
    return indented_json(document) + "\n"


class _UnusualValueError(Exception):
    """A value :func:`indented_json` leaves to :func:`json.dumps`."""


_INDENTS = ["\n" + "  " * level for level in range(32)]
_SEPARATORS = ["," + indent for indent in _INDENTS]


def indented_json(data: Any) -> str:
    """``json.dumps(data, indent=2, ensure_ascii=False)``, byte for byte, for plain data
    (dicts with text keys, lists, tuples, text, integers, booleans and ``None``) made
    several times faster than the standard library's pure-Python indenting encoder;
    anything else (a float, a subclass) is left to :func:`json.dumps`."""
    out: list[str] = []
    try:
        _encode(data, 0, out)
    except _UnusualValueError:
        return json.dumps(data, indent=2, ensure_ascii=False)
    return "".join(out)


def _encode(value: Any, level: int, out: list[str]) -> None:
    kind = type(value)
    if kind is str:
        out.append(_string(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif kind is int:
        out.append(int.__repr__(value))
    elif kind is dict:
        if not value:
            out.append("{}")
            return
        if level + 2 >= len(_INDENTS):
            raise _UnusualValueError
        inner = level + 1
        separator, string = _SEPARATORS[inner], _string
        out.append("{" + _INDENTS[inner])
        first = True
        for key, item in value.items():
            if type(key) is not str:
                raise _UnusualValueError
            if first:
                first = False
            else:
                out.append(separator)
            out.append(string(key) + ": ")
            _encode(item, inner, out)
        out.append(_INDENTS[level] + "}")
    elif kind is list or kind is tuple:
        if not value:
            out.append("[]")
            return
        if level + 2 >= len(_INDENTS):
            raise _UnusualValueError
        inner = level + 1
        separator = _SEPARATORS[inner]
        out.append("[" + _INDENTS[inner])
        first = True
        for item in value:
            if first:
                first = False
            else:
                out.append(separator)
            _encode(item, inner, out)
        out.append(_INDENTS[level] + "]")
    else:
        raise _UnusualValueError


_string: Callable[[str], str] = json.encoder.encode_basestring


@frozen
class JsonRenderer:
    """Renders a report as JSON (UTF-8 text); see :func:`render_json`."""

    name: str = "json"
    media_type: str = "application/json"
    extension: str = ".json"

    def render(self, report: Report, branding: Branding) -> str:
        """The report as JSON; see :func:`render_json`."""
        return render_json(report, branding)
