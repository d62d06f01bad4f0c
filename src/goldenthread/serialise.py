"""Serialisation: the one place that decides how goldenthread objects become JSON and TOML.

:func:`make_converter` builds a :class:`cattrs.Converter` that turns any goldenthread
object (an ``attrs`` class, possibly nested in lists, tuples, frozensets and dicts) into
plain JSON-compatible data and back.  Every other module that reads or writes JSON or TOML
uses it, and plugins extend it through
:func:`~goldenthread.hookspecs.goldenthread_converter_hooks`.

The encoding (every rule below round-trips exactly):

``attrs`` classes
    A table of their fields, by attribute name.  When structuring, an unknown key is an
    error, and a missing key for a field whose type admits ``None`` means ``None`` (this
    is how TOML, which has no null, carries ``None``).
:class:`~decimal.Decimal`
    A string (``"12.50"``), so no digit is lost and trailing zeros are kept.  When
    structuring, an integer is accepted too, and so is a float (read through its shortest
    ``repr``, so ``0.1`` is ``Decimal("0.1")``); ``NaN`` and infinities are rejected.
:class:`~datetime.datetime`
    An ISO 8601 string in UTC (``"2024-09-30T14:05:00+00:00"``).  A timestamp must be
    timezone-aware: a naive one is rejected both ways.  An aware timestamp in another zone
    is converted to the same instant in UTC.
:class:`~datetime.date`
    An ISO 8601 date string (``"2024-09-30"``).
enums
    Their value (``Severity.ERROR`` is ``"error"``).
periods (:class:`~goldenthread.periods.Period` and its kinds)
    A table ``{"label": "2024/25 Q2", "year_start_month": 4}``, read back with
    :func:`~goldenthread.periods.parse_period`.  The year start month is always written,
    because a month's label (``2024-09``) does not say which financial year it belongs to.
    When structuring, a bare label string is also accepted and means a year starting in
    April.
tuples, lists
    Arrays.
sets and frozensets
    Arrays, sorted so the output is stable: text and numbers by value, anything else by
    its JSON text.
unions (``str | tuple[Decimal, ...]``)
    Whichever member the value is; when reading, the member is chosen by the shape of the
    data (text, number, array, table), and a value that fits two members (``"1"`` for
    ``Decimal | str``) is an error rather than a guess.
functions
    Refused with :class:`SerialiseError`.  An object that holds code, such as a risk
    scoring formula, is written by its registry name through a plugin's converter hook (the
    built-in ``goldenthread.builtins.risk`` does this for
    :class:`~goldenthread.risk.scoring.Formula`).

Scalars are checked, not coerced: ``"12"`` is not an ``int`` and ``1.5`` is not one either.

Mapping keys must serialise to text (strings, enums with text values); anything else is
refused rather than silently turned into text.  JSON output is strict (no ``NaN``).  TOML
cannot hold ``None``: :func:`to_toml` leaves out a table key whose value is ``None`` and
rejects ``None`` inside an array; a TOML document must be a table, so only objects that
serialise to a table (``attrs`` objects, periods, dicts) can be written as TOML.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import json
import tomllib
import types
import typing
from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar, overload

import attrs
import cattrs
import pluggy
import tomli_w
from cattrs.gen import make_dict_structure_fn

from goldenthread.errors import GoldenthreadError, InputError, Problem
from goldenthread.periods import Period, parse_period
from goldenthread.plugins import get_plugin_manager

__all__ = [
    "SerialiseError",
    "from_json",
    "from_toml",
    "make_converter",
    "to_json",
    "to_toml",
]

T = TypeVar("T")


class SerialiseError(GoldenthreadError, ValueError):
    """An object that cannot be written in the requested format (e.g. a naive timestamp)."""


def make_converter(pm: pluggy.PluginManager | None = None) -> cattrs.Converter:
    """A new converter with goldenthread's (un)structuring rules and the plugins' hooks.

    Each call builds a fresh converter; keep and reuse one for repeated work, since a
    converter caches the functions it generates per class, which member of a union each
    Python type is read as, and the periods it has parsed (at most 16,384 labels).  These
    caches belong to the converter alone (there is no module-level state), and none of
    them changes what is read: a table that does not fit its class is read again by
    cattrs' detailed validation, so the errors name every rejected field as before.

    Args:
        pm: a plugin manager (from :func:`goldenthread.plugins.get_plugin_manager`) whose
            :func:`~goldenthread.hookspecs.goldenthread_converter_hooks` implementations
            are called on the new converter, after goldenthread's own rules are in place.
            ``None`` means a manager of the built-in plugins alone (no entry points), so
            the built-in types (such as risk scoring formulas, written by name) are
            always handled.
    """
    converter = cattrs.Converter(
        forbid_extra_keys=True,
        unstruct_collection_overrides={AbstractSet: _sorted_list, tuple: list},
    )
    _register_scalars(converter)
    converter.register_structure_hook_factory(attrs.has, _attrs_structure_factory(converter))
    converter.register_unstructure_hook_func(_is_enum, _unstructure_enum)
    converter.register_structure_hook_factory(_is_enum, _enum_structurer)
    converter.register_unstructure_hook_func(_is_period, _unstructure_period)
    converter.register_structure_hook_func(_is_period, _period_structurer())
    converter.register_unstructure_hook_func(_is_callable, _refuse_callable)
    converter.register_structure_hook_factory(_is_union, _union_structure_factory(converter))
    if pm is None:
        pm = get_plugin_manager(entry_points=False)
    pm.hook.goldenthread_converter_hooks(converter=converter, pm=pm)
    return converter


def _is_callable(cls: Any) -> bool:
    return typing.get_origin(cls) is Callable or cls is Callable


def _refuse_callable(value: object) -> Any:
    raise SerialiseError(
        f"cannot serialise the function {value!r}; a plugin must register a converter hook "
        "for the type holding it (see goldenthread_converter_hooks)"
    )


# -- scalars -------------------------------------------------------------------------------


def _register_scalars(converter: cattrs.Converter) -> None:
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(float, _structure_float)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_unstructure_hook(Decimal, _unstructure_decimal)
    converter.register_structure_hook(Decimal, _structure_decimal)
    converter.register_unstructure_hook(dt.datetime, _unstructure_datetime)
    converter.register_structure_hook(dt.datetime, _structure_datetime)
    converter.register_unstructure_hook(dt.date, _unstructure_date)
    converter.register_structure_hook(dt.date, _structure_date)


def _wrong_type(value: object, expected: str) -> ValueError:
    return ValueError(f"expected {expected}, got {type(value).__name__} {value!r}")


def _structure_int(value: object, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _wrong_type(value, "a whole number")
    return value


def _structure_float(value: object, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _wrong_type(value, "a number")
    return float(value)


def _structure_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise _wrong_type(value, "text")
    return value


def _structure_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise _wrong_type(value, "true or false")
    return value


def _unstructure_decimal(value: Decimal) -> str:
    if not value.is_finite():
        raise SerialiseError(f"cannot serialise the non-finite decimal {value}")
    return str(value)


def _structure_decimal(value: object, _: type) -> Decimal:
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except InvalidOperation:
            raise ValueError(f"expected a decimal number, got {value!r}") from None
    elif isinstance(value, int) and not isinstance(value, bool):
        result = Decimal(value)
    elif isinstance(value, float):
        result = Decimal(repr(value))
    else:
        raise _wrong_type(value, "a decimal number")
    if not result.is_finite():
        raise ValueError(f"expected a finite decimal number, got {value!r}")
    return result


def _unstructure_datetime(value: dt.datetime) -> str:
    if value.utcoffset() is None:
        raise SerialiseError(
            f"cannot serialise the naive timestamp {value.isoformat()}; "
            "timestamps must be timezone-aware"
        )
    return value.astimezone(dt.UTC).isoformat()


def _structure_datetime(value: object, _: type) -> dt.datetime:
    if isinstance(value, dt.datetime):
        result = value
    elif isinstance(value, str):
        try:
            result = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"expected an ISO 8601 timestamp, got {value!r}") from None
    else:
        raise _wrong_type(value, "an ISO 8601 timestamp")
    if result.utcoffset() is None:
        raise ValueError(
            f"timestamp {value!s} has no time zone; write it in UTC, e.g. "
            f"{result.replace(tzinfo=dt.UTC).isoformat()}"
        )
    return result.astimezone(dt.UTC)


def _unstructure_date(value: dt.date) -> str:
    if isinstance(value, dt.datetime):
        raise SerialiseError(f"expected a date, got the timestamp {value.isoformat()}")
    return value.isoformat()


def _structure_date(value: object, _: type) -> dt.date:
    if isinstance(value, dt.datetime):
        raise _wrong_type(value, "a date")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"expected an ISO 8601 date (YYYY-MM-DD), got {value!r}") from None
    raise _wrong_type(value, "an ISO 8601 date (YYYY-MM-DD)")


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _sorted_list(items: Any) -> list[Any]:
    values = list(items)
    if all(isinstance(v, str) for v in values) or all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in values
    ):
        return sorted(values)
    return sorted(values, key=_canonical)


# -- enums and periods --------------------------------------------------------------------


def _is_enum(cls: Any) -> bool:
    return isinstance(cls, type) and issubclass(cls, enum.Enum)


def _unstructure_enum(value: enum.Enum) -> Any:
    return value.value


def _enum_structurer(cls: type[enum.Enum]) -> Callable[[object, Any], enum.Enum]:
    """The structure hook for the enum ``cls``: a member, or a member's value."""
    by_value: dict[object, enum.Enum] = {}
    for member in cls:
        # Keyed by (type, value): the lookup finds only what ``cls(value)`` finds for a
        # value of the member's own type; anything else (and a member whose value cannot
        # be a key) is left to ``cls(value)``.
        try:
            by_value.setdefault((type(member.value), member.value), member)
        except TypeError:
            continue

    def structure(value: object, _: Any) -> enum.Enum:
        if isinstance(value, cls):
            return value
        try:
            return by_value[(type(value), value)]
        except (KeyError, TypeError):
            pass
        try:
            return cls(value)
        except ValueError:
            expected = ", ".join(repr(member.value) for member in cls)
            raise ValueError(
                f"{value!r} is not a {cls.__name__}; expected one of {expected}"
            ) from None

    return structure


