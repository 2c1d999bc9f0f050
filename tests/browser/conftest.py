"""Browser harness: a live facilitate server, headless Debian Chromium, axe-core on every page.

Fixtures:
- ``live_server`` (per test): ``facilitate serve`` on a free port with its own SQLite database in
  a temp dir and one facilitator account. Per test, so every test starts from an empty app; it
  costs one server start (a second or two). Attributes: ``.url``, ``.email``, ``.password``,
  ``.env``, ``.log``; ``.cli(*args, check=False)`` runs ``python -m facilitate *args`` with the
  same environment and returns the CompletedProcess. If a test fails, the tail of the server log
  is attached to its report.
- ``browser`` (session): Playwright driving Debian's /usr/bin/chromium, headless.
- ``context`` / ``page``: a desktop-sized context (1280x800) and a page in it.
- ``make_phone`` (alias ``phone_context``): factory; each call returns a new page in a new
  phone-sized context (360x640, mobile, touch) — a separate participant with its own cookies.

Accessibility: every page from ``page`` and ``make_phone()`` runs axe-core (WCAG 2.x A/AA)
after each ``page.goto()``, and once the test has passed, every page still open (popups too)
is checked again in its final state. After other interactions that change what is shown, call
``check_a11y(page)`` yourself. Helpers: ``from tests.browser.helpers import check_a11y, login``.

Every test under tests/browser/ is marked ``browser`` (select or skip with ``-m``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from tests.browser.helpers import axe_violations, check_a11y, format_violations
from tests.servers import free_port

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
    "--no-first-run", "--disable-component-update", "--disable-sync",
]
DESKTOP = {"viewport": {"width": 1280, "height": 800}, "locale": "en-US"}
PHONE = {"viewport": {"width": 360, "height": 640}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 2, "locale": "en-US"}
FAILED = pytest.StashKey[bool]()


@dataclass
class LiveServer:
    url: str
    email: str
    password: str
    env: dict[str, str]
    log: Path

    def cli(self, *args: object, check: bool = False) -> subprocess.CompletedProcess[str]:
        """Run ``python -m facilitate *args`` against this server's database and settings."""
        cmd = [sys.executable, "-m", "facilitate", *map(str, args)]
        r = subprocess.run(cmd, env=self.env, cwd=REPO, capture_output=True, text=True,
                           stdin=subprocess.DEVNULL, timeout=120)
        if check and r.returncode:
            pytest.fail(f"{' '.join(cmd[1:])} exited {r.returncode}:\n{r.stdout}\n{r.stderr}",
                        pytrace=False)
        return r

    def log_tail(self, lines: int = 80) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


def _wait_healthy(server: LiveServer, proc: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(server.url + "/healthz", timeout=2) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if proc.poll() is not None:
            pytest.fail(f"facilitate serve exited {proc.returncode}:\n{server.log_tail()}",
                        pytrace=False)
        if time.monotonic() > deadline:
            pytest.fail(f"/healthz not 200 within {timeout}s:\n{server.log_tail()}",
                        pytrace=False)
        time.sleep(0.1)


@pytest.fixture
def live_server(tmp_path):
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "FACILITATE_DATABASE_URL": f"sqlite:///{tmp_path}/facilitate.db",
        "FACILITATE_SECRET_KEY": "test-secret",
        "FACILITATE_PUBLIC_URL": url,
        "PYTHONUNBUFFERED": "1",
    }
    server = LiveServer(url, "facilitator@example.org", "correct horse battery", env,
                        tmp_path / "server.log")
    server.cli("user", "add", server.email, "--name", "Test Facilitator",
               "--password", server.password, check=True)
    with open(server.log, "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "facilitate", "serve", "--host", "127.0.0.1", "--port",
             str(port)],
            env=env, cwd=REPO, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )
    try:
        _wait_healthy(server, proc)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} missing: install Debian's 'chromium' (./dev test does it)",
                    pytrace=False)
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _checked(page: Page) -> Page:
    """Make page.goto() run axe-core on the page it arrives at."""
    goto = page.goto

    def goto_and_check(*args, **kwargs):
        response = goto(*args, **kwargs)
        check_a11y(page)
        return response

    page.goto = goto_and_check
    return page


@pytest.fixture
def _contexts(browser: Browser, request):
    """Contexts opened for this test; after a passed test, axe checks their open pages."""
    contexts: list[BrowserContext] = []
    yield contexts
    try:
        if not request.node.stash.get(FAILED, False):
            problems = []
            for ctx in contexts:
                for p in ctx.pages:
                    if p.url != "about:blank" and (v := axe_violations(p)):
                        problems.append(format_violations(p.url, v))
            if problems:
                pytest.fail("final page state:\n" + "\n\n".join(problems), pytrace=False)
    finally:
        for ctx in contexts:
            ctx.close()


def _new_context(browser: Browser, contexts: list[BrowserContext], **options) -> BrowserContext:
    ctx = browser.new_context(**options)
    ctx.set_default_timeout(10_000)
    contexts.append(ctx)
    return ctx


@pytest.fixture
def context(browser, _contexts) -> BrowserContext:
    return _new_context(browser, _contexts, **DESKTOP)


@pytest.fixture
def page(context) -> Page:
    return _checked(context.new_page())


@pytest.fixture
def make_phone(browser, _contexts):
    """Factory: each call opens a new phone-sized context and returns a page in it."""

    def make() -> Page:
        return _checked(_new_context(browser, _contexts, **PHONE).new_page())

    return make


@pytest.fixture
def phone_context(make_phone):
    return make_phone


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.failed:
        item.stash[FAILED] = True
        server = getattr(item, "funcargs", {}).get("live_server")
        if isinstance(server, LiveServer):
            report.sections.append(("facilitate server log (tail)", server.log_tail()))
    return report


def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.resolve().is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)
