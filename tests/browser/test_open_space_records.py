"""The open space's records end to end: a convener places their topic, phones add notes (one
an action with who will do it), the console sees them live and puts the newest on the screen;
the convener fills the session report on their phone and the console counts it; the book of
proceedings shows it all, is published to phones and prints to an A4 PDF of the right number
of pages; a book of 80 topics with notes opens and prints in time. axe-core checks the phone,
the report page, the console, the screen and the book."""

import re
import subprocess
import sys
import time

from playwright.sync_api import Page, expect

from tests.browser.conftest import REPO
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
    phone.get_by_label("Your topic", exact=True).fill(title)
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
    # The connection drops and the page reloads before it is sent: the phone kept it.
    phone.reload()
    expect(phone.locator("#draft-status")).to_contain_text("What you typed before it was saved")
    expect(phone.get_by_label("What was discussed")).to_have_value(
        "How carers can get a <b>break</b>")
    expect(phone.get_by_label("How many took part")).to_have_value("6")
    phone.get_by_label("Names of those who agreed to be named").fill("Ann, Bo")
    phone.get_by_label("Key points").fill("Nobody knows respite exists\nForms are long")
    phone.get_by_label("Recommendations").fill("One page of help")
    first = phone.locator("fieldset", has_text="Action 1")
    first.get_by_label("What will be done").fill("Write a one-page guide")
    first.get_by_label("Who leads it").fill("Ann")
    first.get_by_label(re.compile("By when")).fill("2027-01-31")
    phone.get_by_role("button", name="Save the report").click()
    expect(phone.locator(".flashes")).to_contain_text("Your report is saved")
    phone.go_back()
    phone.reload()   # sent: the draft is gone, the form holds the saved report
    expect(phone.locator("#draft-status")).to_be_hidden()
    expect(phone.get_by_label("How many took part")).to_have_value("6")
    phone.go_back()


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

    # The console's pages without the live board (axe-core runs on each as it opens).
    page.get_by_role("link", name="Reports, paper reports").click()
    expect(page.get_by_role("heading", name="Session reports")).to_be_visible()
    expect(page.locator("table")).to_contain_text("Written")
    check_a11y(page)
    page.get_by_role("link", name=re.compile("Change the report")).click()
    expect(page.get_by_label("What was discussed")).to_have_value(
        "How carers can get a <b>break</b>")
    check_a11y(page)
    page.get_by_label("How many took part").fill("7")
    page.get_by_role("button", name="Save the report").click()
    expect(page.locator(".flashes")).to_contain_text("marked from paper")
    page.get_by_role("link", name="Notes").click()
    expect(page.get_by_role("heading", name="Notes from the topics")).to_be_visible()
    page.get_by_label("Which topic is it from?").select_option(label=TOPIC)
    page.get_by_label("Question", exact=True).check()
    page.get_by_label("Your note", exact=True).fill("Who pays for cover?")
    page.get_by_role("button", name="Save note").click()
    expect(page.locator(".note-list")).to_contain_text("Who pays for cover?")
    expect(page.locator(".note-list")).to_contain_text("from paper")
    check_a11y(page)


def pdf_facts(path) -> tuple[int, str]:
    """The PDF's page count and its text, as poppler reads them."""
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    return pages, text


