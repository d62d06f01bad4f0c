"""The example councils' cycles, read from the framework.toml files shipped with the package."""

from __future__ import annotations

import tomllib
from importlib import resources

from goldenthread.io.cycles import CycleConfig, read_cycles


def example_cycle(council: str) -> CycleConfig:
    """The cycle of the ``poole`` or ``rossendale`` example."""
    text = resources.files("goldenthread.examples").joinpath(council, "framework.toml").read_text()
    return read_cycles(tomllib.loads(text))
