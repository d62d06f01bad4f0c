"""Tools for testing goldenthread and its plugins.

:mod:`goldenthread.testing.strategies` holds hypothesis strategies that generate
goldenthread's domain objects.  This package needs the test dependencies (``hypothesis``,
``pytest``): install goldenthread with its ``dev`` extra, e.g.
``pip install "goldenthread[dev]"``.
"""
