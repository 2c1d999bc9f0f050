"""The browser harness end to end: live server, login, axe-core on every page."""

from playwright.sync_api import expect

from tests.browser.helpers import check_a11y, login


def test_facilitator_logs_in_and_sees_their_events(live_server, page):
    login(page, live_server)
    expect(page.get_by_role("heading", name="Your events")).to_be_visible()
    check_a11y(page)
