"""The open space's records end to end: a convener places their topic, phones add notes (one
an action with who will do it), the console sees them live and puts the newest on the screen;
the convener fills the session report on their phone and the console counts it. axe-core
checks the phone, the report page, the console and the screen."""

import re

from playwright.sync_api import Page, expect

from tests.browser.helpers import check_a11y, join, login, scrolls_sideways
from tests.browser.test_open_space import write_plan

TOPIC = "Carers' breaks <b>now</b>"


def start(live_server, page: Page, tmp_path) -> str:
    made = live_server.cli("event", "create", "--plan", write_plan(tmp_path), check=True)
    code = re.search(r"Join code: (\w+)", made.stdout).group(1)
    login(page, live_server)
    page.goto(f"{live_server.url}/console/events/{code}/run")
    expect(page.locator("#run-status")).to_contain_text("Connected")
    page.get_by_role("button", name="Show Open space", exact=True).click()
    expect(page.locator("#arrange")).to_be_visible()
    return code


def propose_and_place(phone: Page, title: str) -> None:
    phone.get_by_label("Your topic").fill(title)
    phone.get_by_label("Show my name").check()
    phone.get_by_label("Your name as it will be shown").fill("Ann")
    phone.get_by_role("button", name="Propose this topic").click()
    place = phone.get_by_label(re.compile("Place and time for"))
    expect(place).to_be_visible()
    phone.get_by_role("button", name="Put it there").click()
    expect(phone.locator("#schedule-list")).not_to_contain_text("not on the board")


def add_note(phone: Page, title: str, kind: str, text: str, owner: str = "") -> None:
    phone.get_by_label("Which topic is it from?").select_option(label=title)
    phone.get_by_label(kind, exact=True).check()
    phone.get_by_label("Your note", exact=True).fill(text)
    if owner:
        phone.get_by_label(re.compile("who will do it")).fill(owner)
    phone.get_by_role("button", name="Add this note").click()


def test_phones_add_notes_that_reach_the_console_and_the_screen(
        live_server, page, context, make_phone, tmp_path):
    url = live_server.url
    code = start(live_server, page, tmp_path)
    screen = context.new_page()
    screen.set_viewport_size({"width": 1280, "height": 720})
    screen.goto(f"{url}/screen/{code}")
    expect(screen.locator(".board-grid")).to_be_visible()

    ann, bo = make_phone(), make_phone()
    join(ann, url, code, "Ann", waiting=False)
    join(bo, url, code, "", waiting=False)
    propose_and_place(ann, TOPIC)
    expect(bo.get_by_role("heading", name="Add a note from your topic")).to_be_visible()
    check_a11y(bo)

    add_note(bo, TOPIC, "Key point", "Nobody knows <i>respite</i> exists")
    add_note(ann, TOPIC, "Action", "Ask the council for a breaks fund", "Ann and Pat")
    expect(bo.locator("#my-notes")).to_contain_text("Nobody knows <i>respite</i> exists")
    expect(ann.locator("#my-notes")).to_contain_text("Ask the council for a breaks fund")
    expect(bo.get_by_label("Your note", exact=True)).to_have_value("")   # ready for the next note

    notes = page.locator("#console-notes")
    expect(notes).to_contain_text("Nobody knows <i>respite</i> exists")
    expect(notes).to_contain_text("who: Ann and Pat")
    check_a11y(page)

    page.get_by_role("button", name="Show the newest notes").click()
    wall = screen.locator(".notes-wall")
    expect(wall.locator(".note-card")).to_have_count(2)
    expect(wall).to_contain_text("Nobody knows <i>respite</i> exists")   # text, not markup
    assert screen.locator(".notes-wall i").count() == 0
    check_a11y(screen)

    # Hiding one takes it off the screen at once.
    page.locator("#console-notes li", has_text="respite").get_by_role("button", name="Hide")\
        .click()
    expect(wall.locator(".note-card")).to_have_count(1)
    page.get_by_role("button", name="Show no notes").click()
    expect(screen.locator(".board-grid")).to_be_visible()
    for phone in (ann, bo):
        assert not scrolls_sideways(phone)


def fill_report(phone: Page, title: str) -> None:
    phone.get_by_role("link", name=re.compile(f"Write the report.*{re.escape(title[:10])}"))\
        .click()
    expect(phone.get_by_role("heading", name=re.compile("Report:"))).to_be_visible()
    check_a11y(phone)
    phone.get_by_label("What was discussed").fill("How carers can get a <b>break</b>")
    phone.get_by_label("How many took part").fill("6")
    phone.get_by_label("Names of those who agreed to be named").fill("Ann, Bo")
    phone.get_by_label("Key points").fill("Nobody knows respite exists\nForms are long")
    phone.get_by_label("Recommendations").fill("One page of help")
    first = phone.locator("fieldset", has_text="Action 1")
    first.get_by_label("What will be done").fill("Write a one-page guide")
    first.get_by_label("Who leads it").fill("Ann")
    first.get_by_label(re.compile("By when")).fill("2027-01-31")
    phone.get_by_role("button", name="Save the report").click()
    expect(phone.locator(".flashes")).to_contain_text("Your report is saved")


def test_the_convener_fills_the_report_and_the_console_counts_it(
        live_server, page, make_phone, tmp_path):
    code = start(live_server, page, tmp_path)
    ann = make_phone()
    join(ann, live_server.url, code, "Ann", waiting=False)
    propose_and_place(ann, TOPIC)
    expect(page.locator(".reports-console")).to_contain_text("Reports written: 0 of 1 topics")

    fill_report(ann, TOPIC)

    expect(page.locator(".reports-console")).to_contain_text("Reports written: 1 of 1 topics")
    page.get_by_role("button", name="Close reports").click()
    expect(ann.get_by_role("link", name=re.compile("Write the report"))).to_have_count(0)
    expect(ann.get_by_role("heading", name="Add a note from your topic")).to_have_count(0)
    check_a11y(page)
