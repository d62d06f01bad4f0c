"""goldenthread-rossendale: an example plugin configuring a Rossendale-style framework.

Installed, it offers goldenthread (through the ``goldenthread`` entry-point group):

* the level preset ``rossendale-borough``: national and regional priorities, the
  Community Strategy, the Corporate Plan, Business Plans, Action Plans and Personal
  Development Interviews;
* the terminology preset ``rossendale-borough``: "Business Plan" for a service plan,
  "Action Plan" for a team plan, "On target" / "Slightly off target" / "Off target";
* the branding of the organisation code ``rossendale``.

Its monitoring arrangements have no hook; :func:`arrangements` returns them.
"""

from goldenthread_rossendale.council import (
    ORGANISATION,
    PRESET,
    SOURCE,
    arrangements,
    branding,
    cycle,
    levels,
    settings,
    terminology,
)

__all__ = [
    "ORGANISATION",
    "PRESET",
    "SOURCE",
    "arrangements",
    "branding",
    "cycle",
    "levels",
    "settings",
    "terminology",
]