def test_the_book_of_proceedings_shows_everything_and_prints_on_a4(
        live_server, page, make_phone, tmp_path):
    url = live_server.url
    code = start(live_server, page, tmp_path)
    ann, bo = make_phone(), make_phone()
    join(ann, url, code, "Ann", waiting=False)
    join(bo, url, code, "Bo", waiting=False)
    propose_and_place(ann, TOPIC)
    bo.get_by_label("Your topic", exact=True).fill("Transport to meetings")
    bo.get_by_role("button", name="Propose this topic").click()
    expect(bo.get_by_label(re.compile("Place and time for"))).to_be_visible()
    bo.get_by_role("button", name="Put it there").click()
    add_note(bo, TOPIC, "Idea", "A carers' café on Fridays")
    add_note(ann, TOPIC, "Action", "Ask the council for a breaks fund", "Ann and Pat")
    expect(ann.locator("#my-notes")).to_contain_text("saved")
    fill_report(ann, TOPIC)

    page.goto(f"{url}/console/events/{code}/proceedings")
    book = page.locator("main")
    for words in ["What would make co-production real here?", TOPIC,
                  "How carers can get a <b>break</b>", "6 people took part.",
                  "Nobody knows respite exists", "Write a one-page guide",
                  "A carers' café on Fridays", "Ask the council for a breaks fund",
                  "Transport to meetings", "No report yet."]:
        expect(book).to_contain_text(words)
    page.get_by_role("button", name="Publish it to everyone who took part").click()
    expect(page.locator(".flashes")).to_contain_text("published")

    link = ann.get_by_role("link", name="Read the book of proceedings")
    expect(link).to_be_visible()
    link.click()
    expect(ann.get_by_role("heading", name=TOPIC)).to_be_visible()
    check_a11y(ann)
    assert not scrolls_sideways(ann)

    pdf = tmp_path / "proceedings.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    pages, text = pdf_facts(pdf)
    # The cover and board, one page for each of the two topics, the pledges.
    assert pages == 4, text
    for words in ["Book of proceedings", "Carers' breaks <b>now</b>", "Transport to meetings",
                  "Nobody knows respite exists", "A carers' café on Fridays",
                  "Ask the council for a breaks fund", "Pledges"]:
        assert words.casefold() in " ".join(text.split()).casefold(), words
    assert "Publish it" not in text and "Your events" not in text   # no navigation
    assert f"{url}/e/{code}/proceedings" in text   # the link written out


ADD_TOPICS = r"""
import sys
from facilitate import create_app
from facilitate.extensions import db
from facilitate.services import events
from facilitate.stages.open_space import notes, reports, service
app = create_app()
with app.app_context():
    event = events.find_event(sys.argv[1])
    stage = next(s for s in event.stages if s.kind == "open_space")
    for n in range(80):
        topic, _ = service.propose(event, None, f"topic-{n:03d}-id", stage.id,
                                   f"Topic number {n:02d}", name="Pat", source="paper")
        for m in range(6):
            notes.add(event, None, f"note-{n:03d}-{m}-id", topic.id, "point",
                      f"Note {m} of topic {n:02d}: " + "words " * 12, source="paper")
        reports.save(event, None, f"report-{n:03d}-id", topic.id,
                     {"discussed": f"What topic {n:02d} talked about", "key_points": "A\nB",
                      "actions": [{"what": "Follow it up", "owner": "Pat", "due": ""}]},
                     source="paper")
"""


def test_a_book_of_80_topics_with_notes_opens_and_prints_in_time(live_server, page, tmp_path):
    made = live_server.cli("event", "create", "--plan", write_plan(tmp_path), check=True)
    code = re.search(r"Join code: (\w+)", made.stdout).group(1)
    added = subprocess.run([sys.executable, "-c", ADD_TOPICS, code], env=live_server.env,
                           cwd=REPO, capture_output=True, text=True, timeout=120)
    assert added.returncode == 0, added.stderr[-3000:]
    login(page, live_server)

    started = time.monotonic()
    page.goto(f"{live_server.url}/console/events/{code}/proceedings")
    expect(page.get_by_role("heading", name="Topic number 79")).to_be_attached()
    pdf = tmp_path / "big.pdf"
    page.pdf(path=str(pdf), format="A4")
    took = time.monotonic() - started

    pages, text = pdf_facts(pdf)
    assert pages >= 81   # the cover and board, then a page (at least) for each topic
    assert "Note 5 of topic 79" in text and "What topic 00 talked about" in text
    assert took < 30, took