def _is_period(cls: Any) -> bool:
    return isinstance(cls, type) and issubclass(cls, Period)


def _unstructure_period(value: Period) -> dict[str, Any]:
    return {"label": value.label, "year_start_month": value.year_start_month}


def _period_structurer() -> Callable[[object, type[Period]], Period]:
    """The structure hook for periods, with its own cache of labels already read.

    Periods are immutable, so one label read once (with its year start month) is shared
    by every object that names it; the cache belongs to one converter and holds at most
    :data:`_PERIOD_CACHE_SIZE` labels (a failed read is not cached).
    """

    @functools.lru_cache(maxsize=_PERIOD_CACHE_SIZE)
    def read(label: str, year_start_month: int, canonical: bool) -> Period:
        period = parse_period(label, year_start_month=year_start_month)
        if canonical and period.label != label:
            raise ValueError(f"{label!r} is not the canonical label of {period.label!r}")
        return period

    def from_table(value: Mapping[str, object]) -> Period:
        if "label" not in value or not value.keys() <= _PERIOD_KEYS:
            raise ValueError(
                "expected a period as {label, year_start_month}, got keys "
                + ", ".join(map(repr, sorted(value)))
            )
        label = _structure_str(value["label"], str)
        ysm = _structure_int(value.get("year_start_month", 4), int)
        return read(label, ysm, True)

    def structure(value: object, cls: type[Period]) -> Period:
        if type(value) is dict:  # the usual case, checked first
            period = from_table(value)
        elif isinstance(value, Period):
            period = value
        elif isinstance(value, str):
            period = read(value, 4, False)
        elif isinstance(value, Mapping):
            period = from_table(value)
        else:
            raise _wrong_type(value, "a period")
        if not isinstance(period, cls):
            raise ValueError(f"{period.label!r} is a {type(period).__name__}, not a {cls.__name__}")
        return period

    return structure


