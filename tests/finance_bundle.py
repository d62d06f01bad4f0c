"""A tiny finance bundle with hand-worked figures, for the finance command and report tests.

Testshire District Council, 2025/26, monitored as at June 2025 (month 3):

========  ===========  =========  ======  ===========  ========  =======================
line      service      kind       budget  forecast     variance  status
========  ===========  =========  ======  ===========  ========  =======================
W1        Environment  exp.       120000  126000 (BH)  6000      red (band 2% = 2400)
W2        Environment  exp.        60000   60000 (pr)     0      green (band £5,000)
F1        Environment  income      24000   23600 (BH)   400      amber (band 480)
P1        Planning     exp.        48000   41000 (BH)  -7000     green, significant
                                                                 underspend (band 960)
========  ===========  =========  ======  ===========  ========  =======================

Council net budget 204000; forecast 203400 (203000 in April, 202400 in May); variance
-600, green.  MTFP: 2025/26 gap 4000, 2026/27 gap 7000 (base brought forward 204000).
Savings: S1 delivered 4000, S2 at risk 2000 (2025/26); S3 unachievable 3000 (2026/27).
P1 is public; the other lines are internal.
"""

from __future__ import annotations

from pathlib import Path

FILES: dict[str, str] = {
    "framework.toml": '[organisation]\nname = "Testshire District Council"\ncode = "TDC"\n',
    "budget_lines.csv": (
        "code,title,service,kind,owner,tolerance,classification\n"
        "W1,Waste collection,Environment,expenditure,A. Holder,,internal\n"
        'W2,Street cleansing,Environment,expenditure,B. Holder,"£5,000",internal\n'
        "F1,Garden waste fees,Environment,income,A. Holder,,internal\n"
        "P1,Development management,Planning,expenditure,C. Holder,,public\n"
    ),
    "budgets.csv": (
        "line,period,original,revised\n"
        "W1,2025/26,120000,\n"
        "W2,2025/26,60000,\n"
        "F1,2025/26,24000,\n"
        "P1,2025/26,48000,\n"
    ),
    "actuals.csv": (
        "line,period,actual,commitment,forecast,note\n"
        "W1,2025-04,10000,,,\n"
        "W1,2025-05,10000,,,\n"
        "W1,2025-06,10000,,126000,Fuel costs up\n"
        "W2,2025-04,5000,,,\n"
        "W2,2025-05,5000,,,\n"
        "W2,2025-06,5000,,,\n"
        "F1,2025-04,2000,,,\n"
        "F1,2025-05,2000,,23600,Fewer subscriptions\n"
        "F1,2025-06,2000,,,\n"
        "P1,2025-04,3000,,,\n"
        "P1,2025-05,3000,,,\n"
        "P1,2025-06,3000,,41000,Vacant posts\n"
    ),
    "mtfp.csv": (
        "year,kind,item,amount,note\n"
        "2025/26,base,Net budget,200000,\n"
        "2025/26,pressure,Pay award,10000,\n"
        "2025/26,saving,S1,6000,\n"
        "2025/26,funding,Council tax,195000,\n"
        "2025/26,reserves,General reserve,5000,\n"
        "2026/27,pressure,Pay award,8000,\n"
        "2026/27,saving,S3,3000,\n"
        "2026/27,funding,Council tax,202000,\n"
    ),
    "savings.csv": (
        "code,title,year,amount,status,delivered,service,owner,line,note\n"
        "S1,Route optimisation,2025/26,4000,delivered,4000,Environment,A. Holder,W1,Done\n"
        "S2,Digital applications,2025/26,2000,at-risk,,Planning,C. Holder,P1,System late\n"
        "S3,Shared service,2026/27,3000,unachievable,,Planning,C. Holder,,Partner withdrew\n"
    ),
}


def write_finance_bundle(folder: Path, **changes: str | None) -> Path:
    """Write the bundle into ``folder`` (created); ``changes`` replace a file's text by
    its name with ``_`` for ``.`` (``mtfp_csv="..."``), or leave it out when ``None``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in FILES.items():
        key = name.replace(".", "_")
        wanted = changes.get(key, text)
        if wanted is not None:
            (folder / name).write_text(wanted, encoding="utf-8")
    return folder
