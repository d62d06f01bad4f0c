"""The tutorial notebook ``docs/tutorials/notebook.ipynb`` runs without errors.

The notebook is executed with ``nbclient`` in an ``ipykernel`` kernel started from this
interpreter (the kernel spec's ``python`` is replaced by ``sys.executable``), talking over
local IPC sockets in a temporary folder: no TCP port is opened and nothing is fetched
from the network.

nbformat ships without type hints, hence the ``no-untyped-call`` ignores.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbformat import NotebookNode
from traitlets.config import Config

NOTEBOOK = Path(__file__).parent.parent / "docs" / "tutorials" / "notebook.ipynb"

PROBE = "import sys\nprint(sys.executable)"


def run(notebook: NotebookNode, folder: Path) -> None:
    config = Config()
    config.KernelManager.transport = "ipc"
    config.KernelManager.ip = str(folder / "kernel")
    client = NotebookClient(
        notebook,
        timeout=60,
        kernel_name="python3",
        config=config,
        resources={"metadata": {"path": str(folder)}},
    )
    client.execute()


def outputs(notebook: NotebookNode) -> list[NotebookNode]:
    return [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]


def test_tutorial_notebook_runs_in_this_interpreter(tmp_path: Path) -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)  # type: ignore[no-untyped-call]
    nbformat.validate(notebook)
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")
    notebook.cells.append(nbformat.v4.new_code_cell(PROBE))  # type: ignore[no-untyped-call]
    run(notebook, tmp_path)
    produced = outputs(notebook)
    assert not [o for o in produced if o.output_type == "error"]
    assert not [o for o in produced if o.output_type == "stream" and o.name == "stderr"]
    probe = notebook.cells[-1].outputs
    assert Path(probe[0].text.strip()).samefile(sys.executable)
    html = [o.data["text/html"] for o in produced if "text/html" in o.get("data", {})]
    captions = "".join(html)
    assert "2025/26 Q2" in captions
    assert "Current risk ratings" in captions
    assert 'class="goldenthread gt-risks"' in captions


def test_a_failing_cell_is_reported(tmp_path: Path) -> None:
    cell = nbformat.v4.new_code_cell(  # type: ignore[no-untyped-call]
        "from goldenthread.periods import Quarter\nQuarter(2025, 5)"
    )
    notebook = nbformat.v4.new_notebook(cells=[cell])  # type: ignore[no-untyped-call]
    with pytest.raises(CellExecutionError) as raised:
        run(notebook, tmp_path)
    assert "Quarter(2025, 5)" in str(raised.value)


def test_the_tutorial_page_shows_every_code_cell() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)  # type: ignore[no-untyped-call]
    page = NOTEBOOK.with_suffix(".md").read_text(encoding="utf-8")
    blocks = page.split("```python\n")[1:]
    shown = [block.split("\n```", 1)[0] for block in blocks]
    cells = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    assert shown == cells
