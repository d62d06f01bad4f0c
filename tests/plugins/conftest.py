"""Fixtures for the plugin tests."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def installed_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """An installed distribution ``acme-goldenthread`` 1.2 whose entry point is ``acme``."""
    (tmp_path / "acme_goldenthread.py").write_text(
        textwrap.dedent(
            """
            from tests.plugins.sample_plugins import ReportFormat
            from goldenthread.hookspecs import hookimpl

            @hookimpl
            def goldenthread_report_formats():
                return [ReportFormat("acme-pdf")]
            """
        )
    )
    info = tmp_path / "acme_goldenthread-1.2.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-goldenthread\nVersion: 1.2\n")
    (info / "entry_points.txt").write_text("[goldenthread]\nacme = acme_goldenthread\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "acme_goldenthread", raising=False)
    yield "acme"
    sys.modules.pop("acme_goldenthread", None)
