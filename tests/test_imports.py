"""A fast start: importing goldenthread, and starting the CLI, load only what is used.

The package ``__init__`` modules expose their names lazily (``goldenthread._lazy``) and the
command line imports a command's module only when the command runs.  These tests check the
behaviour in fresh interpreters (which modules end up in ``sys.modules``), and that every
public name still resolves to the same object as before; the timings are in
``benchmarks/bench_startup.py``.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import subprocess
import sys
import types
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from goldenthread.cli import COMMANDS, LazyGroup, main
from goldenthread.cycles.calendars import (
    BankHolidayCalendar,
    EnglandAndWalesCalendar,
    builtin_calendars,
)
from goldenthread.examples import example_path
from goldenthread.plugins import get_plugin_manager

LAZY_PACKAGES = (
    "goldenthread",
    "goldenthread.cycles",
    "goldenthread.finance",
    "goldenthread.indicators",
    "goldenthread.periods",
    "goldenthread.reports",
    "goldenthread.risk",
    "goldenthread.storage",
    "goldenthread.thread",
)

# Modules no command should pay for unless it uses them.
RENDERING = ("jinja2", "openpyxl", "goldenthread.reports.render", "goldenthread.reports.builders")
HOLIDAYS = ("holidays",)

_PROBE = """
import json, sys
{body}
print(json.dumps(sorted(sys.modules)))
"""


def _modules_after(body: str) -> set[str]:
    """The modules a fresh interpreter has loaded after running ``body``."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE.format(body=body)],
        capture_output=True,
        text=True,
        check=True,
    )
    loaded: list[str] = json.loads(done.stdout.splitlines()[-1])
    return set(loaded)


def _cli_modules_after(*args: str) -> set[str]:
    """The modules loaded by running ``goldenthread ARGS`` in a fresh interpreter."""
    body = (
        "from goldenthread.cli import main\n"
        "try:\n"
        f"    main({list(args)!r}, prog_name='goldenthread')\n"
        "except SystemExit as exit:\n"
        "    assert exit.code in (0, None), exit.code\n"
    )
    return _modules_after(body)


def test_import_goldenthread_loads_no_subpackage() -> None:
    loaded = _modules_after("import goldenthread")
    ours = {name for name in loaded if name.startswith("goldenthread.")}
    assert ours == {"goldenthread._lazy"}
    for heavy in (*RENDERING, *HOLIDAYS, "attrs", "cattrs", "pluggy", "yaml", "click"):
        assert heavy not in loaded


def test_a_public_name_loads_only_its_own_modules() -> None:
    loaded = _modules_after("from goldenthread import Period, parse_period")
    assert "goldenthread.periods.period" in loaded
    for other in ("goldenthread.cycles", "goldenthread.framework", "goldenthread.risk", *HOLIDAYS):
        assert other not in loaded


def test_help_imports_no_command() -> None:
    loaded = _cli_modules_after("--help")
    assert not {name for name in loaded if name.startswith("goldenthread.cli.")}
    for heavy in (*RENDERING, *HOLIDAYS, "goldenthread.framework", "goldenthread.io.bundle"):
        assert heavy not in loaded


def test_assess_help_imports_no_renderer_or_calendar() -> None:
    loaded = _cli_modules_after("assess", "--help")
    assert "goldenthread.cli.assess" in loaded
    for other in ("goldenthread.cli.report", "goldenthread.cli.demo", "goldenthread.cli.risks"):
        assert other not in loaded
    for heavy in (*RENDERING, *HOLIDAYS):
        assert heavy not in loaded


def test_assess_imports_no_renderer_or_calendar() -> None:
    bundle = example_path("rossendale")
    loaded = _cli_modules_after("assess", str(bundle), "--period", "2025/26 Q2")
    for heavy in (*RENDERING, *HOLIDAYS):
        assert heavy not in loaded


def test_report_still_loads_what_it_uses(tmp_path: Path) -> None:
    bundle = example_path("rossendale")
    out = tmp_path / "report.html"
    args = ("report", "performance", str(bundle), "--period", "2025/26 Q2", "-o", str(out))
    loaded = _cli_modules_after(*args)
    assert {"jinja2", "goldenthread.reports.render"} <= loaded
    assert "<html" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("package", LAZY_PACKAGES)
