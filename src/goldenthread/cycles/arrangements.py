"""Monitoring arrangements: what is monitored, who by, how often, and when it is due.

Poole's framework sets out "what is monitored, who by and how often"; an
:class:`Arrangement` is one line of that table, e.g. the corporate risk register, reported
to Management Team and Audit Committee quarterly, with data due 10 working days after the
quarter ends and the report due at the first Audit Committee meeting at least 4 weeks after
it.

Arrangements that recur less often than yearly (Rossendale's three-year Corporate Plan)
are annual arrangements with ``every_years`` > 1 and an ``anchor_year``: they occur in
the financial years ``anchor_year + k * every_years``.
"""

from __future__ import annotations

from collections.abc import Iterable

from attrs import field, frozen

from goldenthread.cycles.rules import Anchor, DueRule
from goldenthread.errors import InputError
from goldenthread.periods import FinancialYear, Frequency

__all__ = ["Arrangement"]


def _check_key(instance: Arrangement, attribute: object, value: str) -> None:
    if not value.strip():
        raise InputError("an arrangement needs a key")


def _check_what(instance: Arrangement, attribute: object, value: str) -> None:
    if not value.strip():
        raise InputError(f"arrangement {instance.key!r} needs 'what' is monitored")


def _to_bodies(values: object) -> tuple[str, ...]:
    if isinstance(values, str):
        return (values,)
    if not isinstance(values, (list, tuple)):
        raise InputError(f"'who' must be a list of bodies, not {values!r}")
    return tuple(str(value) for value in values)


def _to_codes(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


def _check_who(instance: Arrangement, attribute: object, value: tuple[str, ...]) -> None:
    if not value or any(not body.strip() for body in value):
        raise InputError(
            f"arrangement {instance.key!r} needs 'who' monitors it (one or more bodies)"
        )


def _check_data_due(instance: Arrangement, attribute: object, value: DueRule | None) -> None:
    if value is not None and value.anchor is Anchor.DATA_DUE:
        raise InputError(
            f"arrangement {instance.key!r}: the data due rule cannot count from 'data due'"
        )


def _check_every(instance: Arrangement, attribute: object, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InputError(
            f"arrangement {instance.key!r}: every_years must be at least 1, not {value!r}"
        )


@frozen
class Arrangement:
    """One monitoring arrangement.

    Attributes:
        key: a short unique name, e.g. ``"risk-register"``.
        what: what is monitored (``"Corporate risk register"``).
        who: the bodies or people who monitor it, in order (``("Management Team",
            "Audit Committee")``).
        frequency: how often; one occurrence per period of this frequency.
        report_due: when the report (or review) is due.
        data_due: when the data for it is due, if the arrangement has a data deadline.
        description: free text.
        concerns: the level, plan or register it concerns (``"corporate"``,
            ``"risk register"``), if given.
        every_years: for annual arrangements, occur every this many financial years.
        anchor_year: a financial year (its start year) in which the arrangement occurs;
            required when ``every_years`` > 1.
        returns: the codes of the indicators whose returns (figures) it collects, or
            ``("all",)`` for every indicator; their timeliness is judged by its data due
            rule (else its report due rule).

    Raises:
        InputError: a field is empty or inconsistent (``every_years`` > 1 on a
            non-annual arrangement or without an ``anchor_year``; a report rule counting
            from data due without a data rule; a data rule counting from data due).
    """

    key: str = field(validator=_check_key)
    what: str = field(validator=_check_what)
    who: tuple[str, ...] = field(converter=_to_bodies, validator=_check_who)
    frequency: Frequency
    report_due: DueRule
    data_due: DueRule | None = field(default=None, validator=_check_data_due)
    description: str = ""
    concerns: str | None = None
    every_years: int = field(default=1, validator=_check_every)
    anchor_year: int | None = None
    returns: tuple[str, ...] = field(default=(), converter=_to_codes)

    def __attrs_post_init__(self) -> None:
        if self.every_years > 1 and self.frequency is not Frequency.ANNUAL:
            raise InputError(
                f"arrangement {self.key!r}: every_years applies only to annual arrangements,"
                f" not {self.frequency.value}"
            )
        if self.every_years > 1 and self.anchor_year is None:
            raise InputError(
                f"arrangement {self.key!r}: every_years = {self.every_years} needs an"
                " anchor year (a financial year in which it occurs)"
            )
        if self.report_due.anchor is Anchor.DATA_DUE and self.data_due is None:
            raise InputError(
                f"arrangement {self.key!r}: the report due rule counts from data due,"
                " but there is no data due rule"
            )

    @property
    def bodies(self) -> tuple[str, ...]:
        """The bodies whose meetings the due rules need."""
        rules = [rule for rule in (self.data_due, self.report_due) if rule is not None]
        return tuple(body for rule in rules for body in rule.bodies)

    @property
    def return_rule(self) -> DueRule:
        """The rule a return it collects is due by: the data due rule, else the report's."""
        return self.data_due if self.data_due is not None else self.report_due

    def collects(self, indicator: str) -> bool:
        """Whether it names ``indicator`` (or ``all``) among the returns it collects."""
        return indicator in self.returns or self.returns == ("all",)

    def occurs_in(self, year: FinancialYear) -> bool:
        """Whether the arrangement has occurrences in financial year ``year``."""
        if self.every_years == 1:
            return True
        anchor = self.anchor_year if self.anchor_year is not None else year.year
        return (year.year - anchor) % self.every_years == 0
