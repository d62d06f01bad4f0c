"""A holiday calendar offered by a plugin can be named in ``framework.toml``
(``[cycle] calendar``): read from a bundle and from a store, it moves the council's
deadlines; a calendar nobody offers is named in a clear error."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pluggy
import pytest
from attrs import frozen

from goldenthread.cycles.calendars import EnglandAndWalesCalendar
from goldenthread.errors import InputError
from goldenthread.examples import example_path
from goldenthread.hookspecs import hookimpl
from goldenthread.io.persist import save_framework
from goldenthread.io.source import load_source
from goldenthread.plugins import get_plugin_manager
from goldenthread.storage import open_store

CHRISTMAS_SHUTDOWN = frozenset(dt.date(2025, 12, d) for d in (29, 30, 31))


@frozen
class ShutdownCalendar:
    """England and Wales bank holidays, and the council's Christmas shutdown."""

    name: str = "acme-shutdown"

    def is_working_day(self, day: dt.date) -> bool:
        return EnglandAndWalesCalendar().is_working_day(day) and day not in CHRISTMAS_SHUTDOWN

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        step = 1 if n >= 0 else -1
        left = abs(n)
        while left:
            day += dt.timedelta(days=step)
            if self.is_working_day(day):
                left -= 1
        return day


class AcmeCalendars:
    @hookimpl
    def goldenthread_holiday_calendars(self) -> list[ShutdownCalendar]:
        return [ShutdownCalendar()]


def manager(*extra: object) -> pluggy.PluginManager:
    return get_plugin_manager(entry_points=False, extra=extra)


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    """The Poole example, its cycle on the plugin's calendar."""
    folder = tmp_path / "poole"
    shutil.copytree(example_path("poole"), folder)
    settings = folder / "framework.toml"
    text = settings.read_text(encoding="utf-8")
    assert 'calendar = "england-and-wales"' in text
    settings.write_text(
        text.replace('calendar = "england-and-wales"', 'calendar = "acme-shutdown"'),
        encoding="utf-8",
    )
    return folder


def test_a_bundle_names_a_plugin_calendar(bundle: Path) -> None:
    framework = load_source(str(bundle), plugin_manager=manager(AcmeCalendars()))
    calendar = framework.cycle.calendar
    assert calendar.name == "acme-shutdown"
    assert not calendar.is_working_day(dt.date(2025, 12, 29))
    # Wednesday 24 December 2025 plus one working day: past Christmas, Boxing Day, the
    # weekend, the shutdown and New Year's Day to Friday 2 January 2026.
    assert calendar.add_working_days(dt.date(2025, 12, 24), 1) == dt.date(2026, 1, 2)


def test_a_store_read_with_the_plugin_keeps_the_calendar(bundle: Path, tmp_path: Path) -> None:
    pm = manager(AcmeCalendars())
    framework = load_source(str(bundle), plugin_manager=pm)
    url = f"sqlite:///{tmp_path / 'poole.db'}"

    with open_store(url) as store:
        save_framework(
            store, framework, by="t", at=dt.datetime(2025, 11, 30, tzinfo=dt.UTC), why="t"
        )
    back = load_source(url, plugin_manager=pm)
    assert back.cycle.calendar == ShutdownCalendar()
    assert back.cycle == framework.cycle


def test_without_the_plugin_the_calendar_is_named_as_unknown(bundle: Path) -> None:
    with pytest.raises(InputError, match="acme-shutdown"):
        load_source(str(bundle), plugin_manager=manager())
