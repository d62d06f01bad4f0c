"""Shared test configuration: hypothesis profiles.

``ci`` (selected when the ``CI`` environment variable is set, as ``.ci/run`` does) is
derandomised so a green run is reproducible, and runs enough examples to matter.
``dev`` is the everyday profile; ``thorough`` is for a long local run.
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
settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile("thorough", max_examples=5000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))
