"""The built-in default branding, asked last so any other plugin's branding wins, and
:class:`BrandingPreset`, the shape of a named branding a plugin offers."""

from __future__ import annotations

from attrs import frozen

from goldenthread.branding import Branding, default_branding
from goldenthread.hookspecs import hookimpl

__all__ = ["BrandingPreset", "goldenthread_branding"]


@frozen
class BrandingPreset:
    """A :class:`~goldenthread.branding.Branding` with the name a bundle selects it by
    (``[branding] preset = "NAME"``).

    Plugin authors offer their council's look as ``BrandingPreset("acme", branding)`` from
    ``goldenthread_branding_presets``.

    Attributes:
        name: the registry name, unique across installed plugins.
        branding: the organisation name, logo, colours, fonts and terminology.
    """

    name: str
    branding: Branding


@hookimpl(trylast=True)
def goldenthread_branding(organisation: str) -> Branding:
    """:func:`goldenthread.branding.default_branding`, for every organisation."""
    return default_branding()
