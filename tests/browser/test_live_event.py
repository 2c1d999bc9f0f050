"""A live event end to end: console, presenter screen and two phones in Chromium.

The facilitator moves through welcome, slides and reflection; the phones follow; reflections
reach the screen; a phone that goes offline keeps its reflection and sends it exactly once
when it is back; hostile text shows as text and runs nothing.
"""

import re

from playwright.sync_api import Page, expect

from tests.browser.helpers import check_a11y, join, login, text_cut_off

PLAN = "sessions/examples/co-production-open-space.toml"
XSS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"]
LONG = ("It felt like the council really wanted to hear from us this time, which has not always "
        "been the case over the years of going to meetings where nothing changed afterwards and "
        "we were never told what happened to what we said, so please tell us this time")


def send(phone: Page, text: str) -> None:
    phone.get_by_label("Your reflection").fill(text)
    phone.get_by_role("button", name="Send").click()


def show(console: Page, title: str) -> None:
    console.get_by_role("button", name=f"Show {title}", exact=True).click()


def fits_without_scrolling(screen: Page) -> bool:
    return screen.evaluate("() => document.documentElement.scrollHeight <= window.innerHeight"
                           " && document.documentElement.scrollWidth <= window.innerWidth")


def test_facilitator_runs_welcome_slides_and_reflection_with_two_phones(
        live_server, page, context, make_phone):
    url = live_server.url
    made = live_server.cli("event", "create", "--plan", PLAN, check=True)
    code = re.search(r"Join code: (\w+)", made.stdout).group(1)
    dialogs: list[str] = []

    login(page, live_server)
    page.goto(f"{url}/console/events/{code}")
    page.get_by_role("link", name="Run the event: screen, stages and phones").click()
    page.wait_for_url(re.compile(r"/run$"))
    expect(page.locator("#run-status")).to_contain_text("Connected")
    check_a11y(page)

    screen = context.new_page()
    screen.set_viewport_size({"width": 1280, "height": 720})
    screen.goto(f"{url}/screen/{code}")
    expect(screen.get_by_role("heading", name="We will start soon.").or_(
        screen.get_by_text("We will start soon."))).to_be_visible()
    expect(screen.locator(".join-corner")).to_contain_text(code)
    # The address may wrap before "/j/", so the join code itself is never split.
    expect(screen.locator("#join-url wbr")).to_have_count(1)
    check_a11y(screen)

    ann, bea = make_phone(), make_phone()
    for phone in (page, screen, ann, bea):
        phone.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    join(ann, url, code, "Ann")
    join(bea, url, code)

    # Welcome: the big QR code, the code and the count of people joined.
    show(page, "Welcome")
    expect(screen.locator("#joined-count")).to_have_text("People joined: 2")
    expect(screen.locator(".welcome-qr")).to_be_visible()
    expect(screen.locator(".join-url-big wbr")).to_have_count(1)
    for phone in (ann, bea):
        expect(phone.get_by_role("heading", name="Welcome")).to_be_visible()
    assert fits_without_scrolling(screen)
    check_a11y(screen)

    # Slides: the console and the screen's clicker move them; phones show the slide's text.
    show(page, "What co-production means")
    expect(screen.locator(".screen-slide h1")).to_have_text("What is co-production?")
    for phone in (ann, bea):
        expect(phone.locator(".slide-count")).to_have_text("Slide 1 of 4")
    page.get_by_role("button", name="Next slide").click()
    expect(screen.locator(".screen-slide h1")).to_have_text("Why it matters")
    screen.keyboard.press("ArrowRight")
    for phone in (ann, bea):
        expect(phone.locator(".slide-count")).to_have_text("Slide 3 of 4")
        expect(phone.locator(".slide-text h1")).to_have_text("The four principles")
    assert fits_without_scrolling(screen)
    check_a11y(ann)

    # Reflection: what a phone sends reaches the wall on the screen.
    show(page, "What did you hear?")
    question = "What is one thing from the talk that stays with you?"
    for phone in (ann, bea):
        expect(phone.locator("#question")).to_have_text(question)
    send(ann, "Being asked early really matters")
    expect(ann.locator("#sent-list")).to_contain_text("Being asked early really matters Sent")
    wall = screen.locator(".wall-card")
    expect(wall.filter(has_text="Being asked early really matters")).to_have_count(1)
    expect(page.locator("#console-stage")).to_contain_text("Being asked early really matters")

    # Hostile text is shown as text and runs nothing.
    for text in XSS:
        send(ann, text)
    for text in XSS:
        expect(wall.filter(has_text=text)).to_have_count(1)
    assert screen.locator(".wall img, .wall script").count() == 0
    expect(screen.locator(".cloud")).to_contain_text("onerror")

    # A phone goes offline, sends, comes back: the reflection arrives exactly once.
    bea.context.set_offline(True)
    expect(bea.locator("#connection")).to_contain_text("You are offline")
    send(bea, "Sent from a bad signal")
    expect(bea.locator("#sent-list")).to_contain_text("Waiting to send: you are offline")
    screen.wait_for_timeout(1000)
    expect(wall.filter(has_text="Sent from a bad signal")).to_have_count(0)
    bea.context.set_offline(False)
    expect(wall.filter(has_text="Sent from a bad signal")).to_have_count(1)
    expect(bea.locator("#sent-list")).to_contain_text("Sent from a bad signal Sent")
    bea.reload()
    expect(bea.locator("#sent-list li")).to_have_count(1)
    screen.reload()
    expect(wall.filter(has_text="Sent from a bad signal")).to_have_count(1)
    expect(page.locator("#console-stage .post-text").filter(
        has_text="Sent from a bad signal")).to_have_count(1)

    # A long reflection is cut after its last whole line, with "…", and no word of the cloud
    # is cut in half, on a 4:3 or a 16:9 projector.
    send(ann, LONG)
    expect(wall.filter(has_text=LONG)).to_have_count(1)
    for size in ({"width": 1024, "height": 768}, {"width": 1280, "height": 720}):
        screen.set_viewport_size(size)
        screen.wait_for_timeout(500)
        expect(wall.locator(".clamped")).not_to_have_count(0)
        assert text_cut_off(screen) == []
    assert fits_without_scrolling(screen)
    screen.set_viewport_size({"width": 1920, "height": 1080})
    assert fits_without_scrolling(screen)
    for each in (page, screen, ann, bea):
        check_a11y(each)
    assert dialogs == []


