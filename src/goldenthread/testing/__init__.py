"""Tools for testing goldenthread and its plugins.

:mod:`goldenthread.testing.strategies` holds hypothesis strategies that generate
goldenthread's domain objects.  :mod:`goldenthread.testing.conformance` holds the storage
conformance suite a store backend runs against itself under pytest.  This package needs
the test dependencies (``hypothesis``, ``pytest``): install goldenthread with its ``dev``
extra, e.g. ``pip install "goldenthread[dev]"``.
"""
