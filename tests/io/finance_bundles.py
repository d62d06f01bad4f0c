"""A small finance bundle for the finance input/output tests, written into a folder."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

SETTINGS = """\
[organisation]
name = "Testshire District Council"
code = "TDC"

[finance]
tolerance = "2%"
"""

FILES: dict[str, str] = {
    "indicators": (
        "code,title,polarity,aggregation,frequency,unit\n"
        "HH,Households served,none,sum,monthly,households\n"
        "PCT,Satisfaction,higher,mean,quarterly,%\n"
    ),
    "values": "indicator,period,value\nHH,2025-04,1000\nHH,2025-05,1000\n",
    "items": (
        "id,kind,title,level\n"
        "CP,plan,Corporate plan,corporate\n"
        "O1,objective,Clean streets,corporate\n"
    ),
    "budget_lines": (
        "code,title,service,kind,owner,tolerance,classification,funds,cost_centre\n"
        "W1,Waste collection,Environment,expenditure,A. Holder,,internal,O1,CC100\n"
        'W2,Street cleansing,Environment,,B. Holder,"£5,000",,,\n'
        "F1,Garden waste fees,Environment,income,A. Holder,5%,public,O1;CP,\n"
    ),
    "budgets": (
        "line,period,original,revised\n"
        'W1,2025/26,"£120,000",132000\n'
        "W2,2025/26,60000,\n"
        "F1,2025/26,24000,\n"
        "W1,2025-04,11000,\n"
        "W1,2025-05,11000,\n"
        "W1,2025-06,,110000\n"
    ),
    "virements": (
        "year,from,to,amount,approved_by,approved_on,reason\n"
        '2025/26,W2,W1,"12,000",Cabinet,14/07/2025,Extra round\n'
    ),
    "actuals": (
        "line,period,actual,commitment,forecast,note\n"
        "W1,2025-04,10500.50,(250),,\n"
        'W1,2025-05,"£11,200",,134000,Fuel costs\n'
        "F1,2025-04,1900,,,\n"
        'W2,2025-04,"(1,200)",,,Refund\n'
    ),
    "mtfp": (
        "year,kind,item,amount,note\n"
        '2025/26,base,Net budget,"12,000,000",\n'
        "2025/26,pressure,Pay award,300000,\n"
        '2025/26,funding,Council tax,"£11,900,000",\n'
        "2026/27,pressure,Pay award,310000,\n"
        "2026/27,pressure,Pay award,5000,second tranche\n"
        "2026/27,saving,SAV-01,100000,\n"
    ),
    "savings": (
        "code,title,year,amount,status,delivered,service,owner,line,note\n"
        "SAV-01,Route optimisation,2026/27,100000,at-risk,,Environment,A. Holder,W1,\n"
        'SAV-02,Fees review,2025/26,"20,000",delivered,20000,Environment,,,\n'
    ),
    "unit_costs": (
        "code,title,lines,activity,per,decimals,classification,polarity,unit,comparator_group\n"
        "UC-WASTE,Cost per household of waste collection,W1;F1,HH,1,2,,,,\n"
    ),
}


def write_bundle(
    folder: Path,
    changes: Mapping[str, str | None] | None = None,
    *,
    settings: str = SETTINGS,
) -> Path:
    """Write the finance bundle into ``folder``; ``changes`` replaces (or, ``None``,
    leaves out) files by name."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "framework.toml").write_text(settings, encoding="utf-8")
    files: dict[str, str | None] = {**FILES, **(changes or {})}
    for name, text in files.items():
        if text is not None:
            (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    return folder
