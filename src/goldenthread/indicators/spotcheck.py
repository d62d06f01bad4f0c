"""Audit spot-checks: a reproducible, weighted sample of indicators and what was found.

Poole's framework: "The council's internal audit service will perform annual
spot-checks on performance indicators (especially statutory measures and government
returns)".  :func:`draw_sample` picks which indicators to check and records why;
:class:`SpotCheckAudit` records each verification, so the audit trail shows what was
checked, by whom, when, and what was found.

**Weights.** Each :class:`Candidate` gets a weight from :class:`SpotCheckWeights`: the
``base`` weight plus ``statutory`` if it is a statutory measure, plus
``government_return`` if it feeds a government return, plus ``red`` if its latest
status is red, plus ``much_changed`` if its latest value moved by more than
``much_changed_percent`` (in either direction).  The defaults are base 1, statutory 3,
government return 3, red 2, much changed 2 with a threshold of 25%: a statutory
government return that went red is 9 times as likely to be drawn at each step as an
unremarkable local indicator.

**Sampling** is without replacement and reproducible: the candidates are put in order
of code (so the order they are given in does not matter), a
``random.Random(seed)`` gives each a uniform ``u`` in (0, 1], and the ``size``
candidates with the largest keys ``ln(u) ÷ weight`` are chosen (Efraimidis and
Spirakis' weighted sampling).  The base weight is positive, so every candidate can be
drawn.  The same
candidates, weights, size and seed always give the same sample.

**Outcomes** of a check are ``verified`` (the figure is right), ``amended`` (it was
wrong and has been corrected), ``qualified`` (it stands, with a caveat) and
``not-verified`` (it could not be supported).  :meth:`SpotCheckAudit.record` adds a
verification and returns a new audit: nothing is overwritten, and the latest
verification of an item is its outcome.  :meth:`SpotCheckAudit.findings` reports
``spot-check-not-verified`` (error), ``spot-check-amended`` (warning) and
``spot-check-outstanding`` (info, an item not yet checked).

**Recorded checks.** A :class:`RecordedCheck` is a verification kept with the
financial year whose figures were checked, as a bundle's ``spot_checks.csv`` records
it; :func:`check_findings` gives the findings above for any sampled codes and any
verifications, whenever they were recorded.

Samples and audits convert to plain dicts of strings, numbers and lists
(``to_dict``/``from_dict``) for JSON, TOML or a store.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import random
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol, TypeVar

from attrs import field, frozen

from goldenthread.findings import Finding, Severity
from goldenthread.indicators.polarity import DataStatus
from goldenthread.periods import FinancialYear

__all__ = [
    "Candidate",
    "IndicatorLike",
    "RecordedCheck",
    "SampledItem",
    "SpotCheckAudit",
    "SpotCheckSample",
    "SpotCheckWeights",
    "Verification",
    "VerificationOutcome",
    "candidate",
    "check_findings",
    "draw_sample",
]


class IndicatorLike(Protocol):
    """What :func:`candidate` needs of an indicator definition."""

    @property
    def code(self) -> str: ...

    @property
    def statutory(self) -> bool: ...


_T = TypeVar("_T")


def _read(data: Mapping[str, Any], key: str, read: Callable[[Any], _T], what: str) -> _T:
    """``read(data[key])``, turning a missing key or an unreadable value into a ValueError."""
    if key not in data:
        raise ValueError(f"{what} has no {key!r}")
    try:
        return read(data[key])
    except (ValueError, TypeError, InvalidOperation):
        raise ValueError(f"{what}: cannot read {key} {data[key]!r}") from None


def _decimal(value: Any) -> Decimal:
    return Decimal(str(value))


def _date(value: Any) -> dt.date:
    return dt.date.fromisoformat(str(value))


def _non_negative(instance: Any, attribute: Any, value: Decimal) -> None:
    if value < 0:
        raise ValueError(f"the {attribute.name} weight must not be negative, not {value}")


def _positive(instance: Any, attribute: Any, value: Decimal) -> None:
    if value <= 0:
        raise ValueError(f"the base weight must be positive, not {value}")


@frozen
class SpotCheckWeights:
    """How much each reason adds to a candidate's chance (see the module notes)."""

    base: Decimal = field(default=Decimal(1), converter=Decimal, validator=_positive)
    statutory: Decimal = field(default=Decimal(3), converter=Decimal, validator=_non_negative)
    government_return: Decimal = field(
        default=Decimal(3), converter=Decimal, validator=_non_negative
    )
    red: Decimal = field(default=Decimal(2), converter=Decimal, validator=_non_negative)
    much_changed: Decimal = field(default=Decimal(2), converter=Decimal, validator=_non_negative)
    much_changed_percent: Decimal = field(
        default=Decimal(25), converter=Decimal, validator=_non_negative
    )

    def to_dict(self) -> dict[str, str]:
        """The weights as strings (exact decimals)."""
        return {
            "base": str(self.base),
            "statutory": str(self.statutory),
            "government_return": str(self.government_return),
            "red": str(self.red),
            "much_changed": str(self.much_changed),
            "much_changed_percent": str(self.much_changed_percent),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SpotCheckWeights:
        """Read :meth:`to_dict`'s shape back (absent weights take their defaults).

        Raises:
            ValueError: an unknown or unreadable weight.
        """
        unknown = sorted(set(data) - set(SpotCheckWeights().to_dict()))
        if unknown:
            raise ValueError(f"spot-check weights: unknown {', '.join(unknown)}")
        return cls(**{key: _read(data, key, _decimal, "spot-check weights") for key in data})


@frozen
class Candidate:
    """An indicator that could be spot-checked, and the facts that weight it.

    ``change_percent`` is the latest percentage change in its value (``None`` when
    unknown).
    """

    code: str
    statutory: bool = False
    government_return: bool = False
    red: bool = False
    change_percent: Decimal | None = None

    def reasons(self, weights: SpotCheckWeights) -> tuple[str, ...]:
        """Why it is weighted: ``statutory``, ``government-return``, ``red``, ``much-changed``."""
        found = []
        if self.statutory:
            found.append("statutory")
        if self.government_return:
            found.append("government-return")
        if self.red:
            found.append("red")
        if self.change_percent is not None and abs(self.change_percent) > (
            weights.much_changed_percent
        ):
            found.append("much-changed")
        return tuple(found)

    def weight(self, weights: SpotCheckWeights) -> Decimal:
        """The base weight plus the weight of each reason that applies."""
        extra = {
            "statutory": weights.statutory,
            "government-return": weights.government_return,
            "red": weights.red,
            "much-changed": weights.much_changed,
        }
        return weights.base + sum((extra[r] for r in self.reasons(weights)), Decimal(0))


def candidate(
    indicator: IndicatorLike,
    *,
    government_return: bool = False,
    red: bool = False,
    change_percent: Decimal | None = None,
) -> Candidate:
    """A :class:`Candidate` from an indicator definition (its code and statutory flag)."""
    return Candidate(indicator.code, indicator.statutory, government_return, red, change_percent)


@frozen
class SampledItem:
    """One chosen indicator, its weight and why it was weighted."""

    code: str
    weight: Decimal
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """``{code, weight, reasons}`` with the weight as a string."""
        return {"code": self.code, "weight": str(self.weight), "reasons": list(self.reasons)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SampledItem:
        """Read :meth:`to_dict`'s shape back.

        Raises:
            ValueError: a field is missing or cannot be read (the message names it).
        """
        what = "a sampled item"
        return cls(
            _read(data, "code", str, what),
            _read(data, "weight", _decimal, what),
            _read(data, "reasons", lambda r: tuple(str(x) for x in r), what),
        )


@frozen
class SpotCheckSample:
    """A drawn sample: the seed, date, weights and population it came from, and the items.

    ``items`` are in the order drawn (the most strongly keyed first).
    """

    seed: int
    drawn_on: dt.date
    weights: SpotCheckWeights
    population: int
    items: tuple[SampledItem, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        """The chosen indicators' codes."""
        return tuple(item.code for item in self.items)

    def to_dict(self) -> dict[str, Any]:
        """The sample as plain data (dates ISO 8601, decimals as strings)."""
        return {
            "seed": self.seed,
            "drawn_on": self.drawn_on.isoformat(),
            "weights": self.weights.to_dict(),
            "population": self.population,
            "items": [item.to_dict() for item in self.items],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SpotCheckSample:
        """Read :meth:`to_dict`'s shape back.

        Raises:
            ValueError: a field is missing or cannot be read (the message names it).
        """
        what = "a spot-check sample"
        return cls(
            _read(data, "seed", int, what),
            _read(data, "drawn_on", _date, what),
            SpotCheckWeights.from_dict(_read(data, "weights", dict, what)),
            _read(data, "population", int, what),
            tuple(SampledItem.from_dict(item) for item in _read(data, "items", list, what)),
        )


def draw_sample(
    candidates: Iterable[Candidate],
    size: int,
    seed: int,
    drawn_on: dt.date,
    weights: SpotCheckWeights | None = None,
) -> SpotCheckSample:
    """Draw ``size`` candidates, weighted and without replacement (see the module notes).

    When ``size`` is at least the number of candidates, all of them are drawn.

    Raises:
        ValueError: ``size`` is negative, or a code appears twice among the candidates.
    """
    if size < 0:
        raise ValueError(f"a sample size must not be negative, not {size}")
    chosen_weights = weights or SpotCheckWeights()
    pool = sorted(candidates, key=lambda c: c.code)
    repeated = sorted(code for code, n in Counter(c.code for c in pool).items() if n > 1)
    if repeated:
        raise ValueError(f"candidates listed more than once: {', '.join(repeated)}")
    rng = random.Random(seed)  # noqa: S311 - a reproducible audit sample, not cryptography
    keyed: list[tuple[float, int, Candidate, Decimal]] = []
    for index, item in enumerate(pool):
        weight = item.weight(chosen_weights)
        u = 1.0 - rng.random()
        keyed.append((math.log(u) / float(weight), -index, item, weight))
    keyed.sort(key=lambda entry: (entry[0], entry[1]), reverse=True)
    items = tuple(
        SampledItem(item.code, weight, item.reasons(chosen_weights))
        for _, _, item, weight in keyed[:size]
    )
    return SpotCheckSample(seed, drawn_on, chosen_weights, len(pool), items)


class VerificationOutcome(enum.Enum):
    """What an auditor found when checking a figure."""

    VERIFIED = "verified"
    AMENDED = "amended"
    QUALIFIED = "qualified"
    NOT_VERIFIED = "not-verified"

    @property
    def data_status(self) -> DataStatus | None:
        """The data status the checked figure earns: ``verified`` or ``qualified``.

        ``amended`` and ``not-verified`` give ``None``: the figure must be re-entered or
        keeps its status until it is.
        """
        return {
            VerificationOutcome.VERIFIED: DataStatus.VERIFIED,
            VerificationOutcome.QUALIFIED: DataStatus.QUALIFIED,
        }.get(self)


def _check_auditor(instance: Any, attribute: Any, value: str) -> None:
    if not value.strip():
        raise ValueError("a verification needs the auditor's name")


@frozen
class Verification:
    """One check of one sampled indicator: the outcome, who checked it, when, and a note."""

    code: str
    outcome: VerificationOutcome
    auditor: str = field(validator=_check_auditor)
    checked_on: dt.date
    note: str = ""

    def to_dict(self) -> dict[str, str]:
        """``{code, outcome, auditor, checked_on, note}`` as strings."""
        return {
            "code": self.code,
            "outcome": self.outcome.value,
            "auditor": self.auditor,
            "checked_on": self.checked_on.isoformat(),
            "note": self.note,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Verification:
        """Read :meth:`to_dict`'s shape back.

        Raises:
            ValueError: a field is missing or cannot be read (the message names it).
        """
        what = "a verification"
        return cls(
            _read(data, "code", str, what),
            _read(data, "outcome", VerificationOutcome, what),
            _read(data, "auditor", str, what),
            _read(data, "checked_on", _date, what),
            str(data.get("note", "")),
        )


@frozen
class SpotCheckAudit:
    """A sample and the verifications recorded against it, in the order recorded."""

    sample: SpotCheckSample
    verifications: tuple[Verification, ...] = ()

    def __attrs_post_init__(self) -> None:
        for verification in self.verifications:
            self._check(verification)

    def _check(self, verification: Verification) -> None:
        if verification.code not in self.sample.codes:
            raise ValueError(
                f"{verification.code} was not in the spot-check sample drawn on "
                f"{self.sample.drawn_on.isoformat()}"
            )
        if verification.checked_on < self.sample.drawn_on:
            raise ValueError(
                f"{verification.code} checked on {verification.checked_on.isoformat()}, "
                f"before the sample was drawn on {self.sample.drawn_on.isoformat()}"
            )

    def record(self, verification: Verification) -> SpotCheckAudit:
        """A new audit with ``verification`` added.

        Raises:
            ValueError: the indicator is not in the sample, or was checked before the
                sample was drawn.
        """
        self._check(verification)
        return SpotCheckAudit(self.sample, (*self.verifications, verification))

    def outcomes(self) -> dict[str, VerificationOutcome]:
        """The latest outcome of each checked indicator."""
        return {v.code: v.outcome for v in self.verifications}

    def outstanding(self) -> tuple[str, ...]:
        """The sampled indicators not yet checked, in sample order."""
        done = self.outcomes()
        return tuple(code for code in self.sample.codes if code not in done)

    def findings(self) -> tuple[Finding, ...]:
        """Findings for items not verified, amended, or not yet checked (module notes)."""
        return check_findings(self.sample.codes, self.sample.drawn_on, self.verifications)

    def to_dict(self) -> dict[str, Any]:
        """``{sample, verifications}`` as plain data."""
        return {
            "sample": self.sample.to_dict(),
            "verifications": [v.to_dict() for v in self.verifications],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SpotCheckAudit:
        """Read :meth:`to_dict`'s shape back.

        Raises:
            ValueError: a field is missing or cannot be read; a verification is for an
                indicator outside the sample, or dated before it.
        """
        return cls(
            SpotCheckSample.from_dict(_read(data, "sample", dict, "a spot-check audit")),
            tuple(Verification.from_dict(v) for v in data.get("verifications", ())),
        )


def check_findings(
    codes: Iterable[str], sampled_on: dt.date, verifications: Iterable[Verification]
) -> tuple[Finding, ...]:
    """Findings for the sampled ``codes``: the latest of ``verifications`` of each code
    decides (module notes); a code with none is outstanding since ``sampled_on``."""
    latest = {v.code: v for v in verifications}
    found: list[Finding] = []
    for code in codes:
        check = latest.get(code)
        if check is None:
            found.append(
                Finding(
                    "spot-check-outstanding",
                    Severity.INFO,
                    code,
                    f"{code} was sampled on {sampled_on.isoformat()} and has not been checked yet",
                )
            )
        elif check.outcome is VerificationOutcome.NOT_VERIFIED:
            found.append(
                Finding(
                    "spot-check-not-verified",
                    Severity.ERROR,
                    code,
                    f"{code} could not be verified by {check.auditor} on "
                    f"{check.checked_on.isoformat()}: {check.note or 'no note'}",
                )
            )
        elif check.outcome is VerificationOutcome.AMENDED:
            found.append(
                Finding(
                    "spot-check-amended",
                    Severity.WARNING,
                    code,
                    f"{code} was amended after a check by {check.auditor} on "
                    f"{check.checked_on.isoformat()}: {check.note or 'no note'}",
                )
            )
    return tuple(found)


@frozen
class RecordedCheck:
    """A verification of one indicator's figures for one financial year, as recorded in a
    bundle's ``spot_checks.csv``; :attr:`key` (``indicator|year|checked on``) names it."""

    year: FinancialYear
    verification: Verification

    @property
    def code(self) -> str:
        """The checked indicator's code."""
        return self.verification.code

    @property
    def key(self) -> str:
        """``indicator|year label|checked on``, unique within a bundle."""
        checked = self.verification.checked_on.isoformat()
        return f"{self.code}|{self.year.label}|{checked}"
