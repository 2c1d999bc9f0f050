"""A newcomer's first run: `facilitate serve --demo`, the one-time password, the console."""

import os
import re
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import REPO, LiveServer, _wait_healthy
from tests.servers import free_port


@pytest.fixture
def fresh_demo(tmp_path):
    """`facilitate serve --demo` on an empty data folder, as a newcomer runs it."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACILITATE_")}
    env.update({"FACILITATE_DATA_DIR": str(tmp_path / "sessions"), "PYTHONUNBUFFERED": "1"})
    server = LiveServer(f"http://127.0.0.1:{port}", "facilitator@example.org", "", env,
                        tmp_path / "server.log")
    with open(server.log, "wb") as log:
        proc = subprocess.Popen([sys.executable, "-m", "facilitate", "serve", "--demo",
                                 "--port", str(port)], env=env, cwd=REPO, stdout=log,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        _wait_healthy(server, proc)
        yield server
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_newcomer_logs_in_to_the_live_demo_event(fresh_demo, page):
    output = fresh_demo.log.read_text()
    one_time = re.search(r"one-time password: (\S+)", output).group(1)
    code = re.search(r"join code ([A-Z0-9]{6})", output).group(1)
    phones = re.search(r"phones open (\S+)", output).group(1)
    assert "localhost" not in phones and "127.0.0.1" not in phones
    assert phones.endswith(f"/j/{code}")
    assert (tmp_secret := fresh_demo.env["FACILITATE_DATA_DIR"] + "/secret_key") and \
        os.path.exists(tmp_secret)

    page.goto(fresh_demo.url + "/console/login")
    page.get_by_label("Email").fill("facilitator@example.org")
    page.get_by_label("Password").fill(one_time)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name="Choose your password").wait_for()
    page.get_by_label("New password", exact=True).fill("my own long passphrase")
    page.get_by_label("New password again").fill("my own long passphrase")
    page.get_by_role("button", name="Save password").click()

    page.get_by_role("heading", name="Your events").wait_for()
    row = page.get_by_role("row", name=re.compile("Working together"))
    assert code in row.inner_text() and "Live" in row.inner_text()
    row.get_by_role("link").click()
    page.get_by_role("heading", name="Working together: our co-production day").wait_for()
    agenda = page.locator(".stage-title").all_inner_texts()
    assert agenda == ["Welcome", "What co-production means", "What did you hear?",
                      "Open space", "Our pledges", "Where are we on the ladder?", "Quick questions",
                      "Thank you"]


def test_facilitator_creates_edits_and_deletes_an_event(live_server, page):
    from tests.browser.helpers import check_a11y, login

    login(page, live_server)
    page.get_by_role("link", name="New event", exact=True).click()
    check_a11y(page)
    page.get_by_role("button", name="Create event").click()  # empty: errors shown, page checked
    page.get_by_text("Please check the form").wait_for()
    check_a11y(page)
    page.get_by_label("Title").fill("Carers' café <b>bold</b>")
    page.get_by_label("Venue").fill("Library")
    page.get_by_label("Wait until a facilitator approves it").check()
    page.get_by_role("button", name="Create event").click()
    page.get_by_role("heading", name="Carers' café <b>bold</b>").wait_for()
    check_a11y(page)
    code = page.locator(".facts .code").inner_text()

    page.get_by_label("Kind of stage").select_option("poll")
    page.get_by_role("button", name="Add stage").click()
    page.get_by_text('Stage "Poll" added.').wait_for()
    # Each stage's buttons say which stage they move or remove (to a screen reader).
    expect(page.get_by_role("button", name="Move up Poll", exact=True)).to_be_visible()
    page.get_by_role("link", name="Remove Poll", exact=True).click()
    check_a11y(page)
    page.get_by_role("button", name="Yes, remove it").click()
    page.get_by_text("Stage removed.").wait_for()
    expect(page.get_by_role("link", name="Remove Poll", exact=True)).to_have_count(0)

    page.get_by_role("link", name="Delete this event and all its data").click()
    check_a11y(page)
    page.get_by_label("Type the join code to confirm").fill(code)
    page.get_by_label("I understand this cannot be undone").check()
    page.get_by_role("button", name="Delete everything").click()
    page.get_by_text("and all its data are deleted").wait_for()
    assert code not in page.content()
