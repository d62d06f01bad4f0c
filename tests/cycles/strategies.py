"""Hypothesis strategies for the review cycle tests."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from goldenthread.cycles import (
    Anchor,
    Arrangement,
    MeetingRule,
    MonthEndRule,
    OffsetRule,
    Unit,
)
from goldenthread.cycles.rules import DueRule
from goldenthread.periods import Frequency

dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31))
units = st.sampled_from(list(Unit))
anchors = st.sampled_from(list(Anchor))
bodies = st.sampled_from(["Cabinet", "Management Team", "Audit Committee"])

offset_rules = st.builds(OffsetRule, st.integers(1, 60), units, anchors)
month_end_rules = st.builds(MonthEndRule, st.integers(1, 12), anchors)
meeting_rules = st.builds(MeetingRule, bodies, st.integers(1, 30), units, anchors) | st.builds(
    MeetingRule, bodies, st.just(0), st.just(Unit.DAYS), anchors
)
due_rules: st.SearchStrategy[DueRule] = st.one_of(offset_rules, month_end_rules, meeting_rules)


def _period_end_only(rule: DueRule) -> bool:
    return rule.anchor is Anchor.PERIOD_END


arrangements = st.builds(
    Arrangement,
    key=st.text("abcdefghij-", min_size=1, max_size=12).filter(lambda s: s.strip() != ""),
    what=st.just("Something monitored"),
    who=st.lists(bodies, min_size=1, max_size=3),
    frequency=st.sampled_from(list(Frequency)),
    report_due=due_rules.filter(_period_end_only),
    data_due=st.none() | offset_rules.filter(_period_end_only),
)