def test_every_public_name_resolves_to_its_definition(package: str) -> None:
    module = importlib.import_module(package)
    names: list[str] = module.__all__
    assert set(names) <= set(dir(module))
    for name in names:
        value = getattr(module, name)
        if isinstance(value, types.ModuleType):
            assert value.__name__ == f"{package}.{name}"
            continue
        home = getattr(value, "__module__", None)
        if isinstance(home, str) and home.startswith("goldenthread"):
            defined = importlib.import_module(home)
            if hasattr(defined, name):
                assert getattr(defined, name) is value


@pytest.mark.parametrize("package", LAZY_PACKAGES)
def test_star_import_gives_every_public_name(package: str) -> None:
    namespace: dict[str, object] = {}
    exec(f"from {package} import *", namespace)
    module = importlib.import_module(package)
    assert set(module.__all__) <= set(namespace)


@pytest.mark.parametrize("package", LAZY_PACKAGES)
def test_an_unknown_name_is_an_attribute_error(package: str) -> None:
    module = importlib.import_module(package)
    assert not hasattr(module, "no_such_name")
    with pytest.raises(ImportError, match="no_such_name"):
        exec(f"from {package} import no_such_name", {})


def test_every_submodule_is_still_an_attribute_of_its_package() -> None:
    # The eager packages imported all their modules, so ``goldenthread.risk.matrix`` worked
    # after ``import goldenthread``; it still does, importing on first use.
    body = """
import goldenthread
assert goldenthread.risk.matrix.RiskMatrix.__name__ == "RiskMatrix"
assert callable(goldenthread.io.bundle.load_bundle)
assert goldenthread.reports.model.Report.__name__ == "Report"
assert goldenthread.builtins.rag.__name__ == "goldenthread.builtins.rag"
assert goldenthread.framework.Framework is goldenthread.Framework
assert not hasattr(goldenthread.risk, "no_such_module")
assert not hasattr(goldenthread.io, "no_such_module")
"""
    _modules_after(body)


def test_a_submodule_that_fails_to_import_says_why(tmp_path: Path) -> None:
    package = tmp_path / "lazyprobe"
    package.mkdir()
    (package / "__init__.py").write_text(
        "from goldenthread._lazy import lazy_exports\n"
        "__getattr__, __dir__ = lazy_exports(__name__, {'lazyprobe.good': ('VALUE',)})\n",
        encoding="utf-8",
    )
    (package / "good.py").write_text("VALUE = 1\n", encoding="utf-8")
    (package / "broken.py").write_text("import no_such_dependency_anywhere\n", encoding="utf-8")
    body = f"""
import sys
sys.path.insert(0, {str(tmp_path)!r})
import lazyprobe
assert lazyprobe.VALUE == 1
assert "VALUE" in dir(lazyprobe)
assert not hasattr(lazyprobe, "missing")
try:
    lazyprobe.broken
except ModuleNotFoundError as exc:
    assert exc.name == "no_such_dependency_anywhere", exc.name
else:
    raise AssertionError("a broken submodule was hidden")
"""
    _modules_after(body)


def test_a_name_exported_twice_is_refused() -> None:
    from goldenthread._lazy import lazy_exports

    with pytest.raises(ValueError, match="exports 'Period' twice"):
        lazy_exports(
            "goldenthread.periods",
            {"goldenthread.periods.period": ("Period",), "goldenthread.periods.parse": ("Period",)},
        )


def test_a_submodule_never_replaces_the_public_name_it_shares() -> None:
    # Importing the submodule first is the order that used to matter: the import system
    # sets the package attribute to the submodule, and the public name must still win.
    body = """
import goldenthread.reports.render.html
import goldenthread.indicators.assess
import goldenthread.thread.coverage
import goldenthread.reports, goldenthread.indicators, goldenthread.thread
from goldenthread.reports import render
from goldenthread.indicators import assess
from goldenthread.thread import coverage
results = [
    callable(render) and render.__module__ == "goldenthread.reports.render",
    goldenthread.reports.render is render,
    callable(assess) and assess.__module__ == "goldenthread.indicators.assess",
    goldenthread.indicators.assess is assess,
    callable(coverage) and coverage.__module__ == "goldenthread.thread.coverage",
    goldenthread.thread.coverage is coverage,
]
assert all(results), results
"""
    _modules_after(body)


