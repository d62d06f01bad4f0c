"""Example councils shipped with goldenthread: bundles modelled on two real frameworks.

``rossendale`` follows Rossendale Borough Council's framework (Community Strategy and its
Delivery Plan, Corporate Plan, nine Business Plans, Action Plans, Personal Development
Interviews); ``poole`` follows the Borough of Poole's (Sustainable Community Strategy,
Corporate Strategy, Medium Term Financial Plan, Service Unit Business Plans, Team plans,
Individual plans).  The content is fictional; people's names are obviously invented.
"""

from __future__ import annotations

import datetime as dt
from importlib.resources import files
from pathlib import Path

__all__ = ["EXAMPLES", "EXAMPLE_AS_AT", "example_path"]

EXAMPLE_AS_AT = dt.date(2025, 11, 30)
"""The day the example councils' data describe: their latest indicator values are for
2025/26 Q2, their risks were last reviewed that quarter and their action plans were last
updated in the autumn of 2025.  The demo reports as at this day unless told otherwise."""

EXAMPLES = ("rossendale", "poole")
"""The names of the example councils."""


def example_path(name: str) -> Path:
    """The folder of the example bundle ``name`` (one of :data:`EXAMPLES`).

    Raises:
        ValueError: there is no example of that name.
    """
    if name not in EXAMPLES:
        raise ValueError(f"no example council {name!r}; choose one of {', '.join(EXAMPLES)}")
    return Path(str(files("goldenthread.examples") / name))
