"""Drive headless Chromium over the DevTools protocol, using only the standard library.

Chromium is started with ``--remote-debugging-pipe``: it reads protocol commands from
its file descriptor 3 and writes replies and events to descriptor 4, each message a JSON
object followed by a NUL byte. :class:`Browser` starts the process (with the flags this
machine's closed network needs and a fresh profile folder), sends commands and waits for
replies with a deadline on every read, and kills the process and removes the profile in
:meth:`Browser.close`. :class:`Page` is one tab attached to the browser: it collects
console errors, uncaught exceptions and browser log errors (content security policy
violations, failed loads) from the moment it is opened, navigates, evaluates script
(used to inject and run axe-core) and takes full-page PNG screenshots.

Where the tools are found: :func:`find_chromium` and :func:`find_axe` read the
``GOLDENTHREAD_CHROMIUM`` and ``GOLDENTHREAD_AXE`` environment variables (which
``.ci/browser.sh`` prints) and otherwise look in the usual places.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import select
import shutil
import signal
import tempfile
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from attrs import frozen

__all__ = [
    "CHROMIUM_FLAGS",
    "Browser",
    "BrowserError",
    "ConsoleMessage",
    "Page",
    "find_axe",
    "find_chromium",
]

#: Flags for a headless run on a machine whose network is closed: without the
#: background-networking flags Chromium's own connections are refused and logged.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--mute-audio",
)

_REPO = Path(__file__).resolve().parents[2]
_AXE_PLACES = (
    _REPO / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js",
    _REPO / ".ci" / "node_modules" / "axe-core" / "axe.min.js",
)


class BrowserError(Exception):
    """Chromium failed to start, answered with an error, exited or did not answer in time."""


@frozen
class ConsoleMessage:
    """Something a page reported as an error: its origin, text and (where known) source URL.

    ``origin`` is ``"console"`` (``console.error``/``console.assert``), ``"exception"``
    (an uncaught script error) or ``"log"`` (the browser's own log: policy violations,
    failed loads, deprecations raised to error level).
    """

    origin: str
    text: str
    url: str = ""

    def __str__(self) -> str:
        where = f" ({self.url})" if self.url else ""
        return f"[{self.origin}] {self.text}{where}"


def find_chromium(environ: Mapping[str, str] = os.environ) -> Path | None:
    """The Chromium executable: ``$GOLDENTHREAD_CHROMIUM``, else ``chromium`` on the path."""
    named = environ.get("GOLDENTHREAD_CHROMIUM")
    if named:
        return Path(named) if Path(named).is_file() else None
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return Path(found)
    return None


def find_axe(environ: Mapping[str, str] = os.environ) -> Path | None:
    """axe-core's ``axe.min.js``: ``$GOLDENTHREAD_AXE``, else where ``.ci/browser.sh`` puts it."""
    named = environ.get("GOLDENTHREAD_AXE")
    if named:
        return Path(named) if Path(named).is_file() else None
    return next((p for p in _AXE_PLACES if p.is_file()), None)


def _high_fd(fd: int) -> int:
    """A close-on-exec copy of ``fd`` numbered 10 or above (clear of the child's 3 and 4)."""
    copy = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return copy


