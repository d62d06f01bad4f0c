"""Trends across reviews, overdue reviews and overdue actions.

Trend functions take the dated reviews of a risk (a sequence of :class:`Review`) and do
not depend on where they are stored: a bundle's ``risk_reviews.csv`` or a revision store
give the same values.

The trend of a risk compares its latest rated review with the rated review before it:

* ``closed`` — the latest review closed the risk;
* ``new`` — there is no earlier rated review;
* ``rising`` / ``falling`` — the current rating got worse / better (level, then score);
* ``stable`` — the same level and score.

**The judging day.**  A register imported with years of reviews can be judged on an
earlier day: only reviews dated on or before that day count.  :func:`reviews_on` keeps
those reviews; :func:`register_on` also puts each risk back as it stood on the day (the
rating and status of its latest review by then, when a later review changed them); the
``on`` arguments of :func:`risk_trend` and :func:`next_review_due`, and
:func:`overdue_reviews`' ``as_at``, ignore later reviews.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

import attrs
from attrs import frozen
from dateutil.relativedelta import relativedelta

from goldenthread.periods import Frequency
from goldenthread.risk.matrix import RiskMatrix
from goldenthread.risk.register import Assessment, Mitigation, Risk, RiskStatus

__all__ = [
    "OverdueReview",
    "Review",
    "Trend",
    "group_reviews",
    "next_review_due",
    "overdue_mitigations",
    "overdue_reviews",
    "register_on",
    "reviews_on",
    "risk_trend",
    "trends_by_risk",
]


class Trend(enum.Enum):
    """How a risk's current rating moved at its latest review."""

    RISING = "rising"
    FALLING = "falling"
    STABLE = "stable"
    NEW = "new"
    CLOSED = "closed"


@frozen
class Review:
    """One review of one risk: when, the current rating then, and the risk's status.

    Attributes:
        risk: the risk's id.
        reviewed_on: the date of the review.
        current: the current likelihood and impact agreed at the review (``None`` if not
            rated at that review).
        status: open, or closed at this review.
        period: the reporting period it belongs to (``2024/25 Q2``), as text.
        note: the reviewer's note.
    """

    risk: str
    reviewed_on: dt.date
    current: Assessment | None
    status: RiskStatus = RiskStatus.OPEN
    period: str = ""
    note: str = ""


def reviews_on(reviews: Iterable[Review], on: dt.date | None) -> tuple[Review, ...]:
    """The reviews dated on or before the judging day ``on`` (all of them when ``None``),
    in their given order."""
    return tuple(r for r in reviews if on is None or r.reviewed_on <= on)


def register_on(
    risks: Sequence[Risk], reviews: Sequence[Review], on: dt.date
) -> tuple[tuple[Risk, ...], tuple[Review, ...]]:
    """The register and its reviews as they stood on the judging day ``on``.

    Reviews dated after ``on`` are left out.  A risk with such a later review is put
    back as its latest review on or before ``on`` left it: that review's current rating
    (when it rated the risk) and status (closed only if that review closed it), and its
    next review worked out from that review (the register's ``next_review`` was set
    later).  A risk none of whose reviews is later than ``on`` is unchanged.
    """
    kept = reviews_on(reviews, on)
    later = {r.risk for r in reviews if r.reviewed_on > on}
    if not later:
        return tuple(risks), kept
    history = group_reviews(kept)
    out = []
    for risk in risks:
        if risk.id not in later:
            out.append(risk)
            continue
        earlier = history.get(risk.id, ())
        rated = [r.current for r in earlier if r.current is not None]
        status = earlier[-1].status if earlier else RiskStatus.OPEN
        out.append(
            attrs.evolve(
                risk,
                current=rated[-1] if rated else risk.current,
                status=status,
                next_review=None,
            )
        )
    return tuple(out), kept