_PERIOD_KEYS = frozenset({"label", "year_start_month"})
_PERIOD_CACHE_SIZE = 16_384


# -- unions -----------------------------------------------------------------------------------


def _is_union(cls: Any) -> bool:
    return typing.get_origin(cls) in (typing.Union, types.UnionType)


def _shape_fits(value: object, cls: Any) -> bool:
    """Whether a JSON/TOML ``value`` has the shape ``cls`` is written in.

    The answer depends only on ``type(value)``, never on the value itself: the union
    hooks rely on this to remember their choice per type.
    """
    origin = typing.get_origin(cls) or cls
    if cls is type(None):
        return value is None
    if isinstance(value, bool):
        return origin is bool
    if isinstance(origin, type) and issubclass(origin, enum.Enum):
        return any(type(value) is type(member.value) for member in origin)
    if isinstance(value, int | float):
        return origin in (int, float, Decimal) and (origin is not int or isinstance(value, int))
    if isinstance(value, str):
        return origin in (str, Decimal, dt.date, dt.datetime) or _is_period(origin)
    if isinstance(value, list):
        return isinstance(origin, type) and issubclass(origin, tuple | list | AbstractSet)
    if isinstance(value, Mapping):
        return (isinstance(origin, type) and issubclass(origin, dict | Mapping)) or (
            attrs.has(origin) or _is_period(origin)
        )
    return isinstance(origin, type) and isinstance(value, origin)


