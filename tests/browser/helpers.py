"""Browser test helpers: an axe-core accessibility check and logging in to the console."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
_RUN_AXE = """async (tags) => await axe.run(document, {
  runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'], iframes: false})"""


def axe_violations(page: Page) -> list[dict]:
    """Run axe-core on the page as it is now; return its violations.

    page.evaluate() runs through the DevTools protocol, so the app's Content-Security-Policy
    (no inline or injected scripts) does not stop it and need not be bypassed.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE)
    return page.evaluate(_RUN_AXE, AXE_TAGS)["violations"]


def format_violations(url: str, violations: list[dict], nodes: int = 3) -> str:
    lines = [f"{len(violations)} accessibility violation(s) on {url}:"]
    for v in violations:
        lines.append(f"- [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:nodes]:
            lines.append(f"    at {' '.join(map(str, node['target']))}")
            lines.append(f"       {node['html'][:200]}")
        if len(v["nodes"]) > nodes:
            lines.append(f"    ... and {len(v['nodes']) - nodes} more")
    return "\n".join(lines)


def check_a11y(page: Page) -> None:
    """Fail the test if axe-core finds WCAG 2.2 A/AA violations on the page as it is now."""
    violations = axe_violations(page)
    if violations:
        pytest.fail(format_violations(page.url, violations), pytrace=False)


def text_cut_off(screen: Page) -> list[str]:
    """Texts on the screen's walls cut part-way through a line (rather than after the last
    whole line, with "…"), and a word cloud with words cut off at the bottom."""
    return screen.evaluate("""() => {
      const cut = [];
      for (const el of document.querySelectorAll('.wall-card-text, .wall-pledge-text')) {
        const card = el.parentElement, style = getComputedStyle(card);
        const bottom = card.getBoundingClientRect().bottom - parseFloat(style.paddingBottom)
          - parseFloat(style.borderBottomWidth);
        const overflowing = el.scrollHeight > el.clientHeight + 1;
        if ((overflowing && !el.classList.contains('clamped'))
            || el.getBoundingClientRect().bottom > bottom + 1) cut.push(el.textContent);
      }
      for (const el of document.querySelectorAll('.cloud')) {
        if (el.scrollHeight > el.clientHeight + 1) cut.push('the word cloud');
      }
      return cut;
    }""")


def scrolls_sideways(page: Page) -> bool:
    """True if the page is wider than the window (WCAG 1.4.10 reflow)."""
    return page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth")


def login(page: Page, server, email: str | None = None, password: str | None = None) -> None:
    """Log in to the facilitator console (as the live server's facilitator by default)."""
    page.goto(server.url + "/console/login")
    page.get_by_label("Email", exact=True).fill(email or server.email)
    page.get_by_label("Password", exact=True).fill(password or server.password)
    page.get_by_role("button", name="Log in", exact=True).click()
    page.wait_for_url(re.compile(r"/console/?$"))


def join(phone: Page, url: str, code: str, name: str = "", *, waiting: bool = True) -> None:
    """Join an event from a phone's welcome page, with a name if given; `waiting`: nothing is
    on show yet, so the phone says "You are in!"."""
    phone.goto(f"{url}/j/{code}")
    if name:
        phone.get_by_label("Your name (optional)").fill(name)
    phone.get_by_role("button", name="Join now").click()
    phone.wait_for_url(re.compile(rf"/j/{code}/live$"))
    if waiting:
        expect(phone.get_by_role("heading", name="You are in!")).to_be_visible()