def test_facilitator_hides_a_reflection_and_it_leaves_the_screen(live_server, page, context,
                                                                  make_phone):
    url = live_server.url
    made = live_server.cli("event", "create", "--plan", PLAN, check=True)
    code = re.search(r"Join code: (\w+)", made.stdout).group(1)
    login(page, live_server)
    page.goto(f"{url}/console/events/{code}/run")
    screen = context.new_page()
    screen.goto(f"{url}/screen/{code}")
    phone = make_phone()
    join(phone, url, code)
    show(page, "What did you hear?")
    send(phone, "Something unkind")
    wall = screen.locator(".wall-card")
    expect(wall.filter(has_text="Something unkind")).to_have_count(1)

    # The button says which reflection it hides (the number the list shows), to a screen reader.
    stage_box = page.locator("#console-stage")
    stage_box.get_by_role("button", name="Hide reflection 1", exact=True).click()

    expect(wall.filter(has_text="Something unkind")).to_have_count(0)
    expect(page.locator("#console-stage")).to_contain_text("Hidden")
    page.get_by_role("button", name="Approve posts first").click()
    send(phone, "Check me first")
    expect(page.locator("#console-stage")).to_contain_text("Waiting for approval")
    expect(phone.locator("#sent-list")).to_contain_text("waiting for a facilitator")
    screen.wait_for_timeout(500)
    expect(wall.filter(has_text="Check me first")).to_have_count(0)
    page.locator("#console-stage").get_by_role("button", name="Approve").click()
    expect(wall.filter(has_text="Check me first")).to_have_count(1)

    # A card written at the back of the hall, typed in from the agenda's link: on the wall at
    # once (no approval needed: a facilitator typed it), marked as from paper on the console.
    page.get_by_role("link", name=re.compile(r"^Type in paper cards\W+What did you hear")).click()
    page.get_by_label("What the card says").fill("Written on a card")
    page.get_by_role("button", name="Save card").click()
    expect(page.locator("#paper-count")).to_have_text("1 card typed in so far.")
    expect(wall.filter(has_text="Written on a card")).to_have_count(1)
    page.get_by_role("link", name="Done: back to the run page").click()
    expect(page.locator("#console-stage")).to_contain_text("From a paper card")

    # The one-letter shortcuts (N: next stage) can be turned off, and on again (WCAG 2.1.4).
    page.get_by_text("Keyboard shortcuts").click()
    letters = page.get_by_label(re.compile("Let the N, P and L keys work"))
    letters.uncheck()
    page.locator("h1").click()
    page.keyboard.press("n")
    page.wait_for_timeout(500)
    expect(page.locator("#current-title")).to_have_text("What did you hear?")
    letters.check()
    page.locator("h1").click()
    page.keyboard.press("n")
    expect(page.locator("#current-title")).to_have_text("Open space")
    # The phone's focus was on the old stage's Send button: it moves to the new heading.
    expect(phone.get_by_role("heading", name="Open space")).to_be_focused()
    expect(phone.locator("#stage")).to_contain_text("Propose a topic")
    check_a11y(page)
    check_a11y(screen)
