"""'Me too' and who is in the room in Chromium: phones join with and without roles, the console
counts them by group and puts the bar on the screen; a phone says "me too" to a quiet point and
the screen's wall, ordered by "me too", puts it first."""

import re

from playwright.sync_api import Page, expect

from tests.browser.helpers import check_a11y, login

PLAN = "sessions/examples/co-production-open-space.toml"


def join_as(phone: Page, url: str, code: str, name: str, role: str | None = None) -> None:
    phone.goto(f"{url}/j/{code}")
    phone.get_by_label("Your name (optional)").fill(name)
    if role:
        phone.get_by_label(role, exact=True).check()
    phone.get_by_role("button", name="Join now").click()
    phone.wait_for_url(re.compile(rf"/j/{code}/live$"))


def send(phone: Page, text: str) -> None:
    phone.get_by_label("Your reflection").fill(text)
    phone.get_by_role("button", name="Send").click()
    expect(phone.locator("#sent-list")).to_contain_text(f"{text} Sent")


def fits(screen: Page, selector: str) -> bool:
    """The element is whole on the screen, not cut off at its foot."""
    return screen.evaluate("""(selector) => {
      const box = document.querySelector(selector).getBoundingClientRect();
      return box.height > 0 && box.bottom <= window.innerHeight;
    }""", selector)


def wall_item(phone: Page, text: str):
    return phone.locator(".me-too-item").filter(has_text=text)


def test_a_quiet_point_rises_on_the_screen_when_phones_say_me_too(live_server, page, context,
                                                                  make_phone):
    url = live_server.url
    made = live_server.cli("event", "create", "--plan", PLAN, check=True)
    code = re.search(r"Join code: (\w+)", made.stdout).group(1)
    login(page, live_server)
    page.goto(f"{url}/console/events/{code}/run")
    expect(page.locator("#run-status")).to_contain_text("Connected")
    screen = context.new_page()
    screen.set_viewport_size({"width": 1280, "height": 720})
    screen.goto(f"{url}/screen/{code}")
    ann, bo, cy = make_phone(), make_phone(), make_phone()
    join_as(ann, url, code, "Ann", "Unpaid carer")
    join_as(bo, url, code, "Bo", "NHS")
    join_as(cy, url, code, "Cy")

    # Who is in the room: live on the console, and on the screen when the facilitator says.
    counts = page.locator("[data-room-count]")
    expect(counts).to_have_text(["1", "0", "1", "0", "1"])
    page.get_by_role("button", name="Show who is in the room on the screen").click()
    bar = screen.locator("#room-bar")
    expect(bar).to_contain_text("Who is in the room · People joined: 3")
    expect(bar.locator(".room-legend")).to_contain_text(
        "People who draw on care and support, carers and family: 1")
    expect(bar.locator(".room-part")).to_have_count(3)
    expect(page.get_by_text("The screen shows who is in the room.")).to_be_visible()
    check_a11y(screen)
    page.get_by_role("button", name="Show Welcome", exact=True).click()
    expect(screen.locator(".welcome-qr")).to_be_visible()
    for size in ({"width": 1024, "height": 768}, {"width": 1280, "height": 720}):
        screen.set_viewport_size(size)
        screen.wait_for_timeout(300)
        assert fits(screen, "#room-bar") and fits(screen, ".welcome-qr"), size

    # Two reflections: the newest shows first on the screen.
    page.get_by_role("button", name="Show What did you hear?", exact=True).click()
    send(ann, "Nobody tells carers what happened next")
    send(bo, "The new app is great")
    cards = screen.locator(".wall-card")
    expect(cards.first).to_contain_text("The new app is great")

    # Cy's phone hears the wall changed and shows it when asked; Ann's own has no button.
    cy.get_by_role("button", name="The wall has changed. Show the latest").click()
    quiet = wall_item(cy, "Nobody tells carers what happened next")
    quiet.get_by_role("button", name="Me too").click()
    expect(quiet).to_contain_text('You said "me too"')
    expect(quiet.get_by_role("button", name="Me too")).to_have_attribute("aria-pressed", "true")
    expect(cards.filter(has_text="Nobody tells carers")).to_contain_text("Me too: 1")
    ann.get_by_role("button", name="The wall has changed. Show the latest").click()
    expect(wall_item(ann, "Nobody tells carers")).to_contain_text("You wrote this")
    expect(wall_item(ann, "Nobody tells carers").get_by_role("button")).to_have_count(0)
    wall_item(ann, "The new app is great").get_by_role("button", name="Me too").click()
    bo.get_by_role("button", name="The wall has changed. Show the latest").click()
    wall_item(bo, "Nobody tells carers").get_by_role("button", name="Me too").click()
    expect(page.locator("#console-stage")).to_contain_text("Me too: 2")

    # The facilitator orders the wall by "me too": the quiet point comes first.
    page.get_by_role("button", name='Order the screen by "me too"').click()
    expect(cards.first).to_contain_text("Nobody tells carers what happened next")
    expect(cards.first).to_contain_text("Me too: 2")
    expect(page.locator("#console-stage")).to_contain_text(
        'The screen shows the most "me too" first.')

    # Taken back, it counts one less; the order follows.
    quiet.get_by_role("button", name="Me too").click()
    expect(quiet).not_to_contain_text('You said "me too"')
    expect(cards.first).to_contain_text("Me too: 1")
    # Offline, a "me too" waits on the phone and arrives once when it is back.
    app_card = cards.filter(has_text="The new app is great")
    expect(app_card).to_contain_text("Me too: 1")
    cy.context.set_offline(True)
    expect(cy.locator("#connection")).to_contain_text("You are offline")
    great = wall_item(cy, "The new app is great")
    great.get_by_role("button", name="Me too").click()
    expect(great).to_contain_text('Waiting to send your "me too"')
    cy.context.set_offline(False)
    expect(great).to_contain_text('You said "me too"')
    expect(app_card).to_contain_text("Me too: 2")

    # A reflection hidden meanwhile: the phone says plainly why its "me too" did not count.
    send(ann, "Meetings are too early")
    bo.get_by_role("button", name="The wall has changed. Show the latest").click()
    page.locator("#console-stage li").filter(has_text="Meetings are too early").get_by_role(
        "button", name=re.compile("^Hide")).click()
    expect(cards.filter(has_text="Meetings are too early")).to_have_count(0)
    early = wall_item(bo, "Meetings are too early")
    early.get_by_role("button", name="Me too").click()
    expect(early).to_contain_text("Not sent: That reflection is not on the wall.")

    # A screen that reloads keeps the order: now the app has two, the carers' point one.
    screen.reload()
    expect(screen.locator(".wall-card").first).to_contain_text("The new app is great")
    expect(screen.locator(".wall-card").first).to_contain_text("Me too: 2")
    expect(screen.locator("#room-bar")).to_be_visible()
    assert fits(screen, "#room-bar") and fits(screen, ".cloud")
    for each in (page, screen, ann, bo, cy):
        check_a11y(each)