class Browser:
    """A headless Chromium process controlled over its DevTools pipe.

    Use it as a context manager (or call :meth:`close` in a ``finally``) so the process
    is always killed. ``timeout`` (seconds) bounds every wait for a reply or event.
    """

    def __init__(self, executable: Path, timeout: float = 20.0) -> None:
        self.executable = executable
        self.timeout = timeout
        self._pid: int | None = None
        self._to_browser: int | None = None
        self._from_browser: int | None = None
        self._buffer = b""
        self._next_id = 0
        self._events: list[dict[str, Any]] = []
        self._profile = Path(tempfile.mkdtemp(prefix="goldenthread-chromium-"))
        self.log_path = self._profile / "chromium.log"
        self._start()

    def _start(self) -> None:
        child_reads, parent_writes = os.pipe()
        parent_reads, child_writes = os.pipe()
        child_reads, child_writes = _high_fd(child_reads), _high_fd(child_writes)
        log = os.open(self.log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        null = os.open(os.devnull, os.O_RDONLY)
        argv = [
            str(self.executable),
            *CHROMIUM_FLAGS,
            "--remote-debugging-pipe",
            f"--user-data-dir={self._profile / 'profile'}",
            "about:blank",
        ]
        try:
            self._pid = os.posix_spawn(
                str(self.executable),
                argv,
                dict(os.environ),
                file_actions=[
                    (os.POSIX_SPAWN_DUP2, null, 0),
                    (os.POSIX_SPAWN_DUP2, log, 1),
                    (os.POSIX_SPAWN_DUP2, log, 2),
                    (os.POSIX_SPAWN_DUP2, child_reads, 3),
                    (os.POSIX_SPAWN_DUP2, child_writes, 4),
                ],
                setsid=True,
            )
        except OSError as error:
            os.close(parent_writes)
            os.close(parent_reads)
            shutil.rmtree(self._profile, ignore_errors=True)
            raise BrowserError(f"could not start {self.executable}: {error}") from error
        finally:
            for fd in (child_reads, child_writes, log, null):
                os.close(fd)
        self._to_browser, self._from_browser = parent_writes, parent_reads
        try:
            self.send("Browser.getVersion")
        except BrowserError:
            self.close()
            raise

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def log_tail(self, lines: int = 20) -> str:
        """The last lines Chromium wrote to its stdout/stderr (for failure messages)."""
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def close(self) -> None:
        """Kill the browser (its whole process group), reap it and remove its profile."""
        for fd in (self._to_browser, self._from_browser):
            if fd is not None:
                os.close(fd)
        self._to_browser = self._from_browser = None
        pid, self._pid = self._pid, None
        if pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                done, _ = os.waitpid(pid, os.WNOHANG)
                if done:
                    break
                time.sleep(0.02)
        shutil.rmtree(self._profile, ignore_errors=True)

    # -- the protocol -------------------------------------------------------------------

    def _read_message(self, deadline: float) -> dict[str, Any]:
        if self._from_browser is None:
            raise BrowserError("the browser is closed")
        while b"\0" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise BrowserError(f"no answer from Chromium within {self.timeout} s")
            ready, _, _ = select.select([self._from_browser], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                raise BrowserError("Chromium closed its DevTools pipe:\n" + self.log_tail())
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        decoded: dict[str, Any] = json.loads(message)
        return decoded

    def send(
        self, method: str, params: Mapping[str, Any] | None = None, session: str | None = None
    ) -> dict[str, Any]:
        """Send one command and wait for its reply; events that arrive meanwhile are kept."""
        if self._to_browser is None:
            raise BrowserError("the browser is closed")
        self._next_id += 1
        command: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session is not None:
            command["sessionId"] = session
        data = json.dumps(command).encode() + b"\0"
        try:
            while data:
                data = data[os.write(self._to_browser, data) :]
        except OSError as error:
            raise BrowserError(f"could not send {method} to Chromium: {error}") from error
        deadline = time.monotonic() + self.timeout
        while True:
            message = self._read_message(deadline)
            if message.get("id") == self._next_id:
                if "error" in message:
                    raise BrowserError(f"{method} failed: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result
            if "method" in message:
                self._events.append(message)

    def events(self, session: str) -> Iterator[dict[str, Any]]:
        """The events received so far for ``session``, removed as they are yielded."""
        mine = [e for e in self._events if e.get("sessionId") == session]
        self._events = [e for e in self._events if e.get("sessionId") != session]
        yield from mine

    def wait_for_event(self, method: str, session: str) -> dict[str, Any]:
        """Wait (at most ``timeout`` seconds) for an event; other events are kept."""
        for index, event in enumerate(self._events):
            if event.get("method") == method and event.get("sessionId") == session:
                return self._events.pop(index)
        deadline = time.monotonic() + self.timeout
        while True:
            message = self._read_message(deadline)
            if message.get("method") == method and message.get("sessionId") == session:
                return message
            if "method" in message:
                self._events.append(message)

    def open_page(self, width: int = 1280, height: int = 900) -> Page:
        """A new tab showing ``about:blank``, ``width`` × ``height`` CSS pixels."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})
        return Page(self, target, session["sessionId"], width, height)


class Page:
    """One tab: navigation, script evaluation, error collection and screenshots."""

    def __init__(self, browser: Browser, target: str, session: str, width: int, height: int):
        self.browser = browser
        self.target = target
        self.session = session
        self.width = width
        self.errors: list[ConsoleMessage] = []
        for domain in ("Page", "Runtime", "Log"):
            self.send(f"{domain}.enable")
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )

    def send(self, method: str, params: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Send a command to this tab."""
        return self.browser.send(method, params, self.session)

    def navigate(self, url: str) -> None:
        """Load ``url`` and wait until it has loaded completely.

        Errors reported by the page before navigating are kept (see
        :meth:`console_errors`); a load event left over from the blank page the tab
        opened with is passed over by checking the document's address and state.
        """
        self.console_errors()
        result = self.send("Page.navigate", {"url": url})
        if result.get("errorText"):
            raise BrowserError(f"could not load {url}: {result['errorText']}")
        for _ in range(3):
            self.browser.wait_for_event("Page.loadEventFired", self.session)
            if self.evaluate("document.readyState + ' ' + location.href") == f"complete {url}":
                return
        raise BrowserError(f"{url} did not finish loading")

    def evaluate(self, expression: str, await_promise: bool = False) -> Any:
        """Evaluate a script expression in the page and return its value as JSON data."""
        result = self.send(
            "Runtime.evaluate",
            {"expression": expression, "awaitPromise": await_promise, "returnByValue": True},
        )
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            raise BrowserError(f"script failed: {text}")
        return result["result"].get("value")

    def console_errors(self) -> list[ConsoleMessage]:
        """Errors reported by the page so far: console errors, exceptions, log errors."""
        for event in self.browser.events(self.session):
            params = event.get("params", {})
            method = event.get("method")
            if method == "Runtime.consoleAPICalled" and params.get("type") in {"error", "assert"}:
                text = " ".join(
                    str(a.get("value", a.get("description", ""))) for a in params.get("args", [])
                )
                self.errors.append(ConsoleMessage("console", text))
            elif method == "Runtime.exceptionThrown":
                details = params.get("exceptionDetails", {})
                text = details.get("exception", {}).get("description") or details.get("text", "")
                self.errors.append(ConsoleMessage("exception", text, details.get("url", "")))
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                entry = params["entry"]
                self.errors.append(
                    ConsoleMessage("log", entry.get("text", ""), entry.get("url", ""))
                )
        return list(self.errors)

    def screenshot(self) -> bytes:
        """A PNG of the whole page (its full scroll height) at the tab's width."""
        metrics = self.send("Page.getLayoutMetrics")
        height = int(metrics["cssContentSize"]["height"]) + 1
        shot = self.send(
            "Page.captureScreenshot",
            {
                "format": "png",
                "captureBeyondViewport": True,
                "optimizeForSpeed": True,
                "clip": {"x": 0, "y": 0, "width": self.width, "height": height, "scale": 1},
            },
        )
        return base64.b64decode(shot["data"])

    def close(self) -> None:
        """Close the tab."""
        self.browser.send("Target.closeTarget", {"targetId": self.target})
