"""Reading and writing risk matrices: our own format and CISO Assistant's library YAML.

**Our format** (TOML, JSON or YAML; the same keys in each; also a ``[risk.matrix]`` table
in ``framework.toml``)::

    name = "council-5x5"
    description = "..."
    formula = "product"              # optional; a scoring formula's name
    likelihood = [{name = "Rare", description = "less than 5%", abbreviation = "R"}, ...]
    impact = [{name = "Minor", categories = {financial = "under £50,000"}}, ...]
    # either bands: every level has a lower bound (and optionally an upper bound)
    levels = [{name = "Low", colour = "#2E7D32", lower = 1, upper = 4}, ...]
    # or a grid: level names, row 1 = likelihood 1, column 1 = impact 1
    grid = [["Low", "Low", "Medium"], ...]

Scales and levels are listed lowest first.  Axis entries take ``name``, ``description``,
``abbreviation``, ``colour`` and (impact) ``categories``; levels take ``name``, ``colour``,
``description``, ``abbreviation`` and, for banded matrices, ``lower`` and ``upper``.

**CISO Assistant library YAML**: a mapping with ``objects: {risk_matrix: [...]}`` (later
libraries write ``risk_matrices``; both are read); each
matrix has ``probability``, ``impact`` and ``risk`` lists of
``{abbreviation, name, description, hexcolor}`` and ``grid`` where
``grid[probability_index][impact_index]`` is a 0-based index into ``risk``.  Probability
is read as likelihood (rows) and impact as impact (columns): never transposed.  CISO
Assistant rates a scenario's probability or impact ``-1`` when it is not rated
(:func:`rating_from_ciso`).  YAML is only ever read with ``yaml.safe_load``.

**Scalars are read as text where the source format allows it.**  YAML writes text
without quotes, so CISO Assistant's own libraries carry ``abbreviation: 1`` (and a
council's file may carry ``name: 2`` or ``abbreviation: no``); where a field is text
(names, descriptions, abbreviations, colours, categories, grid level names) a YAML plain
scalar is read as the text written in the file, not as the number, boolean or date a YAML
parser would make of it.  TOML and JSON type their values explicitly, so there a number
where text is wanted stays an error.

Every problem is reported as a :class:`~goldenthread.errors.Problem` naming the file and,
in ``column``, the key path (``objects.risk_matrix[0].grid[2][4]``).
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import tomli_w
import yaml

from goldenthread.errors import BundleError, InputError, Problem
from goldenthread.risk.matrix import AxisLevel, Band, Level, Rating, RiskMatrix
from goldenthread.risk.scoring import BUILTIN_FORMULAS, Formula

__all__ = [
    "FORMATS",
    "ciso_matrices",
    "dumps_matrix",
    "load_matrix",
    "loads_matrix",
    "matrix_from_ciso",
    "matrix_from_dict",
    "matrix_to_ciso",
    "matrix_to_dict",
    "rating_from_ciso",
    "save_matrix",
]

FORMATS = ("toml", "json", "yaml", "ciso")
"""Text formats: our format as TOML, JSON or YAML, and CISO Assistant library YAML."""

_SUFFIXES = {".toml": "toml", ".json": "json", ".yaml": "yaml", ".yml": "yaml"}


_YAML_NULL = "tag:yaml.org,2002:null"


def _text_view(node: yaml.Node, seen: dict[int, Any] | None = None) -> Any:
    """A composed YAML node as plain data in which every scalar is its text in the file
    (``None`` for a null), so a field that must be text can be read as written.  An
    aliased node is converted once (so recursive or repeated anchors cost nothing)."""
    if seen is None:
        seen = {}
    done = seen.get(id(node))
    if done is not None:
        return done
    if isinstance(node, yaml.MappingNode):
        mapping: dict[Any, Any] = {}
        seen[id(node)] = mapping
        for key, value in node.value:
            text_key = _text_view(key, seen)
            if isinstance(text_key, str):
                mapping[text_key] = _text_view(value, seen)
        return mapping
    if isinstance(node, yaml.SequenceNode):
        sequence: list[Any] = []
        seen[id(node)] = sequence
        sequence.extend(_text_view(value, seen) for value in node.value)
        return sequence
    return None if node.tag == _YAML_NULL else str(node.value)


def _pair(typed: Any, text: Any, into: dict[int, Any]) -> None:
    """Index each container of ``typed`` to its counterpart in the text view (each
    container once, so recursive data ends)."""
    stack = [(typed, text)]
    while stack:
        here, there = stack.pop()
        if id(here) in into:
            continue
        if isinstance(here, Mapping) and isinstance(there, Mapping):
            into[id(here)] = there
            stack.extend(
                (value, there[key])
                for key, value in here.items()
                if isinstance(key, str) and key in there
            )
        elif isinstance(here, list) and isinstance(there, list) and len(here) == len(there):
            into[id(here)] = there
            stack.extend(zip(here, there, strict=True))


class _Reader:
    """Collects problems while reading nested data, each located by its key path.

    ``source`` is the text view of YAML data (see :func:`_text_view`), or ``None`` for
    TOML and JSON, whose typed values are taken as they are.
    """

    def __init__(self, file: str, data: Any = None, source: Any = None) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self._sources: dict[int, Any] = {}
        if source is not None:
            _pair(data, source, self._sources)

    def add(self, where: str, reason: str) -> None:
        self.problems.append(Problem(reason, self.file, None, where))

    def as_text(self, container: Any, key: str | int, value: object) -> str | None:
        """``value`` (found at ``container[key]``) as text: itself when it is text, else
        the scalar as written in a YAML file; ``None`` when it cannot be text."""
        if isinstance(value, str):
            return value
        if isinstance(value, Mapping | list) or value is None:
            return None
        counterpart = self._sources.get(id(container))
        if counterpart is None:
            return None
        if isinstance(key, int):
            written = counterpart[key] if 0 <= key < len(counterpart) else None
        else:
            written = counterpart.get(key)
        return written if isinstance(written, str) else None

    def text(self, data: Mapping[str, Any], key: str, where: str, *, required: bool = False) -> str:
        value = data.get(key)
        if value is None:
            if required:
                self.add(f"{where}.{key}", f"{key!r} is missing")
            return ""
        text = self.as_text(data, key, value)
        if text is None:
            self.add(f"{where}.{key}", f"{key!r} must be text, not {value!r}")
            return ""
        return text

    def integer(self, data: Mapping[str, Any], key: str, where: str) -> int | None:
        value = data.get(key)
        if value is None:
            return None
        if type(value) is not int:
            self.add(f"{where}.{key}", f"{key!r} must be a whole number, not {value!r}")
            return None
        return value

    def entries(self, data: Mapping[str, Any], key: str, where: str) -> list[Mapping[str, Any]]:
        value = data.get(key)
        if value is None:
            self.add(f"{where}.{key}" if where else key, f"{key!r} is missing")
            return []
        if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
            self.add(f"{where}.{key}" if where else key, f"{key!r} must be a list of tables")
            return []
        return value

    def fail_if_any(self) -> None:
        if self.problems:
            raise BundleError(self.problems)


def _path(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def _construct(reader: _Reader, prefix: str, **kwargs: Any) -> RiskMatrix:
    reader.fail_if_any()
    try:
        return RiskMatrix(**kwargs)
    except InputError as exc:
        raise BundleError(
            Problem(p.reason, reader.file, None, _path(prefix, p.column or ""))
            for p in exc.problems
        ) from None


def _axis(reader: _Reader, data: Mapping[str, Any], key: str, prefix: str) -> tuple[AxisLevel, ...]:
    out = []
    for i, entry in enumerate(reader.entries(data, key, prefix)):
        where = f"{_path(prefix, key)}[{i}]"
        raw = entry.get("categories", {})
        categories: dict[str, str] = {}
        if isinstance(raw, Mapping):
            for category, value in raw.items():
                text = (
                    reader.as_text(raw, category, value)
                    if isinstance(category, str)
                    else (value if isinstance(value, str) else None)
                )
                if text is None:
                    break
                categories[str(category)] = text
        if not isinstance(raw, Mapping) or len(categories) != len(raw):
            reader.add(f"{where}.categories", "'categories' must map category names to text")
            categories = {}
        colour = reader.text(entry, "colour", where) or None
        out.append(
            AxisLevel(
                name=reader.text(entry, "name", where, required=True),
                description=reader.text(entry, "description", where),
                abbreviation=reader.text(entry, "abbreviation", where),
                colour=colour,
                categories=categories,
            )
        )
    return tuple(out)


def matrix_from_dict(
    data: Mapping[str, Any],
    file: str,
    *,
    prefix: str = "",
    formulas: Mapping[str, Formula] = BUILTIN_FORMULAS,
    source: Any = None,
) -> RiskMatrix:
    """A matrix from our format, already parsed into ``data``.

    ``prefix`` is the key path of ``data`` inside its file (``risk.matrix`` in
    ``framework.toml``), used in problems.  ``source`` is the YAML text view of ``data``
    when it came from YAML (text fields are then read as written).  Raises
    :class:`BundleError` listing every problem.
    """
    reader = _Reader(file, data, source)
    name = reader.text(data, "name", prefix, required=True)
    formula_name = reader.text(data, "formula", prefix) or "product"
    formula = formulas.get(formula_name)
    if formula is None:
        reader.add(
            _path(prefix, "formula"),
            f"unknown scoring formula {formula_name!r} (known: {', '.join(sorted(formulas))})",
        )
    likelihood = _axis(reader, data, "likelihood", prefix)
    impact = _axis(reader, data, "impact", prefix)
    levels: list[Level] = []
    bounds: list[tuple[int | None, int | None]] = []
    for i, entry in enumerate(reader.entries(data, "levels", prefix)):
        where = f"{_path(prefix, 'levels')}[{i}]"
        levels.append(
            Level(
                name=reader.text(entry, "name", where, required=True),
                colour=reader.text(entry, "colour", where, required=True),
                description=reader.text(entry, "description", where),
                abbreviation=reader.text(entry, "abbreviation", where),
            )
        )
        bounds.append(
            (reader.integer(entry, "lower", where), reader.integer(entry, "upper", where))
        )
    grid: list[tuple[int, ...]] = []
    bands: list[Band] = []
    raw_grid = data.get("grid")
    if raw_grid is not None:
        names = {lv.name.casefold(): i for i, lv in enumerate(levels)}
        if not isinstance(raw_grid, list) or not all(isinstance(r, list) for r in raw_grid):
            reader.add(_path(prefix, "grid"), "'grid' must be a list of rows of level names")
        else:
            for r, row in enumerate(raw_grid):
                cells = []
                for c, cell in enumerate(row):
                    written = reader.as_text(row, c, cell)
                    index = names.get(written.casefold()) if written is not None else None
                    if index is None:
                        reader.add(
                            f"{_path(prefix, 'grid')}[{r}][{c}]",
                            f"grid cell {cell!r} is not one of the levels "
                            f"({', '.join(lv.name for lv in levels)})",
                        )
                        index = -1
                    cells.append(index)
                grid.append(tuple(cells))
        for i, (lower, upper) in enumerate(bounds):
            if lower is not None or upper is not None:
                reader.add(
                    f"{_path(prefix, 'levels')}[{i}]",
                    "a grid matrix's levels take no 'lower' or 'upper' bounds",
                )
    else:
        for i, (lower, upper) in enumerate(bounds):
            if lower is None:
                reader.add(
                    f"{_path(prefix, 'levels')}[{i}].lower",
                    "a banded matrix needs a 'lower' bound for every level (or give a 'grid')",
                )
            else:
                bands.append(Band(lower, upper))
    return _construct(
        reader,
        prefix,
        name=name,
        description=reader.text(data, "description", prefix),
        likelihood=likelihood,
        impact=impact,
        levels=tuple(levels),
        bands=tuple(bands),
        grid=tuple(grid),
        formula=formula or BUILTIN_FORMULAS["product"],
    )


def _axis_dict(level: AxisLevel) -> dict[str, Any]:
    out: dict[str, Any] = {"name": level.name}
    if level.description:
        out["description"] = level.description
    if level.abbreviation:
        out["abbreviation"] = level.abbreviation
    if level.colour:
        out["colour"] = level.colour
    if level.categories:
        out["categories"] = dict(level.categories)
    return out


def matrix_to_dict(matrix: RiskMatrix) -> dict[str, Any]:
    """``matrix`` in our format (the inverse of :func:`matrix_from_dict`)."""
    levels = []
    for i, level in enumerate(matrix.levels):
        entry: dict[str, Any] = {"name": level.name, "colour": level.colour}
        if level.description:
            entry["description"] = level.description
        if level.abbreviation:
            entry["abbreviation"] = level.abbreviation
        if matrix.bands:
            entry["lower"] = matrix.bands[i].lower
            if matrix.bands[i].upper is not None:
                entry["upper"] = matrix.bands[i].upper
        levels.append(entry)
    out: dict[str, Any] = {"name": matrix.name}
    if matrix.description:
        out["description"] = matrix.description
    out["formula"] = matrix.formula.name
    out["likelihood"] = [_axis_dict(lv) for lv in matrix.likelihood]
    out["impact"] = [_axis_dict(lv) for lv in matrix.impact]
    out["levels"] = levels
    if matrix.grid:
        out["grid"] = [[matrix.levels[c].name for c in row] for row in matrix.grid]
    return out


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "matrix"


def matrix_to_ciso(matrix: RiskMatrix) -> dict[str, Any]:
    """``matrix`` as a CISO Assistant library (a banded matrix is written as its grid).

    Impact categories and the scoring formula have no place in that format and are left
    out.
    """

    def entry(name: str, abbreviation: str, description: str, colour: str | None) -> dict[str, Any]:
        out: dict[str, Any] = {
            "abbreviation": abbreviation or name,
            "name": name,
            "description": description,
        }
        if colour:
            out["hexcolor"] = colour
        return out

    slug = _slug(matrix.name)
    return {
        "urn": f"urn:goldenthread:risk:library:{slug}",
        "locale": "en",
        "ref_id": slug,
        "name": matrix.name,
        "description": matrix.description,
        "version": 1,
        "provider": "goldenthread",
        "packager": "goldenthread",
        "objects": {
            "risk_matrix": [
                {
                    "urn": f"urn:goldenthread:risk:matrix:{slug}",
                    "ref_id": slug,
                    "name": matrix.name,
                    "description": matrix.description,
                    "probability": [
                        entry(a.name, a.abbreviation, a.description, a.colour)
                        for a in matrix.likelihood
                    ],
                    "impact": [
                        entry(a.name, a.abbreviation, a.description, a.colour)
                        for a in matrix.impact
                    ],
                    "risk": [
                        entry(lv.name, lv.abbreviation, lv.description, lv.colour)
                        for lv in matrix.levels
                    ],
                    "grid": [list(row) for row in matrix.level_grid()],
                }
            ]
        },
    }


def _ciso_entries(
    reader: _Reader, data: Mapping[str, Any], key: str, where: str
) -> list[tuple[str, str, str, str | None]]:
    out = []
    for i, entry in enumerate(reader.entries(data, key, where)):
        here = f"{where}.{key}[{i}]"
        name = reader.text(entry, "name", here, required=True)
        abbreviation = reader.text(entry, "abbreviation", here)
        out.append(
            (
                name,
                "" if abbreviation == name else abbreviation,
                reader.text(entry, "description", here),
                reader.text(entry, "hexcolor", here) or None,
            )
        )
    return out


def _ciso_key(data: Any) -> str:
    """The key of a library's matrices: ``risk_matrix``, or ``risk_matrices`` as later
    libraries write it."""
    objects = data.get("objects") if isinstance(data, Mapping) else None
    if isinstance(objects, Mapping) and "risk_matrix" not in objects and "risk_matrices" in objects:
        return "risk_matrices"
    return "risk_matrix"


def matrix_from_ciso(
    data: Mapping[str, Any], file: str, index: int, *, source: Any = None
) -> RiskMatrix:
    """The ``index``-th matrix of a parsed CISO Assistant library.

    ``source`` is the library's YAML text view (:func:`loads_matrix` passes it), so that
    text fields written as YAML numbers (CISO Assistant's own ``abbreviation: 1``) are
    read as written.  Raises :class:`BundleError` listing every problem, located by key
    path.
    """
    reader = _Reader(file, data, source)
    key = _ciso_key(data)
    where = f"objects.{key}[{index}]"
    item = data["objects"][key][index]
    probability = _ciso_entries(reader, item, "probability", where)
    impact = _ciso_entries(reader, item, "impact", where)
    risk = _ciso_entries(reader, item, "risk", where)
    for i, (name, _, _, colour) in enumerate(risk):
        if colour is None:
            reader.add(f"{where}.risk[{i}].hexcolor", f"risk level {name or i + 1!r} has no colour")
    raw = item.get("grid")
    grid: list[tuple[int, ...]] = []
    if not isinstance(raw, list) or not all(isinstance(r, list) for r in raw):
        reader.add(f"{where}.grid", "'grid' must be a list of rows of 0-based level indices")
    else:
        grid = [tuple(row) for row in raw]
    return _construct(
        reader,
        where,
        name=reader.text(item, "name", where, required=True),
        description=reader.text(item, "description", where),
        likelihood=tuple(AxisLevel(n, d, a, c) for n, a, d, c in probability),
        impact=tuple(AxisLevel(n, d, a, c) for n, a, d, c in impact),
        levels=tuple(Level(n, c or "", d, a) for n, a, d, c in risk),
        grid=tuple(grid),
    )


def ciso_matrices(data: Any, file: str, *, source: Any = None) -> tuple[RiskMatrix, ...]:
    """Every matrix in a parsed CISO Assistant library (``objects.risk_matrix``, or
    ``objects.risk_matrices``); ``source`` as for :func:`matrix_from_ciso`."""
    objects = data.get("objects") if isinstance(data, Mapping) else None
    key = _ciso_key(data)
    matrices = objects.get(key) if isinstance(objects, Mapping) else None
    if not isinstance(matrices, list) or not matrices:
        raise BundleError(
            [
                Problem(
                    "no risk matrix: expected 'objects.risk_matrix' to be a non-empty list",
                    file,
                    None,
                    "objects.risk_matrix",
                )
            ]
        )
    for i, item in enumerate(matrices):
        if not isinstance(item, Mapping):
            raise BundleError(
                [
                    Problem(
                        "each risk matrix must be a mapping",
                        file,
                        None,
                        f"objects.{key}[{i}]",
                    )
                ]
            )
    return tuple(matrix_from_ciso(data, file, i, source=source) for i in range(len(matrices)))


def rating_from_ciso(matrix: RiskMatrix, probability: int, impact: int) -> Rating | None:
    """The rating of CISO Assistant's 0-based ``probability`` and ``impact`` indices.

    ``-1`` (CISO Assistant's "not rated") on either axis gives ``None``.
    """
    if probability < 0 or impact < 0:
        return None
    return matrix.rate(probability + 1, impact + 1)


def _parse(text: str, fmt: str, file: str) -> tuple[Any, Any]:
    """The parsed data and, for YAML, its text view (else ``None``)."""
    try:
        if fmt == "toml":
            return tomllib.loads(text), None
        if fmt == "json":
            return json.loads(text), None
        data = yaml.safe_load(text)
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        return data, None if node is None else _text_view(node)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError, yaml.YAMLError) as exc:
        raise BundleError([Problem(f"not valid {fmt.upper()}: {exc}", file)]) from None


def loads_matrix(
    text: str,
    fmt: str,
    file: str = "<matrix>",
    *,
    ref_id: str | None = None,
    formulas: Mapping[str, Formula] = BUILTIN_FORMULAS,
) -> RiskMatrix:
    """A matrix from ``text`` in ``fmt`` (``toml``, ``json``, ``yaml`` or ``ciso``).

    YAML holding ``objects`` is read as a CISO Assistant library whatever ``fmt`` says;
    there, ``ref_id`` picks a matrix (default: the first).
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown matrix format {fmt!r} (use one of: {', '.join(FORMATS)})")
    data, source = _parse(text, "yaml" if fmt == "ciso" else fmt, file)
    if not isinstance(data, Mapping):
        raise BundleError([Problem("a matrix file must hold a mapping at the top level", file)])
    if fmt == "ciso" or "objects" in data:
        matrices = ciso_matrices(data, file, source=source)
        if ref_id is None:
            return matrices[0]
        items = data["objects"][_ciso_key(data)]
        for item, matrix in zip(items, matrices, strict=True):
            if item.get("ref_id") == ref_id:
                return matrix
        raise BundleError([Problem(f"no risk matrix with ref_id {ref_id!r}", file, None, "ref_id")])
    return matrix_from_dict(data, file, formulas=formulas, source=source)


def load_matrix(
    path: Path, *, ref_id: str | None = None, formulas: Mapping[str, Formula] = BUILTIN_FORMULAS
) -> RiskMatrix:
    """Read a matrix file; the format comes from the suffix (``.toml``, ``.json``,
    ``.yaml``/``.yml``), and YAML with ``objects`` is read as CISO Assistant's format."""
    fmt = _SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        reason = f"unknown matrix file type {path.suffix!r} (use .toml, .json, .yaml)"
        raise InputError([Problem(reason, path.name)])
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError([Problem(f"cannot read the file: {exc.strerror}", path.name)]) from None
    return loads_matrix(text, fmt, path.name, ref_id=ref_id, formulas=formulas)


def dumps_matrix(matrix: RiskMatrix, fmt: str) -> str:
    """``matrix`` as text in ``fmt`` (``toml``, ``json``, ``yaml`` or ``ciso``)."""
    if fmt == "toml":
        return tomli_w.dumps(matrix_to_dict(matrix))
    if fmt == "json":
        return json.dumps(matrix_to_dict(matrix), indent=2, ensure_ascii=False) + "\n"
    if fmt == "yaml":
        return yaml.safe_dump(matrix_to_dict(matrix), sort_keys=False, allow_unicode=True)
    if fmt == "ciso":
        return yaml.safe_dump(matrix_to_ciso(matrix), sort_keys=False, allow_unicode=True)
    raise InputError(f"unknown matrix format {fmt!r} (use one of: {', '.join(FORMATS)})")


def save_matrix(matrix: RiskMatrix, path: Path, fmt: str | None = None) -> None:
    """Write ``matrix`` to ``path``; ``fmt`` defaults from the suffix (YAML: our format;
    pass ``fmt="ciso"`` for a CISO Assistant library)."""
    chosen = fmt or _SUFFIXES.get(path.suffix.lower())
    if chosen is None:
        raise InputError(f"cannot tell the format of {path.name!r}: pass fmt")
    path.write_text(dumps_matrix(matrix, chosen), encoding="utf-8")
