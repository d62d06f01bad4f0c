"""The built-in default branding, asked last so any other plugin's branding wins."""

from __future__ import annotations

from goldenthread.branding import Branding, default_branding
from goldenthread.hookspecs import hookimpl

__all__ = ["goldenthread_branding"]


@hookimpl(trylast=True)
def goldenthread_branding(organisation: str) -> Branding:
    """:func:`goldenthread.branding.default_branding`, for every organisation."""
    return default_branding()