def _union_structure_factory(
    converter: cattrs.Converter,
) -> Callable[[Any], Callable[[Any, Any], Any]]:
    """The structure hook factory for unions.

    Which members a value fits depends only on the value's Python type (see
    :func:`_shape_fits`), so each hook remembers, per type it has seen, the one member to
    read the value as, and that member's structure hook.
    """

    def factory(union: Any) -> Callable[[Any, Any], Any]:
        members = typing.get_args(union)
        chosen: dict[type, tuple[Callable[[Any, Any], Any] | None, Any]] = {}

        def structure(value: Any, _: Any) -> Any:
            try:
                hook, member = chosen[type(value)]
            except KeyError:
                fits = [m for m in members if _shape_fits(value, m)]
                if len(fits) != 1:
                    names = " or ".join(getattr(m, "__name__", None) or str(m) for m in members)
                    if not fits:
                        raise _wrong_type(value, names.replace("NoneType", "nothing")) from None
                    raise ValueError(
                        f"{value!r} could be any of {names}; the union is ambiguous"
                    ) from None
                member = fits[0]
                hook = None if member is type(None) else converter.get_structure_hook(member)
                chosen[type(value)] = (hook, member)
            return None if hook is None else hook(value, member)

        return structure

    return factory


# -- attrs classes -------------------------------------------------------------------------


def _admits_none(tp: Any) -> bool:
    if tp is None or tp is type(None):
        return True
    origin = typing.get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        return type(None) in typing.get_args(tp)
    return False


def _attrs_structure_factory(
    converter: cattrs.Converter,
) -> Callable[[Any], Callable[[Any, Any], Any]]:
    """The structure hook factory for ``attrs`` classes.

    Each class gets two generated functions: a fast one without cattrs' detailed
    validation, tried first, and the detailed one, run only when the fast one fails, so a
    bad table is reported exactly as the detailed function reports it (every rejected
    field with its path) while good data pays nothing for that bookkeeping.
    """

    def factory(cls: Any) -> Callable[[Any, Any], Any]:
        fast = make_dict_structure_fn(cls, converter, _cattrs_detailed_validation=False)
        detailed = make_dict_structure_fn(cls, converter, _cattrs_detailed_validation=True)
        origin = typing.get_origin(cls) or cls
        hints = typing.get_type_hints(origin)
        optional = frozenset(
            a.name for a in attrs.fields(origin) if a.init and _admits_none(hints.get(a.name))
        )

        def structure(value: Any, target: Any) -> Any:
            if type(value) is not dict and not isinstance(value, Mapping):
                raise _wrong_type(value, f"a table of {origin.__name__} fields")
            if not optional <= value.keys():
                value = {**value, **dict.fromkeys(optional - value.keys())}
            try:
                return fast(value, target)
            except Exception:
                return detailed(value, target)

        return structure

    return factory


# -- JSON and TOML ---------------------------------------------------------------------------


def to_json(
    obj: object,
    *,
    converter: cattrs.Converter | None = None,
    unstructure_as: Any = None,
    indent: int | None = 2,
) -> str:
    """``obj`` as JSON text.

    Args:
        obj: a goldenthread object, or a list, tuple or dict of them.
        converter: the converter to use (default: a new :func:`make_converter`).
        unstructure_as: the declared type to serialise as (default: ``obj``'s own class).
        indent: indentation of the output; ``None`` for one line.

    Raises:
        SerialiseError: ``obj`` holds something the encoding rejects (a naive timestamp,
            a non-finite number).
    """
    data = _unstructure(obj, converter, unstructure_as, toml=False)
    try:
        return json.dumps(data, ensure_ascii=False, allow_nan=False, indent=indent)
    except (ValueError, TypeError) as exc:
        raise SerialiseError(f"cannot write as JSON: {exc}") from exc


@overload
def from_json(
    text: str | bytes,
    cls: type[T],
    *,
    converter: cattrs.Converter | None = None,
    file: str | None = None,
) -> T: ...


