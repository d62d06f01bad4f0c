"""Checks of a whole framework: what ``goldenthread check`` reports.

:func:`check_framework` runs every capability's checks over one
:class:`~goldenthread.framework.Framework` and adds the checks that cross capabilities:

- every finding of :func:`goldenthread.thread.check_thread` (the thread's codes), with
  each indicator definition's ``objective`` counted as an attachment (an objective an
  indicator names in ``indicators.csv`` is measured);
- every finding of :func:`goldenthread.risk.consistency.register_findings` (the risk
  register's codes);
- ``risk-unknown-objective`` (warning): a risk names an objective that is not in the
  thread;
- ``indicator-unknown-objective`` (warning): an indicator names an objective that is not
  in the thread;
- ``classification-conflict`` (error) for indicators: an indicator classified less
  strictly than an item it measures
  (:func:`goldenthread.thread.confidentiality.check_indicator_classifications`);
- every finding of :func:`goldenthread.finance.checks.finance_findings` (the finance
  codes: virements, revised budgets, profiles and unknown lines), with the thread's items
  as the items a budget line may fund.

Findings are sorted worst first, then by code and item, so two runs over the same framework
print the same list.
"""

from __future__ import annotations

import datetime as dt

from goldenthread.finance.checks import finance_findings
from goldenthread.findings import Finding, Severity
from goldenthread.framework import Framework
from goldenthread.risk.consistency import register_findings
from goldenthread.thread.checks import check_thread
from goldenthread.thread.confidentiality import check_indicator_classifications
from goldenthread.thread.items import IndicatorLink

__all__ = ["check_framework", "objective_links"]


def objective_links(framework: Framework) -> tuple[IndicatorLink, ...]:
    """An attachment for each indicator whose definition names an ``objective`` the
    thread holds (an unknown one is the ``indicator-unknown-objective`` finding)."""
    thread = framework.thread
    return tuple(
        IndicatorLink(code, definition.objective)
        for code, definition in framework.indicators.definitions.items()
        if definition.objective and definition.objective in thread
    )


def check_framework(
    framework: Framework, today: dt.date, *, stale_after: int = 90
) -> tuple[Finding, ...]:
    """Every finding about ``framework`` as at ``today``, worst first.

    Args:
        framework: the framework to check.
        today: the date overdue and stale actions are judged on.
        stale_after: days after which an open action's latest update is stale.
    """
    found = list(
        check_thread(framework.thread, today, stale_after, attached=objective_links(framework))
    )
    definitions = framework.indicators.definitions
    found.extend(register_findings(framework.risks, framework.risk_settings.matrix))
    known = {item.id for item in framework.thread.items}
    if known:
        for risk in framework.risks:
            for objective in risk.objectives:
                if objective not in known:
                    found.append(
                        Finding(
                            "risk-unknown-objective",
                            Severity.WARNING,
                            risk.id,
                            f"risk {risk.id} threatens {objective!r}, which is not in the thread",
                        )
                    )
        for definition in framework.indicators.definitions.values():
            if definition.objective and definition.objective not in known:
                found.append(
                    Finding(
                        "indicator-unknown-objective",
                        Severity.WARNING,
                        definition.code,
                        f"indicator {definition.code} measures {definition.objective!r}, "
                        "which is not in the thread",
                    )
                )
    found.extend(
        check_indicator_classifications(
            framework.thread,
            ((c, d.classification.value, d.objective) for c, d in definitions.items()),
        )
    )
    found.extend(finance_findings(framework.finance, known_items=known or None))
    found.sort(key=lambda f: (f.severity.rank, f.code, f.item or ""))
    return tuple(found)
