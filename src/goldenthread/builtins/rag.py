"""Built-in RAG rules: ``tolerance`` (the default), ``havering``, ``kent``, ``medway`` and
``activity-range``, from :func:`goldenthread.indicators.rag.default_rules`."""

from __future__ import annotations

from attrs import frozen

from goldenthread.hookspecs import hookimpl
from goldenthread.indicators.rag import Explainer, RagInput, RagRule, RagStatus, default_rules

__all__ = ["NamedRule", "goldenthread_rag_rules"]


@frozen
class NamedRule:
    """A RAG rule function with the name a bundle selects it by.

    Call it like the function it wraps: ``rule(rag_input)`` returns a ``RagStatus``.
    Plugin authors can use it to offer their own functions.  ``explain``, when given,
    words the reason for a status (``explain(rag_input, status)`` returns a sentence a
    councillor understands); without it a report gives a generic reason naming the
    rule, the value and the target.  The rule is only called with a value that has a
    target: :func:`goldenthread.indicators.rag.rate` settles ``data-only``,
    ``not-applicable``, ``not-yet-due``, ``no-data`` and ``no-target`` first.
    """

    name: str
    function: RagRule
    explain: Explainer | None = None

    def __call__(self, inp: RagInput) -> RagStatus:
        return self.function(inp)


@hookimpl
def goldenthread_rag_rules() -> list[NamedRule]:
    """The published rules goldenthread ships, by their registry names."""
    rules = default_rules()
    return [NamedRule(name, rules.get(name)) for name in rules]
