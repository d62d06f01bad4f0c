"""Every tutorial in ``docs/tutorials/`` runs as written, with its shown output checked.

The tutorials are executable Markdown, read with Sybil (see ``docs/dependencies.md``):

* a fenced block whose info string names a file (```` ```toml file=anytown/framework.toml ````)
  is written to that path, so the reader's files are the test's files;
* a ```` ```console ```` block is a shell session: each ``$ `` line is a command (a line
  ending in ``\\`` continues it), and the lines up to the next ``$ `` are what it prints
  (standard output and standard error together), compared as :mod:`doctest` compares
  output, with ``...`` standing for anything and runs of spaces equal.  A command must exit
  0 unless its output ends with ``(exit status N)``;
* a ```` ```python ```` block runs in the tutorial's own namespace; a ``>>>`` block is a
  doctest;
* ``<!-- skip: next -->`` skips the next block (used only for what cannot run in a test,
  such as installing the virtualenv itself).

Each tutorial runs in a fresh folder of its own, which holds links to the repository's
``src``, ``docs`` and ``plugins`` so paths such as ``src/goldenthread/examples/poole``
work as they do from a checkout, while the files a tutorial writes land in the folder
(which is importable, so a tutorial can write a plugin module and load it).  A ```` ```sh
```` block is shown, never run: it is kept for what cannot run inside the test suite,
such as installing a package.
"""

from __future__ import annotations

import doctest
import os
import re
import subprocess
import sys
import unittest
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from sybil import Document, Example, Region, Sybil
from sybil.parsers.markdown import CodeBlockParser, PythonCodeBlockParser, SkipParser
from sybil.parsers.markdown.lexers import FencedCodeBlockLexer

ROOT = Path(__file__).resolve().parents[1]
TUTORIALS = sorted((ROOT / "docs" / "tutorials").glob("*.md"))
_FILE_INFO = re.compile(r"^\S+\s+file=(?P<path>\S+)$")
_EXIT = re.compile(r"^\(exit status (?P<code>\d+)\)$")
_FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


class FileBlockParser:
    """Blocks whose info string is ``LANGUAGE file=PATH``: written to PATH."""

    def __init__(self) -> None:
        self.lexer = FencedCodeBlockLexer(
            language=r".+", mapping={"language": "arguments", "source": "source"}
        )

    def __call__(self, document: Document) -> Iterable[Region]:
        for region in self.lexer(document):
            match = _FILE_INFO.match(str(region.lexemes["arguments"]).strip())
            if match:
                region.parsed = (match["path"], str(region.lexemes["source"]))
                region.evaluator = _write_file
                yield region


def _write_file(example: Example) -> None:
    relative, text = example.parsed
    path = Path.cwd() / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _commands(session: str) -> Iterator[tuple[str, str]]:
    """The (command, expected output) pairs of a console block."""
    command: list[str] | None = None
    output: list[str] = []
    continuing = False
    for line in session.splitlines():
        if continuing and command is not None:
            command.append(line)
            continuing = line.endswith("\\")
        elif line.startswith("$ "):
            if command is not None:
                yield "\n".join(command), "\n".join(output)
            command, output = [line[2:]], []
            continuing = line.endswith("\\")
        elif command is not None:
            output.append(line)
    if command is not None:
        yield "\n".join(command), "\n".join(output)


def _run_console(example: Example) -> str | None:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    env.pop("COLUMNS", None)
    checker = doctest.OutputChecker()
    for command, expected in _commands(str(example.parsed)):
        lines = expected.rstrip("\n").splitlines()
        code = 0
        if lines and (match := _EXIT.match(lines[-1].strip())):
            code = int(match["code"])
            lines = lines[:-1]
        want = "\n".join(lines).strip("\n")
        done = subprocess.run(
            ["bash", "-c", command],
            capture_output=True,
            text=True,
            env=env,
            cwd=Path.cwd(),
            timeout=300,
            check=False,
        )
        got = (done.stdout + done.stderr).strip("\n")
        if done.returncode != code:
            return f"$ {command}\nexited {done.returncode}, expected {code}; it printed:\n{got}"
        if want and not checker.check_output(want + "\n", got + "\n", _FLAGS):
            return f"$ {command}\nexpected:\n{want}\ngot:\n{got}"
    return None


TUTORIAL_SYBIL = Sybil(
    parsers=[
        FileBlockParser(),
        CodeBlockParser(language="console", evaluator=_run_console),
        PythonCodeBlockParser(doctest_optionflags=_FLAGS),
        SkipParser(),
    ],
)


def _workspace(tmp_path: Path) -> Path:
    for name in ("src", "docs", "plugins"):
        (tmp_path / name).symlink_to(ROOT / name, target_is_directory=True)
    return tmp_path


@pytest.mark.parametrize("tutorial", TUTORIALS, ids=[p.stem for p in TUTORIALS])
def test_tutorial_runs_as_written(
    tutorial: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(_workspace(tmp_path))
    monkeypatch.syspath_prepend(tmp_path)  # modules a tutorial writes can be imported
    document = TUTORIAL_SYBIL.parse(tutorial)
    for example in document.examples():
        try:
            example.evaluate()
        except unittest.SkipTest:
            continue  # a block the tutorial marks as not runnable here; the rest still run
    # The namespace is not reused between tutorials.
    document.namespace.clear()


def test_console_blocks_are_split_into_commands_and_output() -> None:
    session = "$ echo a \\\n  b\na b\n$ false\n(exit status 1)\n"
    assert list(_commands(session)) == [("echo a \\\n  b", "a b"), ("false", "(exit status 1)")]


def test_every_tutorial_runs_something() -> None:
    # A tutorial whose blocks were all mislabelled would pass while testing nothing.
    empty = [p.name for p in TUTORIALS if not list(TUTORIAL_SYBIL.parse(p).examples())]
    assert not empty, f"tutorials with no executable block: {empty}"
