"""goldenthread-poole: an example plugin configuring a Poole-style framework.

Installed, it offers goldenthread (through the ``goldenthread`` entry-point group):

* the level preset ``poole-borough``: the Sustainable Community Strategy, the Corporate
  Strategy, the Medium Term Financial Plan (skippable), Service Unit Business Plans, Team
  plans and Individual plans;
* the terminology preset ``poole-borough``: "Service Unit Business Plan" for a service
  plan, "Team plan", "Individual plan (Employee Development Interview)", and RAG labels
  such as "Amber (within tolerance)";
* the branding of the organisation code ``poole``.

Its monitoring arrangements have no hook; :func:`arrangements` returns them.
"""

from goldenthread_poole.council import (
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
