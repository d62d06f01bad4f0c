"""Shared test configuration: hypothesis profiles.

``ci`` (selected when the ``CI`` environment variable is set, as ``.ci/run`` does) is
derandomised so a green run is reproducible, and runs enough examples to matter.
``dev`` is the everyday profile (a new random seed each run, so ``bash scripts/test.sh``
explores new cases every time); ``thorough`` is for a long local run.  CI runs the suite
under ``ci`` and then the property tests again under ``dev`` with a random seed it prints
(``--hypothesis-seed``), so a property that fails only for some seeds cannot hide behind
the derandomised profile.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    derandomize=True,
    max_examples=300,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "dev",
    max_examples=100,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("thorough", max_examples=5000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))