@overload
def from_json(
    text: str | bytes,
    cls: Any,
    *,
    converter: cattrs.Converter | None = None,
    file: str | None = None,
) -> Any: ...


def from_json(
    text: str | bytes,
    cls: Any,
    *,
    converter: cattrs.Converter | None = None,
    file: str | None = None,
) -> Any:
    """Read a ``cls`` from JSON text.

    Args:
        text: the JSON document.
        cls: the type to read, e.g. ``Finding`` or ``list[Finding]``.
        converter: the converter to use (default: a new :func:`make_converter`).
        file: the file the text came from, named in errors.

    Raises:
        InputError: the text is not JSON, or does not describe a ``cls``; its problems list
            every value rejected, each with its JSON path (``$.findings[2].severity``) and
            reason.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            [Problem(f"not valid JSON: {exc.msg} (column {exc.colno})", file, exc.lineno)]
        ) from None
    return _structure(data, cls, converter, file)


def to_toml(
    obj: object,
    *,
    converter: cattrs.Converter | None = None,
    unstructure_as: Any = None,
) -> str:
    """``obj`` as a TOML document, leaving out every ``None``-valued key.

    Raises:
        SerialiseError: ``obj`` does not serialise to a table, holds ``None`` inside an
            array, or holds something the encoding rejects.
    """
    data = _unstructure(obj, converter, unstructure_as, toml=True)
    if not isinstance(data, dict):
        raise SerialiseError(
            f"a TOML document is a table; {type(obj).__name__} serialises to "
            f"{type(data).__name__} (wrap it in an object or a dict)"
        )
    return tomli_w.dumps(data)


@overload
def from_toml(
    text: str,
    cls: type[T],
    *,
    converter: cattrs.Converter | None = None,
    file: str | None = None,
) -> T: ...


@overload
def from_toml(
    text: str,
    cls: Any,
    *,
    converter: cattrs.Converter | None = None,
    file: str | None = None,
) -> Any: ...


def from_toml(
    text: str,
    cls: Any,
    *,
    converter: cattrs.Converter | None = None,
    file: str | None = None,
) -> Any:
    """Read a ``cls`` from a TOML document; a missing key of a field that may be ``None``
    reads as ``None``.

    Raises:
        InputError: the text is not TOML, or does not describe a ``cls``; every rejected
            value is listed with its path and reason.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError([Problem(f"not valid TOML: {exc}", file)]) from None
    return _structure(data, cls, converter, file)


def _unstructure(
    obj: object, converter: cattrs.Converter | None, unstructure_as: Any, *, toml: bool
) -> Any:
    try:
        data = (converter or make_converter()).unstructure(obj, unstructure_as=unstructure_as)
    except TypeError as exc:  # e.g. a mapping key that unstructures to a table
        raise SerialiseError(f"cannot serialise {type(obj).__name__}: {exc}") from exc
    return _checked(data, "$", toml)


def _checked(value: Any, path: str, toml: bool) -> Any:
    """``value`` with every mapping key checked to be text, and for TOML ``None`` dropped."""
    if isinstance(value, dict):
        checked = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise SerialiseError(
                    f"mapping keys must serialise to text, not {type(key).__name__} {key!r} "
                    f"(at {path})"
                )
            if item is not None or not toml:
                checked[key] = _checked(item, f"{path}.{key}", toml)
        return checked
    if isinstance(value, list):
        if toml and any(item is None for item in value):
            raise SerialiseError(f"TOML cannot hold None inside an array (at {path})")
        return [_checked(item, f"{path}[{i}]", toml) for i, item in enumerate(value)]
    return value


def _structure(data: Any, cls: Any, converter: cattrs.Converter | None, file: str | None) -> Any:
    try:
        return (converter or make_converter()).structure(data, cls)
    except (cattrs.BaseValidationError, ValueError, TypeError, KeyError) as exc:
        messages = cattrs.transform_error(exc, format_exception=_format_exception)
        problems = []
        for message in messages:
            reason, _, path = message.rpartition(" @ ")
            problems.append(Problem(f"{path}: {reason}" if reason else message, file))
        raise InputError(problems) from exc


def _format_exception(exc: BaseException, cls: type | None) -> str:
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return "unknown field(s): " + ", ".join(repr(k) for k in sorted(exc.extra_fields))
    if isinstance(exc, GoldenthreadError):
        return str(exc)
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, ValueError | TypeError) and str(exc):
        return str(exc)
    return cattrs.v.format_exception(exc, cls)