def risk_trend(
    reviews: Sequence[Review], matrix: RiskMatrix, *, on: dt.date | None = None
) -> Trend:
    """The trend of one risk from its reviews (in any order; see the module rules), using
    only reviews dated on or before the judging day ``on`` when it is given.

    An empty sequence is :attr:`Trend.NEW`.  Ratings outside the matrix's scale raise
    :class:`~goldenthread.errors.InputError`.
    """
    ordered = sorted(reviews_on(reviews, on), key=lambda r: r.reviewed_on)
    if ordered and ordered[-1].status is RiskStatus.CLOSED:
        return Trend.CLOSED
    rated = [r.current for r in ordered if r.current is not None]
    if len(rated) < 2:
        return Trend.NEW
    before = matrix.rate(rated[-2].likelihood, rated[-2].impact).key
    after = matrix.rate(rated[-1].likelihood, rated[-1].impact).key
    if after > before:
        return Trend.RISING
    if after < before:
        return Trend.FALLING
    return Trend.STABLE


def group_reviews(reviews: Iterable[Review]) -> dict[str, tuple[Review, ...]]:
    """Reviews by risk id, each risk's reviews oldest first."""
    grouped: defaultdict[str, list[Review]] = defaultdict(list)
    for review in reviews:
        grouped[review.risk].append(review)
    return {k: tuple(sorted(v, key=lambda r: r.reviewed_on)) for k, v in grouped.items()}


def trends_by_risk(
    reviews: Iterable[Review], matrix: RiskMatrix, *, on: dt.date | None = None
) -> dict[str, Trend]:
    """The trend of every risk that has reviews (on or before ``on`` when given), by id."""
    kept = reviews_on(reviews, on)
    return {risk: risk_trend(rs, matrix) for risk, rs in group_reviews(kept).items()}


def next_review_due(
    risk: Risk,
    reviews: Sequence[Review],
    default_frequency: Frequency = Frequency.QUARTERLY,
    *,
    on: dt.date | None = None,
) -> dt.date | None:
    """When ``risk`` is next due for review, judged on ``on`` when given.

    Its ``next_review`` date when set (and no review after ``on`` exists: a later
    review set it); otherwise its latest review (on or before ``on``) plus its review
    frequency (or ``default_frequency``); ``None`` when it has never been reviewed.
    """
    later = on is not None and any(r.reviewed_on > on for r in reviews)
    reviews = reviews_on(reviews, on)
    if risk.next_review is not None and not later:
        return risk.next_review
    if not reviews:
        return None
    last = max(r.reviewed_on for r in reviews)
    months = (risk.review_frequency or default_frequency).months
    due: dt.date = last + relativedelta(months=months)
    return due


@frozen
class OverdueReview:
    """An open risk whose review was due before the as-at date."""

    risk: str
    due: dt.date
    days_overdue: int


def overdue_reviews(
    risks: Iterable[Risk],
    reviews: Mapping[str, Sequence[Review]],
    as_at: dt.date,
    default_frequency: Frequency = Frequency.QUARTERLY,
) -> tuple[OverdueReview, ...]:
    """Open risks whose next review (:func:`next_review_due`) is before ``as_at``, the
    judging day: reviews dated after it do not count.

    ``reviews`` maps risk ids to their reviews (see :func:`group_reviews`).  Most overdue
    first, then by id.
    """
    out = []
    for risk in risks:
        if not risk.is_open:
            continue
        due = next_review_due(risk, reviews.get(risk.id, ()), default_frequency, on=as_at)
        if due is not None and due < as_at:
            out.append(OverdueReview(risk.id, due, (as_at - due).days))
    out.sort(key=lambda o: (-o.days_overdue, o.risk))
    return tuple(out)


def overdue_mitigations(
    risks: Iterable[Risk], as_at: dt.date
) -> tuple[tuple[str, Mitigation], ...]:
    """``(risk id, action)`` for every open risk's mitigating action overdue at ``as_at``."""
    return tuple((risk.id, m) for risk in risks for m in risk.overdue_mitigations(as_at))
