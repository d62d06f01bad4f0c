"""How often something happens: monthly, quarterly, half-yearly or annually."""

from __future__ import annotations

import enum

__all__ = ["Frequency"]


class Frequency(enum.Enum):
    """A reporting or collection frequency.

    The value is the spelling used in bundles and JSON (``"quarterly"``); :attr:`months`
    is the length of one period of this frequency.
    """

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half-yearly"
    ANNUAL = "annual"

    @property
    def months(self) -> int:
        """The number of calendar months in one period of this frequency."""
        return _MONTHS_OF[self._value_]

    @property
    def per_year(self) -> int:
        """How many periods of this frequency make one financial year."""
        return 12 // _MONTHS_OF[self._value_]

    @classmethod
    def parse(cls, text: str) -> Frequency:
        """Read a frequency from a bundle cell.

        Accepts the value (``quarterly``), the name (``QUARTERLY``) and the common
        spellings ``month``/``quarter``/``half-year``/``half year``/``6-monthly``/
        ``year``/``yearly``, case-insensitively.

        Raises:
            ValueError: the text names no frequency.
        """
        key = " ".join(text.strip().lower().replace("_", " ").replace("-", " ").split())
        try:
            return _SPELLINGS[key]
        except KeyError:
            expected = ", ".join(f.value for f in cls)
            raise ValueError(f"unknown frequency {text!r}; expected one of {expected}") from None


_MONTHS = {
    Frequency.MONTHLY: 1,
    Frequency.QUARTERLY: 3,
    Frequency.HALF_YEARLY: 6,
    Frequency.ANNUAL: 12,
}
_MONTHS_OF = {f.value: months for f, months in _MONTHS.items()}
"""Months by the frequency's value (a text key hashes faster than an enum member)."""

_SPELLINGS = {
    "monthly": Frequency.MONTHLY,
    "month": Frequency.MONTHLY,
    "quarterly": Frequency.QUARTERLY,
    "quarter": Frequency.QUARTERLY,
    "half yearly": Frequency.HALF_YEARLY,
    "half year": Frequency.HALF_YEARLY,
    "halfyearly": Frequency.HALF_YEARLY,
    "6 monthly": Frequency.HALF_YEARLY,
    "six monthly": Frequency.HALF_YEARLY,
    "biannual": Frequency.HALF_YEARLY,
    "annual": Frequency.ANNUAL,
    "annually": Frequency.ANNUAL,
    "yearly": Frequency.ANNUAL,
    "year": Frequency.ANNUAL,
}