def test_every_command_is_listed_with_its_own_module() -> None:
    assert set(COMMANDS) == set(main.list_commands(click.Context(main)))
    for name, lazy in COMMANDS.items():
        command = getattr(importlib.import_module(lazy.module), lazy.attribute)
        assert isinstance(command, click.Command)
        assert command.name == name


def _fresh_lazy_main() -> LazyGroup:
    return LazyGroup(
        name="goldenthread",
        callback=main.callback,
        params=list(main.params),
        help=main.help,
        context_settings=main.context_settings,
        lazy_commands=COMMANDS,
    )


def _eager_main() -> click.Group:
    group = click.Group(
        name="goldenthread",
        callback=main.callback,
        params=list(main.params),
        help=main.help,
        context_settings=main.context_settings,
    )
    for name, lazy in COMMANDS.items():
        group.add_command(getattr(importlib.import_module(lazy.module), lazy.attribute), name)
    return group


@pytest.mark.parametrize("width", [40, 60, 80, 120, 250])
def test_help_lists_commands_exactly_as_click_would(width: int) -> None:
    runner = CliRunner()
    lazy = runner.invoke(_fresh_lazy_main(), ["--help"], terminal_width=width)
    eager = runner.invoke(_eager_main(), ["--help"], terminal_width=width)
    assert lazy.exit_code == eager.exit_code == 0
    assert lazy.output == eager.output


def test_help_uses_a_loaded_commands_own_help() -> None:
    group = _fresh_lazy_main()
    group.add_command(click.Command("extra", help="An added command.", hidden=False))
    hidden = click.Command("secret", help="Not listed.", hidden=True)
    group.add_command(hidden)
    result = CliRunner().invoke(group, ["--help"])
    assert result.exit_code == 0
    assert "An added command." in result.output
    assert "secret" not in result.output


def test_an_unknown_command_is_still_a_usage_error() -> None:
    result = CliRunner().invoke(_fresh_lazy_main(), ["no-such-command"])
    assert result.exit_code == 2
    assert "No such command 'no-such-command'" in result.output


def test_a_lazy_entry_that_is_not_a_command_is_reported() -> None:
    group = LazyGroup(
        name="g",
        lazy_commands={"bad": COMMANDS["assess"]._replace(attribute="__name__")},
    )
    with pytest.raises(TypeError, match="is not a click command"):
        group.get_command(click.Context(group), "bad")


def test_builtin_calendars_are_known_to_the_holidays_package() -> None:
    # Making a built-in calendar skips the holidays package's validation (so it is not
    # imported at start-up); this is the check that skipping it is right.
    import holidays

    for calendar in builtin_calendars().values():
        if isinstance(calendar, BankHolidayCalendar):
            holidays.country_holidays(calendar.country, subdiv=calendar.subdivision, years=2000)
    holidays.country_holidays("GB", years=2000)


def test_a_calendar_imports_holidays_only_when_a_day_is_looked_up() -> None:
    made = _modules_after(
        "from goldenthread.cycles.calendars import builtin_calendars\nbuiltin_calendars()"
    )
    assert "holidays" not in made
    used = _modules_after(
        "import datetime as dt\n"
        "from goldenthread.cycles.calendars import EnglandAndWalesCalendar\n"
        "assert not EnglandAndWalesCalendar().is_working_day(dt.date(2024, 12, 25))"
    )
    assert "holidays" in used


def test_lazy_calendars_keep_their_holidays() -> None:
    england = EnglandAndWalesCalendar()
    assert not england.is_working_day(dt.date(2024, 8, 26))  # summer bank holiday
    assert BankHolidayCalendar("GB", "SCT").is_working_day(dt.date(2024, 8, 26))
    assert not BankHolidayCalendar("GB").is_working_day(dt.date(2024, 12, 25))


def test_builtin_plugins_still_offer_every_format_and_kind() -> None:
    pm = get_plugin_manager(entry_points=False)
    formats = {r.name for rs in pm.hook.goldenthread_report_formats() for r in rs}
    kinds = {k.name for ks in pm.hook.goldenthread_report_kinds() for k in ks}
    matrices = {m.name for ms in pm.hook.goldenthread_risk_matrices() for m in ms}
    assert {"html", "markdown", "csv", "xlsx", "json", "pdf"} <= formats
    assert {"performance", "risk", "thread", "data-quality", "service-plan", "budget"} <= kinds
    assert "default-5x5" in matrices
